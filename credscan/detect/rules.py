"""Rule packs (rules/*.toml) -> validated, compiled Rule objects.

Every problem in a pack (unknown key value, bad regex, missing ``secret`` group, unknown decoder or
validator) is a UserError naming the file and the rule id, so `credscan rules test` and `--rules DIR`
end with one line instead of a traceback. Patterns may use vocabulary macros (``<<password>>``), expanded
here once per process.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from credscan.detect.decoders import DECODERS
from credscan.detect.rule import LAYOUTS, SCOPES, SINGLE_RULE_LAYOUTS, Layout, Rule
from credscan.detect.validators import VALIDATORS
from credscan.detect.vendored import parse_noseyparker_pack
from credscan.detect.vocabulary import vocabulary
from credscan.errors import UserError
from credscan.model import CATEGORIES, FILE_KINDS, SEVERITIES
from credscan.registry import Registry

K = TypeVar("K", bound=str)

_MACRO = re.compile(r"<<([a-z_]+)>>")
_KNOWN_KEYS = {
    "id", "name", "category", "severity", "confidence", "scope", "keywords", "pattern", "file_names",
    "exclude_file_names", "kinds", "magic", "decoder", "validators", "remediation", "examples",
    "negative_examples", "clean_secret", "layout", "headers", "secret_column", "account_columns",
    "skip_filters", "claims_line",
}  # fmt: skip


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _names(
    registry: Registry[K, Any], texts: tuple[str, ...], what: str, where: str, place: str = ""
) -> tuple[K, ...]:
    """``texts`` as names of ``registry`` (validators, filters); an unknown one is a load error."""
    names = []
    for text in texts:
        name = registry.name_of(text)
        if name is None:
            raise UserError(f"{where}: unknown {what} {text!r}{place}")
        names.append(name)
    return tuple(names)


def expand_macros(pattern: str, where: str) -> str:
    macros = vocabulary().macros

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise UserError(f"{where}: unknown macro <<{name}>> (known: {', '.join(sorted(macros))})")
        return macros[name]

    return _MACRO.sub(replace, pattern)


_SPLIT_DECODERS = {
    "random_token": 'decoder = "config_literal" and validators = ["random_token"]',
    "token_value": 'decoder = "plain_value" and validators = ["not_dummy_token"]',
}
"""Decoders that judged values too: a rule pack naming one is told what replaced it."""

MAX_PATTERN_LINE = 120
"""Characters in one line of a rule's pattern (as written, before <<macros>> are expanded). A longer
pattern is written in verbose form, one part and its comment per line (docs/detection.md)."""


_VERBOSE_FLAGS = re.compile(r"\(\?[aiLmsu]*x")
_ESCAPED_LINE_END = re.compile(r"(?<!\\)(?:\\\\)*\\$")
"""An odd number of backslashes at a line's end."""


def _check_readable(pattern: str, where: str) -> None:
    """Refuse a pattern line over MAX_PATTERN_LINE: nobody can review a 500-character one-liner."""
    verbose = _VERBOSE_FLAGS.match(pattern) is not None
    for number, line in enumerate(pattern.splitlines(), 1):
        if verbose and _ESCAPED_LINE_END.search(line):
            raise UserError(
                f"{where}: line {number} of the pattern ends in a backslash, which escapes the line break: "
                "the next line would join it (or its # comment)"
            )
        if len(line) > MAX_PATTERN_LINE:
            at = f"line {number} of the pattern" if "\n" in pattern.strip() else "the pattern"
            raise UserError(
                f"{where}: {at} is {len(line)} characters (limit {MAX_PATTERN_LINE}); write it in verbose "
                "form: (?x) first, one part and its # comment per line, blanks as [ ] and # as \\#"
            )


