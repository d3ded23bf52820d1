"""CSV/TSV (password-manager and browser exports, ad-hoc lists) as one Table with style "line".

The header row must stay with its data for the table detector, so the file is one Table, not
chunks; it is bounded by max_text_bytes (bytes read) and max_cells (cells kept).
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate, islice
from typing import BinaryIO

from credscan.extract.decoding import decode_bytes, detect_encoding, sniff_delimiter
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.limits import LimitExceeded
from credscan.model import Table, Unit

SNIFF_BYTES = 64 * 1024
DEFAULT_DELIMITERS = {"csv": ",", "tsv": "\t"}
PARSE_BATCH_ROWS = 4096
MAX_FIELD_CHARS = 16 * 1024 * 1024
"""csv's default field limit (128 KiB) makes a long quoted note an error; the byte cap bounds it."""


class CsvExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        limits = ctx.limits
        try:
            stream.seek(0)
            data = stream.read(limits.max_text_bytes)
            truncated = bool(stream.read(1))
        except OSError as error:
            raise ExtractError(f"read failed: {error_line(error)}") from None
        head = data[:SNIFF_BYTES]
        delimiter = sniff_delimiter(head, require_table=False) or DEFAULT_DELIMITERS.get(ctx.kind, ",")
        text = decode_bytes(data, detect_encoding(head))
        del data
        rows, over_cells, spans_lines = _parse(text, delimiter, limits.max_cells, literal=False)
        row_lines = None
        if spans_lines and _quotes_are_text(text, delimiter):
            del rows  # one table in memory at a time
            rows, over_cells, _ = _parse(text, delimiter, limits.max_cells, literal=True)
        elif spans_lines:
            row_lines = _row_lines(text, delimiter, len(rows))
        if rows:
            yield Table(rows=rows, location={}, style="line", row_lines=row_lines)
        if over_cells:
            raise LimitExceeded(f"CSV over max_cells ({limits.max_cells}); the rest was not scanned")
        if truncated:
            raise LimitExceeded(
                f"CSV over max_text_bytes ({limits.max_text_bytes}); the rest was not scanned"
            )


@contextmanager
def _long_fields() -> Iterator[None]:
    """csv's field limit raised to MAX_FIELD_CHARS while a file is read (the byte cap bounds it)."""
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(previous_limit)


def _parse(text: str, delimiter: str, max_cells: int, literal: bool) -> tuple[list[list[str]], bool, bool]:
    """Rows of the CSV, whether max_cells cut them short, and whether a row spans lines (a quoted field
    holds a line break): then row r is no longer line r. ``literal``: quotes are text, not quoting."""
    rows: list[list[str]] = []
    cells = 0
    source = io.StringIO(text, newline="")
    if literal:
        reader = csv.reader(source, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(source, delimiter=delimiter)
    with _long_fields():
        try:
            # rows are read and counted a batch at a time, at C speed; the last batch keeps what fits
            while batch := list(islice(reader, PARSE_BATCH_ROWS)):
                ends = list(accumulate(map(len, batch), initial=cells))
                if ends[-1] > max_cells:
                    spans_lines = reader.line_num != len(rows) + len(batch)
                    return rows + batch[: bisect_right(ends, max_cells) - 1], True, spans_lines
                cells = ends[-1]
                rows += batch
        except csv.Error as error:
            raise ExtractError(f"malformed CSV at line {reader.line_num}: {error_line(error)}") from None
    return rows, False, reader.line_num != len(rows)


def _quotes_are_text(text: str, delimiter: str) -> bool:
    """Whether a file whose quoted fields span lines was written without quoting: read literally, every line
    has the same number of fields, two or more. A script's TSV export (a package list whose summary opens a
    quote it never closes) would otherwise run thousands of rows into one cell; an Excel or password-manager
    export's multi-line note leaves its continuation lines short of fields, and keeps its quotes."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=csv.QUOTE_NONE)
    with _long_fields():
        widths = {len(row) for row in reader if row}
    return len(widths) == 1 and widths.pop() > 1


def _row_lines(text: str, delimiter: str, count: int) -> list[int]:
    """The line each of the first ``count`` rows starts on: a second reading, row by row, paid only by a
    file whose rows span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts: list[int] = []
    previous_end = 0
    with _long_fields():
        for _ in islice(reader, count):
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    return starts
