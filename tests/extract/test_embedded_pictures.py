"""Pictures inside workbooks and OpenDocument files (xlsx and xlsb xl/media/, ODF Pictures/), pasted into RTF
and into Word/PowerPoint/Excel 97-2003 files go through OCR like the pictures of docx/pptx/pdf; only files
that hold pictures ever reach it; a damaged .xls drawing group costs only its pictures. ~8 s (Tesseract: ~15
images; LibreOffice writes the .doc, .ppt and .xls)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from credscan.extract import ocr
from credscan.limits import DEFAULT_LIMITS
from tests.support.docbuilders import make_ods, make_xlsx
from tests.support.formatbuilders import make_odf, odf_paragraph
from tests.support.imagebuilders import photo_without_text, router_page, save, to_bytes
from tests.support.scanning import found, scan_file

pytestmark = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract language data not installed")

ROUTER_PASSWORD = "Gr33n-Valley!2024"
TEXT_PASSWORD = "Text-Pa55word!"
ODF_FRAME = (
    '<draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/{name}" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"/></draw:frame>'
)


def router() -> Image.Image:
    return router_page(
        [("Network Name (SSID):", "HomeNet-5G"), ("Security:", "WPA2-PSK"), ("Password:", ROUTER_PASSWORD)]
    )


def xlsx_with_image(path: Path, image: Image.Image) -> Path:
    """A workbook whose sheet holds a text cell and a pasted screenshot (openpyxl stores it in xl/media/)."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as SheetImage

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Router"
    sheet["A2"] = f"Password: {TEXT_PASSWORD}"
    sheet.add_image(SheetImage(str(save(image, path.with_suffix(".png")))), "C3")
    workbook.save(path)
    return path


def test_screenshot_pasted_into_a_workbook(tmp_path: Path) -> None:
    result = scan_file(xlsx_with_image(tmp_path / "clients.xlsx", router()))
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": "xl/media/image1.png", "line": 4}
    assert TEXT_PASSWORD in found(result)


@pytest.mark.parametrize("suffix", [".odt", ".odp"])
def test_screenshot_in_an_opendocument_text_or_presentation(tmp_path: Path, suffix: str) -> None:
    name = "10000000000003840000012C.png"
    frame = ODF_FRAME.format(name=name)
    if suffix == ".odt":
        body = f"<office:text>{odf_paragraph('See the screenshot.')}<text:p>{frame}</text:p></office:text>"
    else:
        body = f'<office:presentation><draw:page draw:name="p1">{frame}</draw:page></office:presentation>'
    path = make_odf(tmp_path / f"ticket{suffix}", body, pictures={name: to_bytes(router())})
    result = scan_file(path)
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": f"Pictures/{name}", "line": 4}


def test_screenshot_in_an_opendocument_spreadsheet(tmp_path: Path) -> None:
    import zipfile

    path = make_ods(tmp_path / "clients.ods", {"Sheet1": [["Router", f"Password: {TEXT_PASSWORD}"]]})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("Pictures/shot.png", to_bytes(router()))
    result = scan_file(path)
    assert found(result).get(ROUTER_PASSWORD) == {"image": "Pictures/shot.png", "line": 4}
    assert TEXT_PASSWORD in found(result)


