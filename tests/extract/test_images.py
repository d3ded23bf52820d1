"""Images: screenshots and photos of passwords read through OCR, behind gates that refuse bombs and skip
pictures without text; pictures inside docx, pptx and pdf; OCR off by flag and config.

Cost: ~60 OCR runs of 20–150 ms each (Tesseract, one core): ~10 s on an idle machine, ~25 s on a busy one.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from credscan.config import parse_config
from credscan.errors import UserError
from credscan.extract import ocr
from credscan.filetype import detect_kind
from credscan.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file
from tests.support.imagebuilders import (
    docx_with_image,
    pdf_with_image,
    photo_without_text,
    png_bomb,
    pptx_with_image,
    router_page,
    save,
    sticky_note,
    table_screenshot,
    to_bytes,
)
from tests.support.scanning import found, scan_file

pytestmark = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract language data not installed")

ROUTER_PASSWORD = "Gr33n-Valley!2024"
ADMIN_PASSWORD = "Rauter#Adm9n"
NOTE_PASSWORD = "Sunf7ower#88"
TABLE = [
    ["Device", "IP address", "User", "Password"],
    ["HPE iLO", "172.16.4.20", "Administrator", "Xk9#mPq2!vL"],
    ["Core switch", "172.16.4.2", "admin", "Sw7tch-Pa55"],
    ["NAS", "172.16.4.30", "root", "Nas_2024$secure"],
]


def router() -> Image.Image:
    return router_page(
        [
            ("Network Name (SSID):", "HomeNet-5G"),
            ("Security:", "WPA2-PSK (AES)"),
            ("Password:", ROUTER_PASSWORD),
            ("Admin user:", "admin"),
            ("Admin password:", ADMIN_PASSWORD),
        ]
    )


# ---------------------------------------------------------------------------
# Image files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["png", "jpg", "bmp", "tif", "gif", "webp"])
def test_router_screenshot_in_every_image_format(tmp_path: Path, suffix: str) -> None:
    path = save(router(), tmp_path / f"router.{suffix}", **({"quality": 92} if suffix == "jpg" else {}))
    with path.open("rb") as stream:
        assert detect_kind(stream, path.name) == "image"
    result = scan_file(path)
    assert result.error is None and result.skipped is None
    secrets = found(result)
    assert secrets.get(ROUTER_PASSWORD) == {"line": 4}
    assert secrets.get(ADMIN_PASSWORD) == {"line": 6}
    assert "admin" not in secrets and "HomeNet-5G" not in secrets


def test_multi_page_tiff_is_read_page_after_page(tmp_path: Path) -> None:
    """A scanned fax or a multi-page TIFF: the password on the second page is found."""
    cover = router_page([("Ticket:", "4711"), ("Customer:", "Acme")], title="Fax cover")
    path = tmp_path / "fax.tif"
    cover.save(path, save_all=True, append_images=[router()])
    assert ROUTER_PASSWORD in found(scan_file(path))


def test_frames_of_one_image_stop_at_max_image_pixels(tmp_path: Path) -> None:
    """Frames are stacked into one image: 20 frames of 6,000 x 6,000 must not become 720 million pixels."""
    page = router()
    path = tmp_path / "many.tif"
    page.save(path, save_all=True, append_images=[page] * 19)
    picture = ocr._gated_image(path.read_bytes(), Limits(max_image_pixels=3 * page.width * page.height))
    assert picture is not None and picture.height == 3 * page.height


def test_renamed_image_is_typed_by_content(tmp_path: Path) -> None:
    path = save(router(), tmp_path / "scan0001.dat", format="PNG")
    assert found(scan_file(path)).get(ROUTER_PASSWORD) == {"line": 4}


def test_table_screenshot_becomes_a_table_with_its_columns(tmp_path: Path) -> None:
    """Rows of a screenshot keep their cells: the password column is read under its header, with the user
    of the row as the account."""
    for ruled in (True, False):
        path = save(table_screenshot(TABLE, ruled=ruled), tmp_path / f"table-{ruled}.png")
        _, units = extract_file(path)
        tables = [u for u in units if isinstance(u, Table)]
        assert len(tables) == 1 and tables[0].rows[0] == TABLE[0]
        result = scan_file(path)
        by_secret = {f.secret: f for f in result.findings}
        finding = by_secret["Xk9#mPq2!vL"]
        assert finding.location == {"table": 1, "row": 2, "column": 4}
        assert finding.account is not None and "Administrator" in finding.account
        assert {"Nas_2024$secure", "Sw7tch-Pa55"} <= set(by_secret)


def test_user_password_pairs_in_a_two_column_screenshot(tmp_path: Path) -> None:
    """Each row is its own pair, although OCR boxes differ in height from word to word (a row's line is
    placed by the median of its words, so one tall box does not make the next row look like wrapped text)."""
    rows = [["User", "Password"], ["admin", "Xy7#kLm2pQ"], ["backup", "Bk4$wRt9zX"]]
    result = scan_file(save(table_screenshot(rows, ruled=False), tmp_path / "pairs.png"))
    pairs = {f.secret: (f.location, f.account) for f in result.findings}
    assert pairs == {
        "Xy7#kLm2pQ": ({"table": 1, "row": 2, "column": 2}, "admin"),
        "Bk4$wRt9zX": ({"table": 1, "row": 3, "column": 2}, "backup"),
    }


def test_router_page_with_a_menu_beside_the_form(tmp_path: Path) -> None:
    """A menu column at the left shares the rows of the form: the key is still read right of its label."""
    from PIL import ImageDraw

    from tests.support.imagebuilders import font

    image = Image.new("RGB", (1100, 420), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 60, 220, 420), fill=(235, 235, 235))
    for k, item in enumerate(["Overview", "Internet", "Telephony", "Home Network"]):
        draw.text((20, 90 + 50 * k), item, font=font(16), fill="black")
    fields = [("Name of the WLAN (SSID):", "Office 7590"), ("Encryption:", "WPA2 (CCMP)"),
              ("WLAN network key:", "Kx7#pLm9-Qw42"), ("Guest access:", "off")]  # fmt: skip
    for k, (label, value) in enumerate(fields):
        draw.text((260, 90 + 50 * k), label, font=font(16), fill=(60, 60, 60))
        draw.text((520, 90 + 50 * k), value, font=font(16), fill="black")
    assert set(found(scan_file(save(image, tmp_path / "fritz.png")))) == {"Kx7#pLm9-Qw42"}


def test_dark_mode_screenshot(tmp_path: Path) -> None:
    path = save(table_screenshot(TABLE, dark=True), tmp_path / "dark.png")
    assert "Xk9#mPq2!vL" in found(scan_file(path))


def test_photo_of_a_sticky_note_turned_and_speckled(tmp_path: Path) -> None:
    image = sticky_note(["WiFi: Office-Guest", f"PW: {NOTE_PASSWORD}"], angle=7)
    path = save(image.convert("RGB"), tmp_path / "note.jpg", quality=85)
    assert NOTE_PASSWORD in found(scan_file(path))


def test_prose_lines_keep_their_line_numbers(tmp_path: Path) -> None:
    page = router_page([("Hostname:", "fw01"), ("Comment:", "reset on Monday"), ("Password:", "Tr7ck-Me!Zz")])
    _, units = extract_file(save(page, tmp_path / "fw.png"))
    [block] = [u for u in units if isinstance(u, TextBlock)]
    lines = block.text.split("\n")
    assert lines[0].startswith("Wireless") and "Tr7ck-Me!Zz" in lines[3]
    assert block.line_location(3) == {"line": 4}


def test_picture_without_text_never_reaches_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*_: object) -> list[object]:
        raise AssertionError("OCR ran on a picture without text")

    monkeypatch.setattr(ocr, "_recognise", no_ocr)
    for name, image in [
        ("photo.jpg", photo_without_text()),
        ("blank.png", Image.new("RGB", (800, 600), "white")),
        ("icon.png", router().resize((32, 12))),
    ]:
        result = scan_file(save(image.convert("RGB"), tmp_path / name))
        assert result.error is None and result.skipped is None and not result.findings, name


def test_text_likelihood_gate_passes_screenshots_and_refuses_noise() -> None:
    def thumb(image: Image.Image) -> Image.Image:
        grey = image.convert("L")
        grey.thumbnail((ocr.THUMBNAIL, ocr.THUMBNAIL))
        return grey

    assert ocr.looks_like_text(thumb(router()))
    assert ocr.looks_like_text(thumb(table_screenshot(TABLE)))
    assert not ocr.looks_like_text(thumb(photo_without_text()))
    assert not ocr.looks_like_text(thumb(Image.new("L", (600, 400), 200)))


def test_noise_passes_the_gate_but_reads_as_nothing(tmp_path: Path) -> None:
    """Noise has edges like text; Tesseract then finds no word it is sure of, within the time limit."""
    result = scan_file(save(Image.effect_noise((600, 400), 120).convert("RGB"), tmp_path / "noise.png"))
    assert result.error is None and not result.findings


def test_decompression_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    """Both a bomb past Pillow's own limit and one under it but over max_image_pixels: refused in
    milliseconds, listed as an error naming the cap, nothing decoded."""
    for width, height in [(50_000, 50_000), (8_000, 8_000)]:
        path = png_bomb(tmp_path / f"bomb-{width}.png", width, height)
        started = time.monotonic()
        result = scan_file(path)
        assert time.monotonic() - started < 2
        assert result.error is not None and "max_image_pixels" in result.error.error
    with pytest.raises(LimitExceeded, match="max_image_pixels"):
        extract_file(png_bomb(tmp_path / "small-cap.png", 900, 900), Limits(max_image_pixels=500_000))


def test_image_over_max_image_bytes_is_an_error(tmp_path: Path) -> None:
    path = save(router(), tmp_path / "big.bmp")
    result = scan_file(path, Limits(max_image_bytes=10_000))
    assert result.error is not None and "max_image_bytes" in result.error.error


def test_corrupt_and_truncated_images_are_one_line_errors(tmp_path: Path) -> None:
    data = to_bytes(router())
    broken = [("cut.png", data[: len(data) // 2]), ("garbage.jpg", b"\xff\xd8\xff" + b"\x13" * 5000)]
    for name, body in broken:
        path = tmp_path / name
        path.write_bytes(body)
        result = scan_file(path)
        assert result.error is not None, name
        assert result.error.error.startswith("unreadable image") and "\n" not in result.error.error


def test_ocr_time_limit_per_image(tmp_path: Path) -> None:
    path = save(table_screenshot(TABLE * 8), tmp_path / "long.png")
    result = scan_file(path, Limits(ocr_image_timeout_s=0.001))
    assert result.error is not None and "ocr_image_timeout_s" in result.error.error


def test_ocr_off_skips_image_files_and_pictures(tmp_path: Path) -> None:
    off = Limits(ocr=False)
    result = scan_file(save(router(), tmp_path / "router.png"), off)
    assert result.skipped is not None and result.skipped.reason == "image (OCR off)"
    assert not scan_file(docx_with_image(tmp_path / "doc.docx", router()), off).findings


def test_ocr_config_key_and_flag() -> None:
    from credscan.cli import build_parser
    from credscan.commands.scan import build_options

    assert parse_config({}).scan.ocr is True
    config = parse_config({"scan": {"ocr": False}})
    assert config.scan.ocr is False
    parser = build_parser()
    assert build_options(parser.parse_args(["scan", "x"]), config).limits.ocr is False
    assert build_options(parser.parse_args(["scan", "x"]), None).limits.ocr is True
    assert build_options(parser.parse_args(["scan", "--no-ocr", "x"]), None).limits.ocr is False
    assert parse_config({"scan": {"ocr_languages": "eng+deu"}}).scan.ocr_languages == "eng+deu"
    with_languages = build_options(parser.parse_args(["scan", "--ocr-languages", "eng+fra", "x"]), config)
    assert with_languages.limits.ocr_languages == "eng+fra"
    for bad in ("eng;rm -rf", "", "ENG", "eng++deu"):
        with pytest.raises(UserError, match=r"ocr_languages"):
            parse_config({"scan": {"ocr_languages": bad}})
        with pytest.raises(UserError):
            build_options(parser.parse_args(["scan", "--ocr-languages", bad, "x"]), None)


def test_more_languages_read_umlauts(tmp_path: Path) -> None:
    if not ocr.ocr_available("eng+deu"):
        pytest.skip("tesseract-ocr-deu not installed")
    fields = [
        ("Benutzername:", "verwaltung"),
        ("Kennwort:", "Tor-3"),
        ("WLAN-Schlüssel:", "Schöne-Aussicht!7"),
    ]
    path = save(router_page(fields, title="Zugangsdaten"), tmp_path / "de.png")
    assert "Schöne-Aussicht!7" in found(scan_file(path, Limits(ocr_languages="eng+deu")))


# ---------------------------------------------------------------------------
# Pictures inside documents
# ---------------------------------------------------------------------------


def test_screenshot_pasted_into_a_word_document(tmp_path: Path) -> None:
    result = scan_file(docx_with_image(tmp_path / "ticket.docx", router()))
    assert found(result).get(ROUTER_PASSWORD) == {"image": "word/media/image1.png", "line": 4}


def test_document_without_pictures_never_reaches_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx's template (like Word's "save preview picture") holds docProps/thumbnail.jpeg, a picture
    of the first page: it is not OCR'd (its text is the document's), so a plain docx costs no OCR."""
    from tests.support.docbuilders import make_docx, make_pptx

    def no_ocr(*_: object, **__: object) -> list[object]:
        raise AssertionError("OCR ran on a document without pictures")

    monkeypatch.setattr(ocr, "image_units", no_ocr)
    monkeypatch.setattr(ocr, "_gated_image", no_ocr)
    for path in (
        make_docx(tmp_path / "a.docx", ["Password: Text-Pa55word!"]),
        make_pptx(tmp_path / "a.pptx", [(["x"], "Password: Text-Pa55word!")]),
    ):
        result = scan_file(path)
        assert result.error is None and "Text-Pa55word!" in found(result)


