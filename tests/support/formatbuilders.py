"""Builders for the formats beyond tests/support/docbuilders.py: xlsb, vsdx, OOXML variants, legacy
Office (through LibreOffice), Works, OneNote, HTML, ODT, archives other than zip — and a scan helper.

Each builder writes ``path`` and returns it. The binary formats nobody else writes (xlsb, Works, OneNote) are
put together here from the public record layouts ([MS-XLSB], [MS-ONESTORE]); .doc/.ppt come from LibreOffice,
converted once per test session (see ``soffice_convert``).
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from credscan.model import Finding, ScanOptions
from credscan.scan import run_scan

KEY = b"fingerprint-key-for-format-tests-0123"


def scan_findings(*paths: Path, **overrides: object) -> tuple[list[Finding], object]:
    """Findings (with plaintext secrets) and stats of an in-process scan of ``paths``."""
    options = replace(ScanOptions(jobs=0, fingerprint_key=KEY, show_secrets=True), **overrides)  # type: ignore[arg-type]
    result = run_scan([str(p) for p in paths], options)
    return result.findings, result.stats


def secrets_at(findings: Sequence[Finding]) -> dict[str, dict[str, object]]:
    """secret -> location of its (first) finding."""
    found: dict[str, dict[str, object]] = {}
    for finding in findings:
        if finding.secret is not None:
            found.setdefault(finding.secret, finding.location)
    return found


# ---------------------------------------------------------------------------
# OOXML: the same package under another main content type (macro-enabled, template, show)
# ---------------------------------------------------------------------------

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SLIDES_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {
    ".docm": (WORD_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml"),
    ".dotx": (WORD_MAIN, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    ".dotm": (WORD_MAIN, "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    ".ppsx": (SLIDES_MAIN, "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"),
    ".ppsm": (SLIDES_MAIN, "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"),
    ".potx": (SLIDES_MAIN, "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"),
    ".potm": (SLIDES_MAIN, "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"),
}


def retype_ooxml(source: Path, path: Path) -> Path:
    """``source`` (docx/pptx) saved as ``path``, whose suffix picks the main part's content type, as Word and
    PowerPoint write it for that kind of file."""
    old, new = MAIN_TYPES[path.suffix]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
    return path


# ---------------------------------------------------------------------------
# xlsb ([MS-XLSB] records)
# ---------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def xlsb_record(kind: int, payload: bytes = b"") -> bytes:
    return _varint(kind) + _varint(len(payload)) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _xlsb_cell(column: int, value: object, strings: list[str]) -> bytes:
    head = struct.pack("<II", column, 0)
    if isinstance(value, bool):
        return xlsb_record(0x04, head + bytes([value]))
    if isinstance(value, int):
        return xlsb_record(0x02, head + struct.pack("<I", (value << 2) | 0x02))  # RK integer
    if isinstance(value, float):
        return xlsb_record(0x05, head + struct.pack("<d", value))
    text = str(value)
    if text.startswith("="):  # inline string (BrtCellSt) for values written "=text"
        return xlsb_record(0x06, head + _wide(text[1:]))
    strings.append(text)
    return xlsb_record(0x07, head + struct.pack("<I", len(strings) - 1))  # shared string


def make_xlsb(
    path: Path, sheets: Mapping[str, Sequence[Sequence[object]]], hidden: Sequence[str] = ()
) -> Path:
    """An xlsb: strings go to the shared-string table, ints as RK numbers, "=x" as inline strings."""
    strings: list[str] = []
    workbook = xlsb_record(0x83) + xlsb_record(0x8F)
    parts: dict[str, bytes] = {}
    rels = []
    for number, (name, rows) in enumerate(sheets.items(), start=1):
        state = 1 if name in hidden else 0
        workbook += xlsb_record(0x9C, struct.pack("<II", state, number) + _wide(f"rId{number}") + _wide(name))
        sheet = xlsb_record(0x81) + xlsb_record(0x91)
        for r, row in enumerate(rows):
            sheet += xlsb_record(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))
            sheet += b"".join(_xlsb_cell(c, v, strings) for c, v in enumerate(row) if v not in (None, ""))
        parts[f"xl/worksheets/sheet{number}.bin"] = sheet + xlsb_record(0x92) + xlsb_record(0x82)
        rels.append((f"rId{number}", "worksheet", f"worksheets/sheet{number}.bin"))
    workbook += xlsb_record(0x90) + xlsb_record(0x84)
    sst = xlsb_record(0x9F, struct.pack("<II", len(strings), len(strings)))
    sst += b"".join(xlsb_record(0x13, b"\0" + _wide(s)) for s in strings) + xlsb_record(0xA0)
    rels.append((f"rId{len(sheets) + 1}", "sharedStrings", "sharedStrings.bin"))
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="application/vnd.ms-excel.worksheet"/>' for name in parts
    )
    write_package(
        path,
        {
            "[Content_Types].xml": _content_types(
                '<Override PartName="/xl/workbook.bin" '
                'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>' + overrides
            ),
            "_rels/.rels": _rels([("rId1", "officeDocument", "xl/workbook.bin")]),
            "xl/workbook.bin": workbook,
            "xl/_rels/workbook.bin.rels": _rels(rels),
            "xl/sharedStrings.bin": sst,
            **parts,
        },
    )
    return path


def _content_types(overrides: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


def _rels(relations: Sequence[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'{kind}" Target="{target}"/>'
        for rid, kind, target in relations
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def write_package(path: Path, members: Mapping[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------------------
# Visio (vsdx)
# ---------------------------------------------------------------------------

VISIO_NS = "http://schemas.microsoft.com/office/visio/2012/main"


def make_vsdx(path: Path, pages: Sequence[Sequence[tuple[str, Mapping[str, str]]]]) -> Path:
    """A vsdx: per page, shapes as (text, shape data {label: value})."""
    members: dict[str, str] = {}
    page_entries = []
    page_rels = []
    for number, shapes in enumerate(pages, start=1):
        xml_shapes = []
        for shape_id, (text, data) in enumerate(shapes, start=1):
            rows = "".join(
                f'<Row N="Row_{k}"><Cell N="Label" V={quoteattr(label)}/>'
                f'<Cell N="Value" V={quoteattr(value)} U="STR"/></Row>'
                for k, (label, value) in enumerate(data.items())
            )
            section = f'<Section N="Property">{rows}</Section>' if rows else ""
            body = f"<Text><cp IX='0'/>{escape(text)}</Text>" if text else ""
            xml_shapes.append(f'<Shape ID="{shape_id}" Type="Shape">{section}{body}</Shape>')
        members[f"visio/pages/page{number}.xml"] = (
            f'<?xml version="1.0" encoding="utf-8"?><PageContents xmlns="{VISIO_NS}"><Shapes>'
            + "".join(xml_shapes)
            + "</Shapes></PageContents>"
        )
        page_entries.append(
            f'<Page ID="{number - 1}" Name="Page-{number}"><Rel xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships" r:id="rId{number}"/></Page>'
        )
        page_rels.append((f"rId{number}", "page", f"page{number}.xml"))
    members["visio/pages/pages.xml"] = (
        f'<?xml version="1.0"?><Pages xmlns="{VISIO_NS}">{"".join(page_entries)}</Pages>'
    )
    members["visio/pages/_rels/pages.xml.rels"] = _rels(page_rels)
    members["visio/document.xml"] = f'<?xml version="1.0"?><VisioDocument xmlns="{VISIO_NS}"/>'
    members["_rels/.rels"] = _rels([("rId1", "document", "visio/document.xml")])
    members["[Content_Types].xml"] = _content_types(
        '<Override PartName="/visio/document.xml" ContentType="application/vnd.ms-visio.drawing.main+xml"/>'
    )
    return write_package(path, members)


# ---------------------------------------------------------------------------
# Archives other than zip
# ---------------------------------------------------------------------------


def make_tar(path: Path, members: Mapping[str, bytes], mode: str = "w") -> Path:
    """A tar (``mode`` "w", "w:gz", "w:bz2", "w:xz") holding ``members``."""
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def make_7z(path: Path, members: Mapping[str, bytes], password: str | None = None) -> Path:
    import py7zr

    with py7zr.SevenZipFile(path, "w", password=password) as archive:
        if password:
            archive.set_encrypted_header(False)
        for name, data in members.items():
            archive.writestr(data, name)
    return path


# ---------------------------------------------------------------------------
# Legacy Office through LibreOffice (a test-session cache: one soffice run per format)
# ---------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(sources: Sequence[Path], target: str, outdir: Path) -> list[Path]:
    """``sources`` converted to ``target`` ("doc", "ppt", "xls") in ONE soffice run (~1 s plus ~0.1 s a
    file), with its own profile folder so that parallel test runs do not share one."""
    program = soffice()
    assert program is not None, "LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".profile"
    subprocess.run(
        [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = [outdir / f"{source.stem}.{target}" for source in sources]
    missing = [str(p) for p in converted if not p.exists()]
    assert not missing, f"soffice did not write {missing}"
    return converted


# ---------------------------------------------------------------------------
# OpenDocument written by hand
# ---------------------------------------------------------------------------

ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
ODF_MIMETYPES = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


def make_odf(path: Path, body: str, styles: str = "", pictures: Mapping[str, bytes] | None = None) -> Path:
    """An OpenDocument file (type from the suffix) whose office:body holds ``body`` (raw XML), whose
    styles.xml holds ``styles`` (raw XML inside office:master-styles) and whose Pictures/ folder holds
    ``pictures`` (name -> bytes, stored as LibreOffice stores them)."""
    mimetype = ODF_MIMETYPES[path.suffix]
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {ODF_NAMESPACES} office:version="1.2">'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    styles_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-styles {ODF_NAMESPACES} office:version="1.2">'
        f"<office:master-styles>{styles}</office:master-styles></office:document-styles>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        manifest = (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles_xml, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (pictures or {}).items():
            archive.writestr(f"Pictures/{name}", data)
    return path


def odf_paragraph(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def odf_table(rows: Sequence[Sequence[str]], name: str = "T") -> str:
    cells = (
        "<table:table-row>"
        + "".join(
            f"<table:table-cell>{odf_paragraph(value) if value else ''}</table:table-cell>" for value in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return f'<table:table table:name="{escape(name)}">{"".join(cells)}</table:table>'


# ---------------------------------------------------------------------------
# Word 97 and PowerPoint 97 written by hand (fuzz seeds; LibreOffice writes the realistic ones)
# ---------------------------------------------------------------------------


def make_doc(path: Path, paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> Path:
    """A minimal Word 97 file ([MS-DOC]): a FIB pointing at a one-piece table of 8-bit text, and paragraph
    properties marking each table row's end (sprmPFTtp), as Word stores them."""
    from tests.support.docbuilders import make_ole

    text = "".join(f"{p}\r" for p in paragraphs)
    row_ends = []
    for row in table:
        text += "".join(f"{cell}\x07" for cell in row)
        row_ends.append(len(text))
        text += "\x07"
    text += "\r"
    raw = text.encode("cp1252")
    text_at = 0x800
    fib = bytearray(text_at)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: 1Table
    struct.pack_into("<H", fib, 32, 14)  # csw, then fibRgW (28 bytes)
    lw = 34 + 28
    struct.pack_into("<H", fib, lw, 22)  # cslw, then fibRgLw (88 bytes): ccpText at index 3
    struct.pack_into("<I", fib, lw + 2 + 4 * 3, len(raw))
    fclcb = lw + 2 + 88
    struct.pack_into("<H", fib, fclcb, 93)  # cbRgFcLcb
    table_stream = bytearray()
    clx = b"\x02" + struct.pack("<I", 16) + struct.pack("<II", 0, len(raw))
    clx += struct.pack("<HIH", 0, (text_at * 2) | 0x40000000, 0)
    struct.pack_into("<II", fib, fclcb + 2 + 8 * 33, len(table_stream), len(clx))
    table_stream += clx
    word = bytes(fib) + raw
    word += bytes(-len(word) % 512)
    fkp_page = len(word) // 512
    fkp = bytearray(512)
    fcs = [text_at, *(text_at + end + 1 for end in row_ends), text_at + len(raw)]
    runs = len(fcs) - 1
    for k, fc in enumerate(fcs):
        struct.pack_into("<I", fkp, 4 * k, fc)
    papx_at = 4 * (runs + 1) + 13 * runs
    papx_at += papx_at % 2
    ttp = bytes([3]) + struct.pack("<H", 0) + struct.pack("<HB", 0x2417, 1)  # cb=3: istd + sprmPFTtp(1)
    fkp[papx_at : papx_at + len(ttp)] = ttp
    for k in range(runs):
        ends_row = k < len(row_ends)
        fkp[4 * (runs + 1) + 13 * k] = papx_at // 2 if ends_row else 0
    fkp[511] = runs
    word += bytes(fkp)
    bte_at = len(table_stream)
    table_stream += struct.pack("<II", fcs[0], fcs[-1]) + struct.pack("<I", fkp_page)
    struct.pack_into("<II", word := bytearray(word), fclcb + 2 + 8 * 13, bte_at, 12)
    return make_ole(
        path,
        {"WordDocument": bytes(word).ljust(4096, b"\0"), "1Table": bytes(table_stream).ljust(4096, b"\0")},
    )


