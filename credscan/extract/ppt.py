"""PowerPoint 97-2003 (.ppt, .pps, .pot): slide text and speaker notes from the record tree.

No maintained Python library reads .ppt, so this is a bounded reader of the public [MS-PPT] record layout:
the "PowerPoint Document" stream is a tree of records (8-byte header: version/instance, type, length;
version 0xF marks a container). Text lives in TextCharsAtom (UTF-16LE) and TextBytesAtom (8-bit) records,
either in the SlideListWithText lists (placeholder text of each slide, in presentation order, one
SlidePersistAtom per slide) or in the drawing of a Slide/Notes container (text boxes). Slides are numbered
by those lists; a Slide container's number comes from the persist directory (its stream offset -> persist id
-> its place in the list) and a Notes container's from its NotesAtom (the slide id it belongs to), with the
stream order as fallback. Text a slide holds twice (both places) is kept once. Master slides and handout
text (template prompts) are not read. Tables in .ppt are groups of shapes and come out as lines. The walk's
depth is capped, each record is checked against its parent's bounds, and the text is capped at
max_text_bytes characters. Pictures (the "Pictures" stream) go through OCR (credscan.extract.officeart).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import olefile

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.officeart import blip_pictures_units
from credscan.limits import LimitExceeded
from credscan.model import TextBlock, Unit

HEADER = 8
RT_SLIDE = 0x03EE
RT_NOTES = 0x03F0
RT_MAIN_MASTER = 0x03F8
RT_HANDOUT = 0x0FC9
RT_SLIDE_LIST = 0x0FF0
RT_SLIDE_PERSIST = 0x03F3
RT_TEXT_CHARS = 0x0FA0
RT_TEXT_BYTES = 0x0FA8
RT_CRYPT_SESSION = 0x2F14
RT_NOTES_ATOM = 0x03F1
RT_PERSIST_DIRECTORY = 0x1772
SLIDE_LIST_SLIDES, SLIDE_LIST_NOTES = 0, 2
"""SlideListWithText instances: 0 slides, 1 masters, 2 notes."""
MAX_DEPTH = 64
_VERTICAL_TAB = str.maketrans({"\x0b": "\n", "\r": "\n"})


class PptExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            with olefile.OleFileIO(stream) as ole:
                if ole.exists("EncryptedSummary"):
                    raise Encrypted("password-protected PowerPoint file")
                data = ole.openstream("PowerPoint Document").read()
                pictures = (
                    ole.openstream("Pictures").read() if ctx.limits.ocr and ole.exists("Pictures") else b""
                )
        except (Encrypted, ExtractError):
            raise
        except Exception as error:  # olefile raises OSError/ValueError/IndexError… on corrupt containers
            raise ExtractError(f"unreadable PowerPoint 97-2003 file: {error_line(error)}") from None
        texts = SlideTexts(ctx.limits.max_text_bytes)
        try:
            _walk(data, texts)
        except struct.error as error:  # every read is bounds-checked first; this is the last resort
            raise ExtractError(f"unreadable PowerPoint 97-2003 file: {error_line(error)}") from None
        for (number, part), lines in sorted(texts.lines.items()):
            yield TextBlock(text="\n".join(lines), location={"slide": number, "part": part})
        yield from blip_pictures_units(pictures, ctx.limits)
        if texts.truncated:
            raise LimitExceeded(f"PowerPoint file over max_text_bytes ({ctx.limits.max_text_bytes})")


@dataclass
class SlideTexts:
    budget: int
    lines: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    truncated: bool = False

    def add(self, slide: int, part: str, text: str) -> None:
        kept = self.lines.setdefault((slide, part), [])
        for line in text.translate(_VERTICAL_TAB).split("\n"):
            line = line.strip()
            if not line or line in kept:
                continue
            if len(line) > self.budget:
                self.truncated = True
                return
            self.budget -= len(line)
            kept.append(line)


@dataclass
class _Walk:
    """What the record walk collects; slide numbers are resolved once the whole stream was read."""

    listed: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    """SlideListWithText instance -> (persist id, slide id) of its entries, in presentation order."""
    list_texts: list[tuple[int, int, str]] = field(default_factory=list)
    """(list instance, 1-based entry, text)."""
    container_texts: list[tuple[int, int, str]] = field(default_factory=list)
    """(container type, stream offset of the Slide/Notes container, text)."""
    notes_for: dict[int, int] = field(default_factory=dict)
    """Notes container offset -> slide id it belongs to (NotesAtom.slideIdRef)."""
    persist: dict[int, int] = field(default_factory=dict)
    """Stream offset -> persist id (PersistDirectoryAtom)."""
    containers: list[tuple[int, int]] = field(default_factory=list)
    """(type, offset) of every Slide/Notes container in stream order."""


def _walk(data: bytes, texts: SlideTexts) -> None:
    walk = _Walk()
    _records(data, 0, len(data), 0, walk, None, None)
    order = {kind: [offset for k, offset in walk.containers if k == kind] for kind in (RT_SLIDE, RT_NOTES)}
    slides = walk.listed.get(SLIDE_LIST_SLIDES, [])
    number_of_persist = {persist: n for n, (persist, _) in enumerate(slides, start=1)}
    number_of_slide_id = {slide_id: n for n, (_, slide_id) in enumerate(slides, start=1)}
    notes_list = walk.listed.get(SLIDE_LIST_NOTES, [])
    for instance, entry, text in walk.list_texts:
        if instance == SLIDE_LIST_SLIDES:
            texts.add(entry, "body", text)
        elif instance == SLIDE_LIST_NOTES and entry <= len(notes_list):
            texts.add(entry, "notes", text)
    for kind, offset, text in walk.container_texts:
        if kind == RT_SLIDE:
            number = number_of_persist.get(walk.persist.get(offset, -1)) or order[kind].index(offset) + 1
            texts.add(number, "body", text)
        else:
            slide_id = walk.notes_for.get(offset, 0)
            if slide_id == 0:
                continue  # the notes master (its text is the template's)
            number = number_of_slide_id.get(slide_id) or order[kind].index(offset) + 1
            texts.add(number, "notes", text)


def _records(
    data: bytes, start: int, end: int, depth: int, walk: _Walk, container: tuple[int, int] | None,
    slide_list: int | None,
) -> None:  # fmt: skip
    """The records in [start, end), children first; ``container`` is the enclosing Slide/Notes (type,
    offset), ``slide_list`` the instance of the enclosing SlideListWithText."""
    if depth > MAX_DEPTH:
        raise ExtractError("PowerPoint records nested too deep")
    offset = start
    while offset + HEADER <= end:
        ver_instance, kind, length = struct.unpack_from("<HHI", data, offset)
        body = offset + HEADER
        if body + length > end:
            raise ExtractError(f"PowerPoint record 0x{kind:x} runs past its container")
        instance = ver_instance >> 4
        if kind == RT_CRYPT_SESSION:
            raise Encrypted("password-protected PowerPoint file")
        if ver_instance & 0x000F == 0x000F:
            if kind not in (RT_MAIN_MASTER, RT_HANDOUT):
                inner = container
                if kind in (RT_SLIDE, RT_NOTES):
                    inner = (kind, offset)
                    walk.containers.append(inner)
                inner_list = instance if kind == RT_SLIDE_LIST else slide_list
                if kind == RT_SLIDE_LIST:
                    walk.listed[instance] = []
                _records(data, body, body + length, depth + 1, walk, inner, inner_list)
        elif kind == RT_SLIDE_PERSIST and slide_list is not None and length >= 16:
            persist_id, _, _, slide_id = struct.unpack_from("<IIiI", data, body)
            walk.listed.setdefault(slide_list, []).append((persist_id, slide_id))
        elif kind == RT_NOTES_ATOM and container is not None and length >= 4:
            walk.notes_for[container[1]] = struct.unpack_from("<I", data, body)[0]
        elif kind == RT_PERSIST_DIRECTORY:
            _persist_entries(data, body, body + length, walk.persist)
        elif kind in (RT_TEXT_CHARS, RT_TEXT_BYTES):
            raw = data[body : body + length]
            text = (
                raw.decode("utf-16-le", "replace")
                if kind == RT_TEXT_CHARS
                else raw.decode("cp1252", "replace")
            )
            if container is not None:
                walk.container_texts.append((container[0], container[1], text))
            elif slide_list is not None and walk.listed.get(slide_list):
                walk.list_texts.append((slide_list, len(walk.listed[slide_list]), text))
        offset = body + length


def _persist_entries(data: bytes, start: int, end: int, persist: dict[int, int]) -> None:
    """PersistDirectoryEntry: 20 bits first persist id, 12 bits count, then that many stream offsets."""
    offset = start
    while offset + 4 <= end:
        head = struct.unpack_from("<I", data, offset)[0]
        first, count = head & 0xFFFFF, head >> 20
        offset += 4
        if offset + 4 * count > end:
            return
        for k in range(count):
            persist[struct.unpack_from("<I", data, offset + 4 * k)[0]] = first + k
        offset += 4 * count
