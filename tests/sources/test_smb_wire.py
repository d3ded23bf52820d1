"""The struct-packed SMB2 messages of the small-file path (credscan.sources.smbwire): the compound
CREATE/READ/CLOSE as MS-SMB2 lays it out, and the READ and QUERY_DIRECTORY answers parsed with every length
and offset checked against hostile bytes (property tests: any bytes give data inside the answer or
MalformedAnswer, never another exception, never a loop). Against a real Samba, a malformed answer is that
file's (or that folder's) error, and a scan goes on. ~6 s (a Samba server of its own)."""

from __future__ import annotations

import struct
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.model import FileError, FileRef, WalkOptions
from credscan.sources.smb import SmbSource, smb_source_options
from credscan.sources.smbwire import (
    CREATE,
    CREATE_ANSWER,
    DIRECTORY_ENTRY,
    EPOCH_FILETIME,
    FLAG_RELATED,
    FLAG_SIGNED,
    HEADER,
    HEADER_SIZE,
    READ,
    DirectoryEntry,
    MalformedAnswer,
    pack_read_compound,
    parse_directory_entries,
    parse_query_directory_answer,
    parse_read_answer,
    parse_stat,
    read_credit_charge,
    stat_compound,
)
from tests.support.smbserver import SambaServer, requires_samba, running_samba

# -- the compound request ---------------------------------------------------


def test_compound_read_is_laid_out_as_ms_smb2_says() -> None:
    messages = pack_read_compound(
        "client-1\\notes é.txt", 65536, (10, 11, 12), (1, 1, 1), 0xABCDEF, 7, FLAG_SIGNED
    )
    assert len(messages) == 3
    assert all(len(message) % 8 == 0 for message in messages[:2])  # each next message 8-byte aligned
    headers = [HEADER.unpack_from(message) for message in messages]
    for index, (header, message) in enumerate(zip(headers, messages, strict=True)):
        magic, size, charge, status, command, credits, flags, next_command, mid, _, tree, session, sig = (
            header
        )
        assert (magic, size, status, tree, session, sig) == (b"\xfeSMB", 64, 0, 7, 0xABCDEF, b"\0" * 16)
        assert command == (0x05, 0x08, 0x06)[index] and mid == 10 + index and charge == credits == 1
        assert flags == FLAG_SIGNED | (FLAG_RELATED if index else 0)
        assert next_command == (len(message) if index < 2 else 0)
    create = CREATE.unpack_from(messages[0], HEADER_SIZE)
    name_offset, name_length = create[11], create[12]
    assert create[0] == 57 and create[9] == 1  # FILE_OPEN: never creates anything
    assert messages[0][name_offset : name_offset + name_length].decode("utf-16-le") == "client-1\\notes é.txt"
    read = READ.unpack_from(messages[1], HEADER_SIZE)
    assert (read[0], read[3], read[4], read[5]) == (49, 65536, 0, b"\xff" * 16)  # the related handle


def test_share_root_gets_a_placeholder_name_and_large_reads_cost_more_credits() -> None:
    create = pack_read_compound("", 10, (1, 2, 3), (1, 1, 1), 1, 1)[0]
    assert CREATE.unpack_from(create, HEADER_SIZE)[12] == 0
    assert len(create) >= HEADER_SIZE + 57
    assert [read_credit_charge(n) for n in (1, 65536, 65537, 1024 * 1024)] == [1, 1, 2, 16]


# -- the READ answer ----------------------------------------------------------


def _read_answer(data: bytes, offset: int = 0x50, length: int | None = None, size: int = 17) -> bytes:
    return struct.pack("<HBBIII", size, offset, 0, len(data) if length is None else length, 0, 0) + data


def test_read_answer_gives_exactly_its_data() -> None:
    assert parse_read_answer(_read_answer(b"hello") + b"\0\0\0", 100) == b"hello"
    assert parse_read_answer(_read_answer(b"", length=0), 100) == b""


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x11\x00", "shorter than its fixed part"),
        (_read_answer(b"hello", size=9), "structure size"),
        (_read_answer(b"hello", offset=0x40), "inside the answer's fixed part"),
        (_read_answer(b"hello", length=6), "past the end"),
        (_read_answer(b"hello", length=0xFFFFFFFF), "asked"),
        (_read_answer(b"x" * 200), "asked"),  # more than was asked for
    ],
)
def test_hostile_read_answers_are_malformed(body: bytes, reason: str) -> None:
    with pytest.raises(MalformedAnswer, match=reason):
        parse_read_answer(body, 100)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(0, 300))
