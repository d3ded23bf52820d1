"""Text rules (scope="text") over TextBlocks and table cells.

The keywords and literals of all rules are found in one pass over the lowercased text
(credscan.detect.prefilter), and a rule's pattern runs only where the literals it cannot do without occur
(credscan.detect.patterns): in a table, on the distinct cell texts that hold them (each text once, its
findings placed in every cell that holds it, credscan.detect.celltexts); in a long text, on the lines that
hold them when the pattern cannot span lines (LineWindows); otherwise over the whole text. Every match then
goes through the same steps: clean, decode, validate, filter, locate, mask.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from credscan.detect.celltexts import CellTexts
from credscan.detect.context import account_near, line_context
from credscan.detect.decoders import DECODERS, xml_unescape
from credscan.detect.filters import FilterInput, drop_verdict
from credscan.detect.interface import FileInfo
from credscan.detect.leads import LeadIndex
from credscan.detect.markup import visible_text
from credscan.detect.patterns import fold_lowered, line_window_slack, min_match_length, required_literal_sets
from credscan.detect.prefilter import CellIndex, RulePrefilter, joined_offsets
from credscan.detect.rule import Rule
from credscan.detect.syntax import Syntax, syntax_of
from credscan.detect.trace import Trace
from credscan.detect.validators import VALIDATORS, checks_passed
from credscan.detect.verdict import Verdict
from credscan.model import Candidate, Table, TextBlock

_QUOTES = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "‘": "’", "`": "`", "‚": "‘"}
_TRAILING = ".,;:"
_CLOSING = frozenset(_QUOTES.values())
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:[ \t][^<>]*)?/?>")
"""An HTML/XML tag right after a value in raw markup ("PW: X</div>", "PW: X<br>"): not part of it."""
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});", re.IGNORECASE)
_ENTITY_END = re.compile(r"&(?:[a-z]{2,4}|#\d{1,7}|#x[0-9a-f]{1,6});$", re.IGNORECASE)
"""A value ending in a character reference ("Fu&amp;" in HTML): its ";" is no sentence punctuation."""
_EMPHASIS = re.compile(r"^(\*\*|\*|__|_|~~)([^*_~\s](?:.*[^*_~\s])?)\1$")
"""Markdown emphasis around a value (*required*, **X**, _note_): formatting, not part of it."""
_BRACKETED = re.compile(r"^\((?=[^()\s]*\d)[^()\s]{4,}\)$")


def rule_applies(rule: Rule, info: FileInfo) -> bool:
    """File-name and kind restrictions of a rule (file_names, exclude_file_names, kinds)."""
    name = info.name.lower()
    if rule.file_names and not any(fnmatch.fnmatchcase(name, g) for g in rule.file_names):
        return False
    if any(fnmatch.fnmatchcase(name, g) for g in rule.exclude_file_names):
        return False
    return not rule.kinds or info.kind in rule.kinds


_STRING_PREFIX = re.compile(r"^[bBrRuUfF]{1,2}(?=[\"'])")
"""b'…', r"…", u'…' in program source: the prefix belongs to the literal, not to the value."""


def unquote(raw: str) -> tuple[str, int]:
    """A value in matching quotes ("…", „…“, «…», `…`, b'…') without them; returns the value and its
    offset."""
    prefix = _STRING_PREFIX.match(raw)
    skip = prefix.end() if prefix else 0
    body = raw[skip:]
    if len(body) >= 2 and body[0] in _QUOTES and body.endswith(_QUOTES[body[0]]):
        return body[1:-1], skip + 1
    return raw, 0


def clean_secret(raw: str) -> tuple[str, int]:
    """Strip surrounding quotes and sentence punctuation; returns the value and its offset in ``raw``.

    A quote left over at the end of a token ("Password=X;" inside a quoted connection string) goes too,
    and so does markup glued to the value in an HTML/XML file read as text ("PW: X</div><div>").
    """
    value, offset = unquote(raw)
    if offset:
        return value, offset
    stripped = raw.rstrip(_TRAILING + ")]")
    if stripped != raw and _STRING_PREFIX.match(stripped):
        value, offset = unquote(stripped)  # password=b'x', f(pw=b'x'): the literal without its prefix
        if offset:
            return value, offset
    tag = _TAG.search(value, 1)
    if tag is not None:
        value = value[: tag.start()]
    while value and value[-1] in _TRAILING and not _ENTITY_END.search(value):
        value = value[:-1]
    if value and value[-1] in _CLOSING and value.count(value[-1]) % 2 == 1 and value[0] not in _QUOTES:
        value = value[:-1]
        while value and value[-1] in _TRAILING:
            value = value[:-1]
    for opening, closing in (("(", ")"), ("[", "]")):
        if value.endswith(closing) and value.count(closing) > value.count(opening):
            value = value[:-1]
            if (
                value
                and value[-1] in _CLOSING
                and value.count(value[-1]) % 2 == 1
                and value[0] not in _QUOTES
            ):
                value = value[:-1]  # print("Password: X"): the call's bracket, then the string's quote
                while value and value[-1] in _TRAILING and not _ENTITY_END.search(value):
                    value = value[:-1]  # printf("Password is correct.");
    emphasis = _EMPHASIS.match(value)
    if emphasis:
        return emphasis.group(2), len(emphasis.group(1))  # "password is *required*": Markdown formatting
    if _BRACKETED.match(value):
        return value[1:-1], 1  # "ist jetzt (Xk9#mQ2p)": one token with a digit, not a note "(in vault)"
    if value and value[0] in "\"'“„«" and value[0] not in value[1:]:
        return value[1:], 1
    return value, 0


@dataclass(slots=True)
class TextHit:
    """A secret found in a text, with its span in that text."""

    rule: Rule
    secret: str
    start: int
    end: int
    account: str | None
    text: str = ""
    """The text the offsets refer to (a markup file's visible text for prose rules, else the block; the
    lines of both are the same)."""


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _in_markup(secret: str, text: str, start: int, end: int) -> bool:
    """A value with a character reference on a line with tags: HTML or XML read as plain text, where the
    reader sees "Fu&ball" for "Fu&amp;ball". A decoder that already changed the value did this itself."""
    return (
        "&" in secret
        and _ENTITY.search(secret) is not None
        and _TAG.search(text, *_line_bounds(text, start, end)) is not None
    )


VALUE_CACHE_SIZE = 4096
"""Values a ValueChecks remembers (a 2 MB log chunk has ~20,000 lines; the values repeat or do not)."""


class ValueChecks:
    """A rule's value steps (clean, decode, validate), remembered per value for one text: they depend on
    the value alone, and a long log repeats its values (gdb's check.log reads "PASS: gdb.base/x.exp: …"
    on 97,000 lines holding 1,527 distinct "values"), where each first reading costs ~30 µs of
    validators."""

    def __init__(self, rule: Rule) -> None:
        self.decoder: Callable[[str], str | None] | None = DECODERS[rule.decoder] if rule.decoder else None
        self._validators = [VALIDATORS[name] for name in rule.validators]
        self._cleaned: dict[str, tuple[str, int]] = {}
        self._decoded: dict[str, str | None] = {}
        self._failures: dict[str, Verdict | None] = {}

    def cleaned(self, raw: str) -> tuple[str, int]:
        """clean_secret(raw)."""
        known = self._cleaned.get(raw)
        if known is None:
            known = _remember(self._cleaned, raw, clean_secret(raw))
        return known

    def decoded(self, value: str) -> str | None:
        """The rule's decoder on ``value``: the decoded value, or None when it is not one."""
        assert self.decoder is not None
        if value in self._decoded:
            return self._decoded[value]
        try:
            decoded = self.decoder(value)
        except Exception:  # a decoder must never take the scan down with a hostile value
            decoded = None
        return _remember(self._decoded, value, decoded)

    def failure(self, secret: str) -> Verdict | None:
        """The first of the rule's validators that rejects ``secret`` (its Verdict), or None."""
        if secret in self._failures:
            return self._failures[secret]
        failed = next((v for v in (check(secret) for check in self._validators) if not v), None)
        return _remember(self._failures, secret, failed)


