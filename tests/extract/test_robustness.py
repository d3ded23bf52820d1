"""Hostile input: truncated and bit-flipped files of every format end as ExtractError/Encrypted/LimitExceeded
(or a partial result), never as a library's own exception."""

from __future__ import annotations

import contextlib
import io
import random
from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.registry import EXTRACTORS, extractor_for
from credscan.filetype import detect_kind
from credscan.limits import LimitExceeded, Limits
from tests.support.every_kind import BUILDERS

ALLOWED = (ExtractError, Encrypted, LimitExceeded)
SMALL = Limits(
    archives=True, max_cells=100_000, max_pages=50, max_text_bytes=1_000_000, max_inflated_bytes=50_000_000
)


def run(kind: str, data: bytes) -> None:
    extractor = extractor_for(kind)
    assert extractor is not None
    with contextlib.suppress(*ALLOWED):
        list(extractor.extract(io.BytesIO(data), ExtractContext("x", f"x.{kind}", kind, len(data), SMALL)))


def test_every_registered_kind_has_a_fixture() -> None:
    assert set(EXTRACTORS.implemented()) - {"tsv", "office-encrypted"} == set(BUILDERS)


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
