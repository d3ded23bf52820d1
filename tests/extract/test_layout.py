"""The layout shared by PDF tables and OCR: pieces of text with boxes -> rows, cells, tables.

Property tests on random pieces (any boxes, any texts) and the cases that decide what is a table. Cost: ~1 s.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.extract.layout import Piece, Rule, find_tables, rows_of, table_candidates


def grid(rows: list[list[str]], width: float = 60, pitch: float = 14, height: float = 8) -> list[Piece]:
    """Pieces laid out as a table: one piece a cell, columns ``width`` apart, rows ``pitch`` apart."""
    return [
        Piece(10 + c * width, 10 + r * pitch, 10 + c * width + 6 * len(text), 10 + r * pitch + height, text)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    ]


def test_word_gaps_join_and_column_gaps_split() -> None:
    words = [Piece(10, 10, 40, 20, "HPE"), Piece(43, 10, 60, 20, "iLO"), Piece(120, 11, 200, 21, "Admin")]
    [row] = rows_of(words)
    assert [text for _, _, text in row.cells] == ["HPE iLO", "Admin"]


def test_a_rule_splits_cells_however_narrow_the_gap() -> None:
    words = [Piece(10, 10, 98, 20, "Xk9#mPq2!vL"), Piece(101, 10, 140, 20, "replaced")]
    assert len(rows_of(words)[0].cells) == 1
    assert len(rows_of(words, [Rule(99.5, 5, 25)])[0].cells) == 2
    assert len(rows_of(words, [Rule(99.5, 30, 50)])[0].cells) == 1  # a rule of another row


def test_table_with_empty_cells() -> None:
    rows = [["Device", "User", "Password"], ["NAS", "", "Nas-2024!"], ["Switch", "admin", ""]]
    [table] = find_tables(rows_of(grid(rows)))
    assert table.rows == rows


def test_sentences_in_columns_are_prose() -> None:
    sentence = "a long sentence of many words that reads like prose"
    pieces = [Piece(10, 10 + 12 * k, 90, 20 + 12 * k, sentence) for k in range(5)]
    pieces += [Piece(120, 10 + 12 * k, 200, 20 + 12 * k, sentence) for k in range(5)]
    assert find_tables(rows_of(pieces)) == []
    assert table_candidates(pieces) != set()  # candidates by boxes; prose is judged on the text


def test_a_plain_page_has_no_candidates() -> None:
    lines = [Piece(10, 10 + 12 * k, 300, 20 + 12 * k, "x") for k in range(40)]
    assert table_candidates(lines) == set()


def test_wrapped_lines_join_their_row() -> None:
    pieces = grid([["Device", "User", "Password"]])
    for k in range(3):
        top = 30 + 30 * k
        pieces += [Piece(10, top, 50, top + 8, f"iLO {k}"), Piece(70, top, 110, top + 8, "Administrato")]
        pieces += [Piece(130, top, 170, top + 8, f"Xk{k}#mPq2!"), Piece(70, top + 11, 75, top + 19, "r")]
        pieces += [Piece(130, top + 11, 145, top + 19, "vL")]
    [table] = find_tables(rows_of(pieces))
    assert table.rows[1:] == [[f"iLO {k}", "Administrator", f"Xk{k}#mPq2!vL"] for k in range(3)]


words = st.text(alphabet="abc#1 :•-", min_size=1, max_size=12)
pieces = st.builds(
    lambda x, y, w, h, text: Piece(x, y, x + w, y + h, text),
    st.floats(0, 500),
    st.floats(0, 800),
    st.floats(0.5, 200),
    st.floats(0.5, 30),
    words,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(pieces, max_size=60),
    st.lists(st.builds(Rule, st.floats(0, 700), st.floats(0, 400), st.floats(400, 900)), max_size=5),
)
def test_any_pieces_make_consistent_tables(found: list[Piece], rules: list[Rule]) -> None:
    """Whatever the boxes: no crash; every table is a rectangle of at least 2 rows and 2 columns whose words
    all come from the pieces; each line belongs to at most one table."""
    rows = rows_of(found, rules)
    texts = {word for piece in found for word in piece.text.split()}
    seen: set[int] = set()
    for table in find_tables(rows):
        assert len(table.rows) >= 2 and len({len(row) for row in table.rows}) == 1 and len(table.rows[0]) >= 2
        assert not seen & set(table.row_indexes)
        seen |= set(table.row_indexes)
        for row in table.rows:
            for cell in row:
                assert all(any(word in text or text in word for text in texts) for word in cell.split())


def test_thousands_of_rules_and_pieces_stay_fast() -> None:
    """A hostile page: 20,000 rules (many in one gap, many tiny spans at one x) and 5,000 pieces."""
    import time

    rules = [Rule(100 + k * 0.01, k, k + 0.5) for k in range(10_000)]
    rules += [Rule(300, k * 2, k * 2 + 0.5) for k in range(10_000)]
    pieces = [
        Piece(10 + (k % 10) * 40, (k // 10) * 12, 30 + (k % 10) * 40, (k // 10) * 12 + 8, "w")
        for k in range(5000)
    ]
    started = time.monotonic()
    find_tables(rows_of(pieces, rules))
    assert time.monotonic() - started < 5
