"""Overlapping-entry zips (the "better zip bomb": many central-directory entries sharing one compressed
stream) are rejected from the central directory, before anything is inflated (issue 14, item 17)."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

from credscan.extract.zipguard import overlapping_members
from tests.support.docbuilders import make_docx, make_xlsx, make_zip

ENTRIES = 60
INFLATED = 8 << 20


def overlapping_zip() -> bytes:
    """One local file (8 MB of zeros, deflated) and ENTRIES central-directory entries that all point at
    it: under every per-member ratio and total-size cap, yet it inflates 480 MB."""
    raw = b"\0" * INFLATED
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(raw) + packer.flush()
    crc = zlib.crc32(raw)
    name = b"zeros.bin"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), len(raw), len(name), 0)
    body = local + name + data
    central = b""
    for _ in range(ENTRIES):
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), len(raw), len(name),
            0, 0, 0, 0, 0, 0,
        ) + name  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, ENTRIES, ENTRIES, len(central), len(body), 0)
    return body + central + end


def test_overlapping_entries_are_detected_from_the_central_directory() -> None:
    data = overlapping_zip()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        assert len(members) == ENTRIES and sum(m.file_size for m in members) < 512 << 20
        assert overlapping_members(members)


def test_ordinary_zips_do_not_overlap(tmp_path: Path) -> None:
    for path in (
        make_zip(tmp_path / "a.zip", {f"d/{n}.txt": os.urandom(500) for n in range(30)}),
        make_docx(tmp_path / "b.docx", ["Firewall", "Password: x"]),
        make_xlsx(tmp_path / "c.xlsx", {"S": [["a", "b"]] * 20}),
    ):
        with zipfile.ZipFile(path) as archive:
            assert not overlapping_members(archive.infolist()), path


def test_scan_rejects_it_up_front(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "bomb.zip").write_bytes(overlapping_zip())
    (share / "ok.txt").write_text("Password: Zq7-Beside-Overlap-3!\n")
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(tmp_path / "s")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    errors = {Path(e["path"]).name: e["error"] for e in report["stats"]["errors"]}
    assert "overlap" in errors["bomb.zip"]
    assert report["stats"]["bytes_scanned"] < INFLATED
    assert time.monotonic() - started < 60