def test_any_read_answer_is_data_inside_it_or_malformed(body: bytes, requested: int) -> None:
    try:
        data = parse_read_answer(body, requested)
    except MalformedAnswer:
        return
    assert len(data) <= requested and (not data or data in body)


# -- folder listings ----------------------------------------------------------


def _entry(name: str, attributes: int = 0x20, size: int = 4096, last: bool = False, tag: int = 0) -> bytes:
    raw = name.encode("utf-16-le")
    length = DIRECTORY_ENTRY.size + len(raw)
    padded = length + (-length % 8)
    fixed = DIRECTORY_ENTRY.pack(
        0 if last else padded,
        0,
        0,
        0,
        EPOCH_FILETIME + 10_000_000,
        0,
        size,
        0,
        attributes,
        len(raw),
        tag,
        0,
        99,
    )
    return (fixed + raw).ljust(padded, b"\0")


def test_listing_entries_round_trip() -> None:
    buffer = _entry(".", 0x10) + _entry("..", 0x10) + _entry("a.txt") + _entry("Finance", 0x10, 0, last=True)
    entries = parse_directory_entries(buffer)
    assert [(e.name, e.attributes, e.size, e.file_id) for e in entries] == [
        ("a.txt", 0x20, 4096, 99),
        ("Finance", 0x10, 0, 99),
    ]
    assert entries[0].mtime == 1.0  # one second after 1970, as FILETIME ticks of 100 ns
    answer = struct.pack("<HHI", 9, HEADER_SIZE + 8, len(buffer)) + buffer
    assert parse_query_directory_answer(answer, 1 << 16) == buffer


@pytest.mark.parametrize(
    ("buffer", "reason"),
    [
        (_entry("a.txt")[:50], "cut short"),
        (_entry("a.txt", last=True)[:-8] + b"", "name of"),  # the name runs past the buffer
        (struct.pack("<I", 8) + _entry("a.txt", last=True)[4:], "overlaps"),  # a loop-sized step
        (_entry("a/b", last=True), "separator"),
        (_entry("..\\x", last=True), "separator"),
        (_entry("\0", last=True), "separator"),
        (_entry("", last=True), "empty name"),
        (_entry("ab", last=True).replace("ab".encode("utf-16-le"), b"\x00\xd8\x41\x00"), "not UTF-16"),
    ],
)
def test_hostile_listings_are_malformed(buffer: bytes, reason: str) -> None:
    with pytest.raises(MalformedAnswer, match=reason):
        parse_directory_entries(buffer)


def test_listing_answer_outside_its_bytes_is_malformed() -> None:
    with pytest.raises(MalformedAnswer):
        parse_query_directory_answer(struct.pack("<HHI", 9, HEADER_SIZE + 8, 1000) + b"x" * 10, 1 << 16)
    with pytest.raises(MalformedAnswer):
        parse_query_directory_answer(struct.pack("<HHI", 9, HEADER_SIZE + 8, 10) + b"x" * 10, 5)
    with pytest.raises(MalformedAnswer):
        parse_query_directory_answer(struct.pack("<HHI", 9, 0, 4) + b"x" * 10, 1 << 16)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_listing_buffer_gives_bounded_entries_or_malformed(buffer: bytes) -> None:
    try:
        entries = parse_directory_entries(buffer)
    except MalformedAnswer:
        return
    assert len(entries) <= len(buffer) // DIRECTORY_ENTRY.size
    assert all(entry.name and "/" not in entry.name and "\\" not in entry.name for entry in entries)


# -- against a real server: a malformed answer is one file's (or folder's) error ---------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[SambaServer]:
    with running_samba() as samba:
        folder = samba.share_dir("clients")
        for sub in ("a", "b"):
            (folder / sub).mkdir()
            (folder / sub).chmod(0o755)
            for index in range(3):
                path = folder / sub / f"{index}.txt"
                path.write_text(f"notes {sub}{index}\n")
                path.chmod(0o644)
        yield samba


def _source(server: SambaServer) -> SmbSource:
    options = smb_source_options(server.user, None, max_requests=4)
    return SmbSource(server.url("clients"), {**options, "resolved_password": server.password})


