"""RTF: lines, Unicode escapes and code-page escapes."""

from __future__ import annotations

from pathlib import Path

from tests.support.docbuilders import (
    extract_file,
    make_rtf,
    where,
)


def test_rtf_lines_and_unicode(tmp_path: Path) -> None:
    kind, units = extract_file(make_rtf(tmp_path / "note.rtf", ["Zugang VPN", "Kennwort: Müller€{1}"]))
    assert kind == "rtf"
    assert where(units, "Kennwort: Müller€{1}") == {"line": 2}


def test_rtf_code_page_escapes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.rtf"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg1251\\deff0 \\'cf\\'e0\\'f0\\'ee\\'eb\\'fc: x1\\par}")
    _, units = extract_file(path)
    assert units[0].text.strip() == "Пароль: x1"  # type: ignore[attr-defined]
