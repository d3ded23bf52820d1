"""Decoders named by rules (``decoder = "…"``): the matched raw value in, the real secret out.

Several credential formats are encoded, or encrypted with a key everybody knows (GPP cpassword,
unattend.xml Base64, FileZilla Base64, WinSCP's obfuscation, VNC, TeamViewer, mRemoteNG's default master
password): reporting the raw value would hide what is exposed and would give the same password a different
fingerprint in every file. A decoder returns the plaintext, or None when the match turns out not to be a
finding (empty, a placeholder, an encrypted key): a value that cannot be read as a literal is no value.
Judging a decoded value (is it random enough, is it a password at all) is the validators' job.
probe_pkcs12 is the one function on bytes: the pipeline calls it for .pfx/.p12 files.

Every decoder takes untrusted text and must never raise: bad input returns None.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import struct
from collections.abc import Callable
from typing import get_args
from urllib.parse import unquote

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import pkcs12

from credscan.detect.defaultwords import is_default_label, is_default_password
from credscan.detect.devicecodes import (
    cisco_type7,
    fortigate_value,
    mikrotik_value,
    snmp_community,
    sql_string,
)
from credscan.detect.rule import DecoderName
from credscan.detect.validators import SECRET_WORDS, not_masked, not_placeholder
from credscan.detect.vocabulary import vocabulary
from credscan.registry import Registry, a_function

# ---------------------------------------------------------------------------
# Placeholders: values that stand for a secret without being one (docs/detection.md, "Not findings")
# ---------------------------------------------------------------------------

MAX_PLACEHOLDER = 256
"""Placeholders are short; longer values skip the pattern checks (bounded time on hostile input)."""


def is_placeholder(value: str) -> bool:
    """True for empty, masked, templated or environment-reference values.

    The config lists of rules/vocabulary.toml (placeholder_words, config_placeholder_patterns) and the
    ones every value meets (masked values, placeholder patterns) apply, so config rules and table/prose
    detection agree on what "no password here" looks like. A default password ("secret", "changeme") is
    a value (credscan.detect.defaults judges where it is live), unless written as a label ("Password").
    """
    stripped = value.strip().strip("\"'`").strip()
    if len(stripped) > MAX_PLACEHOLDER:
        return False
    vocab = vocabulary()
    if is_default_password(stripped):
        return False  # "mypassword" is no "my_password_here": a value, judged where it stands
    if (
        stripped.lower() in vocab.placeholder_words
        or is_default_label(stripped)
        or any(p.search(stripped) for p in vocab.config_placeholder_patterns)
    ):
        return True
    return not (not_placeholder(stripped) and not_masked(stripped))


def plain_value(value: str) -> str | None:
    """A literal value from a config/key-value/script line: unquoted, placeholders rejected."""
    stripped = _unquote(value.strip())
    if is_placeholder(stripped):
        return None
    return stripped


_CMD_LITERAL_DOLLAR = re.compile(r"^\$[A-Za-z_]+[^\sA-Za-z_]")
"""$Thunder3112, $Backup!2024: cmd.exe has no $variables (its own are %NAME%), so a "$" name followed by
digits or symbols on a cmd line is a literal password; a bare $Name stays a (PowerShell) variable."""


_OPENING = {"]": "[", ")": "(", "}": "{"}


def cmd_value(value: str) -> str | None:
    """A literal argument of a command (net use, schtasks /rp, psexec -p, cmdkey /pass, --password X).

    A closing bracket the argument never opened belongs to the text around it: the usage synopsis of a
    manual (``[--root-password=ROOT_PASSWORD]``), not the value."""
    stripped = _unquote(_without_unopened_brackets(value.strip()))
    if _CMD_LITERAL_DOLLAR.match(stripped):
        return stripped
    return plain_value(stripped)


def _without_unopened_brackets(value: str) -> str:
    while value and value[-1] in _OPENING and value.count(value[-1]) > value.count(_OPENING[value[-1]]):
        value = value[:-1]
    return value


_CODE_EXPRESSION = re.compile(
    r"""^(?:
        [A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)+(?:\(.*\)|\[.*\])?;?   # a.b, a->b, a.b(), a.b[x]
        | [A-Za-z_$][\w$.]*\(.*\)?;?                                            # call(...)
        | [A-Za-z_$][\w$]*\[.*\];?                                              # var[...]
        | [A-Za-z_]\w*:                                                          # a YAML/JSON nesting key
    )$""",
    re.VERBOSE,
)


def unquoted_value(value: str) -> str | None:
    """An unquoted config value (``password = X``): besides placeholders, code expressions are rejected.

    In ini/.env files values are not quoted; in source code an unquoted right-hand side is an
    expression (``request.form["password"]``, ``getpass.getpass()``) rather than a secret.
    """
    stripped = value.strip().rstrip(",;")
    if stripped.endswith("]"):  # "[--password=PASSWORD]": a synopsis's bracket, not the value's
        stripped = _without_unopened_brackets(stripped)
    if len(stripped) <= MAX_PLACEHOLDER and _looks_like_code(stripped.rstrip(")")):
        return None
    closed = _CLOSING_PROSE.search(stripped)
    if closed is not None and stripped.count(")") > stripped.count("("):
        stripped = stripped[: closed.start()]  # "(password: X)." in prose: the bracket closes the sentence
    return plain_value(stripped)


_CLOSING_PROSE = re.compile(r"\)[.,;:!?]*$")


def _looks_like_code(value: str) -> bool:
    """``self.password``, ``getpass.getpass()``, ``_mod.CONSTANT``: an expression, not a literal.

    A dotted value with digits and without a call or subscript (``eyJhbGc1.eyJzdWI2.x9``, ``sl.B4x…``)
    is more likely a token than code, so only digit-free dotted names count.
    """
    if not _CODE_EXPRESSION.match(value):
        return False
    return "(" in value or "[" in value or not any(c.isdigit() for c in value)


_IDENTIFIER_NAMING_A_SECRET = re.compile(
    r"^(?:[A-Za-z_][A-Za-z_]*[_.][A-Za-z_.]*|[a-z]+(?:[A-Z][a-z]+)+)$", re.ASCII
)
"""BAD_PASSPHRASE, key_password, db.password, challengePassword: a constant, variable or attribute name
(only rejected when it also holds a word like key/secret/token/pass)."""


def config_value(value: str) -> str | None:
    """A quoted or unquoted value of a password key; labels ("Enter password") and placeholders rejected."""
    stripped = value.strip()
    quoted = stripped[:1] in "\"'`" and len(stripped) >= 2
    candidate = plain_value(stripped) if quoted else unquoted_value(stripped)
    if candidate is None or len(candidate) > MAX_PLACEHOLDER:
        return candidate
    if _WINSCP_OBFUSCATED.match(candidate):
        return None  # reported decoded by config.winscp-password
    if SECRET_WORDS.search(candidate) and (
        any(c.isspace() for c in candidate) or _IDENTIFIER_NAMING_A_SECRET.match(candidate)
    ):
        return None
    if quoted and stripped[0] == '"':
        candidate = _UNICODE_ESCAPE.sub(_unicode_char, candidate)
    return candidate


_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")
"""JSON/JavaScript/C# "\\u00fc" in a double-quoted value: the program reads "ü" (nobody types the escape)."""


