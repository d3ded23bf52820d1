"""Rows, cells and tables from positioned text: PDF text segments and OCR words alike.

A PDF has no table markup and a screenshot has no text at all: what both give is pieces of text with boxes.
A table is then a run of consecutive rows whose pieces fall into the same columns. This module turns boxes
into rows (pieces side by side at one height), rows into cells (pieces split by a gap wider than the text
is high, or by a ruling line), lines of wrapped cell text into their row (they sit closer to it than the
next row does), and runs of rows into tables (the cells' horizontal extents project onto separate
columns). It knows neither PDFs nor images nor passwords; the extractors feed it and turn its tables into
Table units.

Prose must not become a table: two-column page layouts also give rows of two aligned pieces. Table cells
are short (a name, an address, an account, a password), prose cells are sentences, so a run whose typical
cell holds more than a few words is prose; so are lists (a column of bullets) and "Label: value" forms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

CELL_GAP = 1.0
"""A gap wider than this many text heights between two pieces of one row separates two cells (a space
between words is ~0.3 of the height; table columns are padded wider)."""
ROW_GAP = 3.0
"""Consecutive rows of one table are at most this many text heights apart (padded ruled rows included)."""
MAX_WORDS_PER_CELL = 4.0
"""The median number of words of a table's non-empty cells; prose columns hold sentences."""
_MARKER = re.compile(r"[\W_]{1,3}|(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)]")
"""A list bullet or number ("•", "–", "3.", "b)", "iv."), or punctuation alone: a column of these is the
margin of a list, not a column of a table."""
RULE_SLACK = 0.5
"""How far (in the pieces' units) a rule may overlap the text beside it (glyph boxes are not exact)."""
MAX_RULE_COLUMNS = 64
"""Rule positions looked at in one gap (a hostile page may put thousands into one)."""
MAX_SPLITS = 4
"""How often a run of rows whose cells do not fall into one set of columns is split in two and tried again."""
WRAP_PITCH_SHARE = 0.75
"""Line pitches of a run below this share of its longest pitch are wrapped cell text (see _logical_rows)."""
FORM_LABEL_SHARE = 0.5
"""Two columns whose left cells mostly end with ":" are a form ("Password: | X"), read as lines of text."""
MAX_LONG_CELL_SHARE = 0.4
LONG_CELL_WORDS = 8
"""A table may have a notes column, but most of its cells are not sentences of this many words."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of text with its box, y growing downwards (PDF coordinates are flipped by the caller)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-3)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Row:
    """Pieces side by side at one height, split into cells (each cell: left, right, text)."""

    top: float
    bottom: float
    cells: list[tuple[float, float, str]] = field(default_factory=list)
    base: float = 0.0
    """The median bottom of its pieces: where the line sits, unmoved by one odd box (an OCR box taller than
    its word, a descender)."""

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-3)

    @property
    def text(self) -> str:
        return " ".join(text for _, _, text in self.cells)


@dataclass(slots=True)
class LaidTable:
    """A table found among rows: the cell grid and which rows (indexes into the row list) it covers."""

    rows: list[list[str]]
    row_indexes: list[int]
    columns: list[tuple[float, float]]
    """The horizontal extent of each column (to recognise the same table continued on the next page)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A vertical ruling line (a table border) from ``top`` to ``bottom`` at ``x``: pieces on both sides of
    it are two cells however narrow the gap (a password that fills its column, then the next column)."""

    x: float
    top: float
    bottom: float


def rows_of(pieces: list[Piece], rules: Sequence[Rule] = ()) -> list[Row]:
    """Pieces grouped into rows, top to bottom; each row's pieces split into cells at wide gaps and rules."""
    return [row for row, _ in _grouped(pieces, rules)]


def several_in_a_row(pieces: list[Piece]) -> bool:
    """Whether some row holds more than one piece: without, no row can have two cells."""
    return any(len(members) > 1 for _, members in _grouped(pieces, (), cells=False))


def table_candidates(pieces: list[Piece], rules: Sequence[Rule] = ()) -> set[int]:
    """Indexes (into ``pieces``) of the pieces that could be part of a table, from their boxes alone: those in
    runs of two or more close rows of two or more cells. A page of plain lines has none, and then the text
    of its pieces need not be fetched (PDFium's bounded-text call is the costly part of the layout)."""
    grouped = _grouped(pieces, rules)
    rows = [row for row, _ in grouped]
    wanted: set[int] = set()
    for start, end in _runs(rows):
        if sum(1 for row in rows[start:end] if len(row.cells) >= 2) >= 2:
            wanted.update(index for _, members in grouped[start:end] for index in members)
    return wanted