_Value = TypeVar("_Value")


def _remember(cache: dict[str, _Value], key: str, value: _Value) -> _Value:
    if len(cache) >= VALUE_CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


def match_rule(
    rule: Rule,
    text: str,
    info: FileInfo,
    matches: Iterable[re.Match[str]] | None = None,
    syntax: Syntax = "prose",
    trace: Trace | None = None,
) -> Iterator[TextHit]:
    """Every accepted match of one text rule in ``text`` (no prefilter here; the caller did it).
    ``matches``: the pattern's matches in ``text`` when the caller found them (default: finditer).
    ``syntax``: what kind of text it is (credscan.detect.syntax). ``trace``: records every match and the
    step that took or rejected it (``credscan rules explain``)."""
    assert rule.pattern is not None
    passed = checks_passed(rule.validators)
    checks = ValueChecks(rule)
    file_name = info.name.lower()
    for match in rule.pattern.finditer(text) if matches is None else matches:
        raw = match.group("secret")
        if raw is None:
            continue
        start = match.start("secret")
        secret = raw
        if rule.clean_secret:
            secret, offset = checks.cleaned(raw)
            start += offset
        end = start + len(secret)
        as_written = secret
        if checks.decoder is not None:
            decoded = checks.decoded(secret)
            if decoded is None:
                if trace is not None:
                    trace.step(
                        rule, match, start, secret, Verdict(f"decoder {rule.decoder}", False, "not a value")
                    )
                continue
            secret = decoded
        if secret == as_written and _in_markup(secret, text, start, end):
            secret = xml_unescape(secret)  # "PW: Fu&amp;ball</div>": HTML read as text
        if not secret:
            continue
        failed = checks.failure(secret)
        if failed is not None:
            if trace is not None:
                trace.step(rule, match, start, secret, failed)
            continue
        line_start, line_end = _line_bounds(text, start, end)
        item = FilterInput(
            secret=secret,
            line=text[line_start:line_end],
            prefix=text[line_start : max(line_start, match.start())],
            file_name=file_name,
            category=rule.category,
            syntax=syntax,
            at=start - line_start,
            end=end - line_start,
            path=info.path,
            label=text[match.start() : max(match.start(), start)],
            before=_lines_before(text, min(line_start, match.start())),
            account=match.groupdict().get("account") or "",
            after=_lines_after(text, line_end),
            passed=passed,
        )
        dropped = drop_verdict(item, rule.skip_filters)
        if trace is not None:
            trace.step(rule, match, start, secret, dropped or Verdict("accepted", True))
        if dropped is not None:
            continue
        account = match.groupdict().get("account") or account_near(text, match.start())
        yield TextHit(rule, secret, start, end, account, text)