def test_screenshot_on_a_slide(tmp_path: Path) -> None:
    result = scan_file(pptx_with_image(tmp_path / "onboarding.pptx", table_screenshot(TABLE), slide_number=2))
    location = found(result).get("Xk9#mPq2!vL")
    assert location == {"slide": 2, "image": "ppt/media/image1.png", "table": 1, "row": 2, "column": 4}


def test_screenshot_in_a_pdf(tmp_path: Path) -> None:
    result = scan_file(pdf_with_image(tmp_path / "ticket.pdf", router(), page_number=2))
    assert found(result).get(ROUTER_PASSWORD) == {"page": 2, "image": 1, "line": 4}


def test_photo_attached_to_a_mail_and_inside_a_zip(tmp_path: Path) -> None:
    """ "Here is the Wi-Fi": attachments and archive members are typed by content like any file."""
    from tests.support.docbuilders import make_eml, make_zip

    note = to_bytes(router())
    eml = make_eml(tmp_path / "wifi.eml", "Wi-Fi", "See the photo.", attachments=[("IMG_0042.png", note)])
    mail = scan_file(eml)
    assert mail.findings and {f.path for f in mail.findings} == {f"{tmp_path / 'wifi.eml'}!IMG_0042.png"}
    assert found(mail).get(ROUTER_PASSWORD) == {"line": 4}
    archive = scan_file(make_zip(tmp_path / "ticket.zip", {"shots/router.png": note}))
    assert found(archive).get(ROUTER_PASSWORD) == {"line": 4}


