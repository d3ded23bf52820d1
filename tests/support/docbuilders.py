"""Builders for real document fixtures (xlsx, docx, pptx, pdf, rtf, eml, ods, csv, zip).

Tests of every area build the files they scan with these functions instead of
checking binary blobs in. Each builder writes ``path`` and returns it, so a test can
write ``scan(make_docx(tmp_path / "a.docx", ["Password: x"]))``.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

from credscan.model import Location, Table, TextBlock

CellValue = object
"""Anything openpyxl accepts as a cell value: str, int, float, bool, datetime, None."""


def make_xlsx(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[CellValue]]],
    hidden: Iterable[str] = (),
    very_hidden: Iterable[str] = (),
    start_cell: str | Mapping[str, str] = "A1",
) -> Path:
    """An xlsx with one worksheet per entry of ``sheets`` (rows of values).

    ``start_cell`` is where each sheet's first row/column goes ("C5"), either one for all
    sheets or a mapping sheet name -> cell (missing sheets start at A1). ``hidden`` and
    ``very_hidden`` name sheets whose state is set accordingly. The file extension is not
    checked, so ``make_xlsx(tmp / "x.dat", …)`` makes a renamed workbook.
    """
    from openpyxl import Workbook
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    hidden_set, very_hidden_set = set(hidden), set(very_hidden)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(title=name)
        origin = start_cell if isinstance(start_cell, str) else start_cell.get(name, "A1")
        col_letters, first_row = coordinate_from_string(origin)
        first_col = column_index_from_string(col_letters)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.cell(row=first_row + r, column=first_col + c, value=value)
        if name in hidden_set:
            sheet.sheet_state = "hidden"
        elif name in very_hidden_set:
            sheet.sheet_state = "veryHidden"
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet1")
    workbook.save(path)
    return path


def make_docx(
    path: Path,
    paragraphs: Sequence[str],
    tables: Sequence[Sequence[Sequence[str]]] = (),
    header: str | None = None,
    footer: str | None = None,
    textboxes: Sequence[str] = (),
    merge_first_row: bool = False,
) -> Path:
    """A docx with body paragraphs, then tables, then one paragraph per text box.

    ``merge_first_row`` merges each table's first row into one cell (as a title row).
    Text boxes are real ``w:txbxContent`` elements (a VML shape in a run), the way Word
    stores "Insert > Text Box".
    """
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for grid in tables:
        n_rows = len(grid)
        n_cols = max((len(row) for row in grid), default=1)
        table = document.add_table(rows=n_rows, cols=n_cols)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        if merge_first_row and n_cols > 1:
            title = grid[0][0] if grid and grid[0] else ""
            merged = table.cell(0, 0).merge(table.cell(0, n_cols - 1))
            merged.text = title
    for text in textboxes:
        _add_textbox(document, text)
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def _add_textbox(document: object, text: str) -> None:
    from docx.oxml import parse_xml

    xml = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
        '<v:shape style="width:200pt;height:50pt"><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    body = document.element.body  # type: ignore[attr-defined]
    body.insert(len(body) - 1, parse_xml(xml))  # before w:sectPr


def make_pptx(
    path: Path,
    slides: Sequence[tuple[Sequence[str], str | None]],
    tables: Mapping[int, Sequence[Sequence[str]]] | None = None,
) -> Path:
    """A pptx: per slide (lines of a text box, speaker notes or None).

    ``tables`` maps a 1-based slide number to a grid added to that slide as a table.
    """
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    layout = presentation.slide_layouts[6]  # blank
    for number, (lines, notes) in enumerate(slides, start=1):
        slide = presentation.slides.add_slide(layout)
        if lines:
            frame = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(3)).text_frame
            frame.text = lines[0]
            for line in lines[1:]:
                frame.add_paragraph().text = line
        grid = (tables or {}).get(number)
        if grid:
            n_cols = max(len(row) for row in grid)
            shape = slide.shapes.add_table(len(grid), n_cols, Inches(1), Inches(4), Inches(6), Inches(2))
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    shape.table.cell(r, c).text = value
        if notes is not None:
            slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))
    return path


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    owner_password: str | None = None,
    user_password: str | None = None,
) -> Path:
    """A PDF with one page per entry, each line a text line (core Helvetica, latin-1 text).

    ``user_password`` encrypts the file so that it needs a password to open.
    """
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password or "")
    pdf.output(str(path))
    return path


def make_rtf(path: Path, paragraphs: Sequence[str]) -> Path:
    """A minimal but valid RTF document; non-ASCII characters are written as \\uN? escapes."""

    def rtf_escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) > 127:
                code = ord(ch) if ord(ch) < 32768 else ord(ch) - 65536
                out.append(f"\\u{code}?")
            else:
                out.append(ch)
        return "".join(out)

    body = "".join(f"\\pard {rtf_escape(p)}\\par\n" for p in paragraphs)
    document = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n" + body + "}"
    path.write_bytes(document.encode("ascii"))
    return path


def make_eml(
    path: Path,
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]] = (),
    html: str | None = None,
    sender: str = "helpdesk@example.com",
    to: str = "user@example.com",
) -> Path:
    """An RFC 5322 message: text/plain ``body`` (plus a text/html alternative when ``html``)
    and one attachment per (file name, bytes)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">\n'
    f' <manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIME}"/>\n'
    ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
    "</manifest:manifest>\n"
)