BEFORE_LINES = 8
"""Lines before a match a filter may look at (a code block's introducing sentence)."""


def _lines_before(text: str, at: int) -> str:
    """Up to BEFORE_LINES lines that end before offset ``at`` (a line start)."""
    start = at
    for _ in range(BEFORE_LINES):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return text[start:at]


def _lines_after(text: str, at: int) -> str:
    """Up to BEFORE_LINES lines that start after offset ``at`` (a line end)."""
    end = at
    for _ in range(BEFORE_LINES):
        if end >= len(text):
            break
        found = text.find("\n", end + 1)
        end = len(text) if found < 0 else found
    return text[at:end]


def _hit_context(text: str, hit: TextHit) -> str:
    line_start, line_end = _line_bounds(text, hit.start, hit.end)
    line = text[line_start:line_end]
    if text[hit.start : hit.end] == hit.secret:
        return line_context(line, hit.secret, hit.start - line_start, hit.end - line_start)
    # a decoded secret: mask the encoded form shown in the line as well
    encoded = text[hit.start : hit.end]
    return line_context(line, encoded, hit.start - line_start, hit.end - line_start).replace(
        hit.secret, "*" * 4
    )


_PREFILTERS: list[tuple[Sequence[Rule], RulePrefilter]] = []


def prefilter_for(rules: Sequence[Rule]) -> RulePrefilter:
    """One RulePrefilter per rule list (an engine's text rules live as long as the process)."""
    for known, prefilter in _PREFILTERS:
        if known is rules:
            return prefilter
    prefilter = RulePrefilter(rules, rule_applies)
    _PREFILTERS[:] = [*_PREFILTERS[-7:], (rules, prefilter)]
    return prefilter


def _line_of(text: str, hit: TextHit) -> int:
    return text.count("\n", 0, hit.start)


