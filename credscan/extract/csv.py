"""CSV/TSV (password-manager and browser exports, ad-hoc lists) as one Table with style "line".

The header row must stay with its data for the table detector, so the file is one Table, not
chunks; it is bounded by max_text_bytes (bytes read) and max_cells (cells kept).
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from collections.abc import Iterator
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
        rows, over_cells, spans_lines = _parse(text, delimiter, limits.max_cells)
        if rows:
            row_lines = _row_lines(text, delimiter, len(rows)) if spans_lines else None
            yield Table(rows=rows, location={}, style="line", row_lines=row_lines)
        if over_cells:
            raise LimitExceeded(f"CSV over max_cells ({limits.max_cells}); the rest was not scanned")
        if truncated:
            raise LimitExceeded(
                f"CSV over max_text_bytes ({limits.max_text_bytes}); the rest was not scanned"
            )


def _parse(text: str, delimiter: str, max_cells: int) -> tuple[list[list[str]], bool, bool]:
    """Rows of the CSV, whether max_cells cut them short, and whether a row spans lines (a quoted field
    holds a line break): then row r is no longer line r."""
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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
    finally:
        csv.field_size_limit(previous_limit)
    return rows, False, reader.line_num != len(rows)


def _row_lines(text: str, delimiter: str, count: int) -> list[int]:
    """The line each of the first ``count`` rows starts on: a second reading, row by row, paid only by a
    file whose rows span lines."""
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts: list[int] = []
    previous_end = 0
    try:
        for _ in islice(reader, count):
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    finally:
        csv.field_size_limit(previous_limit)
    return starts
