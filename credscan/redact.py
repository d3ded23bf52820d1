"""Masking and keyed fingerprints: the only forms in which a secret leaves the scanner (docs/security.md).

Three layers keep a plaintext out of every output:

- ``mask_secret``: a finding's own secret becomes at most its first two characters and a fixed run of
  asterisks (nothing at all for a secret shorter than ``SHORT_SECRET``), so neither its length nor more
  than two characters can be read from a mask.
- ``mask_tokens``: every credential-like token of a context (a cell, a line, a label) is masked as well,
  detected or not ("old one was Zq7-LEAK-03-xq" in a notes cell). When in doubt, a token is masked.
- ``Redactor``: the secrets of the other findings of a file, also a piece of one that a context window
  cut in half at its edge.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
from collections.abc import Iterable

from credscan.model import Location

MASK_CHAR = "*"
MASK_RUN = MASK_CHAR * 8
"""A fixed run: a mask never tells the secret's length."""
SHORT_SECRET = 10
"""Secrets shorter than this are masked entirely: two visible characters of a PIN or an 8-character
password are too large a share of it."""
VISIBLE = 2


def mask_secret(secret: str) -> str:
    """ "Sup3rS3cret4!" -> "Su********"; "hunter2" -> "********" (docs/scanning.md)."""
    if len(secret) < SHORT_SECRET:
        return MASK_RUN
    return secret[:VISIBLE] + MASK_RUN


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in text by its mask (longest first, so overlaps mask fully)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, mask_secret(secret))
    return text


TOKEN_SEPARATORS = "\"'`=:,;|{}[]()<>…"
"""Characters that end a token besides white space: key/value and JSON/markup punctuation, so that
``{"password":"Zq7-JS…"}`` and ``Password=X`` split into a label and a value."""
_TOKEN = re.compile(r"[^\s" + re.escape(TOKEN_SEPARATORS) + r"]+")
WORD_JOINERS = frozenset(".-_@/\\'&+")
"""Punctuation that joins plain words, names, hosts and paths ("e-mail", "j.doe@example.com")."""
MIN_TOKEN = 4
"""Shorter tokens are never masked: too short to be a usable piece of a secret."""
MIN_CASE_CHANGES = 4
"""A letters-only token that switches case this often ("xKqPzLmW") is random, not a word ("PowerShell")."""


def credential_like(token: str) -> bool:
    """True for a token that may be (a piece of) a secret: letters mixed with digits, symbols inside
    alphanumerics, or letters whose case changes like a random string. Plain words, numbers, dates,
    addresses and paths are not; an existing mask is not."""
    if len(token) < MIN_TOKEN or MASK_RUN[:4] in token:
        return False
    has_alpha = has_digit = has_symbol = False
    for char in token:
        if char.isalpha():
            has_alpha = True
        elif char.isdigit():
            has_digit = True
        elif char not in WORD_JOINERS:
            has_symbol = True
    if has_alpha and has_digit:
        return True
    if has_symbol and (has_alpha or has_digit):
        return True
    if has_alpha:
        return any(_case_changes(word) >= MIN_CASE_CHANGES for word in _WORD_SPLIT.split(token))
    return False


_WORD_SPLIT = re.compile(r"[^\w]|_")


def _case_changes(word: str) -> int:
    return sum(1 for a, b in itertools.pairwise(word) if a.isupper() != b.isupper())


def mask_tokens(text: str) -> str:
    """Every credential-like token of ``text`` masked with mask_secret (idempotent)."""
    if not text:
        return text
    return _TOKEN.sub(lambda m: mask_secret(m.group(0)) if credential_like(m.group(0)) else m.group(0), text)


WHOLE_WORD_BELOW = 6
"""A secret shorter than this is masked where it stands as a word of its own, not inside other words (a
secret "b" would otherwise turn "object" into "o********ject")."""
MIN_EDGE_PIECE = 3
"""A piece of a neighbour's secret this long at a context's cut edge is masked."""
ELLIPSIS = "…"