def prefer_specific(hits: list[TextHit], text: str) -> list[TextHit]:
    """Drop the generic reading of a line another rule read more precisely.

    - A line a ``claims_line`` rule reported (``net use … /user:``, a decoded WinSCP/VNC/mRemoteNG
      value) is not read again by the prose rules: their value there is the still-encoded form or a
      neighbouring token ("CORP\\svc_backup" after "Sh4re!Pass /user:"). Nor is its value read again by
      any other rule: a generic "Password=" rule would report web.config's "Pw&amp;1" undecoded.
    - "Benutzer/Kennwort: jdoe/X": the split pair (account jdoe, password X) wins over the unsplit value
      "jdoe/X" that a plain label rule reads on the same line, and over "jdoe" read after "Kennwort:"
      (a value another rule on the line names as the account is no password).
    """
    if len(hits) < 2:
        return hits
    claimed = {
        line
        for h in hits
        if h.rule.claims_line
        for line in range(
            _line_of(h.text or text, h), (h.text or text).count("\n", 0, h.end) + 1
        )  # a WinSCP section: all its lines
    }
    spans = [(h.text, h.start, h.end) for h in hits if h.rule.claims_line]
    by_line: dict[int, list[str]] = {}
    accounts: dict[tuple[int, str], list[TextHit]] = {}
    for hit in hits:
        by_line.setdefault(_line_of(hit.text or text, hit), []).append(hit.secret)
        if hit.account:
            accounts.setdefault((_line_of(hit.text or text, hit), hit.account), []).append(hit)
    kept = []
    for hit in hits:
        line = _line_of(hit.text or text, hit)
        # a value another hit on the line names as its account; a password equal to its own account
        # ("Login: admin" above "Passwort: admin") is a password all the same
        named = any(other is not hit for other in accounts.get((line, hit.secret), ()))
        if hit.rule.category == "plaintext-password" and (line in claimed or named):
            continue
        if not hit.rule.claims_line and any(
            t is hit.text and s < hit.end and hit.start < e for t, s, e in spans
        ):
            continue
        if any(
            other != hit.secret
            and hit.secret.endswith(other)
            and hit.secret[: -len(other)].rstrip().endswith("/")
            for other in by_line[line]
        ):
            continue
        kept.append(hit)
    return kept


LINE_WINDOW_MIN_CHARS = 4096
"""A text this long is matched line by line where a rule allows it (see LineWindows); a shorter one whole."""


class LineWindows:
    """The lines of a long text, indexed by the literals they hold: a rule whose matches never span lines
    runs only on the lines holding one literal of each of its required sets. On a 1 MB log that mentions
    "key" on a few lines, a pattern that Python's regex engine would try at every position (a
    case-insensitive alternation has no prefix to skip to) then sees a few hundred characters."""

    def __init__(self, text: str, lowered: str, present: set[str]) -> None:
        self.text = text
        self.starts = joined_offsets(map(len, text.split("\n")))
        folded = fold_lowered(lowered)
        # lower() may expand a character ("İ"), never a line break: the folded lines have the same numbers
        folded_starts = (
            self.starts if len(folded) == len(text) else joined_offsets(map(len, folded.split("\n")))
        )
        self.index = CellIndex(folded, folded_starts, present)
        self.leads = LeadIndex(text, folded, present)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]] | None:
        """The pattern's matches, found where its lead literals occur (credscan.detect.leads) or line by
        line; None when it may match across lines and has no lead (or needs no literal, or may match
        empty)."""
        led = self.leads.matches(pattern)
        return led if led is not None else self.line_matches(pattern)

    def line_matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]] | None:
        """The pattern's matches, found line by line; None when it may match across lines (or needs no
        literal, or may match empty)."""
        slack = line_window_slack(pattern)
        literal_sets = required_literal_sets(pattern)
        shortest = min_match_length(pattern)
        if slack is None or not literal_sets or shortest < 1:
            return None
        lines = self.index.cells_with_all(literal_sets, shortest)
        return self._on_lines(pattern, lines, slack)

    def _on_lines(self, pattern: re.Pattern[str], lines: list[int], slack: int) -> Iterator[re.Match[str]]:
        text, starts, last = self.text, self.starts, len(self.starts) - 1
        for line in lines:
            end = starts[line + 1] - 1 if line < last else len(text)
            for match in pattern.finditer(text, starts[line], min(len(text), end + slack)):
                if match.start() >= end:
                    break  # in the next line, seen through the slack: that line's own window finds it
                yield match