def _unicode_char(match: re.Match[str]) -> str:
    """The character of a \\uXXXX escape; half a surrogate pair stays escaped (it would not encode)."""
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


_WINSCP_OBFUSCATED = re.compile(r"A35C[0-9A-F]{36,}")
"""WinSCP's flag byte 0xFF and version 0x00 obfuscate to "A35C": a saved WinSCP password, not plain text."""


def _unquote(value: str) -> str:
    """Strip one level of matching quotes (also backslash-escaped quotes from source code)."""
    for quote in ('\\"', "\\'", '"', "'", "`"):
        if len(value) >= 2 * len(quote) and value.startswith(quote) and value.endswith(quote):
            return value[len(quote) : -len(quote)]
    return value


def config_literal(value: str) -> str | None:
    """config_value, and a string literal quoted inside it unwrapped: Gradle's ``'"…"'`` and
    ``"\\"…\\""`` (buildConfigField writes Java source), so the value is the literal's text."""
    candidate = config_value(value)
    return None if candidate is None else _NESTED_QUOTES.sub(r"\g<inner>", candidate)


_NESTED_QUOTES = re.compile(r"""^(?P<q>\\?["'])(?P<inner>[^"'\\]+)(?P=q)$""")
"""A string literal inside a string."""


# ---------------------------------------------------------------------------
# Windows deployment files
# ---------------------------------------------------------------------------

