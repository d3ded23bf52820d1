"""SMB2 messages of the small-file hot path, packed and parsed with struct: a compound CREATE/READ/CLOSE.

smbprotocol builds and parses every message through generic ``Structure`` objects: one compound
CREATE/READ/CLOSE of a 4 KB file and its three answers cost ~5,000 Python calls, which made the SMB client
the largest CPU cost of scanning small files (docs/performance.md). The three requests have fixed layouts
(MS-SMB2 2.2.1.2 header, 2.2.13 CREATE, 2.2.19 READ, 2.2.15 CLOSE): this module packs them with
precompiled ``struct.Struct`` objects and parses the one answer whose body matters (READ, 2.2.20) with
``unpack_from``. Nothing here logs on, derives keys or decides what a session needs: message ids, credits,
signing and encryption keys, the receiver thread and everything else stay smbprotocol's
(credscan.sources.smbreads sends these bytes on smbprotocol's connection).

An answer comes from the server, which may be hostile: every length and offset in it is checked against
the bytes received and the length asked for, and a malformed answer raises MalformedAnswer, which the
caller turns into that one file's error (never a crash, never more memory than the answer's own bytes).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SMB2_MAGIC = b"\xfeSMB"
TRANSFORM_MAGIC = b"\xfdSMB"
HEADER = struct.Struct("<4sHHIHHIIQIIQ16s")
"""ProtocolId, StructureSize (64), CreditCharge, Status, Command, CreditRequest, Flags, NextCommand,
MessageId, Reserved (ProcessId), TreeId, SessionId, Signature."""
HEADER_SIZE = HEADER.size
CREATE = struct.Struct("<HBBIQQIIIIIHHII")
"""StructureSize (57), SecurityFlags, RequestedOplockLevel, ImpersonationLevel, SmbCreateFlags, Reserved,
DesiredAccess, FileAttributes, ShareAccess, CreateDisposition, CreateOptions, NameOffset, NameLength,
CreateContextsOffset, CreateContextsLength; the name follows."""
READ = struct.Struct("<HBBIQ16sIIIHHB")
"""StructureSize (49), Padding, Flags, Length, Offset, FileId, MinimumCount, Channel, RemainingBytes,
ReadChannelInfoOffset, ReadChannelInfoLength, Buffer (one byte)."""
CLOSE = struct.Struct("<HHI16s")
"""StructureSize (24), Flags, Reserved, FileId."""
QUERY_INFO = struct.Struct("<HBBIHHIII16s")
"""StructureSize (41), InfoType, FileInfoClass, OutputBufferLength, InputBufferOffset, Reserved,
InputBufferLength, AdditionalInformation, Flags, FileId; one byte of buffer follows."""
CREATE_ANSWER = struct.Struct("<HBBIQQQQQQII16sII")
"""MS-SMB2 2.2.14: StructureSize (89), OplockLevel, Flags, CreateAction, CreationTime, LastAccessTime,
LastWriteTime, ChangeTime, AllocationSize, EndofFile, FileAttributes, Reserved2, FileId,
CreateContextsOffset, CreateContextsLength."""
READ_ANSWER = struct.Struct("<HBBII")
"""StructureSize (17), DataOffset (from the start of the answer's header), Reserved, DataLength,
DataRemaining; 16 bytes with Reserved2, then the data."""
READ_ANSWER_FIXED = 16
TRANSFORM = struct.Struct("<4s16s16sIHHQ")
"""ProtocolId, Signature, Nonce, OriginalMessageSize, Reserved, Flags (1: encrypted), SessionId."""

COMMAND_CREATE = 0x05
COMMAND_CLOSE = 0x06
COMMAND_READ = 0x08
COMMAND_QUERY_INFO = 0x10
FLAG_SIGNED = 0x00000008
FLAG_RELATED = 0x00000004
FLAG_DFS = 0x10000000
RELATED_FILE_ID = b"\xff" * 16
"""A related compound's READ and CLOSE act on the handle the CREATE before them opened."""

IMPERSONATION = 2
READ_ACCESS = 0x00000001 | 0x00000008 | 0x00000080
"""FILE_READ_DATA | FILE_READ_EA | FILE_READ_ATTRIBUTES: what smbclient asks for a file opened "rb"."""
SHARE_ALL = 0x00000007
"""FILE_SHARE_READ | WRITE | DELETE: nobody using the file is locked out while it is read."""
FILE_OPEN = 0x00000001
FILE_NON_DIRECTORY_FILE = 0x00000040
FILE_OPEN_REPARSE_POINT = 0x00200000
FILE_READ_ATTRIBUTES = 0x00000080
INFO_FILE = 0x01
FILE_INTERNAL_INFORMATION = 0x06
FILE_ATTRIBUTE_TAG_INFORMATION = 0x23
FILE_ATTRIBUTE_NORMAL = 0x00000080
CREDIT_BYTES = 64 * 1024


class MalformedAnswer(Exception):
    """The server's answer does not fit its own lengths and offsets (a broken or hostile server)."""


def read_credit_charge(length: int) -> int:
    """Credits a READ of ``length`` bytes costs (MS-SMB2 3.1.5.2: one per started 64 KiB)."""
    return 1 + (max(1, length) - 1) // CREDIT_BYTES


def _pad8(message: bytes) -> bytes:
    """Each message of a compound starts on an 8-byte boundary."""
    return message + b"\x00" * (-len(message) % 8)


def create_body(path: str, access: int, options: int) -> bytes:
    """A CREATE that opens ``path`` (share-relative, backslashes; "" is the share's root) and never creates
    anything (FILE_OPEN), sharing read, write and delete."""
    name = path.encode("utf-16-le")
    fixed = CREATE.pack(
        57,
        0,
        0,
        IMPERSONATION,
        0,
        0,
        access,
        FILE_ATTRIBUTE_NORMAL,
        SHARE_ALL,
        FILE_OPEN,
        options,
        HEADER_SIZE + CREATE.size,
        len(name),
        0,
        0,
    )
    return fixed + (name or b"\x00\x00")


def read_body(length: int) -> bytes:
    """A READ of ``length`` bytes from offset 0 of the handle the compound's CREATE opened."""
    return READ.pack(49, 0x50, 0, length, 0, RELATED_FILE_ID, 0, 0, 0, 0, 0, 0)


def query_info_body(info_class: int, output_length: int) -> bytes:
    """A QUERY_INFO of one file information class (SMB2_0_INFO_FILE) on the compound's handle."""
    return QUERY_INFO.pack(41, INFO_FILE, info_class, output_length, 0, 0, 0, 0, 0, RELATED_FILE_ID) + b"\x00"


def close_body() -> bytes:
    return CLOSE.pack(24, 0, 0, RELATED_FILE_ID)


def pack_compound(
    bodies: list[tuple[int, bytes]],
    message_ids: tuple[int, ...],
    credit_charges: tuple[int, ...],
    session_id: int,
    tree_id: int,
    flags: int = 0,
) -> list[bytes]:
    """The messages (header and body; all but the last padded to 8 bytes, NextCommand set) of a related
    compound of ``bodies`` ((command, body) pairs). Signatures are left zero (the sender signs when the
    session needs it); ``flags`` are added to every header (SMB2_FLAGS_SIGNED)."""
    messages = []
    for index, (command, body) in enumerate(bodies):
        last = index == len(bodies) - 1
        size = HEADER_SIZE + len(body)
        next_command = 0 if last else size + (-size % 8)
        header = HEADER.pack(
            SMB2_MAGIC,
            64,
            credit_charges[index],
            0,
            command,
            max(1, credit_charges[index]),
            flags | (FLAG_RELATED if index else 0),
            next_command,
            message_ids[index],
            0,
            tree_id,
            session_id,
            b"\x00" * 16,
        )
        messages.append(header + body if last else _pad8(header + body))
    return messages


def read_compound(path: str, length: int) -> list[tuple[int, bytes]]:
    """CREATE, READ(0, ``length``), CLOSE of a file opened for reading."""
    return [
        (COMMAND_CREATE, create_body(path, READ_ACCESS, FILE_NON_DIRECTORY_FILE)),
        (COMMAND_READ, read_body(length)),
        (COMMAND_CLOSE, close_body()),
    ]


def stat_compound(path: str) -> list[tuple[int, bytes]]:
    """CREATE (attributes only, a link opened as itself), QUERY_INFO FileInternalInformation (the file id),
    QUERY_INFO FileAttributeTagInformation (the reparse tag), CLOSE: an lstat in one round trip. Size, times
    and attributes come from the CREATE answer."""
    return [
        (COMMAND_CREATE, create_body(path, FILE_READ_ATTRIBUTES, FILE_OPEN_REPARSE_POINT)),
        (COMMAND_QUERY_INFO, query_info_body(FILE_INTERNAL_INFORMATION, 8)),
        (COMMAND_QUERY_INFO, query_info_body(FILE_ATTRIBUTE_TAG_INFORMATION, 8)),
        (COMMAND_CLOSE, close_body()),
    ]


def pack_read_compound(
    path: str,
    length: int,
    message_ids: tuple[int, int, int],
    credit_charges: tuple[int, int, int],
    session_id: int,
    tree_id: int,
    flags: int = 0,
) -> list[bytes]:
    """The three messages of read_compound(``path``, ``length``), packed (see pack_compound)."""
    return pack_compound(read_compound(path, length), message_ids, credit_charges, session_id, tree_id, flags)


def with_signature(message: bytes, signature: bytes) -> bytes:
    """``message`` with its header's 16-byte signature field set."""
    return message[:48] + signature + message[64:]


def parse_read_answer(body: bytes, requested: int) -> bytes:
    """The data of a successful READ answer; ``body`` is what follows the answer's 64-byte header (up to
    the next answer of the compound). Every field that places the data is checked: the data must lie
    inside ``body``, after the fixed part, and be no longer than the ``requested`` length."""
    if len(body) < READ_ANSWER_FIXED:
        raise MalformedAnswer(f"READ answer of {len(body)} bytes, shorter than its fixed part")
    structure_size, data_offset, _, data_length, _ = READ_ANSWER.unpack_from(body)
    if structure_size != 17:
        raise MalformedAnswer(f"READ answer with structure size {structure_size}")
    if data_length == 0:
        return b""
    start = data_offset - HEADER_SIZE
    if start < READ_ANSWER_FIXED:
        raise MalformedAnswer(f"READ data offset {data_offset} inside the answer's fixed part")
    if data_length > requested:
        raise MalformedAnswer(f"READ answer of {data_length} bytes for {requested} asked")
    if start + data_length > len(body):
        raise MalformedAnswer(f"READ data ({data_length} bytes at {data_offset}) past the end of the answer")
    return body[start : start + data_length]


@dataclass(frozen=True, slots=True)
class FileStat:
    """What the walk and the watcher's settling read of an lstat (the names of os.stat_result's fields)."""

    st_size: int
    st_mtime_ns: int
    st_file_attributes: int
    st_reparse_tag: int
    st_ino: int


def parse_stat(create: bytes, internal: bytes, tag: bytes) -> FileStat:
    """An lstat from the bodies of a stat_compound's CREATE answer and the two QUERY_INFO answers."""
    if len(create) < CREATE_ANSWER.size:
        raise MalformedAnswer(f"CREATE answer of {len(create)} bytes, shorter than its fixed part")
    fields = CREATE_ANSWER.unpack_from(create)
    if fields[0] != 89:
        raise MalformedAnswer(f"CREATE answer with structure size {fields[0]}")
    last_write, end_of_file, attributes = fields[6], fields[9], fields[10]
    internal_buffer = parse_buffer_answer(internal, 8, "QUERY_INFO")
    tag_buffer = parse_buffer_answer(tag, 8, "QUERY_INFO")
    if len(internal_buffer) != 8 or len(tag_buffer) != 8:
        raise MalformedAnswer("QUERY_INFO answer of a size its information class does not have")
    (index_number,) = struct.unpack_from("<Q", internal_buffer)
    _, reparse_tag = struct.unpack_from("<II", tag_buffer)
    return FileStat(end_of_file, (last_write - EPOCH_FILETIME) * 100, attributes, reparse_tag, index_number)


def pack_transform(
    nonce: bytes, signature: bytes, original_size: int, session_id: int, ciphertext: bytes
) -> bytes:
    """An SMB 3 TRANSFORM_HEADER (MS-SMB2 2.2.41) around an encrypted compound."""
    return TRANSFORM.pack(TRANSFORM_MAGIC, signature, nonce, original_size, 0, 1, session_id) + ciphertext


def transform_aad(nonce: bytes, original_size: int, session_id: int) -> bytes:
    """What the transform header's AEAD authenticates: the header from its Nonce field on (32 bytes)."""
    return TRANSFORM.pack(TRANSFORM_MAGIC, b"\x00" * 16, nonce, original_size, 0, 1, session_id)[20:]


# ---------------------------------------------------------------------------
# Folder listings: QUERY_DIRECTORY answers of FileIdFullDirectoryInformation entries
# ---------------------------------------------------------------------------

FILE_ID_FULL_DIRECTORY_INFORMATION = 0x26
BUFFER_ANSWER = struct.Struct("<HHI")
"""QUERY_DIRECTORY and QUERY_INFO answers: StructureSize (9), OutputBufferOffset (from the start of the
answer's header), OutputBufferLength."""
BUFFER_ANSWER_FIXED = 8
DIRECTORY_ENTRY = struct.Struct("<IIQQQQQQIIIIQ")
"""MS-FSCC 2.4.18 FileIdFullDirectoryInformation: NextEntryOffset, FileIndex, CreationTime, LastAccessTime,
LastWriteTime, ChangeTime, EndOfFile, AllocationSize, FileAttributes, FileNameLength, EaSize, Reserved,
FileId; the name (UTF-16LE) follows."""
EPOCH_FILETIME = 116444736000000000
"""1970-01-01 as a FILETIME (100 ns ticks since 1601)."""


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One entry of a folder listing, as the walk needs it."""

    name: str
    attributes: int
    reparse_tag: int
    """The EaSize field, which holds the reparse tag of a reparse point (MS-FSCC 2.4.18)."""
    file_id: int
    size: int
    last_write: int
    """FILETIME of the last write (100 ns ticks since 1601)."""

    @property
    def mtime(self) -> float:
        """Seconds since 1970, to the microsecond (as the walk has always stored it)."""
        return (self.last_write - EPOCH_FILETIME) // 10 / 1e6


def parse_query_directory_answer(body: bytes, requested: int) -> bytes:
    """The output buffer of a successful QUERY_DIRECTORY answer (``body`` follows its 64-byte header)."""
    return parse_buffer_answer(body, requested, "QUERY_DIRECTORY")


def parse_buffer_answer(body: bytes, requested: int, what: str) -> bytes:
    """The output buffer of a successful QUERY_DIRECTORY or QUERY_INFO answer (same layout), checked to lie
    inside ``body`` and within the ``requested`` output length."""
    if len(body) < BUFFER_ANSWER_FIXED:
        raise MalformedAnswer(f"{what} answer of {len(body)} bytes, shorter than its fixed part")
    structure_size, offset, length = BUFFER_ANSWER.unpack_from(body)
    if structure_size != 9:
        raise MalformedAnswer(f"{what} answer with structure size {structure_size}")
    if length == 0:
        return b""
    start = offset - HEADER_SIZE
    if start < BUFFER_ANSWER_FIXED or length > requested or start + length > len(body):
        raise MalformedAnswer(f"{what} buffer ({length} bytes at {offset}) outside the answer")
    return body[start : start + length]


def parse_directory_entries(buffer: bytes) -> list[DirectoryEntry]:
    """The entries of one QUERY_DIRECTORY output buffer ("." and ".." left out). Each entry and its name
    must lie inside the buffer and each NextEntryOffset must move forward, so a hostile buffer cannot loop
    or reach outside itself; at most len(buffer) / 80 entries come out of it."""
    entries: list[DirectoryEntry] = []
    position, end = 0, len(buffer)
    while position < end:
        if position + DIRECTORY_ENTRY.size > end:
            raise MalformedAnswer(f"folder entry at {position} cut short ({end - position} bytes left)")
        (
            next_offset,
            _,
            _,
            _,
            last_write,
            _,
            size,
            _,
            attributes,
            name_length,
            ea_size,
            _,
            file_id,
        ) = DIRECTORY_ENTRY.unpack_from(buffer, position)
        name_start = position + DIRECTORY_ENTRY.size
        if name_length % 2 or name_start + name_length > end:
            raise MalformedAnswer(f"folder entry at {position} with a name of {name_length} bytes")
        if next_offset and next_offset < DIRECTORY_ENTRY.size + name_length:
            raise MalformedAnswer(f"folder entry at {position} overlaps the next ({next_offset})")
        try:
            name = buffer[name_start : name_start + name_length].decode("utf-16-le")
        except UnicodeDecodeError:
            raise MalformedAnswer(f"folder entry at {position} with a name that is not UTF-16") from None
        if not name or any(character in name for character in "/\\\x00"):
            raise MalformedAnswer(f"folder entry at {position} with an empty name or one holding a separator")
        if name not in (".", ".."):
            entries.append(DirectoryEntry(name, attributes, ea_size, file_id, size, last_write))
        if not next_offset:
            break
        position += next_offset
    return entries
