"""`credscan rules explain`: for each rule past the prefilter, what it matched, the value (masked), and the
validator or filter that took or rejected it, for a file (optionally one line or cell) or a text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from credscan.detect.filters import FILTERS, FilterInput
from credscan.detect.validators import VALIDATORS
from tests.support.docbuilders import make_xlsx, make_zip


def explain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", "rules", "explain", *args],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def test_a_code_file_says_which_value_is_a_literal(tmp_path: Path) -> None:
    script = tmp_path / "client.py"
    script.write_text('password = unquote(password)\nconn = connect(password="Wint3r!Pass42")\n')
    done = explain(str(script))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "syntax: code" in out and "rules past the prefilter" in out
    assert "rejected by code_expression: a function call, not a literal" in out
    assert "REPORTED line=2 config.password-assignment" in out
    assert "Wint3r!Pass42" not in out and "unquote(password)" not in out  # values masked


def test_line_filter_and_show_secrets(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Pin: release a=stable\nPasswort: Xk9#mQ2p-77\n")
    one = explain(str(notes), "--line", "1").stdout
    assert "rejected by numeric_label" in one and "line=2" not in one
    shown = explain(str(notes), "--line", "2", "--show-secrets").stdout
    assert "'Xk9#mQ2p-77'" in shown and "accepted" in shown


def test_markup_is_explained_on_its_visible_text() -> None:
    """XML read as text (an .html page goes to the HTML reader, which yields its visible text itself)."""
    out = explain("--text", "<li>Don&apos;t pass first &lt;xsl:sort&gt;</li>", "--name", "news.xml").stdout
    assert "syntax: markup" in out
    assert "[visible text]" in out and "rejected by verb_sense" in out


def test_a_sheet_cell(tmp_path: Path) -> None:
    book = tmp_path / "Logins.xlsx"
    make_xlsx(book, {"Logins": [["User", "Password"], ["admin", "Lk!Xlsx-7f3a91"], ["jdoe", "Qw#12-zz"]]})
    out = explain(str(book), "--cell", "B3").stdout
    assert "REPORTED" in out and "B3" in out and "B2" not in out
    assert "Lk!Xlsx-7f3a91" not in out and "Qw#12-zz" not in out


def test_usage_errors_are_one_line() -> None:
    done = explain()
    assert done.returncode == 2 and "FILE or --text" in done.stderr and "Traceback" not in done.stderr
    missing = explain("/nonexistent/file.txt")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_every_validator_and_filter_names_itself_and_gives_a_reason() -> None:
    for name, check in VALIDATORS.items():
        verdict = check("")
        assert verdict.name in (name, "looks_like_password", "looks_like_prose_password") or verdict.holds
        if not verdict.holds:
            assert verdict.reason, name
    item = FilterInput(secret="release", line="Pin: release a=stable", prefix="", file_name="preferences",
                       at=5, end=12, label="Pin: ")  # fmt: skip
    verdicts = {name: check(item) for name, check in FILTERS.items()}
    assert verdicts["numeric_label"].holds and verdicts["numeric_label"].reason
    assert all(v.name == name for name, v in verdicts.items())


def test_an_archive_is_explained_member_by_member_and_a_skipped_one_says_why(tmp_path: Path) -> None:
    """A zip or a .gz is explained under its members' paths; a member nested deeper than a scan reads (a
    scan lists it as an error) is one line saying so, no traceback."""
    import gzip

    archive = make_zip(tmp_path / "backup.zip", {"notes.txt": b"Password: Zip!Pw-5521\n"})
    done = explain(str(archive))
    assert done.returncode == 0, done.stderr
    assert "backup.zip!notes.txt" in done.stdout and "REPORTED" in done.stdout
    assert "Zip!Pw-5521" not in done.stdout and "Traceback" not in done.stderr
    compressed = tmp_path / "notes.txt.gz"
    compressed.write_bytes(gzip.compress(b"Password: Gz!Pw-5521\n"))
    done = explain(str(compressed))
    assert done.returncode == 0, done.stderr
    assert "notes.txt.gz!notes.txt" in done.stdout and "REPORTED" in done.stdout
    assert "Gz!Pw-5521" not in done.stdout and "Traceback" not in done.stderr
    nested = b"Password: Deep!Pw-5521\n"
    for depth in range(5):
        nested = make_zip(tmp_path / f"level{depth}.zip", {f"level{depth}": nested}).read_bytes()
    done = explain(str(tmp_path / "level4.zip"))
    assert done.returncode == 0, done.stderr
    assert "not read (nested too deep)" in done.stdout and "REPORTED" not in done.stdout
