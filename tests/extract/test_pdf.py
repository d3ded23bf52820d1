"""PDF text: pages and lines with their locations, the page cap, password-protected versus owner-only
protected files, corrupt files."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.pdf import PdfExtractor
from credscan.limits import LimitExceeded, Limits
from tests.support.docbuilders import (
    extract_file,
    make_pdf,
    where,
)


def test_pdf_pages_and_lines(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "handover.pdf", [["Handover notes", "nothing"], ["Server: dc01", "Password: Pdf!Secret3"]]
    )
    kind, units = extract_file(path)
    assert kind == "pdf"
    assert [unit.location for unit in units] == [{"page": 1}, {"page": 2}]  # type: ignore[attr-defined]
    assert where(units, "Pdf!Secret3") == {"page": 2, "line": 2}


def test_pdf_max_pages_yields_then_raises(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", [[f"page {n}"] for n in range(1, 6)])
    got: list[object] = []
    ctx = ExtractContext(str(path), path.name, "pdf", 0, limits=Limits(max_pages=3))
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_pages"):
        got.extend(PdfExtractor().extract(stream, ctx))
    assert [unit.location["page"] for unit in got] == [1, 2, 3]  # type: ignore[attr-defined]


def test_password_pdf_is_encrypted_but_owner_only_pdf_is_read(tmp_path: Path) -> None:
    with pytest.raises(Encrypted):
        extract_file(make_pdf(tmp_path / "locked.pdf", [["secret"]], user_password="open-me"))
    _, units = extract_file(make_pdf(tmp_path / "perm.pdf", [["Password: Perm1ssion"]], owner_password="own"))
    assert where(units, "Perm1ssion") == {"page": 1, "line": 1}


def test_corrupt_pdf_is_an_extract_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(ExtractError):
        extract_file(broken)
