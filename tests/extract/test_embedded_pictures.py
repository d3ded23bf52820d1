"""Pictures inside workbooks and OpenDocument files (xlsx xl/media/, ODF Pictures/), pasted into RTF and into
Word/PowerPoint 97-2003 files go through OCR like the pictures of docx/pptx/pdf; only files that hold pictures
ever reach it. ~20 s (Tesseract: 11 images; LibreOffice writes the .doc and .ppt)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
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