class Redactor:
    """Masks every one of a set of secrets in any text, in one regex pass (longest secret first).

    A detector masks the secret it reports in that finding's context; a Redactor over all the secrets
    of a file also catches the others that stand on the same line or row (two credentials on one line),
    and with ``edges`` the piece of one that a context window cut in half: a prefix of a secret where the
    text ends, a suffix where it starts.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        parts = [
            re.escape(s) if len(s) >= WHOLE_WORD_BELOW else rf"(?<!\w){re.escape(s)}(?!\w)"
            for s in self._secrets
        ]
        self._pattern = re.compile("|".join(parts)) if parts else None

    def __call__(self, text: str, edges: bool = False) -> str:
        if self._pattern is None or not text:
            return text
        text = self._pattern.sub(lambda match: mask_secret(match.group(0)), text)
        return self._mask_edges(text) if edges else text

    def _mask_edges(self, text: str) -> str:
        for secret in self._secrets:
            text = _mask_cut_piece(text, secret)
        return text


def _mask_cut_piece(text: str, secret: str) -> str:
    """Mask a prefix of ``secret`` that ends where ``text`` was cut (before a "…" or at its end) and a
    suffix that starts where it was cut (after a "…"): what a window or a shortened cell leaves of it."""
    cuts = [m.start() for m in re.finditer(ELLIPSIS, text)]
    pieces: list[tuple[int, int]] = []
    for cut in [*cuts, len(text)]:
        for size in range(min(len(secret) - 1, cut), MIN_EDGE_PIECE - 1, -1):
            if text.startswith(secret[:size], cut - size):
                pieces.append((cut - size, cut))
                break
    for cut in cuts:
        after = cut + len(ELLIPSIS)
        for size in range(min(len(secret) - 1, len(text) - after), MIN_EDGE_PIECE - 1, -1):
            if text.startswith(secret[-size:], after):
                pieces.append((after, after + size))
                break
    for start, end in sorted(pieces, reverse=True):
        text = text[:start] + MASK_RUN + text[end:]
    return text


SCRYPT_N = 2**11
SCRYPT_R = 8
SCRYPT_P = 1
"""scrypt cost: 2 MiB of memory and ~3.5 ms of one core per distinct secret (a GPU cannot run thousands of
guesses side by side without as many 2 MiB blocks). Recovering a 4-digit PIN from its hash then takes half a
minute of one core even with the key (0.01 s with HMAC), a 6-digit one about an hour, an 8-character
password of letters and digits millennia; a scan pays the cost once per distinct secret per worker (the
cache below): ~3.5 s of CPU per 1,000 distinct secrets (docs/security.md, measured)."""
HASH_CACHE = 65_536
"""Distinct secrets remembered per process: a password reused in 5,000 rows is derived once."""


class Fingerprinter:
    """Keyed, memory-hard fingerprints of secrets (scrypt, salted with the installation's key) and finding
    ids built on them (docs/scanning.md).

    The same password in two files gets the same secret_hash on one installation, so a SIEM can spot reuse;
    without the key the hash is useless, and with it each guess still costs a full scrypt derivation. The
    finding id is an HMAC over the file, rule, location and that slow hash, so it is no faster an oracle.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("fingerprint key must be at least 16 bytes")
        self._key = key
        self._cache: dict[str, str] = {}

    def secret_hash(self, secret: str) -> str:
        cached = self._cache.get(secret)
        if cached is None:
            derived = hashlib.scrypt(
                secret.encode("utf-8", "surrogatepass"),
                salt=self._key,
                n=SCRYPT_N,
                r=SCRYPT_R,
                p=SCRYPT_P,
                maxmem=SCRYPT_R * SCRYPT_N * 256,
                dklen=32,
            )
            cached = derived.hex()
            if len(self._cache) >= HASH_CACHE:
                self._cache.clear()
            self._cache[secret] = cached
        return cached

    def legacy_finding_id(self, path: str, rule_id: str, location: Location, secret: str) -> str:
        """The id credscan 0.1 gave this finding (HMAC-SHA256 secret hash): only compared with what old
        stores and baselines hold, so they keep matching after the upgrade; never written anywhere."""
        fast = hmac.new(self._key, secret.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        material = json.dumps([path, rule_id, location, fast], sort_keys=True, ensure_ascii=False)
        return hmac.new(self._key, material.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:32]

    def finding_id(self, path: str, rule_id: str, location: Location, secret: str) -> str:
        """Stable across runs: same file + rule + location + secret gives the same id. ``path`` is the
        file's identity path (credscan.sources.identity), so the id does not depend on how it was typed."""
        material = json.dumps(
            [path, rule_id, location, self.secret_hash(secret)], sort_keys=True, ensure_ascii=False
        )
        digest = hmac.new(self._key, material.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:32]