@requires_samba
def test_a_malformed_read_answer_fails_that_file_only(
    server: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _source(server)
    try:
        refs = [entry for entry in source.walk(WalkOptions()) if isinstance(entry, FileRef)]
        assert len(refs) == 6
        real = parse_read_answer

        def hostile_for_one(body: bytes, requested: int) -> bytes:
            data = real(body, requested)
            if data.startswith(b"notes a1"):
                return real(_read_answer(b"x", length=1 << 20), requested)  # a length past the answer
            return data

        monkeypatch.setattr("credscan.sources.smbreads.parse_read_answer", hostile_for_one)
        outcomes: dict[str, bytes] = {}
        for index, ref in enumerate(refs):
            source.prefetch(refs[index + 1 : index + 3])
            name = ref.path.split("/clients/", 1)[1]
            try:
                with source.open(ref) as stream:
                    outcomes[name] = stream.read()
            except OSError as exc:
                outcomes[name] = str(exc).encode()
    finally:
        source.close()
    assert outcomes.pop("a/1.txt").startswith(b"malformed answer from the server")
    expected = {f"{sub}/{i}.txt": f"notes {sub}{i}\n".encode() for sub in "ab" for i in range(3)}
    del expected["a/1.txt"]
    assert outcomes == expected  # the files around it, read ahead or not, arrive intact


@requires_samba
def test_a_malformed_listing_fails_that_folder_only(
    server: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parse_directory_entries

    def hostile_in_b(buffer: bytes) -> list[DirectoryEntry]:
        entries = real(buffer)
        if any(entry.name == "0.txt" for entry in entries) and "b" in seen_folders:
            raise MalformedAnswer("folder entry at 0 cut short (3 bytes left)")
        return entries

    seen_folders: list[str] = []
    original_scandir = SmbSource.scandir

    def tracking_scandir(self: SmbSource, relative: str) -> list[DirectoryEntry]:
        seen_folders.append(relative)
        return original_scandir(self, relative)

    monkeypatch.setattr("credscan.sources.smb.parse_directory_entries", hostile_in_b)
    monkeypatch.setattr(SmbSource, "scandir", tracking_scandir)
    source = _source(server)
    try:
        entries = list(source.walk(WalkOptions()))
    finally:
        source.close()
    files = sorted(entry.path.split("/clients/", 1)[1] for entry in entries if isinstance(entry, FileRef))
    errors = [entry for entry in entries if isinstance(entry, FileError)]
    assert files == ["a/0.txt", "a/1.txt", "a/2.txt"]
    assert len(errors) == 1 and errors[0].path.endswith("/clients/b")
    assert "cannot list folder" in errors[0].error and "cut short" in errors[0].error


# -- the one-round-trip lstat ---------------------------------------------------


def _info_answer(data: bytes, length: int | None = None) -> bytes:
    return struct.pack("<HHI", 9, HEADER_SIZE + 8, len(data) if length is None else length) + data


def _create_answer(size: int = 4096, attributes: int = 0x20, structure: int = 89) -> bytes:
    times = (0, 0, EPOCH_FILETIME + 25, 0)
    return CREATE_ANSWER.pack(structure, 0, 0, 1, *times, 4096, size, attributes, 0, b"\0" * 16, 0, 0)


def test_stat_from_its_answers() -> None:
    internal = _info_answer(struct.pack("<Q", 1234))
    tag = _info_answer(struct.pack("<II", 0x420, 0xA000000C))
    st = parse_stat(_create_answer(), internal, tag)
    assert (st.st_size, st.st_mtime_ns, st.st_file_attributes, st.st_ino, st.st_reparse_tag) == (
        4096,
        2500,
        0x20,
        1234,
        0xA000000C,
    )
    assert [command for command, _ in stat_compound("a\\b.txt")] == [0x05, 0x10, 0x10, 0x06]


@pytest.mark.parametrize(
    ("create", "internal", "reason"),
    [
        (_create_answer()[:40], _info_answer(b"\0" * 8), "shorter than its fixed part"),
        (_create_answer(structure=3), _info_answer(b"\0" * 8), "structure size"),
        (_create_answer(), _info_answer(b"\0" * 4), "size its information class"),
        (_create_answer(), _info_answer(b"\0" * 8, length=4000), "outside the answer"),
    ],
)
def test_hostile_stat_answers_are_malformed(create: bytes, internal: bytes, reason: str) -> None:
    with pytest.raises(MalformedAnswer, match=reason):
        parse_stat(create, internal, _info_answer(b"\0" * 8))


@requires_samba
def test_lstat_in_one_round_trip_says_what_smbclient_says(server: SambaServer) -> None:
    from credscan.sources.smb import smbclient_stat

    source = _source(server)
    try:
        for relative in ("", "a", "a/1.txt"):
            ours = source.lstat(server.url("clients", relative))
            theirs = smbclient_stat(source.target.unc(relative), source._kwargs())
            for field in ("st_size", "st_mtime_ns", "st_file_attributes", "st_ino", "st_reparse_tag"):
                assert getattr(ours, field) == getattr(theirs, field), (relative, field)
        with pytest.raises(OSError):  # as before: smbclient says why
            source.lstat(server.url("clients", "a/missing.txt"))
    finally:
        source.close()
