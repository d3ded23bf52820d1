"""Access databases (.mdb Jet 4, .accdb ACE) read through mdbtools: every table as a Table (header ->
column), memo fields, the Jet database password, and hostile files. The databases are written by
tests/support/accessbuilders.py. ~11 s (one mdb-tables and one mdb-export per table; one CLI scan)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from credscan.extract import access
from credscan.extract.interface import ExtractError
from credscan.limits import DEFAULT_LIMITS
from tests.support.accessbuilders import PAGE, make_access
from tests.support.scanning import found, scan_file

pytestmark = pytest.mark.skipif(shutil.which("mdb-export") is None, reason="mdbtools not installed")

LOGINS = (
    ["Site", "User", "Password"],
    [
        ["Contoso RDP", "administrator", "Xk9#mPq2!vL"],
        ["Fabrikam firewall", "admin", "Fw-Adm1n$2019"],
        ["Northwind NAS", "root", None],
    ],
)
NOTES = (["Client", "Notes"], [["Contoso", "Called Tuesday.\nVPN password is Tr4vel-Light#42 until March."]])
DB_PASSWORD = "Cl1ents!Db"


@pytest.mark.parametrize(("name", "version"), [("clients.mdb", "jet4"), ("clients.accdb", "ace12")])
def test_password_column_of_a_logins_table(tmp_path: Path, name: str, version: str) -> None:
    result = scan_file(make_access(tmp_path / name, {"Logins": LOGINS}, version=version))
    assert result.error is None and result.skipped is None
    secrets = found(result)
    assert secrets["Xk9#mPq2!vL"] == {"table": "Logins", "row": 2, "column": 3}
    assert secrets["Fw-Adm1n$2019"] == {"table": "Logins", "row": 3, "column": 3}
    assert len(result.findings) == 2  # the empty (NULL) password is no finding
    account = next(f for f in result.findings if f.secret == "Xk9#mPq2!vL")
    assert "administrator" in json.dumps(account.account)


def test_password_in_a_memo_field_and_every_table_is_read(tmp_path: Path) -> None:
    path = make_access(tmp_path / "crm.mdb", {"Logins": LOGINS, "Notes": NOTES}, memo_columns=["Notes"])
    secrets = found(scan_file(path))
    assert secrets["Tr4vel-Light#42"] == {"table": "Notes", "row": 2, "column": 2}
    assert "Xk9#mPq2!vL" in secrets


def test_a_table_mdbtools_cannot_export_costs_only_itself(tmp_path: Path) -> None:
    """mdb-export's option parser takes a table named "-b" for an option (even after "--"): that table is
    counted as unread, the others are read."""
    path = make_access(tmp_path / "odd.mdb", {"-b": LOGINS, "Client Logins (old)": LOGINS})
    result = scan_file(path)
    assert {location["table"] for location in found(result).values()} == {"Client Logins (old)"}
    assert result.error is not None and result.error.error == (
        "unreadable Access database (1 of 2 tables could not be read)"
    )


def test_jet_database_password_is_read_and_reported(tmp_path: Path) -> None:
    """A Jet database password encrypts nothing: the tables are read, and the password, which anyone holding
    the file recovers from the header, is a finding of its own."""
    path = make_access(tmp_path / "protected.mdb", {"Logins": LOGINS}, password=DB_PASSWORD)
    result = scan_file(path)
    assert result.error is None
    secrets = found(result)
    assert secrets[DB_PASSWORD] == {"part": "database password"}
    assert "Xk9#mPq2!vL" in secrets


def test_header_reader_tells_engine_password_and_encoding(tmp_path: Path) -> None:
    plain = make_access(tmp_path / "a.mdb", {"T": LOGINS}).read_bytes()
    header = access.read_header(plain[: access.HEADER_BYTES])
    assert (header.engine, header.version, header.encoded, header.password) == ("Jet", 1, False, "")
    protected = make_access(tmp_path / "b.mdb", {"T": LOGINS}, password="pässwörd-20-chars-xx")
    assert access.read_header(protected.read_bytes()[:4096]).password == "pässwörd-20-chars-xx"
    ace = make_access(tmp_path / "c.accdb", {"T": LOGINS}, version="ace14", db_key=0x1234)
    header = access.read_header(ace.read_bytes()[:4096])
    assert (header.engine, header.encoded) == ("ACE", True)


def test_encrypted_accdb_is_skipped_as_encrypted(tmp_path: Path) -> None:
    result = scan_file(
        make_access(tmp_path / "locked.accdb", {"Logins": LOGINS}, version="ace14", db_key=0x5A5A)
    )
    assert result.skipped is not None and result.skipped.reason == "encrypted"
    assert not result.findings


def test_truncated_databases_are_one_line_errors(tmp_path: Path) -> None:
    """Every cut is reported (mdbtools exits 0 on missing pages and says so only on stderr);
    the tables before the cut are still scanned."""
    whole = make_access(tmp_path / "whole.mdb", {"Logins": LOGINS, "Notes": NOTES}).read_bytes()
    outcomes = {}
    for cut in (60, 200, PAGE + 10, 3 * PAGE, 6 * PAGE, len(whole) - 1000):
        path = tmp_path / f"cut{cut}.mdb"
        path.write_bytes(whole[:cut])
        result = scan_file(path)
        assert result.skipped is None and result.error is not None, cut
        outcomes[cut] = (result.error.error, "Xk9#mPq2!vL" in found(result))
    assert outcomes[60] == ("truncated Access database (header page)", False)
    assert outcomes[PAGE + 10][0].startswith("unreadable Access database")
    cut_notes = "damaged Access database (pages missing or out of place; what could be read was scanned)"
    assert outcomes[6 * PAGE] == (cut_notes, True)  # Logins read, the Notes pages are gone
    assert all("\n" not in error for error, _ in outcomes.values())


def test_huge_declared_row_counts_cost_nothing(tmp_path: Path) -> None:
    """The table definition's row count is a claim; rows are read from the pages that exist."""
    path = make_access(tmp_path / "liar.mdb", {"Logins": LOGINS}, declared_rows=2**31 - 1)
    result = scan_file(path)
    assert result.error is None and "Xk9#mPq2!vL" in found(result)


