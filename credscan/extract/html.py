"""HTML files (saved pages, Confluence/wiki/SharePoint exports): text by source line, tables as Tables.

A wiki page of client logins is a table; read as lines, "Password" in the header and the value three cells
further in row 7 are unrelated text. So every <table> becomes a Table unit (header row -> column, the same
detector as spreadsheets), nested tables are tables of their own, and colspan/rowspan keep the cells under
their headers. Text outside tables is one line per block element, located by its source line; entities are
decoded; styles are dropped; links that carry credentials (``ftp://user:pass@host``) and prefilled password
fields are lines of their own. Script contents are not page text but are code a page may carry credentials in
(an inline API key, a hard-coded login), so each script is a block of its own, numbered by source line like
a text file. Parsed with the standard library's tolerant parser: nothing is fetched or run. Bounded by
max_text_bytes (input) and max_cells (table cells); spans are clamped to what a browser accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import BinaryIO

from credscan.extract.decoding import decode_bytes
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.limits import LimitExceeded, Limits
from credscan.model import Location, Table, TextBlock, Unit

BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "pre",
     "blockquote", "hr", "title", "section", "article", "header", "footer", "nav", "main", "aside", "form",
     "fieldset", "legend", "figcaption", "address", "details", "summary", "caption", "option"}
)  # fmt: skip
DROPPED_TAGS = frozenset({"style", "template", "noscript"})
LINK_ATTRIBUTES = ("href", "src", "action")
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
"""The HTML standard's limits for colspan and rowspan."""
MAX_COLUMNS = 16384
"""Cells past this column of a row are dropped (a spreadsheet's width; no real page is wider)."""


class HtmlExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        budget = ctx.limits.max_text_bytes
        stream.seek(0)
        data = stream.read(budget)
        truncated = bool(stream.read(1))
        reader = _PageReader(ctx.limits)
        try:
            reader.feed(decode_bytes(data))
            reader.close()
        except LimitExceeded:
            raise
        except Exception as error:  # the parser is tolerant; anything else is a bug-shaped input
            raise ExtractError(f"unreadable HTML: {error_line(error)}") from None
        yield from reader.units()
        if truncated:
            raise LimitExceeded(f"HTML over max_text_bytes ({budget}); the rest was not scanned")


@dataclass
class _TableBuilder:
    number: int
    rows: list[list[str]] = field(default_factory=list)
    row: list[str] | None = None
    cell: list[str] | None = None
    cell_span: int = 1
    cell_rowspan: int = 1
    pending: dict[int, int] = field(default_factory=dict)
    """Column -> rows still covered by a rowspan from above."""

    def start_row(self) -> None:
        self.end_row()
        self.row = []

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            self._fill_spanned()
            self.rows.append(self.row)
            self.pending = {col: left - 1 for col, left in self.pending.items() if left > 1}
        self.row = None

    def start_cell(self, colspan: int, rowspan: int) -> None:
        self.end_cell()
        if self.row is None:
            self.row = []
        self._fill_spanned()
        self.cell, self.cell_span, self.cell_rowspan = [], colspan, rowspan

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            self.cell = None
            return
        text = "\n".join(" ".join(line.split()) for line in "".join(self.cell).split("\n"))
        text = "\n".join(line for line in text.split("\n") if line)
        for offset in range(self.cell_span):
            if len(self.row) >= MAX_COLUMNS:
                break
            if self.cell_rowspan > 1:
                self.pending[len(self.row)] = self.cell_rowspan  # counts this row too
            self.row.append(text if offset == 0 else "")
        self.cell = None

    def _fill_spanned(self) -> None:
        assert self.row is not None
        while len(self.row) in self.pending and len(self.row) < MAX_COLUMNS:
            self.row.append("")


