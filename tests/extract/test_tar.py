"""tar, gzip, bzip2, xz and 7z: members scanned like zip members, under the same caps; bombs, broken files."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractError
from credscan.extract.tar import inner_name
from credscan.limits import LimitExceeded, Limits
from credscan.model import Embedded
from tests.support.docbuilders import extract_file, make_zip
from tests.support.formatbuilders import make_7z, make_tar, scan_findings

ENV = b"DB_HOST=db1\nDB_PASSWORD=Tar!Secret-4471\n"
NOTES = b"admin password: Notes#Pw-8812\n"
MEMBERS = {"etc/app.env": ENV, "docs/notes.txt": NOTES}
ON = Limits(archives=True)
"""tar and gzip/bzip2/xz files are read by default; --no-archives / [scan] archives = false skips them."""


def members(path: Path, limits: Limits | None = None) -> tuple[str, list[Embedded]]:
    kind, units = extract_file(path, limits or ON)
    assert all(isinstance(unit, Embedded) for unit in units)
    return kind, units  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("name", "mode", "kind"),
    [("backup.tar", "w", "tar"), ("backup.tar.gz", "w:gz", "gz"), ("backup.tgz", "w:gz", "gz"),
     ("backup.tar.bz2", "w:bz2", "bz2"), ("backup.tar.xz", "w:xz", "xz")],
)  # fmt: skip
def test_tar_members_are_one_level_deep_whatever_the_compression(
    tmp_path: Path, name: str, mode: str, kind: str
) -> None:
    path = make_tar(tmp_path / name, MEMBERS, mode)
    got_kind, got = members(path)
    assert got_kind == kind
    assert [(m.name, m.data) for m in got] == list(MEMBERS.items())


@pytest.mark.parametrize(
    ("name", "compress", "kind"),
    [("app.env.gz", gzip.compress, "gz"), ("app.env.bz2", bz2.compress, "bz2"),
     ("app.env.xz", lzma.compress, "xz")],
)  # fmt: skip
def test_single_compressed_file_keeps_its_inner_name(
    tmp_path: Path, name: str, compress: object, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(compress(ENV))  # type: ignore[operator]
    got_kind, got = members(path)
    assert (got_kind, [(m.name, m.data) for m in got]) == (kind, [("app.env", ENV)])


def test_concatenated_gzip_streams_read_as_one(tmp_path: Path) -> None:
    path = tmp_path / "log.gz"
    path.write_bytes(gzip.compress(b"part one\n") + gzip.compress(NOTES))
    assert members(path)[1][0].data == b"part one\n" + NOTES


def test_inner_names() -> None:
    assert inner_name("x/notes.txt.gz", "gz") == "notes.txt"
    assert inner_name("backup.TGZ", "gz") == "backup.tar"
    assert inner_name("dump.xz", "xz") == "dump"
    assert inner_name("renamed", "bz2") == "renamed"
    assert inner_name(".gz", "gz") == ".gz"


def test_7z_members(tmp_path: Path) -> None:
    path = make_7z(tmp_path / "export.7z", MEMBERS)
    kind, got = members(path)
    assert kind == "7z"
    assert sorted((m.name, m.data) for m in got) == sorted(MEMBERS.items())


def test_encrypted_7z_is_skipped_as_encrypted(tmp_path: Path) -> None:
    path = make_7z(tmp_path / "locked.7z", MEMBERS, password="hunter2")
    with pytest.raises(Encrypted):
        members(path)


def test_findings_in_every_archive_kind_and_nested(tmp_path: Path) -> None:
    """End to end: each archive kind, a zip inside a tgz inside a 7z; locations are the members' lines."""
    share = tmp_path / "share"
    share.mkdir()
    make_tar(share / "a.tar", {"a.env": b"DB_PASSWORD=TarOnly!Pw-101\n"})
    make_tar(share / "b.tar.xz", {"b.env": b"DB_PASSWORD=XzTar!Pw-202\n"}, "w:xz")
    (share / "c.env.bz2").write_bytes(bz2.compress(b"DB_PASSWORD=Bz2One!Pw-303\n"))
    inner_zip = make_zip(tmp_path / "inner.zip", {"deep.env": b"DB_PASSWORD=Nested!Pw-404\n"})
    tgz = make_tar(tmp_path / "mid.tgz", {"inner.zip": inner_zip.read_bytes()}, "w:gz")
    make_7z(share / "outer.7z", {"mid.tgz": tgz.read_bytes()})
    findings, stats = scan_findings(share, limits=ON)
    where = {f.secret: (f.path.removeprefix(str(share) + "/"), f.location) for f in findings}
    assert where["TarOnly!Pw-101"] == ("a.tar!a.env", {"line": 1})
    assert where["XzTar!Pw-202"] == ("b.tar.xz!b.env", {"line": 1})
    assert where["Bz2One!Pw-303"] == ("c.env.bz2!c.env", {"line": 1})
    assert where["Nested!Pw-404"] == ("outer.7z!mid.tgz!inner.zip!deep.env", {"line": 1})
    assert stats.errors == []  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Hostile archives
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "compress"), [("bomb.gz", gzip.compress), ("bomb.xz", lzma.compress),
                                                ("bomb.bz2", bz2.compress)])  # fmt: skip