GPP_AES_KEY = bytes.fromhex("4e9906e8fcb66cc9faf49310620ffee8f496e806cc057990209b09a433b66c1b")
"""The AES-256 key Microsoft published in MS-GPPREF §2.2.1.1.4 for cpassword attributes."""


def gpp_cpassword(value: str) -> str | None:
    """Decrypt a GPP cpassword: Base64 (padding stripped), AES-256-CBC, all-zero IV, UTF-16LE plaintext."""
    value = value.strip()
    if not value:
        return None
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    if not raw or len(raw) % 16:
        return None
    decryptor = Cipher(algorithms.AES(GPP_AES_KEY), modes.CBC(bytes(16))).decryptor()
    padded = decryptor.update(raw) + decryptor.finalize()
    pad = padded[-1]
    if not 1 <= pad <= 16 or padded[-pad:] != bytes([pad]) * pad:
        return None
    try:
        password = padded[:-pad].decode("utf-16-le")
    except UnicodeDecodeError:
        return None
    return password or None


def _unattend(value: str, suffix: str) -> str | None:
    """unattend.xml PlainText=false: Base64 of UTF-16LE(password + element name)."""
    value = value.strip()
    if not value:
        return None
    try:
        text = base64.b64decode(value, validate=True).decode("utf-16-le")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not text.endswith(suffix):
        return None
    return text[: -len(suffix)] or None


def unattend_administrator_password(value: str) -> str | None:
    return _unattend(value, "AdministratorPassword")


def unattend_password(value: str) -> str | None:
    return _unattend(value, "Password")


def base64_text(value: str) -> str | None:
    """FileZilla ``<Pass encoding="base64">``: Base64 of the UTF-8 password."""
    value = value.strip()
    try:
        text = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return text or None


def url_password(value: str) -> str | None:
    """The password part of ``scheme://user:pass@host``: percent-decoded, placeholders rejected."""
    decoded = unquote(value)
    return None if is_placeholder(decoded) or is_placeholder(value) else decoded


def basic_auth(value: str) -> str | None:
    """``Authorization: Basic …``: the password half of base64(user:password)."""
    text = base64_text(value)
    if text is None or ":" not in text:
        return None
    password = text.split(":", 1)[1]
    return None if is_placeholder(password) else password


# ---------------------------------------------------------------------------
# WinSCP.ini saved passwords: a reversible obfuscation
# ---------------------------------------------------------------------------

WINSCP_MAGIC = 0xA3
WINSCP_FLAG = 0xFF
_WINSCP_SECTION_NAME = re.compile(
    r"^\[(?:HKEY_[^\]\r\n]*?\\)?Sessions\\(?P<name>[^\]\r\n]*)\]", re.IGNORECASE
)
"""``[Sessions\\u@h]`` (WinSCP.ini) or ``[HKEY_CURRENT_USER\\…\\WinSCP 2\\Sessions\\u@h]`` (a .reg export)."""


def _winscp_bytes(hex_text: str) -> list[int]:
    """Each stored byte is two hex nibbles; the byte value is ~(stored ^ 0xA3)."""
    pairs = [int(hex_text[i : i + 2], 16) for i in range(0, len(hex_text) - 1, 2)]
    return [~(b ^ WINSCP_MAGIC) & 0xFF for b in pairs]


