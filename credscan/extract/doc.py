"""Word 97-2003 (.doc, .dot, Kingsoft .wps): text and tables from the binary format's piece table.

No maintained Python library reads .doc (antiword and catdoc are C programs; a scan runs no program but
mdbtools), so this is a bounded reader of the public [MS-DOC] structures it needs:

- the FIB at the start of the WordDocument stream: which table stream (0Table/1Table) holds the piece table
  (fcClx/lcbClx), and the character counts of the main text and the other stories (footnotes, headers,
  comments, endnotes, text boxes);
- the piece table (Clx -> PlcPcd): where each run of characters is stored, 8-bit (cp1252) or UTF-16LE;
- the paragraph properties (PlcBtePapx -> PapxFkp pages) only for the one fact tables need: which paragraph
  mark ends a table row (sprmPFTtp). Cells end with U+0007, and so do rows: only that property tells them
  apart.

Field codes keep their displayed result (``{HYPERLINK "…"}`` shows its text). Every offset is checked against
its stream; a structure that does not fit is an ExtractError, and the text is capped at max_text_bytes
characters. Word 6/95 files (no piece table in this form) are read from their text range as cp1252.
Pasted pictures (the Data stream's BLIP records) go through OCR (credscan.extract.officeart).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import olefile

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.officeart import blip_pictures_units
from credscan.limits import LimitExceeded
from credscan.model import Location, Table, TextBlock, Unit

WORD_IDENT = 0xA5EC
FIB_FLAGS = 0x0A
FLAG_ENCRYPTED = 0x0100
FLAG_TABLE1 = 0x0200
NFIB_WORD97 = 0x00C1
"""Word 97 and later write nFib >= 0xC1; Word 6/95 (nFib 0x65-0x69) keep their text as one cp1252 range."""
FIB_BASE = 32
FCLCB_CLX = 33
FCLCB_PLCFBTEPAPX = 13
STORIES = ("body", "footnote", "header", "macro", "comment", "endnote", "textbox", "header-textbox")
"""The order of the ccp* counts in FibRgLw97 (from index 3) and of the stories in the character stream."""
CELL_MARK = "\x07"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
SPRM_TTP = (0x2417, 0x244C)
"""sprmPFTtp and sprmPFInnerTtp: the paragraph mark ends a table row (outer or nested table)."""
_CONTROL = str.maketrans(
    {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None, "\xa0": " ",
     "\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None}
)  # fmt: skip
"""Line/page/column breaks, non-breaking and optional hyphens, and anchors of pictures, notes and objects."""
PAGE = 512


class DocExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            with olefile.OleFileIO(stream) as ole:
                document = _read_document(ole, ctx.limits.max_text_bytes)
                pictures = ole.openstream("Data").read() if ctx.limits.ocr and ole.exists("Data") else b""
        except (Encrypted, ExtractError, LimitExceeded):
            raise
        except Exception as error:  # olefile raises OSError/ValueError/IndexError… on corrupt containers
            raise ExtractError(f"unreadable Word 97-2003 document: {error_line(error)}") from None
        yield from document.units()
        yield from blip_pictures_units(pictures, ctx.limits)
        if document.truncated:
            raise LimitExceeded(
                f"Word document over max_text_bytes ({ctx.limits.max_text_bytes}); rest not read"
            )


@dataclass(slots=True)
class _Document:
    text: str
    """All stories, in the order of STORIES, control characters kept."""
    counts: list[int]
    """Characters of each story."""
    row_ends: set[int]
    """Character positions of the cell marks that end a table row."""
    truncated: bool = False

    def units(self) -> Iterator[Unit]:
        start = 0
        for story, count in zip(STORIES, self.counts, strict=False):
            text = self.text[start : start + count]
            row_ends = {cp - start for cp in self.row_ends if start <= cp < start + count}
            start += count
            if text.strip():
                yield from story_units(text, story, row_ends)


def story_units(text: str, story: str, row_ends: set[int]) -> Iterator[Unit]:
    """One story's paragraphs as a TextBlock (paragraph numbers for the body), its tables as Tables."""
    lines: list[str] = []
    locations: list[Location] = []
    tables: list[list[list[str]]] = []
    row: list[str] = []
    cell: list[str] = []
    in_table = False
    paragraph = 0
    start = 0
    for position, char in enumerate(text):
        if char not in "\r\x07":
            continue
        piece = _visible(text[start:position])
        start = position + 1
        if char == "\r" and not cell and not row:
            paragraph += 1
            in_table = False
            for line in piece.split("\n"):
                if line.strip():
                    lines.append(line)
                    locations.append({"paragraph": paragraph} if story == "body" else {"part": story})
            continue
        if char == "\r":  # a paragraph inside a cell
            cell.append(piece)
            continue
        if position in row_ends:  # the row's own end mark, after its last cell
            if not in_table:
                tables.append([])
                in_table = True
            tables[-1].append(row)
            row, cell = [], []
            continue
        cell.append(piece)
        row.append("\n".join(p for p in cell if p.strip()))
        cell = []
    if row:  # cells whose row end was never marked (no paragraph properties): one row of its own
        tables.append([row])
    if lines:
        base: Location = {} if story == "body" else {"part": story}
        yield TextBlock(text="\n".join(lines), location=base, line_locations=locations)
    number = 0
    for rows in tables:
        if any(any(value.strip() for value in r) for r in rows):
            number += 1
            location: Location = {"table": number} if story == "body" else {"part": story, "table": number}
            yield Table(rows=rows, location=location, style="table")


