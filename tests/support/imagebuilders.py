"""Builders for image fixtures: screenshots and photos of passwords, rendered with Pillow and DejaVu.

Like tests/support/docbuilders.py, every fixture is made by code (no binary checked in). Passwords in
images avoid the characters OCR cannot tell apart even in theory (0/O, 1/l/I), so a test can demand
the exact secret.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
"""fonts-dejavu-core (Debian)."""


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(BOLD if bold else FONT, size)


def router_page(fields: Sequence[tuple[str, str]], title: str = "Wireless Settings") -> Image.Image:
    """A router setup page: a coloured title bar, then "Label:" and a boxed input value per row."""
    image = Image.new("RGB", (900, 140 + 50 * len(fields)), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 900, 60), fill=(0, 70, 140))
    draw.text((20, 15), title, font=font(24), fill="white")
    y = 100
    for label, value in fields:
        draw.text((40, y), label, font=font(16), fill=(60, 60, 60))
        draw.rectangle((300, y - 4, 700, y + 24), outline=(150, 150, 150))
        draw.text((308, y), value, font=font(16), fill="black")
        y += 50
    return image


def table_screenshot(rows: Sequence[Sequence[str]], ruled: bool = True, dark: bool = False) -> Image.Image:
    """A grid of cells as a spreadsheet or wiki table looks in a screenshot (optionally in dark mode)."""
    columns = max(len(row) for row in rows)
    width = 240
    ground, ink = ((30, 30, 30), (230, 230, 230)) if dark else ((255, 255, 255), (0, 0, 0))
    image = Image.new("RGB", (40 + width * columns, 40 + 40 * len(rows)), ground)
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((26 + c * width, 26 + r * 40), text, font=font(15, bold=r == 0), fill=ink)
    if ruled:
        bottom = 20 + 40 * len(rows)
        for r in range(len(rows) + 1):
            draw.line((20, 20 + 40 * r, 20 + width * columns, 20 + 40 * r), fill=(128, 128, 128))
        for c in range(columns + 1):
            draw.line((20 + width * c, 20, 20 + width * c, bottom), fill=(128, 128, 128))
    return image


def sticky_note(lines: Sequence[str], angle: float = 6.0, seed: int = 3) -> Image.Image:
    """A photo of a sticky note: yellow paper, bold handwriting-sized text, turned, speckled and blurred."""
    image = Image.new("RGB", (560, 140 + 80 * len(lines)), (250, 235, 120))
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        draw.text((40, 80 + 80 * k), line, font=font(34, bold=True), fill=(20, 20, 90))
    image = image.rotate(angle, expand=True, fillcolor=(190, 190, 190), resample=Image.Resampling.BICUBIC)
    rng = random.Random(seed)
    pixels = image.load()
    assert pixels is not None
    for _ in range(image.width * image.height // 12):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        shade = rng.randrange(120, 256)
        pixels[x, y] = (shade, shade, shade)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def photo_without_text(seed: int = 5) -> Image.Image:
    """A picture with no text: soft gradients and blobs, like a photo of a landscape."""
    image = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(6):
        x, y, r = rng.randrange(640), rng.randrange(480), rng.randrange(40, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), 90))
    return image.filter(ImageFilter.GaussianBlur(8))


def save(image: Image.Image, path: Path, **options: object) -> Path:
    """``image`` written in the format its suffix names (png, jpg, bmp, tif, gif, webp)."""
    image.save(path, **options)  # type: ignore[arg-type]
    return path


def to_bytes(image: Image.Image, image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def png_bomb(path: Path, width: int, height: int) -> Path:
    """A PNG whose header declares width x height grey pixels, with only the first rows' data present:
    decoding it would allocate width x height bytes. A gate must refuse it from the header alone."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 8)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def docx_with_image(path: Path, image: Image.Image, text: str = "See the screenshot below.") -> Path:
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.add_paragraph(text)
    document.add_picture(io.BytesIO(to_bytes(image)), width=Inches(6))
    document.save(str(path))
    return path


def pptx_with_image(path: Path, image: Image.Image, slide_number: int = 2) -> Path:
    """A presentation whose slide ``slide_number`` shows ``image`` (the slides before it hold text only)."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    for number in range(1, slide_number + 1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        frame = slide.shapes.add_textbox(Inches(1), Inches(0.5), Inches(6), Inches(1)).text_frame
        frame.text = f"Onboarding, part {number}"
        if number == slide_number:
            slide.shapes.add_picture(io.BytesIO(to_bytes(image)), Inches(0.5), Inches(1.5), width=Inches(9))
    presentation.save(str(path))
    return path


def pdf_with_image(path: Path, image: Image.Image, page_number: int = 1) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number in range(1, page_number + 1):
        pdf.add_page()
        pdf.cell(0, 8, f"Ticket 4711, page {number}", new_x="LMARGIN", new_y="NEXT")
        if number == page_number:
            pdf.image(io.BytesIO(to_bytes(image)), w=180)
    pdf.output(str(path))
    return path
