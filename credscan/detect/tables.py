"""Password columns, key/value layouts and vault/browser exports in tables (sheets, CSV, docx/pptx tables).

The detector walks the rows once. A row is looked at closely only when a cheap regex over the row's
lowercased text hints at password vocabulary; its cells are then classified (cached per distinct text).
A *header row* opens a block whose password columns yield every valid value below it, up to the next
header row; a *label* cell ("Admin password:") yields the next non-empty cell to its right, or the cell
below it when the right side is empty. An export header (Chrome, LastPass, Bitwarden …) turns its
password column into export findings.

Words alone would misread a sheet, so shapes decide (credscan.detect.cellshape): a row of label-shaped cells
heads a grid even when few of its labels are known words (a 60-column asset export); a row below a header that
names no password, or continuing a run of rows of its own shape, is data whatever it says (a ticket subject,
a package summary, a help tag); a password label with a user/password label stacked above or below it belongs
to a key/value list, not to a header row; and a column whose values are prose, versions, dates, status words
or plain names is no password column, so one wrong guess cannot flood. A table without any of this may still
be a vault export that lost its header row (credscan.detect.headerless).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from credscan.detect.cellshape import (
    header_shaped,
    label_shaped,
    not_secret_column,
    secret_shaped,
    software_version,
)
from credscan.detect.celltexts import CellTexts
from credscan.detect.context import join_account, label_context, row_context
from credscan.detect.filters import FilterInput, dropped_by, test_log_line
from credscan.detect.headerless import headerless_password_column
from credscan.detect.interface import FileInfo
from credscan.detect.prefilter import WordFinder
from credscan.detect.prose import unquote
from credscan.detect.rule import Rule
from credscan.detect.rules import RuleSet
from credscan.detect.validators import (
    checks_passed,
    is_otp_seed,
    looks_like_password,
    not_hash,
    not_masked,
    not_placeholder,
    not_test_result,
)
from credscan.detect.vocabulary import HeaderKind, Vocabulary, normalise, vocabulary
from credscan.model import Candidate, Table, TextTable

HEADER_SHARE = 0.6
"""A row is header-like when at least this share of its non-empty cells are header words."""
LABEL_REACH = 4
"""How many cells to the right of a label its value may sit (merged cells leave gaps)."""
ACCOUNT_REACH = 6
"""Rows above/below a password label searched for a user label."""
BLOCK_END_BLANKS = 5
"""This many empty rows in a row end a column block."""
BAD_COLUMN_SHARE = 0.5
"""A password column whose values are mostly test results or hashes is no password column."""
WIFI_LABEL_REACH = 2
"""Rows above a Wi-Fi "Key" label searched for the network label ("SSID", then "Security", then "Key")."""
PASSWORD_KINDS = ("password", "pin", "credentials")
GRID_MIN_CELLS = 3
"""A row of this many label-shaped cells heads a grid even when few of them are known header words."""
DATA_RUN = 2
"""Rows of the same shape above a row, with data in a cell's column, that make the cell a value too."""
STACK_KINDS = ("user", "password")
"""A user or password label right above or below a password label makes a stacked key/value list."""
_PAIR = re.compile(
    r"^\s*(?P<user>[^\s/|:;]{1,64})"
    r"(?:\s*(?://|[/|:;])\s*|\s+[-\u2013\u2014]{1,2}\s+|\s+(?=\S*[\d\W])(?!\d+\s*$))"
    r"(?P<secret>\S{1,128})\s*$"
)
"""A "user / password" cell, the two joined by "/", "//", "|", ":", ";" or a dash between blanks
("KANZLEI\\admin - X", "user | X"); a bare blank may separate them only when the password has a digit or
symbol and is not a bare number ("HTTPS 4444" under an "Access" column is a protocol and its port)."""