def _visible(raw: str) -> str:
    """Text as displayed: field instructions dropped (their result kept), control characters mapped."""
    if FIELD_BEGIN in raw:
        out: list[str] = []
        depth_in_code: list[bool] = []
        for char in raw:
            if char == FIELD_BEGIN:
                depth_in_code.append(True)
            elif char == FIELD_SEPARATOR and depth_in_code:
                depth_in_code[-1] = False
            elif char == FIELD_END and depth_in_code:
                depth_in_code.pop()
            elif not any(depth_in_code):
                out.append(char)
        raw = "".join(out)
    return raw.translate(_CONTROL)


# ---------------------------------------------------------------------------
# [MS-DOC] structures
# ---------------------------------------------------------------------------


def _u16(data: bytes, offset: int) -> int:
    if offset + 2 > len(data):
        raise ExtractError("Word structure past the end of its stream")
    return int(struct.unpack_from("<H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    if offset + 4 > len(data):
        raise ExtractError("Word structure past the end of its stream")
    return int(struct.unpack_from("<I", data, offset)[0])


def _read_document(ole: olefile.OleFileIO, max_chars: int) -> _Document:
    word = ole.openstream("WordDocument").read()
    if _u16(word, 0) != WORD_IDENT:
        raise ExtractError("not a Word document (bad FIB signature)")
    flags = _u16(word, FIB_FLAGS)
    if flags & FLAG_ENCRYPTED:
        raise Encrypted("password-protected Word document")
    if _u16(word, 2) < 0x0065:
        raise ExtractError("Word document older than Word 6 (not an OLE .doc)")
    if _u16(word, 2) < NFIB_WORD97:
        return _word95(word, max_chars)
    table_name = "1Table" if flags & FLAG_TABLE1 else "0Table"
    if not ole.exists(table_name):
        raise ExtractError(f"Word document without its {table_name} stream")
    table = ole.openstream(table_name).read()
    csw = _u16(word, FIB_BASE)
    lw_at = FIB_BASE + 2 + 2 * csw
    cslw = _u16(word, lw_at)
    counts = [_u32(word, lw_at + 2 + 4 * (3 + i)) if 3 + i < cslw else 0 for i in range(len(STORIES))]
    fclcb_at = lw_at + 2 + 4 * cslw + 2
    fc_clx, lcb_clx = _u32(word, fclcb_at + 8 * FCLCB_CLX), _u32(word, fclcb_at + 8 * FCLCB_CLX + 4)
    pieces = _pieces(table, fc_clx, lcb_clx)
    total = sum(counts) + (1 if sum(counts[1:]) else 0)
    text, spans = _characters(word, pieces, min(total, max_chars))
    counts = _fit(counts, len(text))
    fc_bte = _u32(word, fclcb_at + 8 * FCLCB_PLCFBTEPAPX)
    lcb_bte = _u32(word, fclcb_at + 8 * FCLCB_PLCFBTEPAPX + 4)
    run_ends = _row_end_runs(word, table, fc_bte, lcb_bte)
    row_ends = set()
    if run_ends:
        for start, stop, fc, width in spans:
            for cp in range(start, stop):
                if text[cp] == CELL_MARK and fc + (cp - start + 1) * width in run_ends:
                    row_ends.add(cp)
    return _Document(text=text, counts=counts, row_ends=row_ends, truncated=total > max_chars)


def _fit(counts: list[int], length: int) -> list[int]:
    """Story lengths cut to the characters actually read."""
    fitted, left = [], length
    for count in counts:
        fitted.append(min(count, left))
        left -= fitted[-1]
    return fitted


def _word95(word: bytes, max_chars: int) -> _Document:
    fc_min, fc_mac = _u32(word, 0x18), _u32(word, 0x1C)
    if not fc_min <= fc_mac <= len(word):
        raise ExtractError("Word 6/95 text range past the end of the document")
    end = min(fc_mac, fc_min + max_chars)
    text = word[fc_min:end].decode("cp1252", "replace")
    return _Document(text=text, counts=[len(text)], row_ends=set(), truncated=end < fc_mac)


@dataclass(frozen=True, slots=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int
    """Byte offset in WordDocument of the piece's first character."""
    compressed: bool


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[_Piece]:
    """The PlcPcd of the Clx at fc_clx, after skipping its Prc (property modifier) entries."""
    end = fc_clx + lcb_clx
    if end > len(table):
        raise ExtractError("piece table past the end of the table stream")
    offset = fc_clx
    while offset < end and table[offset] == 0x01:  # Prc: clxt, cbGrpprl (int16), grpprl
        offset += 3 + struct.unpack_from("<h", table, offset + 1)[0] if offset + 3 <= end else end
    if offset >= end or table[offset] != 0x02:
        raise ExtractError("piece table not found")
    size = _u32(table, offset + 1)
    plc = offset + 5
    if plc + size > end or size < 4:
        raise ExtractError("piece table longer than its Clx")
    count = (size - 4) // 12
    cps = [_u32(table, plc + 4 * i) for i in range(count + 1)]
    pieces = []
    for i in range(count):
        raw_fc = _u32(table, plc + 4 * (count + 1) + 8 * i + 2)
        compressed = bool(raw_fc & 0x40000000)
        fc = raw_fc & 0x3FFFFFFF
        if cps[i + 1] < cps[i]:
            raise ExtractError("piece table out of order")
        pieces.append(_Piece(cps[i], cps[i + 1], fc // 2 if compressed else fc, compressed))
    return pieces


Span = tuple[int, int, int, int]
"""Characters [start, stop) stored from byte offset fc of WordDocument, ``width`` bytes each."""


def _characters(word: bytes, pieces: list[_Piece], wanted: int) -> tuple[str, list[Span]]:
    """The first ``wanted`` characters and the spans that say where each is stored."""
    parts: list[str] = []
    have = 0
    spans: list[Span] = []
    for piece in pieces:
        if have >= wanted:
            break
        count = min(piece.cp_end - piece.cp_start, wanted - have)
        width = 1 if piece.compressed else 2
        data = word[piece.fc : piece.fc + count * width]
        if len(data) < count * width:
            raise ExtractError("text piece past the end of the WordDocument stream")
        parts.append(data.decode("cp1252" if piece.compressed else "utf-16-le", "replace"))
        spans.append((have, have + count, piece.fc, width))
        have += count
    return "".join(parts), spans


def _row_end_runs(word: bytes, table: bytes, fc_bte: int, lcb_bte: int) -> set[int]:
    """End offsets (FC, exclusive) of the paragraph runs whose properties say "end of table row": a run ends
    with its paragraph mark, so a cell mark stored just before such an end is a row's end mark."""
    if lcb_bte < 8 or fc_bte + lcb_bte > len(table):
        return set()
    count = (lcb_bte - 4) // 8
    ends: set[int] = set()
    for i in range(count):
        page = _u32(table, fc_bte + 4 * (count + 1) + 4 * i) & 0x3FFFFF
        fkp = word[page * PAGE : (page + 1) * PAGE]
        if len(fkp) < PAGE:
            continue
        runs = fkp[PAGE - 1]
        if 4 * (runs + 1) + 13 * runs > PAGE - 1:
            continue
        fcs = [_u32(fkp, 4 * k) for k in range(runs + 1)]
        for k in range(runs):
            b_offset = fkp[4 * (runs + 1) + 13 * k] * 2
            if b_offset and _papx_is_row_end(fkp, b_offset):
                ends.add(fcs[k + 1])
    return ends


def _papx_is_row_end(fkp: bytes, at: int) -> bool:
    """A PapxInFkp: cb, (cb' when cb is 0), istd, then the grpprl of Prl (sprm + operand)."""
    if at >= PAGE - 1:
        return False
    cb = fkp[at]
    if cb:
        start, size = at + 1, 2 * cb - 1
    else:
        start, size = at + 2, 2 * fkp[at + 1] if at + 1 < PAGE else 0
    end = min(start + size, PAGE - 1)
    offset = start + 2  # istd
    while offset + 2 <= end:
        sprm = struct.unpack_from("<H", fkp, offset)[0]
        offset += 2
        operand = _operand_size(sprm, fkp, offset)
        if sprm in SPRM_TTP and offset < end and fkp[offset]:
            return True
        offset += operand
    return False


def _operand_size(sprm: int, data: bytes, offset: int) -> int:
    spra = sprm >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    if offset >= len(data):
        return 1
    if sprm == 0xD608:  # sprmTDefTable: a 2-byte size
        return (struct.unpack_from("<H", data, offset)[0] if offset + 2 <= len(data) else 0) + 1
    return data[offset] + 1
