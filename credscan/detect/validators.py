"""Named checks on a candidate secret: is this value a password, or something sitting where one would?

Each validator is a small str -> bool function (True = plausible secret) registered in VALIDATORS so that
rule packs can name it. ``looks_like_password`` combines them for table and prose detection; the
``numeric_ok`` / ``short_ok`` switches let a PIN or password column accept what free text must not.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from typing import get_args

from credscan.detect.rule import ValidatorName
from credscan.detect.verdict import Verdict
from credscan.detect.vocabulary import normalise, vocabulary
from credscan.registry import Registry, a_function

MIN_LENGTH = 4
MAX_LENGTH = 128
MIN_PIN_LENGTH = 3

_DATE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?$", re.IGNORECASE)
_MONTH_DATE = re.compile(
    r"^\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)\w*\.?\s+\d{2,4}$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_PHONE = re.compile(r"^\+?\(?\d[\d ()/.-]{7,}\d$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,10}://|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_PATH = re.compile(
    r"^(?:[a-z]:\\|\\\\[\w.-]+\\|~?/[\w.-]+/|[A-Za-z][\w .-]*(?:\\{1,2}[\w .:{}$-]+){2,}\\?$)", re.IGNORECASE
)
"""C:\\…, \\\\server\\…, /etc/…, ~/…, and a registry key (Software\\Policies\\Samba\\smb_conf)."""
_GLOB = re.compile(r"^\*\.[\w-]+$")
"""*.pkpass: a file pattern (MIME globs, .gitignore)."""
_FILE_NAME = re.compile(
    r"^[\w.-]{1,64}\.(?:c|h|cc|cpp|py|js|ts|java|cs|go|rs|rb|php|pl|sh|ps1|bat|txt|md|rst|html?|xml|json|"
    r"ya?ml|ini|cfg|conf|log|csv|pdf|docx?|xlsx?|pem|crt|key|so|dll|exe|zip|gz|tar|jar|whl|deb|rpm|"
    r"patch|diff)$",
    re.IGNORECASE,
)
"""pwdmodule.c, msg01658.html, secp384r1.pem, 56_16-fix-error-propagation.patch: a file name with a
well-known extension."""
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2}|:\d+)?$")
_HASH = re.compile(
    r"^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$[156]\$[^$]{1,16}\$[./A-Za-z0-9]{22,86}|\$y\$\S+|"
    r"\$argon2(?:id|i|d)\$\S+|\{S?SHA(?:256|512)?\}\S+|\{(?:S?MD5|CRYPT)\}\S+|"
    r"(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})|"
    r"[0-9a-fA-F]{32}:[0-9a-fA-F]{32}|aad3b435b51404eeaad3b435b51404ee\S*|"
    # what database servers store: MySQL "*"+SHA1(SHA1()), PostgreSQL md5/SCRAM verifiers, SQL Server 0x…
    r"\*[0-9A-Fa-f]{40}|md5[0-9a-f]{32}|SCRAM-SHA-(?:1|256)\$\d+:\S+|0x0[12]00[0-9A-Fa-f]{40,})$"
)
_CODE = re.compile(
    r"(?:\bread-host\b|\bget-credential\b|\bgetpass\b|\binput\s*\(|\bos\.environ|\bgetenv\b|\$env:|"
    r"\bprocess\.env\b|\$\(|\$\{|\bnew-object\b|\bconvertto-securestring\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"^[^\W\d_]+$")
_CJK_TEXT = re.compile(
    r"^[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\uff00-\uffef\s]+$"
)
"""Only Chinese, Japanese or Korean script (and their full-width punctuation): "请联系管理员" ("ask the
administrator"), "別途連絡" — a note. Passwords typed on CJK keyboards are Latin letters, digits, symbols."""
_TRAILING_REMARK = re.compile(r"\s+\([^()]*\)$")
_HYPHENATED = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")
_MARKUP = re.compile(
    r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|^[<>]|><|^(?:&(?:#\d+|#x[0-9a-f]+|[a-z]+);)+$", re.I
)
MAX_PHRASE_WORDS = 5
"""A password with blanks ("blaues Haus 42") has at most this many words."""
MIN_PASSPHRASE_WORDS = 3
"""A passphrase of plain words ("rote katze tanzt leise") has at least this many; "ask Tom" is a note."""


_TESTS: dict[str, Callable[[str], bool]] = {}
"""The plain bool test behind each validator (the combined checks call these in hot loops)."""


def validator(reason: str) -> Callable[[Callable[[str], bool]], Callable[[str], Verdict]]:
    """Register a str -> bool test as a named validator that returns a Verdict with ``reason`` when the
    value is rejected."""

    def wrap(test: Callable[[str], bool]) -> Callable[[str], Verdict]:
        name = test.__name__
        _TESTS[name] = test

        @functools.wraps(test)
        def check(value: str) -> Verdict:
            holds = bool(test(value))
            return Verdict(name, holds, "" if holds else reason)

        return check

    return wrap


@validator("empty")
def not_empty(value: str) -> bool:
    return bool(value.strip())


@validator("shorter than 4 or longer than 128 characters")
def length_ok(value: str) -> bool:
    return MIN_LENGTH <= len(value) <= MAX_LENGTH


@validator("masked or a vault note (********, see IT Glue, N/A)")
def not_masked(value: str) -> bool:
    """Not "********", "xxxx", "(in vault)", "see IT Glue", "N/A", "-", …"""
    vocab = vocabulary()
    key = value.strip().lower().rstrip(".")
    if key in vocab.masked_values or normalise(value) in vocab.masked_values:
        return False
    remark = _TRAILING_REMARK.sub("", key)  # "Standard (Hersteller)", "siehe Keeper (Ordner Kunden)"
    if remark != key and remark in vocab.masked_values:
        return False
    return not any(p.search(value.strip()) for p in vocab.masked_patterns)


@validator("a placeholder, variable, format field, encrypted value or secret reference")
def not_placeholder(value: str) -> bool:
    """Not "<password>", "${DB_PASSWORD}", "%PASSWORD%", "{{ var }}", "$env:X", "YOUR_PASSWORD_HERE", …"""
    text = value.strip()
    return not any(p.search(text) for p in vocabulary().placeholder_patterns)


@validator("a phrase of words, not a password with blanks")
def not_sentence(value: str) -> bool:
    """Not a phrase of words ("ask Tom", "stored in the vault", "im Safe Nr 3"); "blaues Haus 42" passes.

    A password with blanks has a word with a digit or symbol, few words, and none of them a stopword;
    a note has only plain words or reads as language.
    """
    words = value.split()
    if len(words) < 2:
        return True
    if len(words) > MAX_PHRASE_WORDS:
        return False
    stripped = [w.strip(",.;:!?") for w in words]
    if all(_WORD.match(w) for w in stripped):
        return bool(is_passphrase(value))  # "ask Tom", "per Mail", "steht im Keeper" are not
    stopwords = vocabulary().stopwords
    return not any(w.lower() in stopwords for w in stripped)


@validator("not three to five plain words in one case style")
def is_passphrase(value: str) -> bool:
    """Plain words chosen as a password ("rote katze tanzt leise", "Correct Horse Battery Staple").

    Diceware-style passphrases have no grammar: at least three letters-only words, no punctuation, one
    case style (all lowercase or every word capitalised, where a sentence starts capitalised and goes on
    in lowercase), and no word a note would need — a stopword ("im", "beim", "the", "ask"), a vault or
    status word ("Keeper", "Tresor", "vault") or a header word ("Passwort", "User"). "Frau Meier fragen"
    and "liegt versiegelt beim Chef" read as language; "katze apfel blue" does not.
    """
    words = value.split()
    if not MIN_PASSPHRASE_WORDS <= len(words) <= MAX_PHRASE_WORDS:
        return False
    if not all(_WORD.match(w) for w in words):
        return False
    if not (all(w.islower() for w in words) or all(w[0].isupper() for w in words)):
        return False  # "Kundin ruft zurück", "Chef weiß Bescheid": a sentence's mixed case
    vocab = vocabulary()
    return not any(
        w.lower() in vocab.stopwords
        or w.lower() in vocab.masked_values
        or w.lower() in vocab.negative_words
        or vocab.vocabulary_word(w)
        for w in words
    )


_VERSION = re.compile(r"^v?\d{1,4}(?:\.\d{1,6}){2,3}(?:[-+~][\w.]{1,20})?$", re.IGNORECASE)
"""A release number: three or four dotted digit groups, maybe a suffix ("0.32.2", "1.2.0-beta.1")."""


@validator("a release number (0.32.2)")
def not_version(value: str) -> bool:
    """Not a release number (a package list's version column beside a name that reads like a label)."""
    return not _VERSION.match(value.strip()) or _IP.match(value.strip()) is not None


@validator("a date or a time")
def not_date(value: str) -> bool:
    text = value.strip()
    return not (_DATE.match(text) or _TIME.match(text) or _MONTH_DATE.match(text))


@validator("a year, a phone number or a decimal")
def not_year_or_phone(value: str) -> bool:
    """Not 2019, +49 171 1234567, 0171/1234567, 3.5 (a number in a text is a quantity, not a password)."""
    text = value.strip()
    if _YEAR.match(text) or (_PHONE.match(text) and not text.isdigit()):
        return False
    return not (_NUMBER.match(text) and not text.isdigit())


@validator("a number (free text needs a PIN/password label before one)")
def not_number(value: str) -> bool:
    """Not purely numeric: free text needs a PIN/password label before a number counts."""
    return not _NUMBER.match(value.strip())


@validator("a URL, e-mail address, path, IP address or file name")
def not_url_email_path(value: str) -> bool:
    text = value.strip()
    return not (
        _URL.match(text)
        or _EMAIL.match(text)
        or _PATH.match(text)
        or _IP.match(text)
        or _FILE_NAME.match(text)
        or _GLOB.match(text)
    )


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")


@validator("lowercase words joined by hyphens: a branch, package or topic name")
def not_slug(value: str) -> bool:
    """Not "t1011-use-helpers" (a git branch after "sa/"), "python3-pip-whl": an unlabelled pair's value
    made of three or more lowercase parts joined by hyphens, two of them words, is a name."""
    text = value.strip()
    if not _SLUG.match(text):
        return True
    return sum(1 for part in text.split("-") if part.isalpha() and len(part) >= 3) < 2


@validator("a header word (Password, User …)")
def not_vocabulary_word(value: str) -> bool:
    """Not "Password", "Kennwort", "User" (a repeated header or a label without value)."""
    return not vocabulary().vocabulary_word(value)


@validator("a password hash (bcrypt, crypt, LDAP, hex digest)")
def not_hash(value: str) -> bool:
    """Not a bcrypt/crypt/LDAP hash, a 32/40/64/128-hex digest (NTLM, SHA) or a database's stored
    password verifier, quoted or not ("'*6C89…'" in an SQL line)."""
    return not _HASH.match(value.strip().strip("'\""))


@validator("a test result (Pass, OK, TRUE …)")
def not_test_result(value: str) -> bool:
    """Not Pass/Fail/OK/TRUE/FALSE/✓ (a test sheet's "Pass" column), also closed by a full stop as test
    harnesses write them (jtreg's "Passed.", "Failed.")."""
    return value.strip().rstrip(".").lower() not in vocabulary().test_results


@validator("code that reads a password (Read-Host, getpass, os.environ …)")
def not_code(value: str) -> bool:
    """Not code that reads a password (Read-Host, Get-Credential, getpass, os.environ, $env:, …)."""
    return not _CODE.search(value)


@validator("a stopword or an inflected word of a sentence")
def not_prose_word(value: str) -> bool:
    """In free text, "password is required" names no password: reject stopwords and word-like inflections.

    Only letters-only values can be rejected here; anything with a digit or symbol passes.
    """
    text = value.strip()
    lower = text.lower()
    if _HYPHENATED.match(text) and text.islower():
        # "ressaisissez-le", "mot-de-passe": lowercase words joined by hyphens, one of them a stopword;
        # "auto-exported", "self-signed": two words, the last inflected ("PWD is now auto-exported")
        parts = lower.split("-")
        if len(parts) == 2 and _inflected(parts[1]):
            return False
        return not any(part in vocabulary().stopwords for part in parts)
    if not _WORD.match(text):
        return True
    if lower in vocabulary().stopwords:
        return False
    return not (text[1:].islower() and _inflected(lower))


def _inflected(word: str) -> bool:
    """A lowercase word of more than five letters with an inflection's ending ("required", "exported")."""
    return len(word) > 5 and word.endswith(vocabulary().prose_suffixes)


@validator("a lowercase word closing a sentence")
def not_sentence_end(value: str) -> bool:
    """Not the last word of a wrapped sentence: "… builded with shadow / password support." A rule that
    reads a value as written (no clean_secret) would take "support." for a device's password; a real
    one rarely is a lowercase word with a full stop."""
    text = value.strip()
    word = text[:-1]
    return not (text[-1:] in (".", "!", "?") and word.isalpha() and word.islower())


@validator("markup (tags or character references)")
def not_markup(value: str) -> bool:
    """Not a run of markup ("><Value>…</Value>", "<br/>"): a pattern that ran across XML/HTML tags."""
    return not _MARKUP.search(value)


@validator("a plain word (this rule needs a digit or symbol)")
def not_plain_word(value: str) -> bool:
    """Has a digit or symbol: rules without a separator ("NAS pw X") cannot tell a plain word from
    language ("Passwort ändern", "new password required"), so they only take values like "Xk9#mQ2p"."""
    return not _WORD.match(value.strip().rstrip("?!.,;:"))  # "bekannt?" is a word too


@validator("only Chinese, Japanese or Korean script: a note, not a password")
def not_cjk_text(value: str) -> bool:
    """Not a run of CJK script: in those languages it is a sentence, never a password."""
    return not _CJK_TEXT.match(value.strip())


@validator("lacks a digit or a letter")
def has_digit_and_letter(value: str) -> bool:
    """Both a digit and a letter: what an unlabelled "admin / X" pair needs before X counts as a password
    ("Admin / Buchhaltung", "root / IT-Leitung" are not)."""
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


@validator("a fragment with unbalanced brackets")
def balanced(value: str) -> bool:
    """Not a fragment cut from a phrase: "(see" or "vault)"."""
    pairs = (("(", ")"), ("[", "]"), ("{", "}"))
    return all(value.count(a) == value.count(b) for a, b in pairs) or len(value) > 12


SECRET_WORDS = re.compile(
    r"pass|pwd|kennw|mot de passe|contrase|senha|wachtw|lösen|has[lł]o|secret|token|key|cred", re.I
)
"""A word that names a secret: a value holding one ("Enter password", key_password) is a label or a name."""
_TYPE_NAME = re.compile(r"^_?[A-Z][A-Za-z0-9]{0,80}[A-Z][a-z]{1,20}$", re.ASCII)
"""Ed25519PrivateKey, _RSAPrivateKey: a class in a type annotation. Only the generic token rules reject
these; as a password value ("CompanyPassword") such a word is kept."""
_NOT_A_TOKEN = re.compile(
    r"://|^[/\\~.]|^[\w.+-]+@[\w-]+\.[\w.]+$|^[\w./-]+\.(?:js|py|json|xml|txt|html|png|jpg|css|ya?ml|toml|cfg|ini)$"
    r"|^[A-Za-z]+\d*(?:[_.-][A-Za-z]+\d*)+$|^[A-Z_]+$|^[a-z_]+$|,"
)
"""URLs, paths, e-mail addresses, file names, identifier-like values (SOME_SETTING, some.setting,
gs_oauth2_refresh_token: words, each maybe with its number) and comma-separated lists (a Go struct tag's
``bytes,1,opt,name=key,proto3``)."""
_NAME_WORD = re.compile(r"[A-Z]{2,4}\d{0,2}(?![a-z])|[A-Z][a-z]+\d{0,2}|[a-z]{2,}\d{0,2}|[A-Za-z]\d{1,2}")
"""One word of a name: an acronym, a capitalised word, a lower-case word of two letters or more, or a
letter with its number (s3, http2, v2, EC2)."""
_NAME_JOINT = re.compile(r"\.|::?")


def _is_name_path(value: str) -> bool:
    """A setting's or a tag's name, words joined by dots or colons: ``fs.s3.consistent``,
    ``access_logs.s3.enabled``, ``aws:servicecatalog:productArn``, ``goog:chromeOptions``,
    ``AWS::CloudFormation::Module``. Random letters split into short pieces or none: the words must be
    3.5 letters long on average, one of them five, and hold two digits at most."""
    parts = _NAME_JOINT.split(value)
    if len(parts) < 2 or sum(c.isdigit() for c in value) > 2:
        return False
    words: list[str] = []
    for piece in (p for part in parts for p in part.split("_")):
        found = _NAME_WORD.findall(piece)
        if not piece or "".join(found) != piece:
            return False
        words += found
    letters = [sum(c.isalpha() for c in word) for word in words]
    return sum(letters) >= 3.5 * len(letters) and max(letters) >= 5


MIN_TOKEN_LENGTH = 12
MAX_TOKEN_LENGTH = 400
MIN_TOKEN_ENTROPY = 3.0
"""Bits per character below which a value reads as words or repetition, not as generated."""


def shannon_entropy(text: str) -> float:
    """Bits per character; random tokens score high, words and repeated characters low."""
    if not text:
        return 0.0
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def is_dummy_token(value: str) -> bool:
    """A token format's documentation dummy (``xoxb-000…``, ``…EXAMPLE``; vocabulary dummy_token_patterns)."""
    return any(p.search(value) for p in vocabulary().dummy_token_patterns)


@validator("a documentation dummy of a token format (…EXAMPLE, xxxx, your…)")
def not_dummy_token(value: str) -> bool:
    """Not ``xoxb-0000000000-…``, ``AKIAIOSFODNN7EXAMPLE``, ``tvly-xxxx…``: what token documentation shows."""
    return not is_dummy_token(value)


_ENCODED_BLANK = re.compile(r"[^\W_]%20[^\W_]")
"""A blank written as %20 between two letters or digits: words of a URI attribute (``pkcs11:token=Root%20CA
%20Certificates``); a URL-encoded token escapes +, / and =, never a blank."""


_ARMOUR_LINE = re.compile(r"^-----BEGIN [A-Z ]+-----[ \t]*\n?")
_KEY_BODY_START = re.compile(r"^[\s#*/;>\"'+%!-]*[A-Za-z0-9+/]{16}")
"""The first line after a key's armour, past blanks, comment marks and string quotes ("# MIIEow…",
"\" MIIEow…"): 16 Base64 characters at least."""


@validator("no key body: the armour line quoted in prose, a body elided (MIIEow…fvY4) or marked EXAMPLE")
def has_key_body(value: str) -> bool:
    """A private key block with a Base64 body, not the armour line named in a sentence ("the file before
    the '-----BEGIN RSA PRIVATE KEY-----' and …") nor a key shown in documentation with its middle cut
    out ("MIIEowIABAKCAQEAqKpR…fvY4+te", "..." or "…" inside the body) or marked as a documentation
    dummy ("-----BEGIN RSA PRIVATE KEY-----\\nEXAMPLEBAAKCAQEA…")."""
    block = value.replace("\\n", "\n")
    body = _ARMOUR_LINE.sub("", block.lstrip(), count=1)
    if _KEY_BODY_START.match(body) is None:
        return False
    return "..." not in body and "\u2026" not in body and "EXAMPLE" not in body


def random_token(value: str) -> Verdict:
    """Accept a value assigned to a secret-ish name only when it looks machine-generated.

    Used by the generic "secret/token/api key = …" rules, where the name alone is weak evidence: the
    value must be long enough, mix character classes and carry enough entropy, which rejects words,
    identifiers, file names and version strings. The rule's decoder (config_literal) has unquoted it.
    """
    reason = _not_random(value)
    return Verdict("random_token", not reason, reason)


def _not_random(value: str) -> str:
    """Why ``value`` does not look machine-generated; "" when it does."""
    if not MIN_TOKEN_LENGTH <= len(value) <= MAX_TOKEN_LENGTH:
        return f"not {MIN_TOKEN_LENGTH} to {MAX_TOKEN_LENGTH} characters"
    if any(ch.isspace() for ch in value):
        return "holds blanks"
    if _ENCODED_BLANK.search(value):
        return "percent-encoded blanks: a name (Root%20CA%20Certificates), not a token"
    has_digit = any(c.isdigit() for c in value)
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            has_digit,
            any(not c.isalnum() for c in value),
        )
    )
    if classes < 2 or (classes < 3 and not has_digit):
        return "too few character classes"
    if shannon_entropy(value) < MIN_TOKEN_ENTROPY:
        return f"entropy below {MIN_TOKEN_ENTROPY} bits per character"
    if _NOT_A_TOKEN.search(value):
        return "a URL, path, e-mail address, file name or identifier"
    if _is_name_path(value):
        return "a setting's name: words joined by dots or colons (fs.s3.enabled, aws:tag:name)"
    if is_dummy_token(value):
        return "a documentation dummy (EXAMPLE, xxxx, your…)"
    if _TYPE_NAME.match(value) and SECRET_WORDS.search(value):
        return "a type name (Ed25519PrivateKey)"
    return ""


_BASE_CHECKS: tuple[ValidatorName, ...] = (
    "not_empty",
    "not_masked",
    "not_placeholder",
    "not_sentence",
    "not_date",
    "not_version",
    "not_url_email_path",
    "not_vocabulary_word",
    "not_hash",
    "not_test_result",
    "not_code",
    "not_markup",
    "not_cjk_text",
    "balanced",
)


MIN_OTP_SEED = 16
MAX_OTP_SEED = 128
_BASE32 = re.compile(r"^(?:[A-Z2-7]{4} ?)*[A-Z2-7]{0,4}=*$")


@validator("not a base32 one-time-password seed")
def is_otp_seed(value: str) -> bool:
    """A TOTP/HOTP seed as authenticator apps show it: base32, 16 to 128 characters, one case, optionally
    in groups of four ("JBSW Y3DP EHPK 3PXP"), with a digit 2-7 among its letters (a word in capitals is
    no seed)."""
    text = value.strip()
    upper = text.upper()
    if text not in (upper, text.lower()) or not _BASE32.match(upper):
        return False
    compact = upper.replace(" ", "").rstrip("=")
    return MIN_OTP_SEED <= len(compact) <= MAX_OTP_SEED and any(ch in "234567" for ch in compact)


BITLOCKER_BLOCKS = 8
BITLOCKER_BLOCK_LIMIT = 65536 * 11
"""A BitLocker recovery password is eight 16-bit numbers, each written multiplied by 11 as six digits."""


@validator("not eight six-digit blocks that are multiples of 11 (a BitLocker recovery key)")
def bitlocker_recovery_key(value: str) -> bool:
    """Eight six-digit blocks, each a multiple of 11 below 720,896: the checksum of a BitLocker recovery
    password. A random 48-digit serial or reference number passes it once in 11**8 (214 million)."""
    blocks = value.strip().split("-")
    if len(blocks) != BITLOCKER_BLOCKS or not all(len(b) == 6 and b.isdigit() for b in blocks):
        return False
    return all(int(b) % 11 == 0 and int(b) < BITLOCKER_BLOCK_LIMIT for b in blocks)


def _first_failure(text: str, names: tuple[ValidatorName, ...]) -> Verdict | None:
    for name in names:
        if not bool(_TESTS[name](text)):
            return VALIDATORS.require(name)(text)  # the Verdict with its reason
    return None


def looks_like_password(value: str, *, numeric_ok: bool = False, short_ok: bool = False) -> Verdict:
    """The combined check tables and prose use; its Verdict names the first check that failed.

    ``numeric_ok``: the value sits under a password/PIN label, so "48213977" or "4711" counts (years,
    phone numbers and decimals still do not). ``short_ok``: a PIN column, where 3 characters are enough.
    """
    name = "looks_like_password"
    text = value.strip()
    min_len = MIN_PIN_LENGTH if short_ok else MIN_LENGTH
    if not (min_len <= len(text) <= MAX_LENGTH):
        return Verdict(name, False, f"length: not {min_len} to {MAX_LENGTH} characters")
    failed = _first_failure(text, _BASE_CHECKS)
    if failed is None:
        failed = _first_failure(text, ("not_year_or_phone",) if numeric_ok else ("not_number",))
    if failed is not None:
        return Verdict(name, False, f"{failed.name}: {failed.reason}")
    return Verdict(name, True)


def looks_like_prose_password(value: str) -> Verdict:
    """looks_like_password for free text after a label: also no stopwords/inflected words."""
    verdict = looks_like_password(value, numeric_ok=True)
    if not verdict:
        return Verdict("looks_like_prose_password", False, verdict.reason)
    word = not_prose_word(value)
    return Verdict(
        "looks_like_prose_password", word.holds, f"not_prose_word: {word.reason}" if not word else ""
    )


COMBINED_CHECKS: dict[str, frozenset[str]] = {
    "looks_like_password": frozenset({"looks_like_password", *_BASE_CHECKS}),
    "looks_like_prose_password": frozenset({"looks_like_prose_password", "not_prose_word", *_BASE_CHECKS}),
}
"""The checks a combined validator has run when it accepts a value."""


def checks_passed(validators: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Names of every check a value accepted by all of ``validators`` is known to pass (a filter need not
    run them again: FilterInput.passed)."""
    return frozenset().union(*(COMBINED_CHECKS.get(name, frozenset({name})) for name in validators))


VALIDATORS: Registry[ValidatorName, Callable[[str], Verdict]] = Registry(
    "validator",
    get_args(ValidatorName),
    (
        ("not_empty", "credscan.detect.validators:not_empty"),
        ("length_ok", "credscan.detect.validators:length_ok"),
        ("not_masked", "credscan.detect.validators:not_masked"),
        ("not_placeholder", "credscan.detect.validators:not_placeholder"),
        ("not_sentence", "credscan.detect.validators:not_sentence"),
        ("not_date", "credscan.detect.validators:not_date"),
        ("not_version", "credscan.detect.validators:not_version"),
        ("bitlocker_recovery_key", "credscan.detect.validators:bitlocker_recovery_key"),
        ("is_otp_seed", "credscan.detect.validators:is_otp_seed"),
        ("not_year_or_phone", "credscan.detect.validators:not_year_or_phone"),
        ("not_number", "credscan.detect.validators:not_number"),
        ("not_url_email_path", "credscan.detect.validators:not_url_email_path"),
        ("not_vocabulary_word", "credscan.detect.validators:not_vocabulary_word"),
        ("not_hash", "credscan.detect.validators:not_hash"),
        ("not_test_result", "credscan.detect.validators:not_test_result"),
        ("not_code", "credscan.detect.validators:not_code"),
        ("not_prose_word", "credscan.detect.validators:not_prose_word"),
        ("not_sentence_end", "credscan.detect.validators:not_sentence_end"),
        ("not_markup", "credscan.detect.validators:not_markup"),
        ("not_plain_word", "credscan.detect.validators:not_plain_word"),
        ("not_cjk_text", "credscan.detect.validators:not_cjk_text"),
        ("has_digit_and_letter", "credscan.detect.validators:has_digit_and_letter"),
        ("is_passphrase", "credscan.detect.validators:is_passphrase"),
        ("balanced", "credscan.detect.validators:balanced"),
        ("not_slug", "credscan.detect.validators:not_slug"),
        ("looks_like_password", "credscan.detect.validators:looks_like_password"),
        ("looks_like_prose_password", "credscan.detect.validators:looks_like_prose_password"),
        ("random_token", "credscan.detect.validators:random_token"),
        ("not_dummy_token", "credscan.detect.validators:not_dummy_token"),
        ("has_key_body", "credscan.detect.validators:has_key_body"),
    ),
    a_function,
)
"""Validator name (a rule's ``validators``) -> the check that accepts a value or rejects it with a reason."""