def make_ods(path: Path, sheets: Mapping[str, Sequence[Sequence[CellValue]]]) -> Path:
    """An OpenDocument spreadsheet written by hand (no odfpy needed): strings, ints, floats."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = []
            for value in row:
                if value is None or value == "":
                    cells.append("<table:table-cell/>")
                elif isinstance(value, bool):
                    flag = "true" if value else "false"
                    cells.append(
                        f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">'
                        f"<text:p>{str(value).upper()}</text:p></table:table-cell>"
                    )
                elif isinstance(value, int | float):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    cells.append(
                        '<table:table-cell office:value-type="string">'
                        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                    )
            xml_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">' + "".join(xml_rows) + "</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIME)  # stored, first, as ODF requires
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def make_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """A delimited file in the given encoding ("utf-8-sig" for a BOM, "utf-16" for Excel's Unicode text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def make_zip(
    path: Path,
    members: Mapping[str, bytes],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A zip archive with the given member names and contents."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def make_zip_bomb(path: Path, members: int = 4, member_mib: int = 64) -> Path:
    """A zip whose members inflate to ``members * member_mib`` MiB of zeros from a few hundred KiB.

    Written in streaming mode so that building it does not hold the inflated data in memory.
    """
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for index in range(members):
            with archive.open(f"zeros{index}.txt", "w", force_zip64=True) as member:
                for _ in range(member_mib):
                    member.write(chunk)
    return path


def make_encrypted_office(source: Path, path: Path, password: str = "secret") -> Path:
    """Encrypt an existing docx/xlsx/pptx with msoffcrypto-tool (OLE container + EncryptionInfo)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, path.open("wb") as encrypted:
        OOXMLFile(plain).encrypt(password, encrypted)
    return path


def make_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """A text file in the given encoding ("utf-8-sig", "utf-16", "utf-16-le", "cp1252", …)."""
    path.write_bytes(text.encode(encoding))
    return path


def extract_file(path: Path, limits: object = None) -> tuple[str, list[object]]:
    """Type ``path`` and run its extractor: (kind, Units). Raises what the extractor raises."""
    from credscan.extract.interface import ExtractContext
    from credscan.extract.registry import extractor_for
    from credscan.filetype import detect_kind
    from credscan.limits import DEFAULT_LIMITS

    with path.open("rb") as stream:
        kind = detect_kind(stream, path.name)
        extractor = extractor_for(kind)
        if extractor is None:
            return kind, []
        ctx = ExtractContext(
            path=str(path),
            name=path.name,
            kind=kind,
            size=path.stat().st_size,
            limits=limits or DEFAULT_LIMITS,  # type: ignore[arg-type]
        )
        return kind, list(extractor.extract(stream, ctx))


# ---------------------------------------------------------------------------
# Outlook .msg: a minimal OLE compound file writer (no library writes new OLE files)
# ---------------------------------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096

OleTree = Mapping[str, "bytes | OleTree"]


def make_ole(path: Path, tree: OleTree) -> Path:
    """A version 3 compound file: ``tree`` maps names to stream bytes or to sub-storages."""
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "data": b""}]

    def add(storage: OleTree, parent: dict[str, object]) -> None:
        previous: dict[str, object] | None = None
        for name, value in storage.items():
            entry: dict[str, object] = {"name": name, "type": 1 if isinstance(value, Mapping) else 2}
            entry["data"] = b"" if isinstance(value, Mapping) else value
            entries.append(entry)
            index = len(entries) - 1
            if previous is None:
                parent["child"] = index
            else:
                previous["right"] = index
            previous = entry
            if isinstance(value, Mapping):
                add(value, entry)

    add(tree, entries[0])
    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[tuple[dict[str, object], bytes]] = []
    for entry in entries[1:]:
        data = entry["data"]
        assert isinstance(data, bytes)
        if entry["type"] != 2:
            continue
        if not data:
            entry["start"] = _END
        elif len(data) < _CUTOFF:
            count = -(-len(data) // _MINI)
            entry["start"] = len(mini_fat)
            mini_fat.extend(range(len(mini_fat) + 1, len(mini_fat) + count))
            mini_fat.append(_END)
            mini_stream += data.ljust(count * _MINI, b"\0")
        else:
            big.append((entry, data))
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        count = -(-len(data) // _SECTOR)
        start = len(sectors)
        for i in range(count):
            sectors.append(data[i * _SECTOR : (i + 1) * _SECTOR].ljust(_SECTOR, b"\0"))
            fat.append(start + i + 1 if i < count - 1 else _END)
        return start if count else _END

    entries[0]["start"] = place(bytes(mini_stream))
    entries[0]["size"] = len(mini_stream)
    for entry, data in big:
        entry["start"] = place(data)
    mini_fat_bytes = b"".join(n.to_bytes(4, "little") for n in mini_fat)
    mini_fat_start = place(mini_fat_bytes) if mini_fat else _END
    directory = b"".join(_ole_entry(entry) for entry in entries)
    directory += _ole_entry({"name": "", "type": 0, "data": b""}) * (-len(entries) % 4)
    directory_start = place(directory)
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * 128:
        fat_count += 1
    fat_start = len(sectors)
    fat.extend([_FATSECT] * fat_count)
    fat.extend([_FREE] * (fat_count * 128 - len(fat)))
    fat_bytes = b"".join(n.to_bytes(4, "little") for n in fat)
    for i in range(fat_count):
        sectors.append(fat_bytes[i * _SECTOR : (i + 1) * _SECTOR])
    difat = [fat_start + i for i in range(fat_count)] + [_FREE] * (109 - fat_count)
    header = struct.pack(
        "<8s16s5H6s9I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, fat_count, directory_start, 0, _CUTOFF, mini_fat_start, -(-len(mini_fat_bytes) // _SECTOR),
        _END, 0,
    ) + b"".join(n.to_bytes(4, "little") for n in difat)  # fmt: skip
    path.write_bytes(header + b"".join(sectors))
    return path


def _ole_entry(entry: Mapping[str, object]) -> bytes:
    name = str(entry["name"])
    encoded = name.encode("utf-16-le")
    data = entry["data"]
    assert isinstance(data, bytes)
    size = entry.get("size", len(data))
    return struct.pack(
        "<64sHBB3I16sIQQIQ",
        encoded.ljust(64, b"\0"), len(encoded) + 2 if name else 0, entry["type"], 1,
        _NOSTREAM, entry.get("right", _NOSTREAM), entry.get("child", _NOSTREAM),
        b"\0" * 16, 0, 0, 0, entry.get("start", _END if entry["type"] != 0 else 0), size,
    )  # fmt: skip


def _msg_string(text: str) -> bytes:
    return text.encode("utf-16-le")


def make_msg(path: Path, subject: str, body: str, attachments: Sequence[tuple[str, bytes]] = ()) -> Path:
    """An Outlook .msg (MS-OXMSG): subject, plain body, attachments by value."""
    top_properties = struct.pack("<8x4I8x", len(attachments), len(attachments), 0, len(attachments))
    tree: dict[str, object] = {
        "__substg1.0_001A001F": _msg_string("IPM.Note"),
        "__substg1.0_0037001F": _msg_string(subject),
        "__substg1.0_1000001F": _msg_string(body),
        "__properties_version1.0": top_properties,
        "__nameid_version1.0": {
            "__substg1.0_00020102": b"",
            "__substg1.0_00030102": b"",
            "__substg1.0_00040102": b"",
        },
    }
    for index, (name, data) in enumerate(attachments):
        method = struct.pack("<IIQ", 0x37050003, 0x6, 1)  # PR_ATTACH_METHOD = ATTACH_BY_VALUE
        number = struct.pack("<IIQ", 0x0E210003, 0x6, index)
        tree[f"__attach_version1.0_#{index:08X}"] = {
            "__substg1.0_3707001F": _msg_string(name),
            "__substg1.0_3704001F": _msg_string(name[:8]),
            "__substg1.0_37010102": data,
            "__properties_version1.0": b"\0" * 8 + method + number,
        }
    return make_ole(path, tree)  # type: ignore[arg-type]


def _biff(record: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", record, len(data)) + data


BIFF8_MAX_PAYLOAD = 8224
"""The longest record body Excel writes; a longer one goes on in CONTINUE records."""


def biff_continued(record: int, payload: bytes, chunk: int = BIFF8_MAX_PAYLOAD) -> bytes:
    """``record`` with ``payload``, the part past ``chunk`` bytes in CONTINUE (0x003C) records."""
    parts = [payload[i : i + chunk] for i in range(0, len(payload), chunk)] or [b""]
    return _biff(record, parts[0]) + b"".join(_biff(0x003C, part) for part in parts[1:])


def office_art_blip_store(pictures: Sequence[bytes]) -> bytes:
    """An OfficeArtDggContainer ([MS-ODRAW] 2.2.12) whose BStoreContainer holds each PNG as an
    OfficeArtFBSE record with its OfficeArtBlipPNG embedded, as Excel stores a workbook's pictures."""
    entries = b""
    for picture in pictures:
        blip = struct.pack("<HHI", 0x6E0 << 4, 0xF01E, 17 + len(picture)) + bytes(16) + b"\xff" + picture
        fbse = struct.pack("<BB16sHIIIBBBB", 6, 6, bytes(16), 0xFF, len(blip), 1, 0, 0, 0, 0, 0)
        entries += struct.pack("<HHI", (6 << 4) | 2, 0xF007, len(fbse) + len(blip)) + fbse + blip
    store = struct.pack("<HHI", (len(pictures) << 4) | 0xF, 0xF001, len(entries)) + entries
    return struct.pack("<HHI", 0xF, 0xF000, len(store)) + store


def _biff_bof(substream: int) -> bytes:
    return _biff(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 6))


