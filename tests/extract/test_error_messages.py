"""Extractor errors never quote document content (issue 14, item 11): a boolean cell holding a password
("Unrecognized boolean cell value: …") and an undefined entity named like one ("Entity '…' not defined")
become errors that carry the exception type and a fixed description only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from credscan.extract.interface import error_line
from tests.support.docbuilders import make_docx, make_xlsx

SECRET = "Zq7-ErrQuote-44x"


def rewrite(source: Path, target: Path, member: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member:
                assert old in data
                data = data.replace(old, new, 1)
            zout.writestr(info, data)
    return target


def test_parser_messages_never_reach_the_errors(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [["x", "placeholder"]]})
    rewrite(book, share / "bool.xlsx", "xl/worksheets/sheet1.xml", b't="inlineStr"', b't="b"')
    sheet = zipfile.ZipFile(share / "bool.xlsx").read("xl/worksheets/sheet1.xml")
    rewrite(
        share / "bool.xlsx",
        share / "bool2.xlsx",
        "xl/worksheets/sheet1.xml",
        sheet,
        sheet.replace(b"x", SECRET.encode(), 1),
    )
    doc = make_docx(tmp_path / "src.docx", ["hello"])
    rewrite(
        doc, share / "entity.docx", "word/document.xml", b"hello", f"&{SECRET.replace('-', '')};".encode()
    )
    (share / "bad.csv").write_bytes(b'a,"b\x00' + SECRET.encode() + b'"\n')
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert report["stats"]["errors"], "no parser failed: the test proves nothing"
    for needle in (SECRET, SECRET.replace("-", ""), "ErrQuote"):
        assert needle not in done.stdout + done.stderr


def test_error_line_is_type_and_fixed_description() -> None:
    assert (
        error_line(ValueError(f"Unrecognized boolean cell value: {SECRET}"))
        == "an unexpected value (ValueError)"
    )
    assert SECRET not in error_line(KeyError(SECRET))
    assert error_line(type("Strange", (Exception,), {})(SECRET)) == "Strange"