def winscp_deobfuscate(hex_text: str, key: str) -> str | None:
    """Decode a WinSCP ``Password=`` value. ``key`` is UserName + HostName of the session.

    Layout after de-obfuscation: [0xFF flag, 0x00 version, length, skip] + skip random bytes
    + length bytes (key + password), padded with random bytes; without the flag the first byte is
    the length and there is no key prefix.
    """
    if not re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", hex_text):
        return None
    data = _winscp_bytes(hex_text)
    if len(data) < 2:
        return None
    pos = 0
    flag = data[pos]
    pos += 1
    if flag == WINSCP_FLAG:
        if len(data) < 4:
            return None
        length = data[pos + 1]
        pos += 2
    else:
        length = flag
    skip = data[pos]
    pos += 1 + skip
    body = data[pos : pos + length]
    if len(body) != length:
        return None
    try:
        text = bytes(body).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if flag == WINSCP_FLAG:
        if not key or not text.startswith(key):
            return None
        text = text[len(key) :]
    return text or None


def winscp_session(section: str) -> str | None:
    """A whole ``[Sessions\\…]`` section (WinSCP.ini or a registry export) in, the saved password out.

    The key is UserName + HostName from the section (or the section name ``user@host``). When the
    prefix cannot be derived the raw value is still a finding: WinSCP would decode it.
    """
    fields: dict[str, str] = {}
    for line in section.splitlines():
        name, sep, val = line.partition("=")
        if sep:
            fields[name.strip().strip('"').lower()] = val.strip().strip('"')
    raw = fields.get("password", "")
    if not raw:
        return None
    header = _WINSCP_SECTION_NAME.match(section.lstrip())
    section_name = unquote(header.group("name")) if header else ""
    user = fields.get("username", "")
    host = fields.get("hostname", "")
    if not (user and host) and "@" in section_name:
        user = user or section_name.rsplit("@", 1)[0]
        host = host or section_name.rsplit("@", 1)[1]
    decoded = winscp_deobfuscate(raw, unquote(user) + unquote(host))
    return decoded if decoded is not None else raw


# ---------------------------------------------------------------------------
# Remote-access tools: VNC and TeamViewer store passwords with fixed, published keys
# ---------------------------------------------------------------------------

VNC_DES_KEY = bytes.fromhex("e84ad660c4721ae0")
"""The fixed DES key of VNC password files (RealVNC/TightVNC/UltraVNC), bits already in DES order."""
TEAMVIEWER_AES_KEY = bytes.fromhex("0602000000a400005253413100040000")
TEAMVIEWER_AES_IV = bytes.fromhex("0100010067244f436e6762f25ea8d704")
"""The static AES-128-CBC key and IV of TeamViewer 7–14 *PasswordAES registry values (CVE-2019-18988)."""

_REG_HEX = re.compile(r"^(?:hex(?:\(\d+\))?:)?([0-9A-Fa-f]{2}(?:\s*,\s*(?:\\\s*)?[0-9A-Fa-f]{2})*)\s*,?$")


def _hex_bytes(value: str) -> bytes | None:
    """``DBD83CFD727A1458`` or a .reg ``hex:88,44,d7,…`` value (with ``\\`` line continuations)."""
    text = value.strip()
    compact = re.fullmatch(r"[0-9A-Fa-f]+", text)
    if compact and len(text) % 2 == 0:
        return bytes.fromhex(text)
    match = _REG_HEX.match(text)
    if not match:
        return None
    return bytes.fromhex(re.sub(r"[^0-9A-Fa-f]", "", match.group(1)))


def _printable(text: str) -> bool:
    return bool(text) and all(c.isprintable() for c in text)


