"""Text from images (screenshots, photos of sticky notes) through Tesseract, behind cheap gates.

Every image of a file (a .png, or the pictures inside a docx/pptx/pdf) goes through the same steps, each
cheaper than the next and each able to stop it:

1. size and dimensions, read from the header without decoding: a decompression bomb (a small PNG of
   50,000 x 50,000 pixels) is refused before a pixel is allocated, an icon too small to hold text is dropped;
2. a text-likelihood test on a thumbnail: text is dark strokes on a light ground (or the reverse), so the
   image has contrast and a moderate share of strong edges; a blank or smooth picture (a photo of a
   landscape, a gradient) has too few, heavy noise too many;
3. Tesseract, with a time limit per image and a budget per file, so OCR never dominates a scan. The image
   goes grey, dark mode is inverted, a turned photo is levelled first; an unsure reading of a small image gets
   a second look at twice the size (screen fonts are small), and the surer reading is kept.

Tesseract runs in-process through tesserocr (one engine per worker, loaded on the first image: a scan
without images never loads it). Its language data comes from the OS (Debian ``tesseract-ocr-eng``); no
model is downloaded at run time. Without the engine or its data, images are skipped with a reason.

The words Tesseract reads, with their boxes, go through credscan.extract.layout: rows become the lines of a
TextBlock ("Password: X" stays on one line), aligned rows of a table-like screenshot become a Table.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import io
import logging
import os
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from PIL import Image, ImageFilter, ImageOps, ImageStat

from credscan.extract.interface import ExtractError, error_line
from credscan.extract.layout import Piece, find_tables, rows_of
from credscan.limits import LimitExceeded, Limits
from credscan.model import Location, Table, TextBlock, Unit

log = logging.getLogger(__name__)

DEFAULT_LANGUAGES = "eng"
"""Tesseract language data used unless configured (``ocr_languages``): English reads the Latin script of
the labels of every supported language well enough ("Passwort", "Kennwort", "Mot de passe"), though not
umlauts and accents in the values ("Schlüssel" reads "Schliissel"); each added language costs time
("eng+deu": ~1.4x)."""
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
    "/opt/homebrew/share/tessdata",
    "C:/Program Files/Tesseract-OCR/tessdata",
)
"""Where Debian, Fedora, source builds, Homebrew and the Windows installer put the language data
(TESSDATA_PREFIX, when set, is tried first)."""

MIN_WIDTH = 40
MIN_HEIGHT = 12
"""Smaller images (bullets, icons, spacer GIFs) cannot hold a readable word."""
THUMBNAIL = 256
"""Longest side of the thumbnail the text-likelihood test looks at."""
MIN_CONTRAST = 12.0
"""Standard deviation of the grey levels below which an image is blank (no strokes to read)."""
EDGE_LEVEL = 64
EDGE_SHARE = (0.015, 0.45)
"""Share of thumbnail pixels on a strong edge: text lies between blank/smooth pictures and noise."""
MAX_OCR_SIDE = 4000
"""Larger images are scaled down to this before OCR (Tesseract's time grows with the pixels)."""
SECOND_LOOK_PIXELS = 2_500_000
"""Images up to this size (a full-HD screenshot) whose words Tesseract is not sure of are read again at
twice their size, with a 3-pixel median filter: screen fonts are 11–15 pixels high, at the edge of what
Tesseract reads reliably, and a photo is speckled. Either size wins on some images (a password read at 39%
confidence in one table screenshot, 72% doubled; another at 88% as it is, split in two doubled), so the
reading Tesseract is surer of is kept."""
SURE = 85.0
"""Mean word confidence (weighted by length) above which the first reading is kept without a second look."""
MAX_SKEW = 12
"""Degrees: a photo of a note is deskewed when its text lines lie at most this far from level."""
MIN_WORD_CONFIDENCE = 30.0
"""Words Tesseract is less sure of are dropped: in a photo, texture reads as strings of symbols."""
MAX_FRAMES = 20
"""Frames of one multi-page TIFF or animated image that are read."""


class OcrUnavailable(Exception):
    """No OCR engine or no language data here; the message says what to install."""


@dataclass(slots=True)
class OcrBudget:
    """The OCR time and image count one file may still spend; what was left unread is counted."""

    seconds: float
    images: int
    unread: int = 0

    @classmethod
    def for_file(cls, limits: Limits) -> OcrBudget:
        return cls(seconds=limits.ocr_file_budget_s, images=limits.max_images)

    def check(self) -> None:
        """Raise LimitExceeded naming the cap when images of this file were left unread (called at the end,
        after the units that were read)."""
        if self.unread:
            raise LimitExceeded(
                f"{self.unread} image(s) not read: over the OCR budget of the file "
                "(ocr_file_budget_s / max_images)"
            )


def image_units(
    image: bytes | Image.Image,
    location: Location,
    limits: Limits,
    budget: OcrBudget,
    whole_file: bool = False,
) -> list[Unit]:
    """The text of one image as Units at ``location`` (+ line, or table/row/column); [] when a gate says
    the image holds no text, or OCR is off. Raises OcrUnavailable. An image that is the whole file raises
    LimitExceeded when a gate refuses it and ExtractError when it is corrupt; an embedded image that is
    refused is counted in ``budget`` (a corrupt one is passed over: the document itself is fine)."""
    if not limits.ocr:
        return []
    if budget.images <= 0 or budget.seconds <= 0:
        budget.unread += 1
        return []
    budget.images -= 1
    started = time.monotonic()
    try:
        picture = _gated_image(image, limits)
        if picture is None:
            return []
        words = _recognise(picture, min(limits.ocr_image_timeout_s, budget.seconds), limits.ocr_languages)
        if _confidence(words) < SURE and picture.width * picture.height <= SECOND_LOOK_PIXELS:
            doubled = picture.resize((picture.width * 2, picture.height * 2), Image.Resampling.BICUBIC)
            spent = time.monotonic() - started
            with contextlib.suppress(LimitExceeded):  # out of time: the first reading stands
                second = _recognise(
                    doubled.filter(ImageFilter.MedianFilter(3)),
                    min(limits.ocr_image_timeout_s, budget.seconds) - spent,
                    limits.ocr_languages,
                )
                words = max(words, second, key=_confidence)
    except LimitExceeded:
        if whole_file:
            raise
        budget.unread += 1
        return []
    except OcrUnavailable:
        raise
    except Exception as error:  # PIL: UnidentifiedImageError, OSError (truncated), SyntaxError, ValueError…
        if whole_file:
            raise ExtractError(f"unreadable image: {error_line(error)}") from None
        return []
    finally:
        budget.seconds -= time.monotonic() - started
    return units_from_words([word.piece for word in words], location)


def pictures_units(pictures: Iterable[tuple[Location, bytes]], limits: Limits) -> Iterator[Unit]:
    """The text of a document's pictures, within one budget for the document. Raises LimitExceeded after
    the last picture when some were not read (refused by a gate, or past the budget)."""
    if not limits.ocr:
        return
    budget = OcrBudget.for_file(limits)
    for location, data in pictures:
        try:
            yield from image_units(data, location, limits, budget)
        except OcrUnavailable:  # the document's text was read; its pictures cannot be, here
            return
    budget.check()


def _gated_image(image: bytes | Image.Image, limits: Limits) -> Image.Image | None:
    """Gates 1 and 2: the image as 8-bit grey, or None when it cannot hold text. Raises LimitExceeded
    (too large) or ValueError-like PIL errors (corrupt), which the caller reports."""
    if isinstance(image, bytes):
        if len(image) > limits.max_image_bytes:
            raise LimitExceeded(
                f"image of {len(image)} bytes, over max_image_bytes ({limits.max_image_bytes})"
            )
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                opened = Image.open(io.BytesIO(image))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise LimitExceeded(f"image over max_image_pixels ({limits.max_image_pixels})") from None
        frames = list(_frames(opened, limits))
        if not frames:
            return None
        return frames[0] if len(frames) == 1 else _stack(frames)
    _check_pixels(image.width, image.height, limits)
    return _readable(image)


def _check_pixels(width: int, height: int, limits: Limits) -> None:
    if width * height > limits.max_image_pixels:
        raise LimitExceeded(
            f"image of {width}x{height} pixels, over max_image_pixels ({limits.max_image_pixels})"
        )


def _frames(opened: Image.Image, limits: Limits) -> Iterator[Image.Image]:
    """The readable frames of a (multi-page) image, each checked before it is decoded: the first must fit
    max_image_pixels, and the frames read together (they are stacked into one image) stop at it."""
    count = min(getattr(opened, "n_frames", 1), MAX_FRAMES)
    total = 0
    for index in range(count):
        if index:
            opened.seek(index)
            if total + opened.width * opened.height > limits.max_image_pixels:
                return
        _check_pixels(opened.width, opened.height, limits)
        total += opened.width * opened.height
        if opened.format == "JPEG":
            opened.draft("L", (MAX_OCR_SIDE, MAX_OCR_SIDE))  # decode at a reduced scale when huge
        frame = _readable(opened)
        if frame is not None:
            yield frame


def _stack(frames: list[Image.Image]) -> Image.Image:
    """Frames one below the other (pages of a scanned TIFF), read as one image."""
    width = max(frame.width for frame in frames)
    sheet = Image.new("L", (width, sum(frame.height for frame in frames)), 255)
    top = 0
    for frame in frames:
        sheet.paste(frame, (0, top))
        top += frame.height
    return sheet


def _readable(image: Image.Image) -> Image.Image | None:
    """The image as grey, dark text on light, if it is large enough and looks like it holds text."""
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        return None
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        ground = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(ground, image.convert("RGBA"))  # transparent screenshots: white ground
    grey = ImageOps.grayscale(image) if image.mode != "L" else image.copy()
    thumbnail = grey.copy()
    thumbnail.thumbnail((THUMBNAIL, THUMBNAIL))
    if not looks_like_text(thumbnail):
        return None
    if ImageStat.Stat(thumbnail).mean[0] < 128:
        grey = ImageOps.invert(grey)  # dark mode: Tesseract reads dark text on light best
    if max(grey.size) > MAX_OCR_SIDE:
        grey.thumbnail((MAX_OCR_SIDE, MAX_OCR_SIDE))
    angle = skew_angle(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey


def looks_like_text(thumbnail: Image.Image) -> bool:
    """Gate 2: contrast, and a share of strong edges between that of smooth pictures and that of noise."""
    if ImageStat.Stat(thumbnail).stddev[0] < MIN_CONTRAST:
        return False
    edges = thumbnail.filter(ImageFilter.FIND_EDGES).histogram()
    total = thumbnail.width * thumbnail.height
    share = sum(edges[EDGE_LEVEL:]) / total if total else 0.0
    return EDGE_SHARE[0] <= share <= EDGE_SHARE[1]


def skew_angle(grey: Image.Image) -> int:
    """The rotation (whole degrees) that levels the text lines: the angle at which the ink's row profile
    is sharpest (lines of ink alternating with blank gaps). 0 for a level screenshot."""
    small = grey.copy()
    small.thumbnail((400, 400))
    ink = ImageOps.invert(ImageOps.autocontrast(small)).point(lambda v: 255 if v > 128 else 0)

    def sharpness(angle: int) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST) if angle else ink
        profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return float(sum((b - a) ** 2 for a, b in pairwise(profile)))

    level = sharpness(0)
    best, best_score = 0, level
    for angle in range(-MAX_SKEW, MAX_SKEW + 1):
        if angle:
            score = sharpness(angle)
            if score > best_score:
                best, best_score = angle, score
    return best if best_score > level * 1.15 else 0


# ---------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------


@cache
def _engine(languages: str) -> Any:
    """One Tesseract engine per process (and language set), created on the first image."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per worker: the scan runs a worker per core
    try:
        import tesserocr
    except ImportError:
        raise OcrUnavailable("no OCR engine: install tesserocr (pip install tesserocr)") from None
    folder = tessdata_dir(languages)
    if folder is None:
        packages = " ".join(f"tesseract-ocr-{language}" for language in languages.split("+"))
        raise OcrUnavailable(
            f"no Tesseract language data for {languages}: install {packages} (Debian/Ubuntu) "
            "or set TESSDATA_PREFIX"
        )
    _quiet_leptonica(tesserocr.__file__)
    try:
        api = tesserocr.PyTessBaseAPI(path=folder, lang=languages, psm=tesserocr.PSM.AUTO)
    except RuntimeError as error:
        raise OcrUnavailable(f"Tesseract could not start: {' '.join(str(error).split())[:120]}") from None
    api.SetVariable("debug_file", os.devnull)  # Tesseract's own diagnostics ("Estimating resolution …")
    return api


LEPTONICA_SEVERITY_NONE = 6


def _quiet_leptonica(module_file: str) -> None:
    """Leptonica, Tesseract's image library, prints its diagnostics ("Error in pixScanForForeground") on
    stderr, into the terminal or the service journal. Its severity switch is not exposed by tesserocr, so it
    is called in the library itself: the copy bundled in tesserocr's wheel, or the system one it links to."""
    package = Path(module_file).parent
    candidates = [str(path) for path in sorted(package.parent.glob("tesserocr.libs/libleptonica*"))]
    candidates += filter(None, [ctypes.util.find_library("leptonica"), ctypes.util.find_library("lept")])
    for candidate in candidates:
        try:
            ctypes.CDLL(candidate).setMsgSeverity(LEPTONICA_SEVERITY_NONE)
        except (OSError, AttributeError):
            continue
        return


def tessdata_dir(languages: str = DEFAULT_LANGUAGES) -> str | None:
    """The first folder holding the data of every language ("eng+deu"), TESSDATA_PREFIX first."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in [*candidates, *TESSDATA_DIRS]:
        if all(os.path.isfile(os.path.join(folder, f"{lang}.traineddata")) for lang in languages.split("+")):
            return folder.rstrip("/") + "/"
    return None


def ocr_available(languages: str = DEFAULT_LANGUAGES) -> bool:
    try:
        _engine(languages)
    except OcrUnavailable:
        return False
    return True


_ENGINE_LOCK = threading.Lock()


class Word(NamedTuple):
    piece: Piece
    confidence: float
    """Tesseract's confidence, 0–100."""


def _recognise(picture: Image.Image, seconds: float, languages: str = DEFAULT_LANGUAGES) -> list[Word]:
    """Gate 3: Tesseract within ``seconds``; the words it is sure enough of, with their boxes."""
    api = _engine(languages)
    with _ENGINE_LOCK:  # one engine per process; the agent's watcher may scan beside another thread
        return _read_words(api, picture, seconds)


def _read_words(api: Any, picture: Image.Image, seconds: float) -> list[Word]:
    import tesserocr

    try:
        api.SetImage(picture)
        if not api.Recognize(timeout=max(1, int(seconds * 1000))):
            raise LimitExceeded(
                f"image not read in its OCR time ({seconds:.3g} s; ocr_image_timeout_s, ocr_file_budget_s)"
            )
        level = tesserocr.RIL.WORD
        words: list[Word] = []
        iterator = api.GetIterator()
        if iterator is None:
            return words
        for word in tesserocr.iterate_level(iterator, level):
            try:
                text = word.GetUTF8Text(level)
            except RuntimeError:  # "No text returned": nothing recognised at this position
                continue
            box = word.BoundingBox(level)
            confidence = float(word.Confidence(level))
            if text and text.strip() and box and confidence >= MIN_WORD_CONFIDENCE:
                piece = Piece(float(box[0]), float(box[1]), float(box[2]), float(box[3]), text)
                words.append(Word(piece, confidence))
        return words
    finally:
        api.Clear()


def _confidence(words: list[Word]) -> float:
    """Mean confidence of a reading, each word weighted by its length (a password counts more than "a")."""
    total = sum(len(word.piece.text) for word in words)
    return sum(word.confidence * len(word.piece.text) for word in words) / total if total else 0.0


def units_from_words(words: list[Piece], location: Location) -> list[Unit]:
    """Rows of words as the lines of one TextBlock; table-like rows as Tables (their lines left blank in the
    text, so that each cell is reported once, at its table position)."""
    rows = rows_of(words)
    if not rows:
        return []
    units: list[Unit] = []
    lines = [row.text for row in rows]
    for number, table in enumerate(find_tables(rows), start=1):
        units.append(Table(rows=table.rows, location={**location, "table": number}, style="table"))
        for index in table.row_indexes:
            lines[index] = ""
    if any(line.strip() for line in lines):
        block = TextBlock(
            text="\n".join(lines),
            location=dict(location),
            line_locations=[{**location, "line": k} for k in range(1, len(lines) + 1)],
        )
        units.insert(0, block)
    return units
