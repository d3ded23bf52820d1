"""Rule packs in Nosey Parker's YAML format (the schema Titus and Kingfisher kept) -> credscan Rules.

Hundreds of vendor token formats are maintained, with examples, by those projects; credscan loads such a
pack natively instead of re-writing each pattern. Each YAML rule becomes a text rule:

- its capture group is the secret (renamed ``(?P<secret>…)``; of several, the last one that is no host);
- the regex dialect is translated where Rust's and Python's differ (an inline flag group such as ``(?i)``
  after the start, POSIX classes ``[[:alnum:]]``, ``\\z``); a pattern Python cannot compile is skipped,
  with the reason, never half-loaded;
- rules that report no secret (categories without ``secret``: identifiers, host names) and password hashes
  (``hashed``: they match a hash wherever it stands, and a hash as a value is no finding; hash dumps are
  credscan's own ``store.hash-dump-*`` rules) are skipped with the reason;
- findings still pass credscan's own checks: the decoder rejects placeholders and documentation dummies
  (``xoxb-000…``, ``…EXAMPLE``), an encrypted private key is no finding, and the value filters apply;
- confidence stays below credscan's own rules, so where both report one value the specific rule wins.

``examples`` and ``negative_examples`` (older packs: ``non_examples``) run in ``credscan rules test``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from credscan.detect.rule import DecoderName, FilterName, Rule
from credscan.errors import UserError
from credscan.model import Category

REMEDIATION = (
    "Revoke or rotate the credential where it was issued, remove it from the file and keep its replacement "
    "in {vault}."
)


@dataclass(frozen=True)
class SkippedRule:
    id: str
    reason: str
    source: str


@dataclass
class VendoredPack:
    rules: list[Rule] = field(default_factory=list)
    skipped: list[SkippedRule] = field(default_factory=list)


_POSIX_CLASSES = {
    "alnum": "A-Za-z0-9",
    "alpha": "A-Za-z",
    "digit": "0-9",
    "xdigit": "0-9A-Fa-f",
    "upper": "A-Z",
    "lower": "a-z",
    "space": r"\s",
    "word": r"\w",
    "punct": r"!-/:-@\[-`{-~",
}
_POSIX = re.compile(r"\[:(\^?)([a-z]+):\]")
_UNSUPPORTED = re.compile(r"\\[pP]\{|\\[pP][A-Z]|\(\?[a-zA-Z]*-?[a-zA-Z]*U|\\Q|&&|\(\?R\)")
"""Rust regex syntax Python's re has no equivalent for: Unicode properties, swap-greed flag, quoting,
class intersection, recursion."""


def translate_pattern(pattern: str) -> str:
    """A Rust-regex pattern as a Python one whose first capture group is named ``secret``.

    Raises ValueError (the reason) for syntax without a Python equivalent or without a capture group."""
    if _UNSUPPORTED.search(pattern):
        raise ValueError("uses Rust regex syntax Python has no equivalent for")
    pattern = _POSIX.sub(_posix_class, pattern)
    pattern = _scope_inline_flags(pattern)
    pattern = _escape_outside_classes(pattern, "z", "Z")
    return _name_secret_group(pattern)


def _posix_class(match: re.Match[str]) -> str:
    negate, name = match.group(1), match.group(2)
    if name not in _POSIX_CLASSES or negate:
        raise ValueError(f"POSIX class [:{negate}{name}:] is not supported")
    return _POSIX_CLASSES[name]


def _structure(pattern: str) -> list[tuple[int, str]]:
    """(offset, token) of every structural character outside escapes and character classes: "(" and ")"."""
    tokens: list[tuple[int, str]] = []
    in_class = escaped = False
    for offset, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[offset - 1] == "["
        elif char == "[":
            in_class = True
        elif char in "()":
            tokens.append((offset, char))
    return tokens


_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z]+)\)")


def _scope_inline_flags(pattern: str) -> str:
    """Rust applies ``(?i)`` from where it stands to the end of its group; Python only accepts global flags
    at the very start. Each later one becomes a scoped group ``(?i:…)`` closed where its group ends."""
    while True:
        later = [m for m in _INLINE_FLAGS.finditer(pattern) if m.start() > 0 and _outside(pattern, m.start())]
        if not later:
            return pattern
        flag = later[0]
        depth, end = 0, len(pattern)
        for offset, token in _structure(pattern):
            if offset < flag.end():
                continue
            if token == "(":
                depth += 1
            elif depth == 0:
                end = offset
                break
            else:
                depth -= 1
        pattern = (
            pattern[: flag.start()] + f"(?{flag.group(1)}:" + pattern[flag.end() : end] + ")" + pattern[end:]
        )


def _outside(pattern: str, position: int) -> bool:
    """Whether ``position`` is a structural "(" (not escaped, not in a class)."""
    return any(offset == position for offset, token in _structure(pattern) if token == "(")


def _escape_outside_classes(pattern: str, rust: str, python: str) -> str:
    """Replace the escape ``\\<rust>`` by ``\\<python>`` outside character classes (``\\z`` -> ``\\Z``)."""
    out, in_class, escaped = [], False, False
    for offset, char in enumerate(pattern):
        if escaped:
            escaped = False
            out.append(python if char == rust and not in_class else char)
            continue
        if char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[offset - 1] == "["
        elif char == "[":
            in_class = True
        out.append(char)
    return "".join(out)


_HOST_LEAD_IN = re.compile(r"(?:@|://|host|server|machine|domain|endpoint)[^()]{0,12}$", re.IGNORECASE)


def _name_secret_group(pattern: str) -> str:
    """Name the capture group holding the secret ``secret``. With several groups (user and password, host
    and key) the secret comes last in these rule sets ("login (…) password (…)", "AccountName=(…);
    AccountKey=(…)"), except that a URI's host follows its password: a last group introduced by "@" or a
    host word is passed over."""
    groups = [o for o, t in _structure(pattern) if t == "("]
    if any(pattern.startswith("(?P<", o) for o in groups):
        raise ValueError("named groups are not expected in this format")
    starts = [o for o in groups if not pattern.startswith("(?", o)]
    if not starts:
        raise ValueError("no capture group for the secret")
    candidates = [o for o in starts[1:] if not _HOST_LEAD_IN.search(pattern[max(0, o - 40) : o])]
    chosen = candidates[-1] if candidates else starts[0]
    return pattern[:chosen] + "(?P<secret>" + pattern[chosen + 1 :]


def _category(name: str, categories: list[str]) -> Category:
    lowered = name.lower()
    if "private key" in lowered:
        return "private-key"
    if any(word in lowered for word in ("password", "credential", "connection", "username")):
        return "config-credential"
    return "api-token"


_DECODERS: dict[Category, DecoderName] = {
    "private-key": "unencrypted_private_key",
    "config-credential": "plain_value",
    "api-token": "plain_value",
}
_SKIP_FILTERS: dict[Category, tuple[FilterName, ...]] = {
    "private-key": ("documentation_example", "code_reads_password"),
    "config-credential": ("sentence_continues",),
    "api-token": ("documentation_example", "code_reads_password", "template_value", "sentence_continues"),
}


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    return tuple(str(item) for item in value if isinstance(item, str | int | float))


def convert_rule(data: Any, source: str) -> Rule | SkippedRule:
    """One YAML rule -> a credscan Rule, or the reason it is not loaded."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("id"), str)
        or not isinstance(data.get("pattern"), str)
    ):
        rule_id = data.get("id", "?") if isinstance(data, dict) else "?"
        return SkippedRule(str(rule_id), "not a rule (needs id and pattern)", source)
    rule_id, name = data["id"], str(data.get("name") or data["id"])
    categories = [str(c) for c in data.get("categories") or []]
    if "hashed" in categories:
        return SkippedRule(rule_id, "a password hash: only a dump is a finding (store.hash-dump-*)", source)
    if categories and "secret" not in categories:
        return SkippedRule(rule_id, "reports an identifier, not a secret", source)
    try:
        pattern = re.compile(translate_pattern(data["pattern"]))
    except (ValueError, re.error) as exc:
        return SkippedRule(rule_id, f"pattern: {exc}", source)
    category = _category(name, categories)
    fuzzy = "fuzzy" in categories or "generic" in categories
    return Rule(
        id=rule_id,
        name=name,
        category=category,
        severity="medium" if fuzzy else "high",
        confidence=0.6 if fuzzy else 0.75,
        pattern=pattern,
        decoder=_DECODERS[category],
        validators=("not_dummy_token",) if category == "api-token" else ("not_hash",),
        skip_filters=_SKIP_FILTERS[category],
        remediation=REMEDIATION,
        examples=_strings(data.get("examples")),
        negative_examples=_strings(data.get("negative_examples")) + _strings(data.get("non_examples")),
        source=source,
    )


def parse_noseyparker_pack(text: str, source: str) -> VendoredPack:
    """A YAML file with a top-level ``rules`` list. A file that is not such YAML is a UserError; a rule
    that cannot be used is skipped with its reason."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UserError(f"{source}: not valid YAML: {' '.join(str(exc).split())}") from None
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UserError(f"{source}: a vendored rule pack needs a top-level list 'rules'")
    pack = VendoredPack()
    for entry in entries:
        converted = convert_rule(entry, source)
        if isinstance(converted, Rule):
            pack.rules.append(converted)
        else:
            pack.skipped.append(converted)
    return pack