def ppt_record(kind: int, body: bytes, instance: int = 0, container: bool = False) -> bytes:
    return struct.pack("<HHI", (instance << 4) | (0xF if container else 0), kind, len(body)) + body


def make_ppt(path: Path, slides: Sequence[str]) -> Path:
    """A minimal PowerPoint 97 stream: a Document container whose slide list holds each slide's text."""
    from tests.support.docbuilders import make_ole

    entries = b""
    for number, text in enumerate(slides, start=1):
        entries += ppt_record(0x03F3, struct.pack("<IIiI", number, 0, 1, 255 + number) + bytes(4))
        entries += ppt_record(0x0FA0, text.encode("utf-16-le"))
    stream = ppt_record(0x03E8, ppt_record(0x0FF0, entries, container=True), container=True)
    return make_ole(path, {"PowerPoint Document": stream.ljust(4096, b"\0"), "Current User": bytes(64)})


def _make_wps(path: Path) -> Path:
    from tests.support.docbuilders import make_ole

    text = "Kunde\rKennwort: x\r".encode("utf-16-le")
    return make_ole(path, {"CONTENTS": b"CHNKWKS " + bytes(300) + text + bytes(4096)})


def _make_one(path: Path) -> Path:
    from credscan.filetype import ONENOTE_SIGNATURE

    value = "Passwort: x".encode("utf-16-le")
    path.write_bytes(ONENOTE_SIGNATURE + bytes(1100) + struct.pack("<I", len(value)) + value + bytes(200))
    return path