def _hint_words(vocab: Vocabulary, export_columns: Sequence[str]) -> set[str]:
    """Words one of which a row (or text line) must hold to name a password, a Wi-Fi key, credentials, a
    code or an export's password column.

    A phrase ("network key", "login daten") matches only where all its words occur, so one of its words
    is enough, and none when one of them already holds another hint (a search for "pass" finds "passe").
    "network" alone, common in network documentation, would otherwise send every such row to the header
    classifier for nothing. Words of two characters (three, for credential phrases) are too common to
    hint at anything.
    """
    words = set(vocab.password_words) | set(vocab.compound_suffixes) | set(vocab.wifi_key_words)
    words |= {normalise(column) for column in export_columns}
    phrases = [(phrase, 2) for phrase in (*vocab.password_phrases, *vocab.code_words)]
    phrases += [(phrase, 3) for phrase in vocab.credential_words]
    for phrase, too_short in phrases:
        tokens = [token for token in phrase.split() if len(token) > too_short]
        if tokens and not any(word in token for token in tokens for word in words):
            words.add(max(tokens, key=len))  # the longest word of the phrase: the rarest, most likely
    return words


def _cell(row: Sequence[str], col: int) -> str:
    return row[col].strip() if col < len(row) else ""


def otp_seed(value: str) -> str | None:
    """The seed of a TOTP cell: the cell itself when it is a base32 seed, or the ``secret`` parameter of an
    otpauth:// URI (what an authenticator app needs, and what the finding reports)."""
    text = value.strip()
    if text.lower().startswith("otpauth://"):
        seeds = parse_qs(urlsplit(text).query).get("secret", [])
        text = seeds[0] if seeds else ""
    return text if is_otp_seed(text) else None


def _filled(row: Sequence[str]) -> bool:
    return any(cell.strip() for cell in row)


_TABLE_CHECKS = checks_passed(("looks_like_password",))
"""What a table value has passed before the filters see it."""


class _Runs:
    """Runs of consecutive non-empty rows of one table. A header-shaped first row heads its run, so the rows
    below it are data rows, whatever their cells say ("Passwort zurücksetzen für …" under "Betreff").
    Computed once per table, and only when a row's labels are in question."""

    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        self.rows = rows
        self._start: list[int] | None = None

    def header_above(self, r: int) -> int | None:
        if self._start is None:
            starts, start = [], 0
            for index, row in enumerate(self.rows):
                if not _filled(row):
                    start = index + 1
                starts.append(start)
            self._start = starts
        start = self._start[r]
        return start if start < r and header_shaped(self.rows[start], GRID_MIN_CELLS) else None


@dataclass
class _Block:
    """A header row and what its columns mean."""

    header: list[str]
    kinds: list[HeaderKind]
    columns: list[int]
    """Password columns this block reports."""
    rule: Rule
    user_col: int | None = None
    system_col: int | None = None
    account_cols: list[int] = field(default_factory=list)
    """Export rules: the account columns in order."""
    skip_columns: set[int] = field(default_factory=set)
    """Password columns found to hold test results or hashes."""