def _biff_sheet(rows: Sequence[Sequence[CellValue]], first_row: int, first_col: int) -> bytes:
    width = max((len(row) for row in rows), default=0)
    body = _biff_bof(0x10)
    last_row, last_col = first_row + len(rows), first_col + width
    body += _biff(0x0200, struct.pack("<IIHHH", first_row, last_row, first_col, last_col, 0))  # DIMENSIONS
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            where = struct.pack("<HHH", first_row + r, first_col + c, 0)
            if isinstance(value, str):  # LABEL with an uncompressed UTF-16 string
                body += _biff(0x0204, where + struct.pack("<HB", len(value), 1) + value.encode("utf-16-le"))
            elif isinstance(value, int | float):
                body += _biff(0x0203, where + struct.pack("<d", float(value)))  # NUMBER
    return body + _biff(0x000A)


def make_xls(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[CellValue]]],
    hidden: Iterable[str] = (),
    start: tuple[int, int] = (1, 1),
    encrypted: bool = False,
    drawing_group: bytes = b"",
) -> Path:
    """A legacy BIFF8 .xls (strings and numbers), written by hand: no maintained library writes xls.

    ``start`` is the (row, column) of each sheet's first cell, 1-based. ``encrypted`` adds a
    FILEPASS record, the mark of a password-protected workbook (the cells stay readable here).
    ``drawing_group`` (see ``office_art_blip_store``) goes in a MSODRAWINGGROUP record and as many CONTINUE
    records as it needs, as Excel writes the pictures of a workbook.
    """
    hidden_set = set(hidden)
    bodies = [_biff_sheet(rows, start[0] - 1, start[1] - 1) for rows in sheets.values()]

    def workbook_globals(offsets: Sequence[int]) -> bytes:
        data = _biff_bof(0x5)
        if encrypted:
            data += _biff(0x002F, struct.pack("<HHH", 1, 1, 1) + b"\0" * 48)  # FILEPASS, RC4
        data += _biff(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
        for name, offset in zip(sheets, offsets, strict=True):
            state = 1 if name in hidden_set else 0
            sheet = struct.pack("<IBBBB", offset, state, 0, len(name), 1) + name.encode("utf-16-le")
            data += _biff(0x0085, sheet)  # BOUNDSHEET8
        if drawing_group:
            data += biff_continued(0x00EB, drawing_group)  # MSODRAWINGGROUP
        return data + _biff(0x000A)

    offset = len(workbook_globals([0] * len(bodies)))
    offsets = []
    for body in bodies:
        offsets.append(offset)
        offset += len(body)
    stream = workbook_globals(offsets) + b"".join(bodies)
    return make_ole(path, {"Workbook": stream.ljust(_CUTOFF, b"\0")})


def where(units: list[object], needle: str) -> Location:
    """Location of the line (TextBlock) or cell (Table) containing ``needle``."""
    for unit in units:
        if isinstance(unit, TextBlock):
            for index, line in enumerate(unit.text.split("\n")):
                if needle in line:
                    return unit.line_location(index)
        elif isinstance(unit, Table):
            for r, row in enumerate(unit.rows):
                for c, value in enumerate(row):
                    if needle in value:
                        return unit.cell_location(r, c)
    raise AssertionError(f"{needle!r} not found in {units}")