def vnc_password(value: str) -> str | None:
    """A VNC ``passwd=`` value: DES-ECB with the fixed key, at most 8 characters, NUL-padded.

    UltraVNC appends a checksum byte (18 hex digits); only the first 8 bytes are the password. A value
    that does not decrypt to printable text is still a stored password: the raw value is reported.
    """
    data = _hex_bytes(value)
    if data is None or len(data) < 8:
        return None
    decryptor = Cipher(TripleDES(VNC_DES_KEY * 3), modes.ECB()).decryptor()
    plain = (decryptor.update(data[:8]) + decryptor.finalize()).rstrip(b"\x00")
    text = plain.decode("latin-1")
    return text if _printable(text) else value.strip()


def teamviewer_password(value: str) -> str | None:
    """A TeamViewer ``…PasswordAES`` registry value: AES-128-CBC with the static key, UTF-16LE, NUL-padded."""
    data = _hex_bytes(value)
    if data is None or not data or len(data) % 16:
        return None
    decryptor = Cipher(algorithms.AES(TEAMVIEWER_AES_KEY), modes.CBC(TEAMVIEWER_AES_IV)).decryptor()
    plain = decryptor.update(data) + decryptor.finalize()
    try:
        text = plain.decode("utf-16-le").rstrip("\x00")
    except UnicodeDecodeError:
        return value.strip()
    return text if _printable(text) else value.strip()


MREMOTENG_DEFAULT_PASSWORD = b"mR3m"
"""mRemoteNG encrypts saved passwords with this master password unless the user sets their own."""


def mremoteng_password(value: str) -> str | None:
    """A ``Password="…"`` attribute of mRemoteNG's confCons.xml, decrypted with the default master password.

    Since 1.76: Base64 of salt(16) + nonce(16) + ciphertext + tag(16), AES-256-GCM with the salt as
    associated data, key = PBKDF2-HMAC-SHA1(master, salt, 1000, 32). Before: Base64 of IV(16) + AES-CBC
    ciphertext with key MD5(master). None when neither opens it (a custom master password: the file
    itself is still reported by the credential-store rule).
    """
    try:
        data = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(data) >= 16 * 3 + 1:
        salt, nonce, body = data[:16], data[16:32], data[32:]
        key = hashlib.pbkdf2_hmac("sha1", MREMOTENG_DEFAULT_PASSWORD, salt, 1000, dklen=32)
        try:
            plain = AESGCM(key).decrypt(nonce, body, salt)
            return plain.decode("utf-8") or None
        except (InvalidTag, UnicodeDecodeError, ValueError):
            pass
    if len(data) >= 32 and len(data) % 16 == 0:
        key = hashlib.md5(MREMOTENG_DEFAULT_PASSWORD, usedforsecurity=False).digest()
        decryptor = Cipher(algorithms.AES(key), modes.CBC(data[:16])).decryptor()
        padded = decryptor.update(data[16:]) + decryptor.finalize()
        pad = padded[-1]
        if 1 <= pad <= 16 and padded[-pad:] == bytes([pad]) * pad:
            try:
                text = padded[:-pad].decode("utf-8")
            except UnicodeDecodeError:
                return None
            return text if _printable(text) else None
    return None


# ---------------------------------------------------------------------------
# Private keys
# ---------------------------------------------------------------------------

_PEM_BODY = re.compile(r"-----BEGIN [A-Z0-9 ]+-----\s*(?P<body>[A-Za-z0-9+/=\s]+?)\s*-----END", re.DOTALL)
_OPENSSH_MAGIC = b"openssh-key-v1\x00"


def unencrypted_private_key(block: str) -> str | None:
    """A PEM or OpenSSH private key block, or None when it is passphrase-protected.

    PEM: ``Proc-Type: 4,ENCRYPTED`` (legacy OpenSSL) or ``BEGIN ENCRYPTED PRIVATE KEY`` (PKCS#8).
    OpenSSH: the Base64 body starts with ``openssh-key-v1\\0`` followed by the cipher name;
    ``none`` means anybody holding the file can use the key.
    """
    if "ENCRYPTED" in block:
        return None
    block = block.replace("\\r", "").replace("\\n", "\n")  # a key pasted into JSON/YAML strings
    if "OPENSSH PRIVATE KEY" in block:
        cipher = openssh_cipher(block)
        if cipher is not None and cipher != "none":
            return None
    return block