def test_compression_bomb_stops_at_the_ratio_while_inflating(
    tmp_path: Path, name: str, compress: object
) -> None:
    path = tmp_path / name
    path.write_bytes(compress(b"\0" * (20 * 1024 * 1024)))  # type: ignore[operator]
    assert path.stat().st_size < 200_000
    with pytest.raises(LimitExceeded, match="ratio"):
        members(path)


def test_inflated_total_is_capped(tmp_path: Path) -> None:
    path = make_tar(tmp_path / "big.tgz", {f"f{i}.txt": bytes([65 + i]) * 300_000 for i in range(5)}, "w:gz")
    with pytest.raises(LimitExceeded, match="max_inflated_bytes"):
        members(path, Limits(archives=True, max_inflated_bytes=1_000_000))


def test_plain_tar_total_and_member_caps(tmp_path: Path) -> None:
    path = make_tar(tmp_path / "big.tar", {"a.txt": b"a" * 5000, "b.txt": b"b" * 500})
    _, got = members(path, Limits(archives=True, max_file_size=1000))
    assert [(m.name, m.skipped) for m in got] == [("a.txt", "too large"), ("b.txt", None)]
    with pytest.raises(LimitExceeded, match="max_inflated_bytes"):
        members(path, Limits(archives=True, max_inflated_bytes=3000))


@pytest.mark.parametrize("name", ["many.tar", "many.7z"])
def test_member_count_is_capped(tmp_path: Path, name: str) -> None:
    content = {f"f{i}.txt": b"x" for i in range(30)}
    path = make_tar(tmp_path / name, content) if name.endswith(".tar") else make_7z(tmp_path / name, content)
    with pytest.raises(LimitExceeded, match="max_members"):
        members(path, Limits(archives=True, max_members=20))


def test_7z_declared_total_is_checked_before_inflating(tmp_path: Path) -> None:
    path = make_7z(tmp_path / "big.7z", {"a.bin": b"\0" * 2_000_000, "b.bin": b"\0" * 2_000_000})
    with pytest.raises(LimitExceeded, match="max_inflated_bytes"):
        members(path, Limits(archives=True, max_inflated_bytes=3_000_000))


@pytest.mark.parametrize("name", ["cut.tar.gz", "cut.tar.xz", "cut.tar", "cut.7z", "cut.gz"])
def test_truncated_archives_are_one_clean_error(tmp_path: Path, name: str) -> None:
    big = {"a.txt": bytes(range(256)) * 400, "b.env": ENV}
    if name.endswith(".7z"):
        whole = make_7z(tmp_path / f"whole{name}", big)
    elif name == "cut.gz":
        whole = tmp_path / "whole.gz"
        whole.write_bytes(gzip.compress(bytes(range(256)) * 400))
    else:
        whole = make_tar(tmp_path / f"whole{name}", big, {"gz": "w:gz", "xz": "w:xz"}.get(name[-2:], "w"))
    data = whole.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractError):
        members(path)


def test_hostile_archives_in_a_scan_are_counted_errors(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "bomb.gz").write_bytes(gzip.compress(b"\0" * (20 * 1024 * 1024)))
    (share / "junk.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + bytes(200))
    (share / "junk.tar.xz").write_bytes(b"\xfd7zXZ\x00" + bytes(100))
    make_tar(share / "ok.tar", {"ok.env": b"DB_PASSWORD=StillFound!Pw-77\n"})
    findings, stats = scan_findings(share, limits=ON)
    assert [f.secret for f in findings] == ["StillFound!Pw-77"]
    errors = {Path(e.path).name: e.error for e in stats.errors}  # type: ignore[attr-defined]
    assert set(errors) == {"bomb.gz", "junk.7z", "junk.tar.xz"}
    assert "ratio" in errors["bomb.gz"]
    assert "Traceback" not in capfd.readouterr().err


def test_tar_and_compressed_files_are_read_unless_archives_is_off(tmp_path: Path) -> None:
    """On by default; off, they are listed as skipped; zip and 7z are read either way."""
    share = tmp_path / "share"
    share.mkdir()
    make_tar(share / "backup.tgz", {"app.env": b"DB_PASSWORD=Tgz!Pw-9911\n"}, "w:gz")
    (share / "app.env.xz").write_bytes(lzma.compress(b"DB_PASSWORD=Xz!Pw-9922\n"))
    make_zip(share / "backup.zip", {"app.env": b"DB_PASSWORD=Zip!Pw-9933\n"})
    make_7z(share / "backup.7z", {"app.env": b"DB_PASSWORD=7z!Pw-9944\n"})
    findings, _ = scan_findings(share)
    assert {f.secret for f in findings} == {"Tgz!Pw-9911", "Xz!Pw-9922", "Zip!Pw-9933", "7z!Pw-9944"}
    findings, stats = scan_findings(share, limits=Limits(archives=False))
    assert {f.secret for f in findings} == {"Zip!Pw-9933", "7z!Pw-9944"}
    skipped = {Path(s.path).name: s.reason for s in stats.skipped}  # type: ignore[attr-defined]
    assert skipped == {"backup.tgz": "gz archive (archives off)", "app.env.xz": "xz archive (archives off)"}
