"""The detection prefilters skip only work that cannot produce a match (speed, never a lost match)."""

from __future__ import annotations

import random
import re

from credscan.detect.celltexts import CellTexts
from credscan.detect.interface import FileInfo
from credscan.detect.patterns import (
    fold,
    line_window_slack,
    min_match_length,
    required_literal_sets,
    required_literals,
)
from credscan.detect.prefilter import CellIndex, RulePrefilter, WordFinder
from credscan.detect.prose import LineWindows, detect_cells, rule_applies
from credscan.detect.rules import RuleSet
from credscan.detect.tables import _hint_words
from credscan.detect.vocabulary import vocabulary
from credscan.model import Table

RULES = RuleSet.load(())
TEXT_RULES = [rule for rule in RULES.rules if rule.scope == "text"]


def test_present_keywords_equal_naive_substring_search() -> None:
    prefilter = RulePrefilter(TEXT_RULES, rule_applies)
    keywords = sorted({k for rule in TEXT_RULES for k in rule.keywords})
    rng = random.Random(5)
    pieces = [*keywords, "x", " ", "ss", "\n", "pa", "word", "ü"]
    for _ in range(2000):
        parts = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        text = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.3 else p for p in parts)
        assert prefilter.present(text) == {k for k in keywords if k in text}, text


def test_every_example_match_holds_a_literal_of_each_required_set() -> None:
    checked = 0
    for rule in TEXT_RULES:
        assert rule.pattern is not None
        for example in (*rule.examples, *rule.negative_examples):
            for match in rule.pattern.finditer(example):
                for literals in required_literal_sets(rule.pattern):
                    checked += 1
                    assert any(x in fold(match.group()) for x in literals), (rule.id, example, literals)
    assert checked > 400


def test_required_literal_sets_are_a_conjunction() -> None:
    pattern = re.compile(r"(?i)(?<!\w)(?P<account>admin|root)[ \t]*/[ \t]*(?P<secret>[^\s/]{6,64})")
    assert required_literal_sets(pattern) == (frozenset({"admin", "root"}), frozenset({"/"}))
    assert required_literal_sets(re.compile(r"(?:x)?\d+")) == ()  # an optional literal is not required
    assert required_literal_sets(re.compile(r"key=(?:\w+)?;(?P<secret>\S+)")) == (
        frozenset({"key="}),
        frozenset({";"}),
    )


def test_word_finder_equals_naive_search_also_with_lone_surrogates() -> None:
    words = ["pass", "ss", "password", ":", "é", "pä"]
    finder = WordFinder(words)
    for text in ["", "password: x", "xss", "épä", "pa\udcffss pass", "\udce9:"]:
        assert finder.present(text) == {w for w in words if w in text}, text


def test_required_literals_of_hand_made_patterns() -> None:
    assert required_literals(re.compile(r"(?i)\w{0,5}pass(?:word|wd)?\s*[:=]\s*(?P<secret>\S+)")) == {"pass"}
    assert required_literals(re.compile(r"(?:ghp_|gho_)[A-Za-z0-9]{36}")) == {"ghp_", "gho_"}
    assert required_literals(re.compile(r"[Tt]oken=(?P<secret>\w+)")) == {"token="}
    assert required_literals(re.compile(r"(?:a|\d+)x")) == {"x"}
    assert required_literals(re.compile(r"\d+|\w+")) is None  # nothing literal: the rule always runs


def test_ignorecase_equivalents_are_folded_alike() -> None:
    pattern = re.compile(r"(?i)password:\s*(?P<secret>\S+)")
    text = "PAſSWORD: hunter22"  # long s: re.IGNORECASE matches it as "s", str.lower() does not
    assert pattern.search(text)
    assert any(literal in fold(text) for literal in required_literals(pattern) or ())


def test_cells_with_maps_literals_to_cells() -> None:
    cells = ["Host", "Password", "x", "my pass", "passpass"]
    starts, offset = [], 0
    for value in cells:
        starts.append(offset)
        offset += len(value) + 1
    index = CellIndex(fold("\n".join(cells)), starts)
    assert index.cells_with(frozenset({"pass"})) == [1, 3, 4]
    assert index.cells_with(frozenset({"host", "x"})) == [0, 2]
    assert index.cells_with(frozenset({"nowhere"})) == []
    assert index.cells_with_all([frozenset({"pass"}), frozenset({" "})]) == [3]
    assert index.cells_with_all([frozenset({"pass"}), frozenset({"s", "x"})]) == [1, 3, 4]
    assert index.cells_with_all([frozenset({"pass"}), frozenset({"nowhere"})]) == []


