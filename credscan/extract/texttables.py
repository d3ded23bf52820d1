"""Tables written as text: their syntax, not their meaning.

Markdown pipe tables, tab-separated rows pasted from a sheet into a mail or note, columns aligned with runs
of blanks, and a table's rows in a PDF's text (cells joined by single blanks) are split here into rows of
cells, each row with the location of its line. The extraction stage attaches them to the TextBlock they were
found in (:func:`with_text_tables`), the way a spreadsheet extractor hands over its sheets; which row heads a
password column is detection's question (credscan.detect.tables).

A text table is a run of lines written alike: consecutive Markdown pipe rows (their ``|---|`` rule lines
dropped), or a line of 2 to MAX_TEXT_COLUMNS cells and the lines below it that split the same way into as
many cells. A line of code (a C declaration) is no row. Program source and configuration hold no text
tables (their aligned columns are code), so the caller says whether a file may hold them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from credscan.model import TextBlock, TextSeparator, TextTable, Unit

CELL_GAP = re.compile(r"\t|[ \t]{2,}")
"""Cells of a text table: tab-separated (pasted from Excel) or aligned with runs of blanks."""
RULE_LINE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}")
"""A Markdown table's |---| line."""
MAX_TEXT_COLUMNS = 8
"""A line that splits into more cells is prose or code, not a table row."""
_MAY_SPLIT = re.compile(r"\t|\S\s+\S")
"""What a line of two cells or more holds: a tab, or blanks between two non-blanks (one search in C before
any splitting in Python)."""

C_DECLARATION = re.compile(
    r"""^[ \t]*
    (?:[A-Za-z_]\w*[ \t]+)*           # qualifiers and type words: "const unsigned", "struct"
    [A-Za-z_]\w*                      # the type's last word: "int", "passwd"
    [ \t*&]+                          # blanks, pointer and reference marks: "char   *password"
    [A-Za-z_]\w*(?:\[[^\]]*\])*       # the name, an array's bounds: "password_len", "key[64]"
    (?:[ \t]*=[^;]*)?                 # an initialiser
    [ \t]*;                           # the statement's end
    [ \t]*(?:/\*.*|//.*)?$            # a comment after it
    """,
    re.VERBOSE,
)
"""A declaration in C and its kin (``int   password_len;``, ``long pass_counter;  /* … */``): struct
members aligned in a header or a manual are code, not the rows of a table, whatever their words say."""


@dataclass(frozen=True, slots=True)
class TextRows:
    """Rows of a text table and, for each, the index of its line in the text."""

    rows: list[list[str]]
    lines: list[int]
    last_line: int
    """The index of the table's last line (a closing |---| rule line included)."""
    separator: TextSeparator


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """A line that may head a tab-separated or aligned table: its cells and how the lines below split."""

    cells: list[str]
    tabbed: bool
    """Cells separated by tabs: a pasted sheet range, whose empty last cells may be missing."""
    blank_separated: bool
    """Cells separated by single blanks: a line of words, which may as well be a sentence."""

    @property
    def separator(self) -> TextSeparator:
        return "tab" if self.tabbed else "blank" if self.blank_separated else "gap"

    def split(self, line: str, limit: int = -1) -> list[str]:
        """A line below the header, split as the header was; into at most ``limit + 1`` parts when a limit is
        given, so that a long line of prose is refused without being cut into every word."""
        stripped = line.strip(" \r")
        if self.blank_separated:
            parts = stripped.split(None, limit)
        else:
            parts = CELL_GAP.split(stripped, max(limit, 0))  # re's maxsplit 0: no limit
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
    return TextRows(rows, numbers, end, "pipe")


def _written_in_columns(line: str) -> bool:
    """Cells separated by a tab or a run of blanks (what CELL_GAP splits on: a tab, or two blanks in a row
    when there is none; ``in`` runs in C at memchr speed, where the regex tried every blank)."""
    return "\t" in line or "  " in line.strip()


def header_line(line: str) -> HeaderLine | None:
    """``line`` split into 2 to MAX_TEXT_COLUMNS cells (by tabs, by runs of blanks, or else by single
    blanks); None when it does not split so."""
    if _MAY_SPLIT.search(line) is None:
        return None
    tabbed = "\t" in line
    blank_separated = not _written_in_columns(line)
    cells = HeaderLine([], tabbed, blank_separated).split(line, MAX_TEXT_COLUMNS)
    if not 2 <= len(cells) <= MAX_TEXT_COLUMNS or C_DECLARATION.match(line) is not None:
        return None
    return HeaderLine(cells, tabbed, blank_separated)


def rows_below(lines: list[str], index: int, header: HeaderLine) -> TextRows:
    """The header at ``lines[index]`` and every following line written alike with as many cells (a
    tab-separated line may lack its empty last cells). A line with a tab or a run of blanks is no row of a
    table joined by single blanks: it is written otherwise ("anbei die Zugänge:" above a pasted range has
    as many words as the range has columns, and heads no table)."""
    numbers, rows = [index], [header.cells]
    width = len(header.cells)
    for n in range(index + 1, len(lines)):
        if header.blank_separated and _written_in_columns(lines[n]):
            break
        cells = header.split(lines[n])
        if header.tabbed and 1 < len(cells) < width:
            cells += [""] * (width - len(cells))  # a sheet range pasted with empty last cells
        if len(cells) != width or C_DECLARATION.match(lines[n]) is not None:
            break
        numbers.append(n)
        rows.append(cells)
    return TextRows(rows, numbers, numbers[-1], header.separator)


def text_rows(text: str) -> Iterator[TextRows]:
    """Every table written in ``text``, top to bottom: pipe tables, and runs of two or more lines that split
    alike (a line starts a run only after the previous run ended)."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if is_pipe_row(line):
            table = pipe_table(lines, index)
            if table.rows:
                yield table
            index = table.last_line + 1
            continue
        header = header_line(line)
        if header is not None:
            table = rows_below(lines, index, header)
            if len(table.rows) > 1:
                yield table
                index = table.last_line + 1
                continue
        index += 1


def text_tables(block: TextBlock) -> list[TextTable]:
    """The tables written in ``block``'s text, each row located at its line."""
    return [
        TextTable(
            rows=found.rows,
            style="line",
            row_locations=[block.line_location(n) for n in found.lines],
            separator=found.separator,
        )
        for found in text_rows(block.text)
    ]


def with_text_tables(units: Iterable[Unit], may_hold_tables: bool) -> Iterator[Unit]:
    """``units`` with the tables written in each TextBlock's text attached to it (``may_hold_tables``: the
    file is not program source or configuration). A manual's tables list options, ciphers and fields, never
    accounts, and are left unparsed."""
    for unit in units:
        if may_hold_tables and isinstance(unit, TextBlock) and not unit.manual:
            unit.tables = text_tables(unit)
        yield unit