def test_files_without_pictures_never_reach_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Metafiles and thumbnails are not pictures to read; a workbook or ODF file without raster pictures
    costs no OCR (the hot path of a share full of plain spreadsheets)."""

    def no_ocr(*_: object, **__: object) -> list[object]:
        raise AssertionError("OCR ran on a file without pictures")

    monkeypatch.setattr(ocr, "image_units", no_ocr)
    monkeypatch.setattr(ocr, "_gated_image", no_ocr)
    workbook = make_xlsx(tmp_path / "plain.xlsx", {"Sheet1": [["Password", TEXT_PASSWORD]]})
    document = make_odf(
        tmp_path / "plain.odt",
        f"<office:text>{odf_paragraph(f'Password: {TEXT_PASSWORD}')}</office:text>",
        pictures={"chart.svm": b"VCLMTF", "diagram.svg": b"<svg/>"},
    )
    for path in (workbook, document):
        result = scan_file(path)
        assert result.error is None and TEXT_PASSWORD in found(result)


def test_ocr_off_passes_pictures_over(tmp_path: Path) -> None:
    result = scan_file(
        xlsx_with_image(tmp_path / "clients.xlsx", router()), replace(DEFAULT_LIMITS, ocr=False)
    )
    assert result.error is None and ROUTER_PASSWORD not in found(result) and TEXT_PASSWORD in found(result)


def test_corrupt_and_textless_pictures_cost_only_themselves(tmp_path: Path) -> None:
    """A truncated picture and a photo without text give no finding and no error; the text is still read."""
    path = make_odf(
        tmp_path / "notes.odt",
        f"<office:text>{odf_paragraph(f'Password: {TEXT_PASSWORD}')}</office:text>",
        pictures={"broken.png": to_bytes(router())[:300], "photo.png": to_bytes(photo_without_text())},
    )
    result = scan_file(path)
    assert result.error is None and set(found(result)) == {TEXT_PASSWORD}


def test_pictures_of_a_workbook_share_one_budget(tmp_path: Path) -> None:
    import zipfile

    path = xlsx_with_image(tmp_path / "clients.xlsx", router())
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image9.png", to_bytes(router()))
    result = scan_file(path, replace(DEFAULT_LIMITS, max_images=1))
    assert ROUTER_PASSWORD in found(result) and TEXT_PASSWORD in found(result)
    assert result.error is not None and "max_images" in result.error.error


def rtf_with_picture(path: Path, picture: bytes, blip: str = "pngblip") -> Path:
    r"""An RTF as Word writes a pasted screenshot: the picture as hex digits in a {\pict} group after its blip
    word, a {\*\blipuid} group and line breaks every 128 digits, then a metafile copy for old readers."""
    digits = picture.hex()
    lines = "\n".join(digits[i : i + 128] for i in range(0, len(digits), 128))
    path.write_text(
        "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Calibri;}}\\pard\\f0 Ticket 4711: new router.\\par\n"
        "{\\*\\shppict{\\pict{\\*\\picprop}\\picw900\\pich290\\picwgoal13500\\pichgoal4350"
        f"\\{blip}\\bliptag-1190842110{{\\*\\blipuid b90547024c3c06e2a2e8c81a4c5f8e1c}}\n{lines}}}}}"
        "{\\nonshppict{\\pict\\picw900\\pich290\\wmetafile8 0100090000036e00000000004500000000000400}}"
        "\\par\n}",
        encoding="ascii",
    )
    return path


@pytest.mark.parametrize("blip", ["pngblip", "jpegblip"])
def test_screenshot_pasted_into_an_rtf_document(tmp_path: Path, blip: str) -> None:
    picture = to_bytes(router()) if blip == "pngblip" else _sharp_jpeg(router())
    result = scan_file(rtf_with_picture(tmp_path / f"ticket-{blip}.rtf", picture, blip))
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": 1, "line": 4}


def _sharp_jpeg(image: Image.Image) -> bytes:
    """A JPEG at quality 95 (the default 75 blurs the input box's border into a column rule)."""
    import io

    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_rtf_pictures_reader_is_bounded_and_forgiving() -> None:
    """Odd digit counts, a blip word with no digits, a picture past max_image_bytes (read only up to it)."""
    from credscan.extract.rtfpictures import rtf_pictures

    data = b"{\\pict\\pngblip abc}{\\pict\\jpegblip}{\\pict\\pngblip " + b"ab" * 5000 + b"}"
    pictures = list(rtf_pictures(data, max_image_bytes=100))
    assert pictures[0] == ({"image": 1}, b"\xab")
    assert [location for location, _ in pictures] == [{"image": 1}, {"image": 3}]
    assert 100 < len(pictures[1][1]) < 5000


def test_text_rtf_never_reaches_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.docbuilders import make_rtf

    def no_ocr(*_: object, **__: object) -> list[object]:
        raise AssertionError("OCR ran on an RTF without pictures")

    monkeypatch.setattr(ocr, "image_units", no_ocr)
    result = scan_file(make_rtf(tmp_path / "plain.rtf", [f"Password: {TEXT_PASSWORD}"]))
    assert result.error is None and TEXT_PASSWORD in found(result)


@pytest.fixture(scope="module")
def legacy_office_with_picture(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A .doc and a .ppt holding the router screenshot, written by LibreOffice from a docx and a pptx (one
    soffice run per format, ~3 s each)."""
    from tests.support.formatbuilders import soffice, soffice_convert
    from tests.support.imagebuilders import docx_with_image, pptx_with_image

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("legacy")
    docx = docx_with_image(folder / "ticket.docx", router(), text=f"Password: {TEXT_PASSWORD}")
    pptx = pptx_with_image(folder / "slides.pptx", router(), slide_number=1)
    (doc,) = soffice_convert([docx], "doc", folder / "out")
    (ppt,) = soffice_convert([pptx], "ppt", folder / "out")
    return {"doc": doc, "ppt": ppt}


@pytest.mark.parametrize("kind", ["doc", "ppt"])
def test_screenshot_in_a_word_or_powerpoint_97_file(
    legacy_office_with_picture: dict[str, Path], kind: str
) -> None:
    result = scan_file(legacy_office_with_picture[kind])
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": 1, "line": 4}


def test_office_art_reader_needs_a_matching_record_header() -> None:
    """A PNG signature that is not the payload of a BLIP record (text that quotes one, a record of another
    type, a length running past the stream) is no picture; a real record's length bounds the picture."""
    import struct

    from credscan.extract.officeart import blip_pictures

    png = to_bytes(router())
    record = struct.pack("<HHI", 0x6E0 << 4, 0xF01E, 17 + len(png)) + bytes(16) + b"\xff" + png
    stray = b"\x89PNG\r\n\x1a\n" + bytes(40)
    wrong_type = struct.pack("<HHI", 0x6E0 << 4, 0xF01D, 17 + len(png)) + bytes(16) + b"\xff" + png
    too_long = struct.pack("<HHI", 0x6E0 << 4, 0xF01E, 10**9) + bytes(16) + b"\xff" + png
    pictures = list(blip_pictures(stray + wrong_type + record + b"tail" + too_long, 50 * 1024 * 1024))
    assert pictures == [({"image": 1}, png)]


# ---------------------------------------------------------------------------
# Excel 97-2003 (.xls: the drawing group's BLIPs) and binary workbooks (.xlsb: xl/media/)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice's .xls of the workbook with the router screenshot, and of one without pictures (one soffice
    run, ~2 s)."""
    from tests.support.formatbuilders import soffice, soffice_convert

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("xls")
    pictured = xlsx_with_image(folder / "clients.xlsx", router())
    plain = make_xlsx(folder / "plain.xlsx", {"Sheet1": [["Password", TEXT_PASSWORD]]})
    converted = soffice_convert([pictured, plain], "xls", folder / "out")
    return dict(zip(("pictured", "plain"), converted, strict=True))


def _workbook_records(path: Path) -> list[int]:
    import struct

    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        data = ole.openstream("Workbook").read()
    kinds, offset = [], 0
    while offset + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, offset)
        kinds.append(kind)
        offset += 4 + length
    return kinds


def test_screenshot_in_an_excel_97_workbook(xls_files: dict[str, Path]) -> None:
    kinds = _workbook_records(xls_files["pictured"])
    group = kinds.index(0x00EB)
    assert kinds[group + 1] == 0x003C, "the fixture's picture must run on into a CONTINUE record"
    result = scan_file(xls_files["pictured"])
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": 1, "line": 4}
    assert TEXT_PASSWORD in found(result)


def test_pictures_of_a_hand_written_xls_are_numbered_in_stream_order(tmp_path: Path) -> None:
    """Two pictures in one drawing group, the second split over three CONTINUE records (as Excel writes a
    workbook); a photo without text takes a number and gives nothing."""
    from tests.support.docbuilders import make_xls, office_art_blip_store

    group = office_art_blip_store([to_bytes(photo_without_text()), to_bytes(router())])
    assert len(group) > 3 * 8224
    path = make_xls(tmp_path / "clients.xls", {"Logins": [["Password", TEXT_PASSWORD]]}, drawing_group=group)
    result = scan_file(path)
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": 2, "line": 4}
    assert TEXT_PASSWORD in found(result)


def xlsb_with_image(path: Path, image: Image.Image) -> Path:
    """An xlsb with a text cell and a picture in xl/media/, where Excel keeps an xlsb's pictures as it does
    an xlsx's (LibreOffice cannot write xlsb; the workbook parts are written by hand)."""
    import zipfile

    from tests.support.formatbuilders import make_xlsb

    make_xlsb(path, {"Sheet1": [["Router", f"Password: {TEXT_PASSWORD}"]]})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image1.png", to_bytes(image))
        archive.writestr("xl/media/image2.emf", b"\x01\x00\x00\x00 EMF")  # a metafile: not a picture to read
    return path


def test_screenshot_in_a_binary_workbook(tmp_path: Path) -> None:
    result = scan_file(xlsb_with_image(tmp_path / "clients.xlsb", router()))
    assert result.error is None
    assert found(result).get(ROUTER_PASSWORD) == {"image": "xl/media/image1.png", "line": 4}
    assert TEXT_PASSWORD in found(result)


def test_excel_workbooks_without_pictures_never_load_ocr(
    xls_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hot path of a share full of plain .xls and .xlsb: no picture, no call into the OCR module (a
    JPEG signature in cell bytes is no picture without its BLIP record either)."""
    import struct

    from tests.support.docbuilders import make_xls
    from tests.support.formatbuilders import make_xlsb

    def no_ocr(*_: object, **__: object) -> list[object]:
        raise AssertionError("OCR ran on a workbook without pictures")

    monkeypatch.setattr(ocr, "pictures_units", no_ocr)
    monkeypatch.setattr(ocr, "image_units", no_ocr)
    stray_jpeg = struct.unpack("<d", b"\xff\xd8\xff\x00\x00\x00\x00\x40")[0]  # a number stored as ff d8 ff …
    stray = make_xls(tmp_path / "plain.xls", {"Logins": [["Password", TEXT_PASSWORD], ["Rate", stray_jpeg]]})
    assert b"\xff\xd8\xff" in stray.read_bytes()
    paths = [
        xls_files["plain"],
        stray,
        make_xlsb(tmp_path / "plain.xlsb", {"Logins": [["Password", TEXT_PASSWORD]]}),
    ]
    for path in paths:
        result = scan_file(path)
        assert result.error is None and TEXT_PASSWORD in found(result), path.name


def _hostile_groups() -> dict[str, tuple[bytes, bool]]:
    """Drawing groups a hostile or damaged .xls may hold -> whether the screenshot is still read."""
    import struct

    from tests.support.docbuilders import office_art_blip_store

    good = office_art_blip_store([to_bytes(router())])
    blip = good.index(struct.pack("<HH", 0x6E0 << 4, 0xF01E))
    lying_containers = bytearray(good)
    struct.pack_into("<I", lying_containers, 4, 0xFFFFFFFF)  # DggContainer
    struct.pack_into("<I", lying_containers, 12, 0xFFFFFFFF)  # BStoreContainer
    overflow = bytearray(good)
    struct.pack_into("<I", overflow, blip + 4, 0xFFFFFFFF)  # the BLIP's own length
    return {
        "truncated picture": (good[: len(good) // 2], False),
        "picture length past the stream": (bytes(overflow), False),
        "container lengths that lie": (bytes(lying_containers), True),
        "no BStoreContainer, only a PNG signature": (
            b"\x0f\x00\x00\xf0\x10\x00\x00\x00\x89PNG\r\n\x1a\n" * 3,
            False,
        ),
    }


@pytest.mark.parametrize("case", list(_hostile_groups()))
def test_hostile_xls_drawing_group_is_contained(tmp_path: Path, case: str) -> None:
    """A damaged drawing group costs only its pictures: no error, the cells are read; a picture is kept only
    where its own BLIP record bounds it (container lengths are not trusted, nor needed)."""
    from tests.support.docbuilders import make_xls

    group, readable = _hostile_groups()[case]
    path = make_xls(tmp_path / "clients.xls", {"Logins": [["Password", TEXT_PASSWORD]]}, drawing_group=group)
    result = scan_file(path)
    assert result.error is None
    assert TEXT_PASSWORD in found(result)
    assert (ROUTER_PASSWORD in found(result)) is readable


def test_xls_drawing_group_reader_is_bounded() -> None:
    """The BIFF walk: a record running past the stream is cut there, CONTINUE records join only the drawing
    group they follow (not an SST's), the walk stops at the globals' EOF, and the payload at its byte cap."""
    import struct

    from credscan.extract.xlspictures import drawing_group

    def biff(kind: int, body: bytes, length: int | None = None) -> bytes:
        return struct.pack("<HH", kind, len(body) if length is None else length) + body

    sst = biff(0x00FC, b"sst") + biff(0x003C, b"sst-more")
    group = biff(0x00EB, b"AAAA") + biff(0x003C, b"BBBB") + biff(0x00EB, b"CCCC")
    after_eof = biff(0x000A, b"") + biff(0x00EB, b"sheet")
    assert drawing_group(sst + group + after_eof, 1000) == (b"AAAABBBBCCCC", False)
    assert drawing_group(group, 6) == (b"AAAABB", True)
    assert drawing_group(biff(0x00EB, b"DDDD", length=0xFFFF), 1000) == (b"DDDD", False)
    assert drawing_group(b"\xeb\x00", 1000) == (b"", False)
    zero_length = biff(0x003C, b"") * 100_000 + group  # 400 KB of empty records: walked, not looped on
    assert drawing_group(zero_length, 1000) == (b"AAAABBBBCCCC", False)


def test_xls_drawing_group_over_its_cap_is_listed(tmp_path: Path) -> None:
    """A drawing group past max_inflated_bytes is read up to it, and the cap is named after the cells."""
    from tests.support.docbuilders import make_xls, office_art_blip_store

    group = office_art_blip_store([to_bytes(router())])
    path = make_xls(tmp_path / "clients.xls", {"Logins": [["Password", TEXT_PASSWORD]]}, drawing_group=group)
    result = scan_file(path, replace(DEFAULT_LIMITS, max_inflated_bytes=len(group) // 2))
    assert TEXT_PASSWORD in found(result) and ROUTER_PASSWORD not in found(result)
    assert result.error is not None and "max_inflated_bytes" in result.error.error


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    mutations=st.lists(st.tuples(st.integers(0, 2_000), st.binary(min_size=1, max_size=4)), max_size=6),
    cut=st.one_of(st.none(), st.integers(0, 2_000)),
)
def test_mutated_xls_drawing_groups_never_escape(mutations: list[tuple[int, bytes]], cut: int | None) -> None:
    """Overwritten bytes (record types and lengths among them) and truncation anywhere in a Workbook stream
    with a drawing group: the reader returns, every picture it keeps is bounded by the stream and the cap
    (~0.5 s for 200 examples, no OCR)."""
    from credscan.extract.officeart import blip_pictures
    from credscan.extract.xlspictures import drawing_group

    data = bytearray(_xls_stream_with_picture())
    for offset, chunk in mutations:
        data[offset : offset + len(chunk)] = chunk
    stream = bytes(data[:cut] if cut is not None else data)
    group = drawing_group(stream, max_bytes=1_500)
    assert len(group.payload) <= min(len(stream), 1_500)
    pictures = [picture for _, picture in blip_pictures(group.payload, max_image_bytes=400)]
    assert all(0 < len(picture) <= 401 for picture in pictures)
    if not mutations and cut is None:
        assert len(pictures) == 1, "the unmutated stream holds one picture"


@cache
def _xls_stream_with_picture() -> bytes:
    """A Workbook stream's globals: BOF, a drawing group with a 600-byte "PNG" over three records, EOF."""
    import struct

    from tests.support.docbuilders import biff_continued, office_art_blip_store

    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2 + bytes(80)
    group = biff_continued(0x00EB, office_art_blip_store([picture]), chunk=256)
    return struct.pack("<HH", 0x0809, 16) + bytes(16) + group + struct.pack("<HH", 0x000A, 0)
