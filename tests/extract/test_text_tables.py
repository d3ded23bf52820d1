"""Tables written as text (credscan.extract.texttables): Markdown pipe tables, tab-separated and aligned
rows split into cells, each row with its line. Which are password tables is tested with detection
(tests/test_detect_*.py: Markdown, TSV, PDF text tables). Fast: pure functions."""

from __future__ import annotations

from credscan.extract.texttables import MAX_TEXT_COLUMNS, header_line, pipe_table, rows_below


def never(cells: list[str]) -> bool:
    return False


def test_a_pipe_table_skips_its_rule_lines_and_knows_its_last_line() -> None:
    lines = ["intro", "| Host | Password |", "|---|:---:|", "| nas | Xk9#mQ2p |", "|---|---|", "after"]
    table = pipe_table(lines, 3)
    assert table.rows == [["Host", "Password"], ["nas", "Xk9#mQ2p"]]
    assert table.lines == [1, 3] and table.last_line == 4


def test_a_tab_separated_range_keeps_rows_missing_their_empty_last_cells() -> None:
    lines = ["User\tPassword\tNote", "admin\tXk9#mQ2p", "jdoe\tQw#12-zz\tneu", "", "Ende"]
    header = header_line(lines[0])
    assert header is not None and header.tabbed
    table = rows_below(lines, 0, header, never)
    assert table.rows[1] == ["admin", "Xk9#mQ2p", ""] and table.lines == [0, 1, 2] and table.last_line == 2


def test_aligned_columns_split_on_runs_of_blanks_and_single_blanks_only_without_them() -> None:
    gap = header_line("System   Benutzer   Kennwort")
    assert (
        gap is not None
        and not gap.blank_separated
        and gap.split("NAS   admin   blaues Haus 42")[2] == ("blaues Haus 42")
    )
    blank = header_line("System Benutzer Kennwort")
    assert blank is not None and blank.blank_separated
    lines = ["System Benutzer Kennwort", "NAS admin Xk9#mQ2p", "Ende der Liste", "FW root Qw#12-zz"]
    table = rows_below(lines, 0, blank, lambda cells: "der" in cells)
    assert table.lines == [0, 1]  # the sentence with as many words as the header ends the table


def test_a_line_of_one_cell_or_too_many_is_no_header() -> None:
    assert header_line("Password") is None
    assert header_line("\t".join(["Password"] * (MAX_TEXT_COLUMNS + 1))) is None