def _runs(rows: list[Row]) -> Iterator[tuple[int, int]]:
    """Runs of close lines (start, end) that begin with a line of two or more cells: where tables may be.
    Lines of one cell belong to a run too: a cell's text that wrapped, or the title between two tables."""
    start = 0
    while start < len(rows):
        if len(rows[start].cells) < 2:
            start += 1
            continue
        end = start + 1
        while end < len(rows) and _close(rows[end - 1], rows[end]):
            end += 1
        yield start, end
        start = end


def _grouped(pieces: list[Piece], rules: Sequence[Rule], cells: bool = True) -> list[tuple[Row, list[int]]]:
    """Rows, each with the indexes of its pieces (and its cells, unless ``cells`` is false)."""
    rows: list[Row] = []
    grouped: list[list[int]] = []
    for index in sorted(range(len(pieces)), key=lambda i: (pieces[i].middle, pieces[i].left)):
        piece = pieces[index]
        if not piece.text.strip():
            continue
        if grouped:
            current = rows[-1]
            if current.top <= piece.middle <= current.bottom or piece.top <= _middle(current) <= piece.bottom:
                grouped[-1].append(index)
                current.top = min(current.top, piece.top)
                current.bottom = max(current.bottom, piece.bottom)
                continue
        rows.append(Row(top=piece.top, bottom=piece.bottom))
        grouped.append([index])
    ruling = _Rules(rules)
    for row, members in zip(rows, grouped, strict=True):
        row.base = median(pieces[i].bottom for i in members)
        if cells:
            row.cells = _cells(sorted((pieces[i] for i in members), key=lambda p: p.left), ruling)
    return list(zip(rows, grouped, strict=True))


def _middle(row: Row) -> float:
    return (row.top + row.bottom) / 2


def _cells(pieces: list[Piece], rules: _Rules) -> list[tuple[float, float, str]]:
    height = median(p.height for p in pieces)
    cells: list[tuple[float, float, str]] = []
    left, right, texts = pieces[0].left, pieces[0].right, [pieces[0].text]
    for piece in pieces[1:]:
        if piece.left - right > CELL_GAP * height or rules.between(right, piece):
            cells.append((left, right, _joined(texts)))
            left, texts = piece.left, []
        texts.append(piece.text)
        right = max(right, piece.right)
    cells.append((left, right, _joined(texts)))
    return cells


class _Rules:
    """Rules by position, for the question "does one stand in this gap?" in logarithmic time: a ruled page
    holds a rule per cell edge (thousands on a dense one, any number on a hostile one). Rules at one x
    (0.5 point apart or less) are one column of merged vertical spans."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        spans: dict[float, list[tuple[float, float]]] = {}
        for rule in rules:
            spans.setdefault(round(rule.x * 2) / 2, []).append((rule.top, rule.bottom))
        self.xs = sorted(spans)
        self.spans = [_merged(spans[x]) for x in self.xs]

    def between(self, right: float, piece: Piece) -> bool:
        """A rule stands in the gap between ``right`` and ``piece``, across the piece's middle."""
        first = bisect_left(self.xs, right - RULE_SLACK)
        last = min(bisect_right(self.xs, piece.left + RULE_SLACK), first + MAX_RULE_COLUMNS)
        for spans in self.spans[first:last]:
            k = bisect_right(spans, (piece.middle, float("inf"))) - 1
            if k >= 0 and spans[k][0] <= piece.middle <= spans[k][1]:
                return True
        return False


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Vertical spans sorted and merged where they touch or overlap (the edges of the cells of a column)."""
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(spans):
        if merged and top <= merged[-1][1] + RULE_SLACK:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _joined(texts: list[str]) -> str:
    """Pieces of one cell, one blank between them."""
    return " ".join(" ".join(texts).split())


def join_wrapped(above: str, below: str) -> str:
    """A cell's text and its next line. A single token broke inside itself (a password, an account, a
    URL: "Administrato" + "r"); text with blanks broke between words ("replaced in" + "2023"). Where the
    line broke cannot be read from the PDF reliably (PDFium adds blanks of its own at line ends)."""
    if not above:
        return below
    return f"{above} {below}" if " " in above else above + below


def find_tables(rows: list[Row]) -> list[LaidTable]:
    """Runs of consecutive multi-cell rows whose cells project onto the same columns, and are not prose. A
    cell's text may wrap onto more lines (a narrow column): those lines join their row (see _logical_rows)."""
    return [table for start, end in _runs(rows) for table in _tables_in(rows, list(range(start, end)))]