def _block_hits(
    rules: Sequence[Rule], info: FileInfo, text: str, syntax: Syntax, trace: Trace | None
) -> list[TextHit]:
    lowered = text.lower()
    active, present = prefilter_for(rules).active_and_literals(lowered, info)
    lines = LineWindows(text, lowered, present) if active and len(text) >= LINE_WINDOW_MIN_CHARS else None
    hits: list[TextHit] = []
    for rule in active:
        assert rule.pattern is not None
        matches = lines.matches(rule.pattern) if lines is not None else None
        hits.extend(match_rule(rule, text, info, matches, syntax, trace))
    return hits


_MARKUP_SPLITS: list[tuple[Sequence[Rule], list[Rule], list[Rule]]] = []


def reads_visible_text(rule: Rule) -> bool:
    """Prose rules (plaintext passwords) read a markup file's visible text; format rules (unattend.xml,
    web.config, KeePass XML, tokens, keys) read the markup itself."""
    return rule.category == "plaintext-password"


def split_for_markup(rules: Sequence[Rule]) -> tuple[list[Rule], list[Rule]]:
    """The rules that read the markup and those that read its visible text (the same list objects every
    time, so each keeps its prefilter)."""
    for known, raw, visible in _MARKUP_SPLITS:
        if known is rules:
            return raw, visible
    raw = [r for r in rules if not reads_visible_text(r)]
    visible = [r for r in rules if reads_visible_text(r)]
    _MARKUP_SPLITS[:] = [*_MARKUP_SPLITS[-7:], (rules, raw, visible)]
    return raw, visible


def detect_block(
    rules: Sequence[Rule], info: FileInfo, block: TextBlock, trace: Trace | None = None
) -> list[Candidate]:
    """Text rules over one TextBlock. In HTML/XML read as text, prose rules read the visible text
    (credscan.detect.markup: tags gone, entities decoded, lines kept); other rules read the markup."""
    text = block.text
    syntax: Syntax = "manual" if block.manual else syntax_of(info.name, info.kind, info.head)
    if syntax == "markup":
        raw, visible = split_for_markup(rules)
        hits = _block_hits(raw, info, text, syntax, trace)
        if trace is not None:
            trace.view = "visible text"
        hits += _block_hits(visible, info, visible_text(text), syntax, trace)
        if trace is not None:
            trace.view = "text"
    else:
        hits = _block_hits(rules, info, text, syntax, trace)
    return [
        Candidate(
            rule_id=hit.rule.id,
            secret=hit.secret,
            location=block.line_location(_line_of(hit.text, hit)),
            context=_hit_context(hit.text, hit),
            account=hit.account,
        )
        for hit in prefer_specific(hits, text)
    ]


def detect_cells(
    rules: Sequence[Rule], info: FileInfo, table: Table, texts: CellTexts | None = None
) -> list[Candidate]:
    """Text rules over the cells of a table: each distinct cell text once, its hits then placed in every
    cell that holds it (ordered as if each cell had been searched in turn, rule by rule). ``texts``: the
    table's CellTexts when the caller has them already."""
    cells = texts if texts is not None else CellTexts(table)
    if not cells.values:
        return []
    active, present = prefilter_for(rules).active_and_literals(cells.lowered, info)
    if not active:
        return []
    located = CellIndex(fold_lowered(cells.lowered), cells.lowered_starts, present)
    hits: dict[str, list[TextHit]] = {}
    first_rule: dict[str, int] = {}
    """The first rule that looked at a text: the order its cells are reported in."""
    for number, rule in enumerate(active):
        assert rule.pattern is not None
        literal_sets = required_literal_sets(rule.pattern)
        if literal_sets:
            targets = located.cells_with_all(literal_sets, min_match_length(rule.pattern))
        else:  # a pattern without a required literal (a custom rule): where it matches the joined text
            matches = rule.pattern.finditer(cells.joined)
            targets = sorted({bisect_right(cells.starts, match.start("secret")) - 1 for match in matches})
        for index in targets:
            value = cells.values[index]
            first_rule.setdefault(value, number)
            hits.setdefault(value, []).extend(match_rule(rule, value, info))
    kept = {value: prefer_specific(found, value) for value, found in hits.items() if found}
    placed = sorted(cells.cells_of(set(kept)), key=lambda cell: first_rule[cell[2]])  # stable: row-major
    return [
        Candidate(
            rule_id=hit.rule.id,
            secret=hit.secret,
            location=table.cell_location(r, c),
            context=_hit_context(value, hit),
            account=hit.account,
        )
        for r, c, value in placed
        for hit in kept[value]
    ]