def test_cells_with_all_skips_short_cells_and_literals_known_absent() -> None:
    cells = ["admin", "admin / x", "root", "admin / Gr8-Sunset!42", "sa/x"]
    starts = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
    sets = [frozenset({"admin", "root", "sa"}), frozenset({"/"})]
    index = CellIndex(fold("\n".join(cells)), starts)
    assert index.cells_with_all(sets) == [1, 3, 4]
    assert index.cells_with_all(sets, min_length=10) == [3]
    # what the one pass found: "root" is absent as far as this index knows, so it costs no search
    told = CellIndex(fold("\n".join(cells)), starts, present={"admin", "sa", "/"})
    assert told.cells_with(frozenset({"root", "admin"})) == [0, 1, 3]


def test_known_present_literals_and_min_length_change_no_cell_answer() -> None:
    """With the literals the rules' one pass reports as present and each rule's shortest match, the cells
    a rule is run on are exactly those a plain search picks (random tables, every rule's literal sets)."""
    prefilter = RulePrefilter(TEXT_RULES, rule_applies)
    info = FileInfo(path="t.xlsx", name="t.xlsx", kind="xlsx", head=b"", size=0)
    rng = random.Random(11)
    words = sorted(
        {x for rule in TEXT_RULES if rule.pattern for s in required_literal_sets(rule.pattern) for x in s}
    )
    pieces = [*words, "x", " ", "/", ":", "Gr8-Sunset!42", "a"]
    for _ in range(300):
        cells = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))
        ]
        joined = fold("\n".join(cells))
        starts = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
        active, present = prefilter.active_and_literals(joined, info)
        told, plain = CellIndex(joined, starts, present), CellIndex(joined, starts)
        for rule in active:
            assert rule.pattern is not None
            sets = required_literal_sets(rule.pattern)
            if not sets:
                continue
            shortest = min_match_length(rule.pattern)
            expected = [i for i in plain.cells_with_all(sets) if len(cells[i]) >= shortest]
            assert told.cells_with_all(sets, shortest) == expected, (rule.id, cells)


def test_no_example_match_is_shorter_than_its_rule_s_minimum() -> None:
    checked = 0
    for rule in TEXT_RULES:
        assert rule.pattern is not None
        shortest = min_match_length(rule.pattern)
        for example in (*rule.examples, *rule.negative_examples):
            for match in rule.pattern.finditer(example):
                assert match.end() - match.start() >= shortest, (rule.id, example)
                checked += 1
    assert checked > 300


def test_cell_findings_are_located_past_empty_cells() -> None:
    rows = [["", "Notes", ""], [], ["", "", "", "x"], ["", "", "admin / Gr8-Sunset!42", "", "y"]]
    info = FileInfo(path="s.xlsx", name="s.xlsx", kind="xlsx", head=b"", size=0)
    table = Table(rows=rows, location={"sheet": "S"}, style="a1", first_row=3, first_col=2)
    found = detect_cells(TEXT_RULES, info, table)
    assert [(c.secret, c.location["cell"]) for c in found] == [("Gr8-Sunset!42", "D6")]


def test_a_text_repeated_in_many_cells_is_reported_in_each_in_sheet_order() -> None:
    """Each distinct cell text is searched once; its findings go to every cell that holds it."""
    pair = "admin / Gr8-Sunset!42"
    rows = [["Host", "Notes"], ["fw1", pair], ["fw2", "backup"], [pair, "İstanbul pwd: Another#Pass9"]]
    rows += [["sw", pair]] * 3
    info = FileInfo(path="r.xlsx", name="r.xlsx", kind="xlsx", head=b"", size=0)
    found = detect_cells(TEXT_RULES, info, Table(rows=rows, location={"sheet": "S"}, style="a1"))
    located = [(c.location["cell"], c.secret) for c in found]
    assert [cell for cell, secret in located if secret == "Gr8-Sunset!42"] == ["B2", "A4", "B5", "B6", "B7"]
    assert ("B4", "Another#Pass9") in located


def test_cells_are_found_whatever_the_sheet_size() -> None:
    rows = [["Client", "Notes"]] + [[f"client {i}", "backup server"] for i in range(3000)]
    rows[1500][1] = "admin password: Gr8-Sunset!42"
    rows.append(["ΑΒΓ İstanbul", "pwd: Another#Pass9"])  # lower() makes İ two characters: slow path
    info = FileInfo(path="big.xlsx", name="big.xlsx", kind="xlsx", head=b"", size=0)
    found = detect_cells(TEXT_RULES, info, Table(rows=rows, location={"sheet": "S"}, style="a1"))
    secrets = {candidate.secret for candidate in found}
    assert {"Gr8-Sunset!42", "Another#Pass9"} <= secrets