def test_garbage_catalog_is_an_error_not_a_crash(tmp_path: Path) -> None:
    data = bytearray(make_access(tmp_path / "a.mdb", {"Logins": LOGINS}).read_bytes())
    data[2 * PAGE + 8 : 3 * PAGE] = os.urandom(PAGE - 8)
    (tmp_path / "a.mdb").write_bytes(bytes(data))
    result = scan_file(tmp_path / "a.mdb")
    assert result.error is not None and result.error.error.startswith("unreadable Access database")


def test_file_named_mdb_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "backup.mdb"
    path.write_bytes(b"\x00\x01\x02\x03" + os.urandom(5000))
    result = scan_file(path)
    assert result.error is not None and result.error.error == "not an Access database (no Jet/ACE signature)"


def test_other_binary_files_still_say_why_they_were_skipped(tmp_path: Path) -> None:
    path = tmp_path / "firmware.bin"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + os.urandom(5000))
    result = scan_file(path)
    assert result.skipped is not None and result.skipped.reason == "no text (binary)"


def test_max_cells_caps_a_database_after_what_it_read(tmp_path: Path) -> None:
    path = make_access(tmp_path / "big.mdb", {"Logins": LOGINS, "Notes": NOTES}, memo_columns=["Notes"])
    result = scan_file(path, replace(DEFAULT_LIMITS, max_cells=10))
    assert "Xk9#mPq2!vL" in found(result) and "Tr4vel-Light#42" not in found(result)
    assert result.error is not None and "max_cells" in result.error.error


def test_export_output_is_capped_by_max_text_bytes(tmp_path: Path) -> None:
    rows = [[f"site-{n:04d}", "admin", f"Pw-{n:04d}-Xq#7"] for n in range(400)]
    path = make_access(tmp_path / "many.mdb", {"Logins": (["Site", "User", "Password"], rows)})
    result = scan_file(path, replace(DEFAULT_LIMITS, max_text_bytes=4096))
    assert result.error is not None and "max_text_bytes" in result.error.error
    secrets = found(result)
    assert "Pw-0000-Xq#7" in secrets and "Pw-0399-Xq#7" not in secrets


def test_without_mdbtools_the_database_is_skipped_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_access(tmp_path / "clients.mdb", {"Logins": LOGINS})
    monkeypatch.setattr(access.shutil, "which", lambda _name: None)
    result = scan_file(path)
    assert result.skipped is not None and "apt install mdbtools" in result.skipped.reason


def test_read_header_refuses_short_and_foreign_heads() -> None:
    with pytest.raises(ExtractError, match="no Jet/ACE signature"):
        access.read_header(b"PK\x03\x04" + bytes(300))
    with pytest.raises(ExtractError, match="truncated"):
        access.read_header(b"\x00\x01\x00\x00Standard Jet DB\x00\x01")


def test_cli_scan_of_a_share_with_databases_keeps_stderr_clean(tmp_path: Path) -> None:
    """mdbtools' own messages (they may quote the file) never reach the terminal."""
    share = tmp_path / "share"
    share.mkdir()
    make_access(share / "clients.mdb", {"Logins": LOGINS})
    whole = make_access(tmp_path / "x.mdb", {"Logins": LOGINS}).read_bytes()
    (share / "broken.mdb").write_bytes(whole[: 3 * PAGE + 100])
    (share / "firmware.bin").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20)
    result = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "CREDSCAN_NO_KEYRING": "1"},
    )  # fmt: skip
    assert result.stderr == "", result.stderr
    report = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in report["findings"]} == {"clients.mdb"}
    skipped = {Path(s["path"]).name: s["reason"] for s in report["stats"]["skipped"]}
    assert skipped.get("firmware.bin") == "no text (binary)"
    assert "Xk9#mPq2!vL" not in result.stdout  # redacted unless --show-secrets


def test_jet3_header_password_is_read_without_the_date_mask() -> None:
    """Access 97 (Jet 3): 2 KiB pages, a 126-byte RC4 block, a 20-byte cp1252 password with no extra mask."""
    from tests.support.accessbuilders import HEADER_KEY, rc4

    plain = bytearray(126)
    plain[0x42 - 0x18 : 0x42 - 0x18 + 9] = "Kündin97!".encode("cp1252")
    head = (
        b"\x00\x01\x00\x00Standard Jet DB\x00"
        + bytes([0, 0, 0, 0])
        + rc4(HEADER_KEY, bytes(plain))
        + bytes(4)
    )
    header = access.read_header(head)
    assert (header.engine, header.version, header.password, header.page_size) == ("Jet", 0, "Kündin97!", 2048)


def test_database_inside_a_zip(tmp_path: Path) -> None:
    """An archive member reaches mdbtools from memory like a file on disk."""
    from tests.support.docbuilders import make_zip

    database = make_access(tmp_path / "clients.mdb", {"Logins": LOGINS}).read_bytes()
    result = scan_file(make_zip(tmp_path / "backup.zip", {"old/clients.mdb": database}))
    assert {f.path for f in result.findings} == {f"{tmp_path / 'backup.zip'}!old/clients.mdb"}
    assert found(result)["Xk9#mPq2!vL"] == {"table": "Logins", "row": 2, "column": 3}