def openssh_cipher(block: str) -> str | None:
    """The cipher name recorded in an OpenSSH private key, or None when the body cannot be parsed."""
    match = _PEM_BODY.search(block)
    if not match:
        return None
    try:
        body = "".join(match.group("body").split()).rstrip("=")
        raw = base64.b64decode(body[: len(body) - len(body) % 4], validate=False)
    except (binascii.Error, ValueError):
        return None
    if not raw.startswith(_OPENSSH_MAGIC):
        return None
    pos = len(_OPENSSH_MAGIC)
    if len(raw) < pos + 4:
        return None
    (length,) = struct.unpack(">I", raw[pos : pos + 4])
    name = raw[pos + 4 : pos + 4 + length]
    if len(name) != length or length > 64:
        return None
    return name.decode("ascii", "replace")


def base64_private_key(value: str) -> str | None:
    """A Base64-encoded PEM private key (``LS0tLS1CRUdJTi…``, common in Kubernetes secrets and .env files)."""
    value = "".join(value.split())
    if not _BASE64.fullmatch(value):
        return None
    usable = value.rstrip("=")
    raw = base64.b64decode(usable[: len(usable) - len(usable) % 4])
    try:
        text = base64.b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        # A copy cut short still names the key type in its first bytes; report the raw value then.
        return value if b"PRIVATE KEY-----" in raw[:64] and b"ENCRYPTED" not in raw[:64] else None
    if "PRIVATE KEY-----" not in text:
        return None
    return unencrypted_private_key(text)


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


COMMON_PKCS12_PASSWORDS: tuple[str, ...] = ("", "password", "1234", "12345678", "changeit", "123456", "test")
"""Passwords tried on .pfx/.p12 files: a container that opens with one of these protects nothing."""

PKCS12_MAX_BYTES = 1024 * 1024


def probe_pkcs12(data: bytes) -> str | None:
    """Try the common passwords on a PKCS#12 file holding a private key.

    Returns the password that opened it ("" for none) or None when none did, the file carries no
    private key, or it is not PKCS#12 at all. Bounded: files over 1 MiB are not probed.
    """
    if not data or len(data) > PKCS12_MAX_BYTES or data[:1] != b"\x30":
        return None
    for password in COMMON_PKCS12_PASSWORDS:
        candidates = [password.encode()] if password else [None, b""]
        for candidate in candidates:
            try:
                key, _cert, _extra = pkcs12.load_key_and_certificates(data, candidate)
            except (ValueError, TypeError):
                continue
            except Exception:  # hostile input may raise anything from the ASN.1 parser
                return None
            return password if key is not None else None
    return None


_XML_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));")
_XML_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _xml_unescape(value: str) -> str:
    """XML's five named entities and numeric character references; anything else stays as written."""

    def replace(match: re.Match[str]) -> str:
        name, decimal, hexadecimal = match.groups()
        if name:
            return _XML_NAMED[name]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        return chr(code) if valid else match.group(0)

    return _XML_REFERENCE.sub(replace, value)


def xml_text(value: str) -> str | None:
    """The text of an XML element as the application reads it: "Fu&amp;ball" is the password "Fu&ball"."""
    text = _xml_unescape(value)
    return text if text.strip() else None


def xml_value(value: str) -> str | None:
    """plain_value of an XML element's text (unattend.xml <Value>, FileZilla <Pass>) after unescaping."""
    return plain_value(_xml_unescape(value))


def json_string(value: str) -> str | None:
    """The body of a JSON string literal decoded ("Gl\\u00fcck" -> "Glück", "a\\"b" -> 'a"b')."""
    try:
        text = json.loads(f'"{value}"')
    except ValueError:
        return None
    if not isinstance(text, str) or not text.strip() or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return None  # empty, or a lone surrogate that no output encoding can carry
    return text


