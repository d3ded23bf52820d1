"""The password vocabulary (rules/vocabulary.toml) as fast lookups: header words, masked values, macros.

Every word list detection consults (headers, masked and placeholder values, stopwords, filter markers,
template defaults, token dummies) is data in that one file, parsed once per process by vocabulary();
code never keeps a word list of its own (docs/detection.md, "Where the vocabulary lives").

Header classification runs on every short cell of every table, so it works on normalised text with set
lookups and caches its answer per distinct cell text (a 20,000-row sheet repeats the same few headers).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from credscan.errors import UserError

HeaderKind = Literal[
    "password", "pin", "credentials", "wifi-key", "code", "otp", "user", "system", "other", "negative", ""
]

_NORMALISE = re.compile(r"[\s\-_/\\|()\[\]#*.:;,=?!'\"`´’]+")
MAX_HEADER_CHARS = 48
"""Longer cells are text, not headers."""


def normalise(text: str) -> str:
    """ "Admin-Password:" -> "admin password" (the form vocabulary lists are written in)."""
    return _NORMALISE.sub(" ", text.lower()).strip()


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Hashable by identity, so per-cell answers can be cached with the vocabulary as part of the key."""

    password_words: frozenset[str]
    password_phrases: tuple[str, ...]
    compound_suffixes: tuple[str, ...]
    pin_words: frozenset[str]
    credential_words: frozenset[str]
    wifi_key_words: frozenset[str]
    wifi_context: frozenset[str]
    negative_words: frozenset[str]
    user_words: frozenset[str]
    system_words: frozenset[str]
    other_words: frozenset[str]
    masked_values: frozenset[str]
    masked_patterns: tuple[re.Pattern[str], ...]
    placeholder_patterns: tuple[re.Pattern[str], ...]
    """Every value (validator not_placeholder): "<password>", "${DB_PASSWORD}", "{{ var }}" …"""
    placeholder_words: frozenset[str]
    """Config, command-line and decoded values only (decoders): "changeme", "token", "string" …"""
    default_passwords: frozenset[str]
    """Weak passwords that work as written ("secret", "changeme"): reported where live (detect.defaults)."""
    config_placeholder_patterns: tuple[re.Pattern[str], ...]
    """Config values only, case-insensitive: "$(cat secret)", "os.environ[…]", "your_password_here" …"""
    dummy_token_patterns: tuple[re.Pattern[str], ...]
    """A well-known token format's documentation dummy: "xoxb-000…", "…EXAMPLE"."""
    template_defaults: frozenset[str]
    test_results: frozenset[str]
    stopwords: frozenset[str]
    prose_suffixes: tuple[str, ...]
    """Endings of inflected words ("required", "Änderung"): such a word after a label is language."""
    policy_markers: tuple[str, ...]
    reset_markers: tuple[str, ...]
    example_markers: tuple[str, ...]
    code_markers: tuple[str, ...]
    template_file_globs: tuple[str, ...]
    documentation_file_globs: tuple[str, ...]
    """README, *.md, *.html, man pages: software documentation, where a default password is an example."""
    macros: dict[str, str]
    code_words: frozenset[str] = frozenset()
    """ "Code", "Código": a password column only beside a user column."""
    wifi_label_words: frozenset[str] = frozenset()
    """ "Guest", "Staff", "Name": the other words of a network label above a bare "Key" row."""
    version_labels: frozenset[str] = frozenset()
    """ "alt", "neu", "old", "new": labels of the two values in an "alt: X / neu: Y" password cell."""
    otp_words: frozenset[str] = frozenset()
    """ "TOTP", "login_totp", "2FA secret": a column of one-time-password seeds (base32, otpauth:// URIs)."""
    name_service_sources: frozenset[str] = frozenset()
    """ "files", "systemd", "hesiod": the sources of an nsswitch.conf line ("passwd: files systemd")."""
    identifier_token_words: frozenset[str] = frozenset()
    """ "next", "change", "client request": before "token" in a name, a cursor or request id (filter)."""
    identifier_key_words: frozenset[str] = frozenset()
    hash_name_words: frozenset[str] = frozenset()
    """Words of a setting's name that say its value is a hash of the secret (filter hashed_by_name)."""
    """ "object", "s3", "tag": before "key" in a name, the name of a thing, not a secret key (filter)."""

    def header_kind(self, cell: str) -> HeaderKind:
        """What a header/label cell names; "" when it is no known header (cached per distinct text)."""
        if not cell or len(cell) > MAX_HEADER_CHARS:
            return ""
        return _header_kind(self, cell)

    def vocabulary_word(self, value: str) -> bool:
        """A value that is itself a header word ("Password", "Kennwort", "User"): a repeated header."""
        norm = normalise(value)
        return (
            norm in self.password_words
            or norm in self.password_phrases
            or norm in self.user_words
            or norm in self.system_words
            or norm in self.wifi_context  # "Password Wi-Fi", "Clé Wi-Fi": the label's own word
        )