def _tables_in(rows: list[Row], indexes: list[int]) -> list[LaidTable]:
    """The tables of a run of close lines: lines grouped into logical rows, split where a row has one cell."""
    tables: list[LaidTable] = []
    current: list[list[int]] = []
    for group in [*_logical_rows(rows, indexes), []]:
        if group and len(rows[group[0]].cells) >= 2:
            current.append(group)
            continue
        tables.extend(_split_tables(rows, current, MAX_SPLITS))
        current = []
    return tables


def _split_tables(rows: list[Row], groups: list[list[int]], splits: int) -> list[LaidTable]:
    """The table of these logical rows; when their cells do not fall into one set of columns, two tables
    may sit one below the other (a device list, then a Wi-Fi list): split at the widest gap and try again."""
    if len(groups) < 2:
        return []
    table = _table(rows, groups)
    if table is not None or splits == 0 or len(groups) < 4:
        return [table] if table is not None else []
    gaps = [rows[b[0]].top - rows[a[-1]].bottom for a, b in pairwise(groups)]
    cut = max(range(len(gaps)), key=gaps.__getitem__) + 1
    return _split_tables(rows, groups[:cut], splits - 1) + _split_tables(rows, groups[cut:], splits - 1)


def _logical_rows(rows: list[Row], indexes: list[int]) -> list[list[int]]:
    """Lines grouped into table rows. Wrapped cell text sits closer to the line above it than the next row
    does (row padding, ruled borders): when the line pitches of a run fall into a short and a long kind
    (clearly: by a quarter and by half a line), a line after a short pitch continues the row above; when
    all pitches are alike, every line is a row."""
    pitches = [rows[b].base - rows[a].base for a, b in pairwise(indexes)]
    height = median(rows[i].height for i in indexes)
    if (
        not pitches
        or min(pitches) >= WRAP_PITCH_SHARE * max(pitches)
        or max(pitches) - min(pitches) < height / 2
    ):
        return [[i] for i in indexes]
    cut = (min(pitches) + max(pitches)) / 2
    groups = [[indexes[0]]]
    for index, pitch in zip(indexes[1:], pitches, strict=True):
        if pitch < cut:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _close(upper: Row, lower: Row) -> bool:
    return lower.top - upper.bottom <= ROW_GAP * max(upper.height, lower.height)


def _table(rows: list[Row], groups: list[list[int]]) -> LaidTable | None:
    """The grid of logical rows (each: its lines), or None when the cells do not fall into columns."""
    indexes = [i for group in groups for i in group]
    columns = _columns([cell for i in indexes for cell in rows[i].cells])
    if len(columns) < 2:
        return None
    grid: list[list[str]] = []
    for group in groups:
        texts = [""] * len(columns)
        for i in group:
            taken: set[int] = set()
            for left, _, text in rows[i].cells:
                column = next(k for k, (a, b) in enumerate(columns) if a <= left <= b)
                if column in taken:
                    return None  # two cells of one line in one column: the columns are not consistent
                taken.add(column)
                texts[column] = join_wrapped(texts[column], text)
        grid.append(texts)
    if _prose(grid) or _form(grid) or _list(grid):
        return None
    return LaidTable(rows=grid, row_indexes=indexes, columns=columns)


def _columns(cells: list[tuple[float, float, str]]) -> list[tuple[float, float]]:
    """The union of the cells' horizontal extents: each separate interval is a column."""
    columns: list[tuple[float, float]] = []
    for left, right, _ in sorted(cells):
        if columns and left < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], right))
        else:
            columns.append((left, right))
    return columns


def _prose(grid: list[list[str]]) -> bool:
    words = [len(cell.split()) for row in grid for cell in row if cell.strip()]
    long_cells = sum(1 for count in words if count >= LONG_CELL_WORDS)
    return median(words) > MAX_WORDS_PER_CELL or long_cells > MAX_LONG_CELL_SHARE * len(words)


def _list(grid: list[list[str]]) -> bool:
    """Fewer than two columns hold words: a bulleted or numbered list, or stray punctuation."""
    wordy = [
        any(row[k].strip() and not _MARKER.fullmatch(row[k].strip()) for row in grid)
        for k in range(len(grid[0]))
    ]
    return sum(wordy) < 2


def _form(grid: list[list[str]]) -> bool:
    if len(grid[0]) != 2:
        return False
    labels = sum(1 for row in grid if row[0].rstrip().endswith(":"))
    return labels >= FORM_LABEL_SHARE * len(grid)


def continues(previous: LaidTable, table: LaidTable) -> bool:
    """``table`` (first on its page) is ``previous`` (last on the page before) continued: same columns."""
    if len(previous.columns) != len(table.columns):
        return False
    return all(a < d and c < b for (a, b), (c, d) in zip(previous.columns, table.columns, strict=True))
