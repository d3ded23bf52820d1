"""zip archives: members as Embedded, encrypted members skipped one by one, bombs and caps."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from credscan.extract.archive import ArchiveExtractor
from credscan.extract.interface import ExtractContext, ExtractError
from credscan.limits import LimitExceeded, Limits
from credscan.model import Embedded
from tests.support.docbuilders import extract_file, make_zip, make_zip_bomb


def members(path: Path, limits: Limits | None = None) -> list[Embedded]:
    kind, units = extract_file(path, limits)
    assert kind == "zip"
    assert all(isinstance(unit, Embedded) for unit in units)
    return units  # type: ignore[return-value]


def test_members_become_embedded_files(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "backup.zip", {"cfg/unattend.xml": b"<x/>", "notes.txt": b"Password: x", "dir/": b""}
    )
    got = members(path)
    assert [(m.name, m.data, m.skipped) for m in got] == [
        ("cfg/unattend.xml", b"<x/>", None),
        ("notes.txt", b"Password: x", None),
    ]


def test_encrypted_member_is_skipped_not_the_archive(tmp_path: Path) -> None:
    """ZipCrypto flag on one member (zipfile cannot write encrypted zips, so the flag is patched)."""
    path = make_zip(
        tmp_path / "mixed.zip", {"locked.txt": b"secret", "open.txt": b"Password: y"}, zipfile.ZIP_STORED
    )
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)  # the first local header and first central entry: locked.txt
        data[position + flag_offset] |= 0x1
    path.write_bytes(bytes(data))
    got = members(path)
    assert got[0].name == "locked.txt" and got[0].skipped == "encrypted" and got[0].data == b""
    assert got[1].name == "open.txt" and got[1].data == b"Password: y" and got[1].skipped is None


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = make_zip_bomb(tmp_path / "bomb.zip", members=3, member_mib=20)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(LimitExceeded, match="ratio"):
        members(bomb)
    with pytest.raises(LimitExceeded, match="max_inflated_bytes"):
        members(bomb, Limits(max_inflated_bytes=10 * 1024 * 1024))


def test_too_many_members(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", {f"f{i}.txt": b"x" for i in range(30)})
    with pytest.raises(LimitExceeded, match="max_members"):
        members(path, Limits(max_members=20))


def test_member_over_max_file_size_is_skipped(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "big.zip", {"big.bin": b"y" * 5000, "small.txt": b"ok"})
    got = members(path, Limits(max_file_size=1000))
    assert (got[0].name, got[0].skipped) == ("big.bin", "too large")
    assert got[1].data == b"ok"


def lying_zip(declared: int, actual: bytes) -> bytes:
    """A zip whose one member claims ``declared`` bytes but inflates to ``actual``."""
    compressed = zlib.compress(actual, 9)[2:-4]  # raw deflate
    crc = zlib.crc32(actual)
    name = b"liar.txt"
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(compressed), declared, len(name), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(compressed),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + name + compressed
    directory = central + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def test_lying_size_header_cannot_blow_memory(tmp_path: Path) -> None:
    """The member says 10 bytes but holds 50 MB of zeros: never more than 10 bytes are kept."""
    path = tmp_path / "liar.zip"
    path.write_bytes(lying_zip(10, b"\0" * 50_000_000))
    got = members(path)
    assert len(got) == 1
    assert got[0].data == b"" and got[0].skipped is not None and "corrupt" in got[0].skipped


def test_inflated_budget_is_shared_by_members(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "a.zip", {"a.txt": b"a" * 600, "b.txt": b"b" * 600})
    ctx = ExtractContext(str(path), path.name, "zip", 0, limits=Limits(max_inflated_bytes=1000))
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_inflated_bytes"):
        list(ArchiveExtractor().extract(stream, ctx))


def test_corrupt_zip_is_an_extract_error(tmp_path: Path) -> None:
    good = make_zip(tmp_path / "good.zip", {f"f{i}.txt": bytes(range(256)) * 20 for i in range(10)})
    with pytest.raises(ExtractError):
        list(
            ArchiveExtractor().extract(
                io.BytesIO(good.read_bytes()[:3000]), ExtractContext("x", "x.zip", "zip", 0)
            )
        )