def _make_compressed(path: Path, kind: str) -> Path:
    import bz2
    import gzip
    import lzma

    compress = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    path.write_bytes(compress(b"Password: x\n" * 200))
    return path


ODT_SEED = (
    "<office:text>"
    + odf_paragraph("Password: x")
    + odf_table([["User", "Password"], ["a", "b"]])
    + "</office:text>"
)
ODP_SEED = (
    "<office:presentation><draw:page><draw:frame><draw:text-box>"
    + odf_paragraph("x")
    + "</draw:text-box></draw:frame></draw:page></office:presentation>"
)
NEW_FORMAT_BUILDERS = {
    "xlsb": lambda p: make_xlsb(p, {"S": [["User", "Password"], ["a", "b"], [1, 2.5, True, "=c"]]}),
    "vsdx": lambda p: make_vsdx(p, [[("Firewall", {"Password": "x"})], [("b", {})]]),
    "doc": lambda p: make_doc(p, ["Password: x", "y"], [["User", "Password"], ["a", "b"]]),
    "ppt": lambda p: make_ppt(p, ["Password: x", "y"]),
    "wps": _make_wps,
    "one": _make_one,
    "html": lambda p: (p.write_text(
        "<!DOCTYPE html><html><body><p>a</p><table><tr><th>User</th><th>Password</th></tr>"
        "<tr><td rowspan='2'>a</td><td>b</td></tr></table><script>x=1</script></body></html>"
    ), p)[1],
    "odt": lambda p: make_odf(p.with_suffix(".odt"), ODT_SEED),
    "odp": lambda p: make_odf(p.with_suffix(".odp"), ODP_SEED),
    "tar": lambda p: make_tar(p, {"a.txt": b"Password: x\n", "b/c.txt": b"y" * 1000}),
    "gz": lambda p: _make_compressed(p, "gz"),
    "bz2": lambda p: _make_compressed(p, "bz2"),
    "xz": lambda p: _make_compressed(p, "xz"),
    "7z": lambda p: make_7z(p, {"a.txt": b"Password: x\n", "b.txt": b"y" * 1000}),
}  # fmt: skip
"""One small valid file per kind added by this work, for the robustness and fuzz tests."""