def xml_unescape(value: str) -> str:
    """XML/HTML character references resolved, as a reader of the markup sees them ("Fu&amp;ball")."""
    return _xml_unescape(value)


def markup_config_value(value: str) -> str | None:
    """config_value of a value that may sit in an XML attribute (web.config's connectionString): the
    application reads "Pw&amp;1" as "Pw&1". Outside XML nobody writes an entity into a password."""
    return config_value(_xml_unescape(value))


def _literal(decoded: str | None) -> str | None:
    """A decoded device or SQL value, unless it is a placeholder (``<password>``, ``changeme``)."""
    return None if decoded is None or is_placeholder(decoded) else decoded


def cisco_type7_password(value: str) -> str | None:
    """Cisco IOS ``password 7 …``/``key 7 …``: the plaintext (credscan.detect.devicecodes)."""
    return _literal(cisco_type7(value))


def mikrotik_password(value: str) -> str | None:
    """A RouterOS export value, unquoted and unescaped."""
    return _literal(mikrotik_value(value))


def fortigate_password(value: str) -> str | None:
    """A FortiOS ``set passwd``/``set psksecret`` argument; ``ENC …`` values are encrypted, not findings."""
    return _literal(fortigate_value(value))


def snmp_password(value: str) -> str | None:
    """An SNMP community string other than the factory defaults."""
    return _literal(snmp_community(value))


def sql_password(value: str) -> str | None:
    """An SQL string literal's text (``'it''s'``), or an unquoted Oracle password."""
    return _literal(sql_string(value))


DECODERS: Registry[DecoderName, Callable[[str], str | None]] = Registry(
    "decoder",
    get_args(DecoderName),
    (
        ("plain_value", "credscan.detect.decoders:plain_value"),
        ("cmd_value", "credscan.detect.decoders:cmd_value"),
        ("xml_text", "credscan.detect.decoders:xml_text"),
        ("xml_value", "credscan.detect.decoders:xml_value"),
        ("json_string", "credscan.detect.decoders:json_string"),
        ("unquoted_value", "credscan.detect.decoders:unquoted_value"),
        ("config_value", "credscan.detect.decoders:config_value"),
        ("config_literal", "credscan.detect.decoders:config_literal"),
        ("markup_config_value", "credscan.detect.decoders:markup_config_value"),
        ("gpp_cpassword", "credscan.detect.decoders:gpp_cpassword"),
        ("unattend_administrator_password", "credscan.detect.decoders:unattend_administrator_password"),
        ("unattend_password", "credscan.detect.decoders:unattend_password"),
        ("base64_text", "credscan.detect.decoders:base64_text"),
        ("url_password", "credscan.detect.decoders:url_password"),
        ("basic_auth", "credscan.detect.decoders:basic_auth"),
        ("winscp_session", "credscan.detect.decoders:winscp_session"),
        ("vnc_password", "credscan.detect.decoders:vnc_password"),
        ("teamviewer_password", "credscan.detect.decoders:teamviewer_password"),
        ("mremoteng_password", "credscan.detect.decoders:mremoteng_password"),
        ("unencrypted_private_key", "credscan.detect.decoders:unencrypted_private_key"),
        ("base64_private_key", "credscan.detect.decoders:base64_private_key"),
        ("pgp_private_key", "credscan.detect.keyformats:pgp_private_key"),
        ("der_private_key", "credscan.detect.keyformats:der_private_key"),
        ("cisco_type7", "credscan.detect.decoders:cisco_type7_password"),
        ("mikrotik_value", "credscan.detect.decoders:mikrotik_password"),
        ("fortigate_value", "credscan.detect.decoders:fortigate_password"),
        ("sql_string", "credscan.detect.decoders:sql_password"),
        ("snmp_community", "credscan.detect.decoders:snmp_password"),
    ),
    a_function,
)
"""Decoder name (a rule's ``decoder``) -> the function that turns a match into its secret (None: it holds
none)."""
