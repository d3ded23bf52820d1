"""File typing by content: renamed files, OOXML by members, encrypted Office, text vs CSV, no libmagic."""

from __future__ import annotations

import io
import logging
import sqlite3
from pathlib import Path

import pytest

from credscan import filetype
from credscan.filetype import HEAD_BYTES, detect_kind, read_head
from tests.support.docbuilders import (
    make_csv,
    make_docx,
    make_eml,
    make_encrypted_office,
    make_msg,
    make_ods,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xlsx,
    make_zip,
)


def kind_of(path: Path, name: str | None = None) -> str:
    with path.open("rb") as stream:
        return detect_kind(stream, name or path.name)


@pytest.fixture(params=["magic", "no-magic"])
def magic_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every typing test runs with libmagic and with the fallback used when libmagic is missing."""
    monkeypatch.setattr(filetype, "_magic_state", {})
    if request.param == "no-magic":
        monkeypatch.setattr(filetype, "_load_magic", lambda: None)
    return str(request.param)


@pytest.mark.parametrize("name", ["Passwords.xlsx", "passwords.xlsx.bak", "export.dat", "noextension"])
def test_xlsx_is_typed_by_content_whatever_its_name(tmp_path: Path, magic_mode: str, name: str) -> None:
    path = make_xlsx(tmp_path / name, {"S": [["User", "Password"], ["a", "b"]]})
    assert kind_of(path) == "xlsx"


def test_office_formats_by_zip_members(tmp_path: Path, magic_mode: str) -> None:
    assert kind_of(make_docx(tmp_path / "doc.bin", ["x"])) == "docx"
    assert kind_of(make_pptx(tmp_path / "deck.zip", [(["x"], None)])) == "pptx"
    assert kind_of(make_ods(tmp_path / "calc.xlsx", {"S": [["x"]]})) == "ods"
    assert kind_of(make_zip(tmp_path / "plain.docx", {"word/readme.txt": b"x"})) == "zip"
    assert kind_of(make_zip(tmp_path / "a.zip", {"a.txt": b"x"})) == "zip"


def test_signatures(tmp_path: Path, magic_mode: str) -> None:
    assert kind_of(make_pdf(tmp_path / "scan.txt", [["hello"]])) == "pdf"
    assert kind_of(make_rtf(tmp_path / "note.doc", ["hello"])) == "rtf"
    kdbx = tmp_path / "vault.bin"
    kdbx.write_bytes(bytes.fromhex("03d9a29a67fb4bb5") + b"\x00" * 200)
    assert kind_of(kdbx) == "kdbx"
    db = tmp_path / "Login Data"
    with sqlite3.connect(db) as connection:
        connection.execute("create table logins (origin_url text, password_value blob)")
    assert kind_of(db) == "sqlite"


def test_encrypted_office_is_its_own_kind(tmp_path: Path, magic_mode: str) -> None:
    plain = make_docx(tmp_path / "plain.docx", ["Password: x"])
    assert kind_of(make_encrypted_office(plain, tmp_path / "locked.docx")) == "office-encrypted"
    book = make_xlsx(tmp_path / "plain.xlsx", {"S": [["x"]]})
    assert kind_of(make_encrypted_office(book, tmp_path / "locked.xlsx")) == "office-encrypted"


def test_outlook_msg_by_its_streams(tmp_path: Path, magic_mode: str) -> None:
    assert kind_of(make_msg(tmp_path / "saved.dat", "Subject", "Body")) == "msg"


def test_text_csv_and_mail(tmp_path: Path, magic_mode: str) -> None:
    rows = [["url", "username", "password"], ["https://a", "bob", "pw1"], ["https://b", "eve", "pw2"]]
    assert kind_of(make_csv(tmp_path / "export.csv", rows)) == "csv"
    assert kind_of(make_csv(tmp_path / "export.tsv", rows, delimiter="\t")) == "tsv"
    assert kind_of(make_csv(tmp_path / "export.txt", rows, delimiter=";")) == "csv"  # sniffed
    assert kind_of(make_csv(tmp_path / "tabbed", rows, delimiter="\t")) == "tsv"
    # a known text format is never re-typed as CSV, even when its lines have commas
    assert kind_of(make_csv(tmp_path / "settings.ini", rows)) == "text"
    prose = "I wrote the password down, as usual.\nThe server, as always, is down.\n"
    assert kind_of(make_text(tmp_path / "notes.txt", prose)) == "text"
    assert kind_of(make_text(tmp_path / "unattend.xml", "<?xml version='1.0'?><unattend/>")) == "text"
    assert kind_of(make_text(tmp_path / ".env", "DB_PASSWORD=hunter2\n")) == "text"
    assert kind_of(make_eml(tmp_path / "reset.eml", "Your password", "It is x")) == "eml"
    assert kind_of(make_eml(tmp_path / "saved-mail", "Your password", "It is x")) == "eml"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252"])
def test_text_in_any_encoding_is_text(tmp_path: Path, magic_mode: str, encoding: str) -> None:
    path = make_text(tmp_path / "creds.txt", "Kennwort: Müller€\r\nBenutzer: admin\r\n" * 20, encoding)
    assert kind_of(path) == "text"


def test_binary_and_empty(tmp_path: Path, magic_mode: str) -> None:
    blob = tmp_path / "logo.bin"
    blob.write_bytes(b"\x00\x01GARBAGE" + bytes(range(256)) * 10)
    assert kind_of(blob) == "binary"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert kind_of(empty) == "text"


def test_corrupt_office_file_falls_back_to_its_extension(tmp_path: Path, magic_mode: str) -> None:
    """A truncated xlsx is still sent to the spreadsheet extractor, which reports it as corrupt."""
    good = make_xlsx(tmp_path / "good.xlsx", {"S": [["x"] * 50] * 50})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    assert kind_of(broken) == "xlsx"


def test_stream_position_is_restored_and_head_is_bounded(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "a.xlsx", {"S": [["x"]]})
    stream = io.BytesIO(path.read_bytes() + b"\0" * HEAD_BYTES)
    stream.seek(17)
    assert detect_kind(stream, "a.xlsx") == "xlsx"
    assert stream.tell() == 17
    assert len(read_head(stream)) == HEAD_BYTES
    assert stream.tell() == 17


def test_missing_libmagic_warns_once_with_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_magic(name: str, *args: object, **kwargs: object) -> object:
        if name == "magic":
            raise ImportError("failed to find libmagic.  Check your installation")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_magic)
    monkeypatch.setattr(filetype, "_magic_state", {})
    path = make_text(tmp_path / "a.txt", "hello\n")
    with caplog.at_level(logging.WARNING, logger="credscan.filetype"):
        for _ in range(3):
            assert kind_of(path) == "text"
    warnings = [r for r in caplog.records if "libmagic" in r.getMessage()]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "apt-get install libmagic1" in message
    assert "brew install libmagic" in message
    assert "python-magic-bin" in message


def test_every_format_line_types_its_files_by_prefix_and_by_extension() -> None:
    """credscan.extract.registry.FORMATS is where a kind's signs are written: each prefix types a file that
    starts with it, and each extension types a file whose content says nothing (the typer has no table of
    its own to forget)."""
    from credscan.extract.registry import FORMATS

    junk = bytes([0x00, 0x9F, 0x13, 0x88, 0xFE]) * 400
    for fmt in FORMATS:
        for prefix in fmt.prefixes:
            assert detect_kind(io.BytesIO(prefix + junk), "renamed.bin") == fmt.kind, (fmt.kind, prefix)
        for extension in fmt.extensions:
            assert detect_kind(io.BytesIO(junk), f"file{extension}") == fmt.kind, (fmt.kind, extension)
    members = [fmt.zip_member for fmt in FORMATS if fmt.zip_member]
    assert members.index("xl/workbook.bin") < members.index("xl/")  # the more specific prefix first
