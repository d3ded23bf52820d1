"""The distinct cell texts of a table, joined and lowercased once for everything that searches them.

A sheet repeats its values (a user column of "admin", a status column, the same host names): the 8.1
million cells of the benchmark share hold 1.6 million distinct texts. What a rule finds in a cell, and
whether a cell holds password vocabulary, depend on its text alone, so the table detector (which rows hint
at a header) and the text rules (which cells to match) search each distinct text once, in one joined text,
and look the cells up again only for the texts that matter.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property
from itertools import chain, compress, count
from operator import not_

from credscan.detect.prefilter import WordFinder, joined_offsets
from credscan.model import Table


class CellTexts:
    def __init__(self, table: Table) -> None:
        self.table = table
        distinct = dict.fromkeys(chain.from_iterable(table.rows))
        distinct.pop("", None)
        self.values: list[str] = list(distinct)
        """The distinct non-empty cell texts, in the order they first occur."""
        self.joined = "\n".join(self.values)
        """The values separated by newlines."""
        self.lowered = self.joined.lower()

    @cached_property
    def starts(self) -> list[int]:
        """Offset of each value in ``joined``."""
        return joined_offsets(map(len, self.values))

    @cached_property
    def lowered_starts(self) -> list[int]:
        """Offset of each value in ``lowered`` (and in its fold(), as long): lower() keeps a text's length
        unless it expands a character ("İ" becomes two)."""
        if len(self.lowered) == len(self.joined):
            return self.starts
        return joined_offsets(len(value.lower()) for value in self.values)

    def rows_with_words(self, finder: WordFinder) -> list[int]:
        """Indexes of the rows with a cell whose lowercased text holds one of the finder's words (none of
        which may hold a newline): one pass over the distinct texts, then one set operation per row."""
        starts = self.lowered_starts
        hinted = {self.values[bisect_right(starts, offset) - 1] for offset in finder.starts(self.lowered)}
        return self.rows_holding(hinted)

    def rows_holding(self, wanted: set[str]) -> list[int]:
        """Indexes of the rows with a cell whose text is one of ``wanted``."""
        if not wanted:
            return []
        return list(compress(count(), map(not_, map(wanted.isdisjoint, self.table.rows))))  # at C speed

    def cells_of(self, wanted: set[str]) -> Iterator[tuple[int, int, str]]:
        """Row, column and text of every cell holding one of ``wanted``, in row-major order."""
        for r in self.rows_holding(wanted):
            for c, value in enumerate(self.table.rows[r]):
                if value in wanted:
                    yield r, c, value
