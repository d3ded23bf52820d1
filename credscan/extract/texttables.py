"""Tables written as text: their syntax, not their meaning.

Markdown pipe tables, tab-separated rows pasted from a sheet into a mail or note, and columns aligned with
blanks (a Word table exported to PDF) are split here into rows of cells, each with the index of the line it
stands on. Which line is a header and whether a column holds passwords is detection's question
(credscan.detect.tables asks it and calls these functions for the lines around a password word).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CELL_GAP = re.compile(r"\t|[ \t]{2,}")
"""Cells of a text table: tab-separated (pasted from Excel) or aligned with runs of blanks."""
RULE_LINE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}")
"""A Markdown table's |---|---| line."""
MAX_TEXT_COLUMNS = 8
"""A line that splits into more cells is prose or code, not a table row."""


@dataclass(frozen=True, slots=True)
class TextRows:
    """Rows of a text table and, for each, the index of its line in the text."""

    rows: list[list[str]]
    lines: list[int]
    last_line: int
    """The index of the table's last line (a closing |---| rule line included)."""


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """A line that may head a tab-separated or aligned table: its cells and how the lines below split."""

    cells: list[str]
    tabbed: bool
    """Cells separated by tabs: a pasted sheet range, whose empty last cells may be missing."""
    blank_separated: bool
    """Cells separated by single blanks: a line of words, which may as well be a sentence."""

    def split(self, line: str) -> list[str]:
        """A line below the header, split as the header was."""
        parts = line.strip(" \r").split() if self.blank_separated else CELL_GAP.split(line.strip(" \r"))
        return [c.strip() for c in parts]


def is_pipe_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def pipe_table(lines: list[str], index: int) -> TextRows:
    """The Markdown pipe table around ``lines[index]`` (a pipe row): every row but its |---| rule lines."""
    start = index
    while start > 0 and is_pipe_row(lines[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(lines) and is_pipe_row(lines[end + 1]):
        end += 1
    numbers = [n for n in range(start, end + 1) if not RULE_LINE.match(lines[n])]
    rows = [[c.strip() for c in lines[n].strip().strip("|").split("|")] for n in numbers]
    return TextRows(rows, numbers, end)


def header_line(line: str) -> HeaderLine | None:
    """``line`` split into 2 to MAX_TEXT_COLUMNS cells (by tabs, by runs of blanks, or else by single
    blanks); None when it does not split so."""
    tabbed = "\t" in line
    blank_separated = not (tabbed or CELL_GAP.search(line.strip()))
    header = HeaderLine([], tabbed, blank_separated)
    cells = header.split(line)
    if not 2 <= len(cells) <= MAX_TEXT_COLUMNS:
        return None
    return HeaderLine(cells, tabbed, blank_separated)


def rows_below(
    lines: list[str], index: int, header: HeaderLine, is_sentence: Callable[[list[str]], bool]
) -> TextRows:
    """The header at ``lines[index]`` and every following line with as many cells (a tab-separated line may
    lack its empty last cells). A blank-separated line for which ``is_sentence`` holds ends the table
    ("Ende der Liste" has as many words as the header has cells)."""
    numbers, rows = [index], [header.cells]
    width = len(header.cells)
    for n in range(index + 1, len(lines)):
        cells = header.split(lines[n])
        if header.tabbed and 1 < len(cells) < width:
            cells += [""] * (width - len(cells))  # a sheet range pasted with empty last cells
        if len(cells) != width:
            break
        if header.blank_separated and is_sentence(cells):
            break
        numbers.append(n)
        rows.append(cells)
    return TextRows(rows, numbers, numbers[-1])