def test_pictures_of_one_document_share_one_budget(tmp_path: Path) -> None:
    """Past max_images the document's other pictures are counted as not read; its text is still found."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.add_paragraph("Password: Text-Pa55word!")
    for _ in range(3):
        document.add_picture(save(router(), tmp_path / "r.png").open("rb"), width=Inches(5))
        router_copy = router()
        router_copy.putpixel((0, 0), (1, 2, 3))  # distinct parts, not one picture shown three times
        document.add_picture(save(router_copy, tmp_path / "r2.png").open("rb"), width=Inches(5))
    document.save(str(tmp_path / "many.docx"))
    result = scan_file(tmp_path / "many.docx", replace(DEFAULT_LIMITS, max_images=1))
    assert "Text-Pa55word!" in found(result) and ROUTER_PASSWORD in found(result)
    assert result.error is not None and "max_images" in result.error.error


def test_bomb_inside_a_document_costs_only_that_picture(tmp_path: Path) -> None:
    bomb = png_bomb(tmp_path / "bomb.png", 20_000, 20_000).read_bytes()
    from docx import Document

    document = Document()
    document.add_paragraph("Password: Text-Pa55word!")
    document.save(str(tmp_path / "plain.docx"))
    import zipfile

    with zipfile.ZipFile(tmp_path / "plain.docx") as source, zipfile.ZipFile(tmp_path / "b.docx", "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                png_type = b'<Default Extension="png" ContentType="image/png"/>'
                data = data.replace(b"<Default ", png_type + b"<Default ", 1)
            if item.filename == "word/_rels/document.xml.rels":
                rel = (
                    b'<Relationship Id="rIdBomb" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="media/bomb.png"/></Relationships>'
                )
                data = data.replace(b"</Relationships>", rel)
            out.writestr(item, data)
        out.writestr("word/media/bomb.png", bomb)
    started = time.monotonic()
    result = scan_file(tmp_path / "b.docx")
    assert time.monotonic() - started < 3
    assert "Text-Pa55word!" in found(result)
    assert result.error is not None and "not read" in result.error.error


def test_bomb_inside_a_pdf_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    """An image object declaring 50,000 x 50,000 pixels (a few hundred bytes of stream): PDFium is never asked
    to decode it; the page's text is scanned and the picture counted as not read."""
    import zlib

    pixels = zlib.compress(b"\0" * 100_000)
    content = b"BT /F1 12 Tf 72 720 Td (Password: Text-Pa55word!) Tj ET q 500 0 0 500 50 50 cm /Im1 Do Q"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 5 0 R"
        b"/Resources<</XObject<</Im1 4 0 R>>/Font<</F1 6 0 R>>>>>>",
        b"<</Type/XObject/Subtype/Image/Width 50000/Height 50000/ColorSpace/DeviceGray/BitsPerComponent 8"
        b"/Filter/FlateDecode/Length %d>>stream\n" % len(pixels) + pixels + b"\nendstream",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, item in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + item + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(body)
    started = time.monotonic()
    result = scan_file(path)
    assert time.monotonic() - started < 3
    assert "Text-Pa55word!" in found(result)
    assert result.error is not None and "1 image(s) not read" in result.error.error


def test_without_the_engine_images_are_skipped_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = scan_file(save(router(), tmp_path / "router.png"), Limits(ocr_languages="eng+xyz"))
    assert result.skipped is not None
    assert "install tesseract-ocr-eng tesseract-ocr-xyz" in result.skipped.reason

    def missing(languages: str) -> None:
        raise ocr.OcrUnavailable("no Tesseract language data for eng: install tesseract-ocr-eng")

    monkeypatch.setattr(ocr, "_engine", missing)
    document = scan_file(docx_with_image(tmp_path / "doc.docx", router(), text="Password: Text-Pa55word!"))
    assert "Text-Pa55word!" in found(document) and document.error is None
