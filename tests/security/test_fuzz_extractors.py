"""Bounded fuzzing of file typing and every extractor (hypothesis; atheris is not used: it needs a
clang-built libFuzzer and adds nothing a deterministic, time-boxed CI run could keep).

Each example mutates a real document of one format (byte overwrites, truncation, splicing with another
format) and runs the same steps as the pipeline: detect_kind, then that kind's extractor to the end.
Only ExtractError, Encrypted and LimitExceeded may come out, within a deadline. Examples are
derandomized so CI is reproducible; crashers found so far are kept as @example regression cases.
"""

from __future__ import annotations

import io
from datetime import timedelta
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.registry import extractor_for
from credscan.filetype import detect_kind
from credscan.limits import LimitExceeded, Limits
from credscan.model import Embedded
from tests.support.every_kind import BUILDERS

ALLOWED = (ExtractError, Encrypted, LimitExceeded)
SMALL = Limits(
    archives=True, max_cells=50_000, max_pages=20, max_text_bytes=500_000, max_inflated_bytes=20_000_000
)
KINDS = sorted(BUILDERS)


@cache
def seed(kind: str) -> bytes:
    """A valid document of ``kind``, built once per test session."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return BUILDERS[kind](Path(folder) / f"seed.{kind}").read_bytes()


def pipeline(data: bytes, name: str) -> None:
    """detect_kind and extraction as the scanner does it, embedded members one level deep."""
    stream = io.BytesIO(data)
    kind = detect_kind(stream, name)
    extractor = extractor_for(kind)
    if extractor is None:
        return
    stream.seek(0)
    try:
        for unit in extractor.extract(stream, ExtractContext("fuzz", name, kind, len(data), SMALL)):
            if isinstance(unit, Embedded) and unit.data:
                pipeline(unit.data[:200_000], unit.name)
    except ALLOWED:
        pass


mutation = st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=16))


@settings(
    max_examples=200,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(
    kind=st.sampled_from(KINDS),
    mutations=st.lists(mutation, max_size=6),
    cut=st.one_of(st.none(), st.floats(min_value=0.05, max_value=1.0)),
    splice=st.one_of(st.none(), st.sampled_from(KINDS)),
)
@example(kind="xls", mutations=[(520, b"\xff\xff\xff\xff")], cut=None, splice=None)
@example(kind="docx", mutations=[], cut=0.5, splice=None)
@example(kind="msg", mutations=[(0, b"\xd0\xcf\x11\xe0")], cut=0.3, splice="zip")
@example(kind="pdf", mutations=[(9, b"\x00" * 16)], cut=None, splice="rtf")
def test_mutated_documents_never_escape(
    kind: str, mutations: list[tuple[int, bytes]], cut: float | None, splice: str | None
) -> None:
    data = bytearray(seed(kind))
    for offset, patch in mutations:
        position = offset % max(1, len(data))
        data[position : position + len(patch)] = patch
    if cut is not None:
        data = data[: int(len(data) * cut)]
    if splice is not None:
        other = seed(splice)
        data = data[: len(data) // 2] + other[len(other) // 2 :]
    pipeline(bytes(data), f"fuzz.{kind}")


@settings(max_examples=300, deadline=timedelta(seconds=2), derandomize=True)
@given(data=st.binary(max_size=4096), extension=st.sampled_from([f".{k}" for k in KINDS] + [".txt", ""]))
@example(data=b"PK\x05\x06" + b"\x00" * 18, extension=".xlsx")
@example(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 504, extension=".msg")
@example(data=b"%PDF-1.7\n" + b"\x00" * 64, extension=".pdf")
@example(data=b"{\\rtf1" + b"{" * 4000, extension=".rtf")
def test_random_bytes_never_escape(data: bytes, extension: str) -> None:
    pipeline(data, f"random{extension}")