def parse_rule(data: Any, source: str) -> Rule:
    """One [[rules]] table -> Rule, or a UserError naming the file and the rule id."""
    if not isinstance(data, dict):
        raise UserError(f"{source}: every [[rules]] entry must be a table")
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise UserError(f"{source}: a rule has no id")
    where = f"{source}: rule {rule_id}"
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise UserError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("name", "category", "severity"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise UserError(f"{where}: {key} is required")
    if data["category"] not in CATEGORIES:
        raise UserError(f"{where}: unknown category {data['category']!r} (one of {', '.join(CATEGORIES)})")
    if data["severity"] not in SEVERITIES:
        raise UserError(f"{where}: unknown severity {data['severity']!r} (one of {', '.join(SEVERITIES)})")
    confidence = data.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise UserError(f"{where}: confidence must be a number between 0 and 1")
    scope = data.get("scope", "text")
    if scope not in SCOPES:
        raise UserError(f"{where}: unknown scope {scope!r} (one of {', '.join(SCOPES)})")

    pattern = None
    if "pattern" in data:
        if not isinstance(data["pattern"], str):
            raise UserError(f"{where}: pattern must be a string")
        _check_readable(data["pattern"], where)
        try:
            pattern = re.compile(expand_macros(data["pattern"], where))
        except re.error as exc:
            raise UserError(f"{where}: bad regex: {exc}") from None
        if "secret" not in pattern.groupindex:
            raise UserError(f"{where}: pattern has no named group (?P<secret>…)")
    if scope == "text" and pattern is None:
        raise UserError(f"{where}: a text rule needs a pattern")
    if scope == "derived" and (pattern is not None or data.get("file_names") or data.get("magic")):
        raise UserError(f"{where}: a derived rule matches nothing itself (no pattern, file_names or magic)")

    layout: Layout | None = data.get("layout")
    if scope == "table" and layout not in LAYOUTS:
        raise UserError(f"{where}: a table rule needs layout = one of {', '.join(LAYOUTS)}")
    if scope != "table" and layout is not None:
        raise UserError(f'{where}: layout applies to table rules only (scope = "table")')
    headers = tuple(h.lower() for h in _strings(data.get("headers"), "headers", where))
    secret_column = str(data.get("secret_column", "")).lower()
    if layout == "export" and (not headers or secret_column not in headers):
        raise UserError(f"{where}: an export rule needs headers and a secret_column among them")

    magic = None
    if "magic" in data:
        try:
            magic = bytes.fromhex(str(data["magic"]))
        except ValueError:
            raise UserError(f"{where}: magic must be hex") from None
    if scope == "file" and not (data.get("file_names") or magic or data.get("kinds")):
        raise UserError(f"{where}: a file rule needs file_names, kinds or magic")
    kinds = _strings(data.get("kinds"), "kinds", where)
    unknown_kinds = [kind for kind in kinds if kind not in FILE_KINDS]
    if unknown_kinds:  # the rule would never match
        raise UserError(
            f"{where}: unknown kind(s) {', '.join(unknown_kinds)} (kinds: {', '.join(FILE_KINDS)})"
        )

    decoder_text = data.get("decoder")
    decoder = None if decoder_text is None else DECODERS.name_of(decoder_text)
    if decoder_text is not None and decoder is None:
        if decoder_text in _SPLIT_DECODERS:  # decoders that used to judge values as well
            raise UserError(
                f"{where}: decoder {decoder_text!r} is gone: write {_SPLIT_DECODERS[decoder_text]}"
            )
        raise UserError(f"{where}: unknown decoder {decoder_text!r}")
    validators = _names(VALIDATORS, _strings(data.get("validators"), "validators", where), "validator", where)
    from credscan.detect.filters import FILTERS  # filters import validators; keep the graph acyclic

    skip_filters = _names(
        FILTERS,
        _strings(data.get("skip_filters"), "skip_filters", where),
        "filter",
        where,
        " in skip_filters",
    )

    return Rule(
        id=rule_id,
        name=data["name"],
        category=data["category"],
        severity=data["severity"],
        confidence=float(confidence),
        scope=scope,
        keywords=tuple(k.lower() for k in _strings(data.get("keywords"), "keywords", where)),
        pattern=pattern,
        file_names=tuple(g.lower() for g in _strings(data.get("file_names"), "file_names", where)),
        exclude_file_names=tuple(
            g.lower() for g in _strings(data.get("exclude_file_names"), "exclude_file_names", where)
        ),
        kinds=tuple(kind for kind in FILE_KINDS if kind in kinds),
        magic=magic,
        decoder=decoder,
        validators=validators,
        remediation=str(data.get("remediation", "")),
        examples=_strings(data.get("examples"), "examples", where),
        negative_examples=_strings(data.get("negative_examples"), "negative_examples", where),
        clean_secret=bool(data.get("clean_secret", False)),
        layout=layout,
        headers=headers,
        secret_column=secret_column,
        account_columns=tuple(
            c.lower() for c in _strings(data.get("account_columns"), "account_columns", where)
        ),
        skip_filters=skip_filters,
        claims_line=bool(data.get("claims_line", False)),
        source=source,
    )


def parse_pack(text: str, source: str) -> list[Rule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{source}: not valid TOML: {exc}") from None
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise UserError(f"{source}: rules must be an array of tables ([[rules]])")
    return [parse_rule(entry, source) for entry in entries]


VENDORED_SUFFIXES = (".yml", ".yaml")
"""Packs in Nosey Parker's YAML schema (credscan.detect.vendored); *.toml are credscan's own."""


def _shipped_packs() -> Iterable[tuple[str, str]]:
    """credscan's own packs, then the vendored ones (``vendor/<set>/*.yml``, see scripts/)."""
    root = resources.files("credscan_rules")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.is_file():
            yield entry.name, entry.read_text(encoding="utf-8")
    vendor = root / "vendor"
    if vendor.is_dir():
        for folder in sorted(vendor.iterdir(), key=lambda e: e.name):
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir(), key=lambda e: e.name):
                if entry.name.endswith(VENDORED_SUFFIXES) and entry.is_file():
                    yield f"vendor/{folder.name}/{entry.name}", entry.read_text(encoding="utf-8")


def _dir_packs(directory: Path) -> Iterable[tuple[str, str]]:
    if not directory.is_dir():
        raise UserError(f"rules directory not found: {directory}")
    paths = [p for p in directory.iterdir() if p.suffix == ".toml" or p.suffix in VENDORED_SUFFIXES]
    for path in sorted(paths):
        try:
            yield str(path), path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read rule pack {path}: {exc}") from None


class RuleSet:
    """All rules of the shipped packs plus those in extra directories; ids are unique."""

    def __init__(self, rules: Sequence[Rule], skipped: Sequence[Any] = ()) -> None:
        self.rules: list[Rule] = list(rules)
        self.skipped = list(skipped)
        """Vendored rules that were not loaded (credscan.detect.vendored.SkippedRule: id, reason, source)."""
        self._by_id: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.id in self._by_id:
                raise UserError(
                    f"{rule.source}: rule {rule.id} is defined twice (also in {self._by_id[rule.id].source})"
                )
            self._by_id[rule.id] = rule
        for layout in SINGLE_RULE_LAYOUTS:
            same = [rule for rule in self.rules if rule.layout == layout]
            if len(same) > 1:
                raise UserError(
                    f"{same[1].source}: rule {same[1].id} has layout {layout!r} like {same[0].id} "
                    f"({same[0].source}); one table detector reads one such rule, a second would never run"
                )

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> RuleSet:
        rules: list[Rule] = []
        skipped: list[Any] = []
        packs = list(_shipped_packs())
        for directory in extra_dirs:
            packs.extend(_dir_packs(Path(directory)))
        for source, text in packs:
            if source.endswith(VENDORED_SUFFIXES):
                vendored = parse_noseyparker_pack(text, source)
                rules.extend(vendored.rules)
                skipped.extend(vendored.skipped)
            else:
                rules.extend(parse_pack(text, source))
        return cls(rules, skipped)

    def get(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"no rule {rule_id!r}") from None

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def by_layout(self, layout: Layout) -> list[Rule]:
        return [r for r in self.rules if r.scope == "table" and r.layout == layout]