class TableDetector:
    def __init__(self, ruleset: RuleSet) -> None:
        self.vocab: Vocabulary = vocabulary()
        columns = ruleset.by_layout("columns")
        key_value = ruleset.by_layout("key-value")
        self.column_rule = columns[0] if columns else None
        self.kv_rule = key_value[0] if key_value else None
        exports = sorted(ruleset.by_layout("export"), key=lambda r: len(r.headers), reverse=True)
        self.exports = [(rule, {normalise(h) for h in rule.headers}) for rule in exports]
        self._hint = WordFinder(_hint_words(self.vocab, [rule.secret_column for rule, _ in self.exports]))
        labels = "|".join(sorted(map(re.escape, self.vocab.version_labels), key=len, reverse=True)) or "(?!)"
        part = rf"(?:{labels})[ \t]*:[ \t]*\S+?[,;]?"
        single = rf"(?:{labels})[ \t]*:[ \t]+\S+"  # "neu: X" alone; "neu:X" may be the password itself
        self._versions = re.compile(rf"(?i)^[ \t]*(?:{part}(?:[ \t]*[/|]?[ \t]+{part})+|{single})[ \t]*$")
        self._version_value = re.compile(rf"(?i)(?<!\S)(?:{labels})[ \t]*:[ \t]*(\S+?)[,;]?(?=\s|$)")

    # -- classification -------------------------------------------------------------------------

    def _kinds(self, row: Sequence[str]) -> list[HeaderKind]:
        return [self.vocab.header_kind(c.strip()) if c else "" for c in row]

    def _password_columns(
        self, row: Sequence[str], kinds: list[HeaderKind], above: Sequence[Sequence[str]] = ()
    ) -> list[int]:
        """Password columns of ``row``. A Wi-Fi "Key" counts beside a network word in the same row, or
        under one in the labels of the rows ``above`` (a key/value list: "SSID | X", then "Key | Y")."""
        cols = [c for c, k in enumerate(kinds) if k in PASSWORD_KINDS or k == "otp"]
        if "user" in kinds:
            cols.extend(c for c, k in enumerate(kinds) if k == "code")  # "Identifiant | Code"
        wifi = [c for c, k in enumerate(kinds) if k == "wifi-key"]
        if wifi:
            context = self.vocab.wifi_context
            if any(set(normalise(cell).split()) & context for cell in row if cell) or any(
                self._network_label(next((cell for cell in prev if cell.strip()), "")) for prev in above
            ):
                cols.extend(wifi)
        return sorted(cols)

    def _network_label(self, label: str) -> bool:
        """ "SSID", "Guest Wi-Fi", "Network name": a label naming a Wi-Fi network and nothing else."""
        tokens = set(normalise(label).replace("wi fi", "wifi").split())
        context = self.vocab.wifi_context
        return bool(tokens & context) and tokens - context <= self.vocab.wifi_label_words

    def _header_like(self, row: Sequence[str], kinds: list[HeaderKind]) -> bool:
        filled = [k for c, k in zip(row, kinds, strict=False) if c.strip()]
        named = sum(1 for k in filled if k)
        return named >= 2 and named >= HEADER_SHARE * len(filled)

    def _grid_header(self, rows: list[list[str]], r: int, row: Sequence[str], columns: list[int]) -> bool:
        """A header row by its shape, when too few of its labels are known words (an asset export's
        "Custom 13", "Garantie bis"): GRID_MIN_CELLS label-shaped cells, no user/password label stacked
        above or below a password label (that is a key/value list), and the next non-empty row holds a
        value under a password label."""
        if not header_shaped(row, GRID_MIN_CELLS):
            return False
        below = next((rows[n] for n in range(r + 1, min(len(rows), r + 3)) if _filled(rows[n])), None)
        return below is not None and any(_cell(below, c) for c in columns)

    def _in_data_column(self, rows: list[list[str]], r: int, c: int) -> bool:
        """The DATA_RUN rows above fill column ``c`` and the column of the value right of (r, c), and their
        cells in column c are data, not labels: (r, c) is a value of column c however it reads ("'pw'" in a
        help index of 20,000 tags, a package "@accounts/password" in a list of 200,000). The label column of
        a key/value list holds labels above, and a block's title row leaves its value column empty."""
        if r < DATA_RUN:
            return False
        row = rows[r]
        value = next((cc for cc in range(c + 1, min(len(row), c + 1 + LABEL_REACH)) if row[cc].strip()), None)
        span = [c] if value is None else [c, value]
        return all(
            all(_cell(prev, cc) for cc in span) and not self.vocab.header_kind(_cell(prev, c))
            for prev in rows[r - DATA_RUN : r]
        )

    def _stacked(self, rows: list[list[str]], r: int, c: int) -> bool:
        """A user or password label right above or below the password label at (r, c): the label column
        of a key/value list ("Benutzer | admin" above "Passwort | X"), not a header over a column."""
        return any(
            0 <= near < len(rows) and self.vocab.header_kind(_cell(rows[near], c)) in STACK_KINDS
            for near in (r - 1, r + 1)
        )

    def _export(self, row: Sequence[str]) -> tuple[Rule, dict[str, int]] | None:
        if not self.exports:
            return None
        index = {normalise(c): i for i, c in enumerate(row) if c.strip()}
        for rule, needed in self.exports:
            if needed <= index.keys():
                return rule, index
        return None

    # -- detection --------------------------------------------------------------------------------

    def detect(self, info: FileInfo, table: Table, texts: CellTexts | None = None) -> list[Candidate]:
        """Findings of the table rules; ``texts``: the table's CellTexts when the caller has them already."""
        if self.column_rule is None and self.kv_rule is None and not self.exports:
            return []
        found: list[Candidate] = []
        block: _Block | None = None
        blanks = 0
        rows = table.rows
        # one pass over the table's distinct texts, not a search per row
        in_order = (texts if texts is not None else CellTexts(table)).rows_with_words(self._hint)
        hinted = set(in_order)
        runs = _Runs(rows)
        r = 0
        while r < len(rows):
            if block is None:
                # outside a block only a hinted row (never an empty one) can matter: jump to the next
                following = bisect_left(in_order, r)
                if following == len(in_order):
                    break
                r = in_order[following]
            row = rows[r]
            if not any(row):
                blanks += 1
                if blanks >= BLOCK_END_BLANKS:
                    block = None
                r += 1
                continue
            blanks = 0
            opened = (
                self._maybe_header(rows, r, row, block, info, table, found, runs) if r in hinted else None
            )
            if opened is not None:
                block = opened
            elif block is not None:
                self._data_row(info, table, block, r, row, found)
            r += 1
        if not found and self.column_rule is not None:
            found.extend(self._headerless(info, table))
        return found

    def _headerless(self, info: FileInfo, table: Table) -> list[Candidate]:
        """A vault or browser export whose header row is gone, recognised by its columns' contents."""
        columns = headerless_password_column(table.rows)
        if columns is None or self.column_rule is None:
            return []
        secret_col, account_col = columns
        prefix = "[hidden sheet] " if table.hidden else ""
        found = []
        for r, row in enumerate(table.rows):
            value = _cell(row, secret_col)
            if not value or not self._valid(value, "password", info):
                continue
            found.append(
                Candidate(
                    rule_id=self.column_rule.id,
                    secret=value,
                    location=table.cell_location(r, secret_col),
                    context=prefix + "[export without header] " + row_context([], row, [secret_col], value),
                    account=join_account(_cell(row, account_col) if account_col is not None else None, None),
                )
            )
        return found

    def _maybe_header(
        self,
        rows: list[list[str]],
        r: int,
        row: list[str],
        block: _Block | None,
        info: FileInfo,
        table: Table,
        found: list[Candidate],
        runs: _Runs,
    ) -> _Block | None:
        """A new block when ``row`` (which hints at password vocabulary) is a header row; key/value
        findings when it holds labels."""
        export = self._export(row)
        if export is not None:
            rule, index = export
            return self._open_block(
                rows, r, row, self._kinds(row), [index[normalise(rule.secret_column)]], rule, index
            )
        kinds = self._kinds(row)
        columns = self._password_columns(row, kinds, rows[max(0, r - WIFI_LABEL_REACH) : r])
        if not columns:
            return None
        header_like = self._header_like(row, kinds) or self._grid_header(rows, r, row, columns)
        if header_like and all(self._stacked(rows, r, c) for c in columns):
            header_like = False  # "Passwort | im Tresor | | Passwort |" inside two key/value lists
        all_labels = all(k for cell, k in zip(row, kinds, strict=False) if cell.strip())
        if block is None and not all_labels and any(self._in_data_column(rows, r, c) for c in columns):
            header_like = False  # the row above has the same shape and data where this row has a label
        if (
            block is None
            and not header_like
            and (runs.header_above(r) is not None or any(self._in_data_column(rows, r, c) for c in columns))
        ):
            # a data row of a grid (under a header naming no password, or below a row of the same shape
            # whose cell above the "label" is data): only explicit "Label:" cells count
            labels = [c for c in columns if row[c].strip().endswith(":")]
            self._key_values(info, table, rows, r, labels, found)
            return None
        if block is not None and header_like:
            # a data row may hold a password that reads like a label ("Passwort!"): inside a block a
            # new header row must consist of labels only
            header_like = all(k for cell, k in zip(row, kinds, strict=False) if cell.strip())
        if block is not None and not header_like:
            # inside a block: only explicit "Label:" cells outside the block's columns are labels
            labels = [c for c in columns if c not in block.columns and row[c].strip().endswith(":")]
            self._key_values(info, table, rows, r, labels, found)
            return None
        labels = []
        if not header_like:
            filled = [c for c, cell in enumerate(row) if cell.strip()]
            for c in columns:
                if row[c].strip().endswith(":"):
                    labels.append(c)
                elif self._test_result_cell(row[c]):
                    continue  # "Pass" next to a tester's name is a test result, not a label
                elif self._right_value(row, c, kinds) is not None or filled == [c]:
                    labels.append(c)
        self._key_values(info, table, rows, r, labels, found)
        rest = [c for c in columns if c not in labels]
        if not rest or self.column_rule is None:
            return None
        if not header_like and (not header_shaped(row, 1) or any(self._stacked(rows, r, c) for c in rest)):
            # a data row mentioning a password ("Library for validating password | 1.2.0"), or an empty
            # value in a key/value list ("Passwort |" between "Benutzer | admin" and "Modell | DS220+")
            return None
        return self._open_block(rows, r, row, kinds, rest, self.column_rule, None)

    def _open_block(
        self,
        rows: list[list[str]],
        r: int,
        row: list[str],
        kinds: list[HeaderKind],
        columns: list[int],
        rule: Rule,
        export_index: dict[str, int] | None,
    ) -> _Block:
        block = _Block(header=list(row), kinds=kinds, columns=columns, rule=rule)
        if export_index is not None:
            # a vault export's TOTP column ("login_totp") holds seeds beside the passwords
            block.columns = sorted({*columns, *(c for c, k in enumerate(kinds) if k == "otp")})
            block.account_cols = [
                export_index[h] for h in map(normalise, rule.account_columns) if h in export_index
            ]
        else:
            block.user_col = next((c for c, k in enumerate(kinds) if k == "user" and c not in columns), None)
            block.system_col = next(
                (c for c, k in enumerate(kinds) if k == "system" and c not in columns), None
            )
            block.skip_columns = self._bad_columns(rows, r, columns, kinds)
        return block

    def _bad_columns(
        self, rows: list[list[str]], r: int, columns: list[int], kinds: list[HeaderKind]
    ) -> set[int]:
        """Columns below a header whose values are mostly Pass/Fail/OK, hashes or labels ending with ":"
        (sampled): a column of "Entry:" cells is an index or a form's labels, so the row above it that read
        like a header ("Password Based Key Derivation Function:" in a manual's index) was a row of it."""
        bad = set()
        sample = rows[r + 1 : r + 201]
        for c in columns:
            values = [v for row in sample if (v := _cell(row, c))]
            if not values:
                continue
            if kinds[c] == "credentials":  # "admin / X": the password is the part that must look secret
                values = [split[1] for v in values if (split := self._credentials(rows[r][c], v)) is not None]
            values = [part for v in values for part in self._versions_of(v)]
            odd = sum(
                1 for v in values if not not_test_result(v) or not not_hash(v) or v.rstrip().endswith(":")
            )
            if odd >= BAD_COLUMN_SHARE * len(values) or not_secret_column(
                values, self._own_words(rows[r][c])
            ):
                bad.add(c)
        return bad

    def _own_words(self, header: str) -> list[str]:
        """The password words of a header cell, which its values do not repeat."""
        return [w for w in normalise(header).split() if w in self.vocab.password_words]

    def _data_row(
        self, info: FileInfo, table: Table, block: _Block, r: int, row: list[str], found: list[Candidate]
    ) -> None:
        prefix = "[hidden sheet] " if table.hidden else ""
        for c in block.columns:
            if c in block.skip_columns:
                continue
            value = _cell(row, c)
            if not value:
                continue
            export = block.rule.layout == "export" and block.kinds[c] != "otp"
            if block.rule.layout == "export":
                if not (not_placeholder(value) and not_masked(value)):
                    continue  # an import template's "<password>" row, a "********" export
                named = [_cell(row, a) for a in block.account_cols] + ["", ""]
                account = join_account(named[0], named[1])
            else:
                user = _cell(row, block.user_col) if block.user_col is not None else None
                if block.kinds[c] == "credentials":
                    split = self._credentials(block.header[c], value)
                    if split is None:
                        continue
                    user, value = split[0] or user, split[1]
                system = _cell(row, block.system_col) if block.system_col is not None else None
                account = join_account(user, system)
            for secret in self._cell_values(value, block.kinds[c], info, export):
                found.append(
                    Candidate(
                        rule_id=block.rule.id,
                        secret=secret,
                        location=table.cell_location(r, c),
                        context=row_context(block.header, row, block.columns, secret, prefix),
                        account=account,
                    )
                )

    def _cell_values(self, value: str, kind: HeaderKind, info: FileInfo, export: bool) -> list[str]:
        """The valid passwords of one cell: the cell itself, both values of "alt: X / neu: Y", or the value of
        "neu: Y" alone."""
        if export:
            return [value]
        if kind == "otp":
            seed = otp_seed(value)
            return [seed] if seed is not None else []
        return [v for v in self._versions_of(value) if self._valid(v, kind, info)]

    def _versions_of(self, value: str) -> list[str]:
        """Both values of "alt: X / neu: Y", the value of "neu: Y", else the cell unquoted."""
        if self._versions.match(value) is not None:
            return list(self._version_value.findall(value))
        return [unquote(value)[0]]

    def _credentials(self, header: str, value: str) -> tuple[str | None, str] | None:
        """A "Login / PW" cell: ("admin", "X") from "admin / X"; a bare value only under a header with a
        password word ("Zugangsdaten: Kunde fragen" is no password); None when it holds none."""
        pair = _PAIR.match(value)
        if pair is not None:
            return pair.group("user"), pair.group("secret")
        if set(normalise(header).split()) & self.vocab.password_words:
            return None, value
        return None

    def _valid(self, value: str, kind: HeaderKind, info: FileInfo) -> bool:
        # a bare number under "Code" is a customer or cost-centre code, under "PIN"/"Passwort" a password
        if not looks_like_password(value, numeric_ok=kind != "code", short_ok=kind == "pin"):
            return False
        if software_version(value):
            return False  # "passwordsafe | 3.62.0", "engine-pin | 1.0.0.dev14": a software inventory's row
        item = FilterInput(
            secret=value, line=value, prefix="", file_name=info.name.lower(), passed=_TABLE_CHECKS
        )
        return dropped_by(item) is None

    # -- tables written as text ----------------------------------------------------------------

    def detect_text_table(self, info: FileInfo, table: TextTable) -> list[Candidate]:
        """A table written as text (credscan.extract.texttables split it): a Markdown table is read like a
        sheet once a row hints at password vocabulary; a tab-separated or aligned one needs a header row of
        header words only, naming a password column, and is read from that row down (a line of words with a
        stopword among them, in a table joined by single blanks, is a sentence that ends it)."""
        hinted = CellTexts(table).rows_with_words(self._hint)
        if not hinted:
            return []
        if table.separator == "pipe":
            return self.detect(info, table)
        found: list[Candidate] = []
        done = -1
        for r in hinted:
            if r > done:
                done = self._from_header(info, table, r, found)
        return found

    def _from_header(self, info: FileInfo, table: TextTable, r: int, found: list[Candidate]) -> int:
        """Detect the rows below ``table.rows[r]`` when it is a header; returns the last row covered."""
        rows = table.rows
        if self._test_log_row(table, r):
            return r  # "PASS: ld-elf/eh5" over "PASS: ld-elf/eh6": a test log, no "PASS:" labels
        kinds = self._kinds(rows[r])
        if not all(k and k != "negative" for k in kinds) or not self._password_columns(rows[r], kinds):
            return r
        stop = r + 1
        while stop < len(rows) and not (table.separator == "blank" and self._is_sentence(rows[stop])):
            stop += 1
        if stop - r > 1:
            found.extend(self.detect(info, table.rows_from(r, stop)))
        return stop - 1

    def _test_log_row(self, table: TextTable, r: int) -> bool:
        """The row's line and a neighbouring row's start with a test result marker ("PASS: …")."""
        joiner = "\t" if table.separator == "tab" else " "
        lines = [joiner.join(row) for row in table.rows[max(0, r - 1) : r + 2]]
        return test_log_line(lines, min(r, 1))

    def _is_sentence(self, cells: list[str]) -> bool:
        """A line of words with a stopword among them continues the text, not the table."""
        return any(c.lower() in self.vocab.stopwords for c in cells)

    # -- key/value layouts --------------------------------------------------------------------------

    def _test_result_cell(self, cell: str) -> bool:
        """ "Pass", "Passed": a word of a test sheet that only reads like the password word "pass"."""
        return not not_test_result(cell)

    def _right_value(self, row: Sequence[str], col: int, kinds: list[HeaderKind]) -> int | None:
        for c in range(col + 1, min(len(row), col + 1 + LABEL_REACH)):
            if row[c].strip():
                return c if not kinds[c] else None
        return None

    def _value_for_label(self, rows: list[list[str]], r: int, c: int) -> tuple[int, int] | None:
        row = rows[r]
        for cc in range(c + 1, min(len(row), c + 1 + LABEL_REACH)):
            if row[cc].strip():
                return (r, cc) if not self.vocab.header_kind(row[cc].strip()) else None
        if r + 1 < len(rows):
            below = _cell(rows[r + 1], c)
            if below and not self.vocab.header_kind(below) and not self._labels_a_value(rows[r + 1], c):
                return r + 1, c
        return None

    def _labels_a_value(self, row: Sequence[str], c: int) -> bool:
        """The cell at ``c`` is itself a label with a value to its right ("Modell | DS220+" below an empty
        "Passwort |" in a key/value list): not the value of the label above it."""
        if secret_shaped(row[c]) or not label_shaped(row[c]):
            return False
        return any(_cell(row, cc) for cc in range(c + 1, min(len(row), c + 1 + LABEL_REACH)))

    def _account_for_label(self, rows: list[list[str]], r: int, c: int) -> str | None:
        """A user label near the password label ("Benutzer: admin" above "Kennwort: …")."""
        for rr in sorted(
            range(max(0, r - ACCOUNT_REACH), min(len(rows), r + ACCOUNT_REACH + 1)), key=lambda x: abs(x - r)
        ):
            row = rows[rr]
            for cc in range(0, min(len(row), c + 1)):
                if row[cc].strip() and self.vocab.header_kind(row[cc].strip()) == "user":
                    hit = self._value_for_label(rows, rr, cc)
                    if hit is not None and hit[0] == rr:
                        return _cell(rows[hit[0]], hit[1])
        return None

    def _key_values(
        self,
        info: FileInfo,
        table: Table,
        rows: list[list[str]],
        r: int,
        labels: list[int],
        found: list[Candidate],
    ) -> None:
        if self.kv_rule is None:
            return
        prefix = "[hidden sheet] " if table.hidden else ""
        for c in labels:
            hit = self._value_for_label(rows, r, c)
            if hit is None:
                continue
            value = _cell(rows[hit[0]], hit[1])
            kind = self.vocab.header_kind(rows[r][c].strip())
            account = None
            if kind == "credentials":
                split = self._credentials(rows[r][c], value)
                if split is None:
                    continue
                account, value = split
            for secret in self._cell_values(value, kind, info, export=False):
                found.append(
                    Candidate(
                        rule_id=self.kv_rule.id,
                        secret=secret,
                        location=table.cell_location(*hit),
                        context=label_context(rows[r][c], secret, prefix),
                        account=account or self._account_for_label(rows, r, c),
                    )
                )