def _words_in(norm: str, words: frozenset[str] | tuple[str, ...]) -> bool:
    padded = f" {norm} "
    return any(f" {w} " in padded for w in words)


_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where "UsageLocation" / "userPrincipalName" split into words."""
_ANNOTATION = re.compile(r"(?<=\s)\[[^\[\]]*[^\W\d_][^\[\]]*\]")
"""An import template's note on a column ("Password [Required]", "Name [displayName] Required"): square
brackets after a blank annotate the label, they do not qualify what it names, as "Password (last changed)"
does; "value[1]" is an index, not an annotation."""
_FILE_PATH = re.compile(r"^\S*[/\\]\S*[^\W_][.][a-z][a-z0-9]{0,4}$|^(?:~|\.{1,2})?/\S+/\S+$|^[A-Za-z]:\\\S+$")
"""A file path ("java/lang/ref/SoftReference/Pin.java", "/etc/ppp/pap-secrets", "C:\\Keys\\pw.txt"): it
names a file, it labels nothing, whatever words its folders and file name hold (a test log's "Passed:
…/Pin.java" line is no "Passed | PIN" header). "User/Password" and "Login / PW" have no file name."""
_SECRET_KINDS = frozenset({"password", "pin", "credentials", "wifi-key", "code", "otp"})


@lru_cache(maxsize=65536)
def _header_kind(vocab: Vocabulary, cell: str) -> HeaderKind:
    """The kind of ``cell``; an unknown camel-case identifier is read word by word, so that the column
    names of a directory or PSA export ("UserPrincipalName", "DisplayName", "UsageLocation") mark its row
    as a header row. Read that way a cell may only become a user/system/other/negative header: a
    camel-case *value* ("BluePass") must not turn into a password label."""
    cell = _ANNOTATION.sub(" ", cell).strip() or cell
    if _FILE_PATH.match(cell):
        return ""
    kind = _plain_kind(vocab, cell)
    if kind or not _CAMEL_HUMP.search(cell):
        return kind
    split = _plain_kind(vocab, _CAMEL_HUMP.sub(" ", cell))
    return "" if split in _SECRET_KINDS else split


def _plain_kind(vocab: Vocabulary, cell: str) -> HeaderKind:
    norm = normalise(cell)
    if not norm:
        return ""
    tokens = norm.split()
    if len(tokens) > 6:
        return ""
    known = vocab.password_words | vocab.other_words | vocab.user_words | vocab.system_words
    if any(any(ch.isdigit() for ch in t) and t not in known for t in tokens):
        return ""  # "Pw!000123x", "Kunde 7": a value, not a label
    token_set = set(tokens)
    is_password = (
        bool(token_set & vocab.password_words)
        or _words_in(norm, vocab.password_phrases)
        or any(t.endswith(s) for t in tokens for s in vocab.compound_suffixes)
    )
    negative = bool(token_set & vocab.negative_words) or _words_in(
        norm, tuple(w for w in vocab.negative_words if " " in w)
    )
    if norm in vocab.credential_words and not negative:
        return "credentials"
    if is_password and not negative and len(tokens) <= 3 and token_set & vocab.user_words:
        return "credentials"  # "Identifiant / MDP", "Usuario/Clave": a "user / password" pair
    if is_password:
        if negative:
            return "negative"
        if norm in vocab.pin_words:
            return "pin"
        return "password"
    if (token_set & vocab.otp_words or _words_in(norm, vocab.otp_words)) and not negative:
        return "otp"
    if token_set & vocab.wifi_key_words and not negative:
        return "wifi-key"
    if norm in vocab.code_words:
        return "code"
    if norm in vocab.user_words:
        return "user"
    if norm in vocab.system_words:
        return "system"
    if norm in vocab.other_words or norm in vocab.negative_words:
        return "other"
    if _words_in(norm, vocab.user_words) and len(tokens) <= 3:
        return "user"
    if _words_in(norm, vocab.system_words) and len(tokens) <= 3:
        return "system"
    return "other" if _words_in(norm, vocab.negative_words) else ""


def _compile_all(patterns: list[str], where: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as exc:
            raise UserError(f"vocabulary.toml: bad regex in {where}: {pattern!r} ({exc})") from None
    return tuple(compiled)


def _blanks(fragment: str) -> str:
    """Each space outside a character class becomes "(?:[ \\t]+)" (a label may be spaced or tabbed); the
    group lets a quantifier after the space apply to the whole run ("user ?/ ?pass": blanks optional)."""
    out, in_class, escaped = [], False, False
    for char in fragment:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == " " and not in_class:
            out.append("(?:[ \\t]+)")
            continue
        out.append(char)
    return "".join(out)


def _macro(fragments: list[str]) -> str:
    """A list of regex fragments -> one non-capturing alternation, longest first."""
    ordered = sorted(fragments, key=len, reverse=True)
    return "(?:" + "|".join(_blanks(f) for f in ordered) + ")"


def build_vocabulary(data: dict[str, Any]) -> Vocabulary:
    headers, values, filters = data["headers"], data["values"], data["filters"]

    def lower(items: Iterable[Any]) -> frozenset[str]:
        return frozenset(str(item).lower() for item in items)

    return Vocabulary(
        password_words=lower(headers["password"]["words"]),
        password_phrases=tuple(headers["password"]["phrases"]),
        compound_suffixes=tuple(headers["password"]["compound_suffixes"]),
        pin_words=lower(headers["password"]["pin_words"]),
        credential_words=lower(headers["password"]["credential_words"]),
        wifi_key_words=lower(headers["wifi"]["key_words"]),
        wifi_context=lower(headers["wifi"]["context_words"]),
        negative_words=lower(headers["negative"]["words"]),
        user_words=lower(headers["user"]["words"]),
        system_words=lower(headers["system"]["words"]),
        other_words=lower(headers["other"]["words"]),
        masked_values=lower(values["masked"]),
        masked_patterns=_compile_all(values["masked_patterns"], "values.masked_patterns"),
        placeholder_patterns=_compile_all(values["placeholder_patterns"], "values.placeholder_patterns"),
        placeholder_words=lower(values["placeholder_words"]),
        default_passwords=lower(values["default_passwords"]),
        config_placeholder_patterns=_compile_all(
            values["config_placeholder_patterns"], "values.config_placeholder_patterns", re.IGNORECASE
        ),
        dummy_token_patterns=_compile_all(values["dummy_token_patterns"], "values.dummy_token_patterns"),
        template_defaults=lower(values["template_defaults"]),
        test_results=lower(values["test_results"]),
        stopwords=lower(values["stopwords"]),
        prose_suffixes=tuple(str(s).lower() for s in values["prose_suffixes"]),
        policy_markers=tuple(filters["policy_markers"]),
        reset_markers=tuple(filters["reset_markers"]),
        example_markers=tuple(filters["example_markers"]),
        code_markers=tuple(filters["code_markers"]),
        template_file_globs=tuple(filters["template_file_globs"]),
        documentation_file_globs=tuple(filters["documentation_file_globs"]),
        macros={name: _macro(list(fragments)) for name, fragments in data.get("macros", {}).items()},
        code_words=lower(headers["password"].get("code_words", ())),
        version_labels=lower(values.get("version_labels", ())),
        wifi_label_words=lower(headers["wifi"].get("label_words", ())),
        otp_words=lower(headers.get("otp", {}).get("words", ())),
        name_service_sources=lower(values.get("name_service_sources", ())),
        identifier_token_words=lower(filters.get("identifier_token_words", ())),
        identifier_key_words=lower(filters.get("identifier_key_words", ())),
        hash_name_words=lower(filters.get("hash_name_words", ())),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, parsed once per process."""
    text = resources.files("credscan_rules").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    try:
        return build_vocabulary(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise UserError(f"vocabulary.toml is invalid: {exc}") from None
