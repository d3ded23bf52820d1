"""Hostile input: truncated and bit-flipped files of every format end as ExtractError/Encrypted/LimitExceeded
(or a partial result), never as a library's own exception."""

from __future__ import annotations

import contextlib
import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.registry import EXTRACTORS, extractor_for
from credscan.filetype import detect_kind
from credscan.limits import LimitExceeded, Limits
from tests.support.docbuilders import (
    make_csv,
    make_docx,
    make_eml,
    make_msg,
    make_ods,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xls,
    make_xlsx,
    make_zip,
)
from tests.support.formatbuilders import NEW_FORMAT_BUILDERS
from tests.support.imagebuilders import router_page, save

ALLOWED = (ExtractError, Encrypted, LimitExceeded)
SMALL = Limits(
    archives=True, max_cells=100_000, max_pages=50, max_text_bytes=1_000_000, max_inflated_bytes=50_000_000
)

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "xlsx": lambda p: make_xlsx(p, {"S": [["User", "Password"], ["a", "b"]], "H": [["x"]]}, hidden={"H"}),
    "xls": lambda p: make_xls(p, {"S": [["User", "Password"], ["a", 1]]}),
    "ods": lambda p: make_ods(p, {"S": [["Password", 1]]}),
    "docx": lambda p: make_docx(p, ["Password:", "x"], tables=[[["a", "b"]]], header="h", textboxes=["t"]),
    "pptx": lambda p: make_pptx(p, [(["a"], "notes")], tables={1: [["a", "b"]]}),
    "pdf": lambda p: make_pdf(p, [["Password: x"], ["y"]]),
    "rtf": lambda p: make_rtf(p, ["Password: x"]),
    "eml": lambda p: make_eml(p, "s", "Password: x", attachments=[("a.txt", b"x")], html="<p>x</p>"),
    "msg": lambda p: make_msg(p, "s", "Password: x", attachments=[("a.txt", b"x" * 5000)]),
    "zip": lambda p: make_zip(p, {"a.txt": b"x" * 1000, "b/c.txt": b"y"}),
    "csv": lambda p: make_csv(p, [["a", "b"], ["c", "d"]]),
    "text": lambda p: make_text(p, "Password: x\n" * 100, "utf-16"),
    **NEW_FORMAT_BUILDERS,
    "image": lambda p: save(router_page([("Password:", "x")]), p.with_suffix(".png")),
}


def run(kind: str, data: bytes) -> None:
    extractor = extractor_for(kind)
    assert extractor is not None
    with contextlib.suppress(*ALLOWED):
        list(extractor.extract(io.BytesIO(data), ExtractContext("x", f"x.{kind}", kind, len(data), SMALL)))


def test_every_registered_kind_has_a_fixture() -> None:
    assert set(EXTRACTORS) - {"tsv", "office-encrypted"} == set(BUILDERS)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_truncated_and_corrupted_files(tmp_path: Path, kind: str) -> None:
    data = BUILDERS[kind](tmp_path / f"good.{kind}").read_bytes()
    rng = random.Random(kind)
    variants = [data[:cut] for cut in (0, 1, 8, len(data) // 3, len(data) // 2, len(data) - 1)]
    for _ in range(12):
        flipped = bytearray(data)
        for _ in range(8):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        variants.append(bytes(flipped))
    variants.append(bytes(rng.randrange(256) for _ in range(4096)))
    for variant in variants:
        run(kind, variant)  # anything but the allowed errors fails the test
        detect_kind(io.BytesIO(variant), f"x.{kind}")  # typing never raises either
