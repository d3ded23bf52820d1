"""Tables written as text (credscan.extract.texttables): Markdown pipe tables, tab-separated and aligned
rows split into cells, each row located at its line, attached to the TextBlock they stand in. Which are
password tables is tested with detection (tests/detect/test_text_tables.py). Fast: pure functions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.extract.texttables import (
    CELL_GAP,
    MAX_TEXT_COLUMNS,
    _written_in_columns,
    header_line,
    pipe_table,
    rows_below,
    text_tables,
    with_text_tables,
)
from credscan.model import TextBlock


def test_a_pipe_table_skips_its_rule_lines_and_knows_its_last_line() -> None:
    lines = ["intro", "| Host | Password |", "|---|:---:|", "| nas | Xk9#mQ2p |", "|---|---|", "after"]
    table = pipe_table(lines, 3)
    assert table.rows == [["Host", "Password"], ["nas", "Xk9#mQ2p"]]
    assert table.lines == [1, 3] and table.last_line == 4


def test_a_tab_separated_range_keeps_rows_missing_their_empty_last_cells() -> None:
    lines = ["User\tPassword\tNote", "admin\tXk9#mQ2p", "jdoe\tQw#12-zz\tneu", "", "Ende"]
    header = header_line(lines[0])
    assert header is not None and header.tabbed
    table = rows_below(lines, 0, header)
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
    lines = ["System Benutzer Kennwort", "NAS admin Xk9#mQ2p", "Ende der Liste", "FW root", "x y z"]
    table = rows_below(lines, 0, blank)
    assert table.lines == [0, 1, 2] and table.separator == "blank"  # which row is a sentence: detection's


def test_a_line_of_one_cell_or_too_many_is_no_header() -> None:
    assert header_line("Password") is None
    assert header_line("\t".join(["Password"] * (MAX_TEXT_COLUMNS + 1))) is None


def test_a_text_block_gets_its_tables_each_row_located_at_its_line() -> None:
    text = (
        "Notes\n| Host | Password |\n|---|---|\n| nas | Xk9#mQ2p |\nprose in between\n"
        "System\tUser\tKennwort\nNAS\tadmin\n\nHost   User   Password\nfw     root   Qw#12-zz\n"
    )
    block = TextBlock(text=text, by_line=True, first_line=10, location={"part": "body"})
    tables = text_tables(block)
    assert [t.separator for t in tables] == ["pipe", "tab", "gap"]
    pipe, tabbed, aligned = tables
    assert pipe.rows == [["Host", "Password"], ["nas", "Xk9#mQ2p"]]
    assert pipe.cell_location(1, 1) == {"part": "body", "line": 13}  # the line, as a text rule reports it
    assert tabbed.rows[1] == ["NAS", "admin", ""]
    assert aligned.rows_from(1, 2).rows == [["fw", "root", "Qw#12-zz"]]
    assert aligned.rows_from(1, 2).cell_location(0, 2) == {"part": "body", "line": 19}


def test_paragraph_locations_carry_over_and_code_gets_no_tables() -> None:
    block = TextBlock(
        text="User\tPassword\nadmin\tXk9#mQ2p", line_locations=[{"paragraph": 4}, {"paragraph": 5}]
    )
    assert text_tables(block)[0].cell_location(1, 1) == {"paragraph": 5}
    kept = next(with_text_tables([block], may_hold_tables=False))
    assert isinstance(kept, TextBlock) and kept.tables == []
    assert next(with_text_tables([block], may_hold_tables=True)).tables  # type: ignore[union-attr]


def test_prose_and_single_lines_are_no_tables() -> None:
    prose = "This line is prose.\nPassword\nA sentence that is too long to be any table row at all here.\n"
    assert text_tables(TextBlock(text=prose)) == []


def test_c_declarations_are_no_rows() -> None:
    code = "Login   Password\nint     password_len;\nchar    *password;   /* the secret */\n"
    assert text_tables(TextBlock(text=code)) == []
    assert header_line("long pass_counter;      /* work units completed */") is None
    table = text_tables(TextBlock(text="Login   Password\nadmin   Xk9#mQ2p!\nint     pass_len;\n"))
    assert table[0].rows == [["Login", "Password"], ["admin", "Xk9#mQ2p!"]]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \tab\r|", max_size=16))
def test_written_in_columns_says_what_the_cell_gap_splits_on(line: str) -> None:
    """The fast test (substring checks) answers as a search for CELL_GAP in the stripped line would."""
    assert _written_in_columns(line) == ("\t" in line or CELL_GAP.search(line.strip()) is not None)