class _PageReader(HTMLParser):
    def __init__(self, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.lines: list[tuple[int, str]] = []
        self.current: list[str] = []
        self.current_line = 0
        self.tables: list[_TableBuilder] = []
        self.done_tables: list[_TableBuilder] = []
        self.table_count = 0
        self.cells = 0
        self.dropped = 0
        self.pre = 0
        self.script: list[str] | None = None
        self.script_line = 0
        self.scripts: list[tuple[int, str]] = []

    # -- tags ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.script, self.script_line = [], self.getpos()[0]
            return
        if tag in DROPPED_TAGS:
            self.dropped += 1
            return
        self._attribute_lines(tag, attrs)
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is None:
                self._flush()
            self.table_count += 1
            self.tables.append(_TableBuilder(self.table_count))
        elif tag == "tr" and table is not None:
            table.start_row()
        elif tag in ("td", "th") and table is not None:
            values = dict(attrs)
            table.start_cell(
                _span(values.get("colspan"), MAX_COLSPAN), _span(values.get("rowspan"), MAX_ROWSPAN)
            )
            self._count_cells()
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self.script is not None and "".join(self.script).strip():
                self.scripts.append((self.script_line, "".join(self.script)))
            self.script = None
            return
        if tag in DROPPED_TAGS:
            self.dropped = max(0, self.dropped - 1)
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and table is not None:
            table.end_row()
            self.done_tables.append(self.tables.pop())
        elif tag == "tr" and table is not None:
            table.end_row()
        elif tag in ("td", "th") and table is not None:
            table.end_cell()
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_pi(self, data: str) -> None:
        """``<?php … ?>`` and other processing instructions: server code a saved page may still carry."""
        if data.strip() and not data.lstrip().lower().startswith("xml"):
            self.scripts.append((self.getpos()[0], data))

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)
            return
        if self.dropped:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None:
            if table.cell is not None:
                table.cell.append(
                    data if self.pre else " ".join(data.split()) + (" " if data[-1:].isspace() else "")
                )
            return
        if self.pre and "\n" in data:
            line = self.getpos()[0]
            for k, piece in enumerate(data.split("\n")):
                if k:
                    self._flush()
                self._append(piece, line + k)
            return
        self._append(" ".join(data.split()) + (" " if data[-1:].isspace() else "") if data.strip() else " ")

    def _attribute_lines(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """What a page holds in attributes rather than text: links with credentials in them
        (``ftp://user:pass@host``) and prefilled password fields, each a line of its own."""
        values = {name: value for name, value in attrs if value}
        lines = [
            value for name in LINK_ATTRIBUTES if "@" in (value := values.get(name, "")) and "://" in value
        ]
        if tag == "input" and values.get("type", "").lower() == "password" and values.get("value"):
            lines.append(f"{values.get('name') or values.get('id') or 'password'}: {values['value']}")
        line = self.getpos()[0]
        self.lines.extend((line, " ".join(text.split())) for text in lines)

    # -- text ---------------------------------------------------------------

    def _append(self, text: str, line: int | None = None) -> None:
        if not self.current:
            self.current_line = line if line is not None else self.getpos()[0]
        self.current.append(text)

    def _break(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None:
            if table.cell is not None:
                table.cell.append("\n")
            return
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append((self.current_line, text))
        self.current = []

    def _count_cells(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise LimitExceeded(f"HTML tables over max_cells ({self.limits.max_cells})")

    def close(self) -> None:
        super().close()
        while self.tables:
            self.tables[-1].end_row()
            self.done_tables.append(self.tables.pop())
        self._flush()

    def units(self) -> Iterator[Unit]:
        if self.lines:
            locations: list[Location] = [{"line": line} for line, _ in self.lines]
            yield TextBlock(text="\n".join(text for _, text in self.lines), line_locations=locations)
        for table in sorted(self.done_tables, key=lambda t: t.number):
            rows = [row for row in table.rows if any(cell.strip() for cell in row)]
            if rows:
                yield Table(rows=_rectangular(rows), location={"table": table.number}, style="table")
        for first_line, script in self.scripts:
            yield TextBlock(text=script, location={"part": "script"}, by_line=True, first_line=first_line)


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int((value or "1").strip()), limit))
    except ValueError:
        return 1


def _rectangular(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]