def test_rows_and_lines_with_words_equal_a_regex_search() -> None:
    """The table detector's hint: rows (cells joined by \\x1f, lowercased) and text lines holding a word."""
    words = ["pass", "ss", "password", ":", "é", "pä", "kennwort", "login password"]
    finder = WordFinder(words)
    regex = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    rng = random.Random(7)
    pieces = [*words, "x", " ", "\n", "İ", "a", "\udcff", "PASS", "Pä", "\x1f"]
    for _ in range(3000):
        rows = [
            ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 4))]
            for _ in range(rng.randint(0, 6))
        ]
        table = Table(rows=rows, location={}, style="line")
        assert CellTexts(table).rows_with_words(finder) == [
            r for r, row in enumerate(rows) if regex.search("\x1f".join(row).lower())
        ], rows
        text = "\n".join(
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(5)
        ).lower()
        lines = [text.count("\n", 0, start) for start in finder.starts(text)]
        assert set(lines) == {text.count("\n", 0, m.start()) for m in regex.finditer(text)}, text
        assert lines == sorted(lines)


def test_table_hint_words_cover_every_header_phrase_and_skip_redundant_ones() -> None:
    """Every multi-word header the table detector can recognise holds a hint word (a row without one may
    be skipped), and a phrase word already covered by another hint ("network" of "network key") is none."""
    vocab = vocabulary()
    words = _hint_words(vocab, [])
    for phrase, too_short in [(p, 2) for p in (*vocab.password_phrases, *vocab.code_words)] + [
        (p, 3) for p in vocab.credential_words
    ]:
        if any(len(token) > too_short for token in phrase.split()):
            assert any(word in phrase for word in words), phrase
    assert "network" not in words and "key" in words
    assert not any(word in "network documentation for the office switch" for word in words)


def test_line_window_slack_of_hand_made_patterns() -> None:
    """None where a match may hold a newline (or a lookahead may cross one without bound); else 1 plus the
    widest lookahead that may cross one."""
    cases = {
        r"a\s*b": None,
        r"[^x]y": None,
        r"(?s)a.": None,
        r"a(?s:.)": None,
        r"a[\n]": None,
        r"x(?=.*\n)": None,
        r"a[^\n]+": 1,
        r"a\S+": 1,
        r"a.+": 1,
        r"(?<=\n)a": 1,
        r"(a)\1": 1,
        r"[\w-]+": 1,
        r"x(?=[\s,;)]|$)": 2,
        r"x(?=\n\n)": 3,
    }
    for pattern, slack in cases.items():
        assert line_window_slack(re.compile(pattern)) == slack, pattern


def test_line_by_line_matches_equal_whole_text_matches() -> None:
    """Long texts are matched only on the lines holding a rule's literals, with pos/endpos windows: the
    matches (spans and groups) are exactly finditer's over the whole text, whatever the line endings,
    anchors ("$" on its own line), expanding lowercase ("İ") or final sigma around them."""
    prefilter = RulePrefilter(TEXT_RULES, rule_applies)
    examples = [example for rule in TEXT_RULES for example in rule.examples]
    separators = ["\n", "\n\n", " ", "\r\n", "İ\n", "\n$\n", "ΑΣ\n"]
    info = FileInfo(path="a.txt", name="a.txt", kind="text", head=b"", size=0)
    rng = random.Random(1)
    windowed = 0
    for _ in range(150):
        text = "".join(rng.choice(examples) + rng.choice(separators) for _ in range(rng.randint(1, 30)))
        text = text.rstrip("\n") if rng.random() < 0.3 else text
        lowered = text.lower()
        active, present = prefilter.active_and_literals(lowered, info)
        lines = LineWindows(text, lowered, present)
        for rule in active:
            assert rule.pattern is not None
            found = lines.line_matches(rule.pattern)
            if found is None:
                continue
            expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in found] == expected, (rule.id, text)
            windowed += 1
    assert windowed > 1000


def test_line_windows_find_each_match_once_even_where_a_window_reaches_into_the_next_line() -> None:
    """A window ends past its line's newline (lookaheads may look there): a short match at the start of the
    next line is that line's, not found twice."""
    pattern = re.compile(r"(?i)[ab](?=[\s,;)]|$)")
    assert line_window_slack(pattern) == 2
    text = "a\nb\nB\nxa a\n\nb"
    lines = LineWindows(text, text.lower(), {"a", "b"})
    found = lines.line_matches(pattern)
    assert found is not None
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
