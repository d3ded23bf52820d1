"""What kind of text a block is, and what a value written in it is: a literal, or code that names one.

A password in a program is a literal (``password = "Winter2024!"``); ``password = unquote(password)``,
``password: Optional[str] = None`` and ``password=KEY_PASSWORD`` name no password at all. A shell script's
bare words are literals (``-Password Winter2024!``), its ``$Password`` is a variable. A configuration file's
bare values are literals too. Markup is decoded to visible text before prose rules read it
(credscan.detect.markup). Prose has no syntax to lean on; a manual is prose whose values are all examples.

The syntax of a text comes from the file name, then from its first bytes (a shebang, ``<?xml``, ``<html``).
The judgement on a value (:func:`value_form`) is a named Verdict with a reason, so ``credscan rules
explain`` can say why a value was taken or not. Every text rule gets it through the ``code_expression``
filter (credscan.detect.filters); a rule or detector that needs "is this value a code literal" calls
:func:`value_form` with the line, the label's and the value's offsets and :func:`syntax_of`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

from credscan.detect.verdict import Verdict

Syntax: TypeAlias = Literal["code", "shell", "config", "markup", "prose", "manual"]
"""``manual``: prose that documents a program (TextBlock.manual); every value in it is an example."""


def _suffixes(text: str) -> frozenset[str]:
    return frozenset(text.split())


CODE_EXTENSIONS = _suffixes(
    ".py .pyw .pyi .js .mjs .cjs .ts .tsx .jsx .java .kt .kts .scala .groovy .cs .vb .fs .go .rs .rb .php "
    ".c .h .cc .cpp .cxx .hpp .hh .m .mm .swift .dart .lua .r .jl .ex .exs .erl .clj .hs .ml .vue .svelte "
    ".pl .pm .t .tcl .tm .vim .el .lisp .scm .sql"
)
"""Programming languages: a bare word is an identifier, a secret is a quoted literal."""
SHELL_EXTENSIONS = _suffixes(
    ".sh .bash .zsh .ksh .fish .ps1 .psm1 .psd1 .bat .cmd .btm .vbs .ahk .m4 .ac .am .mk .make .cmake"
)
"""Command languages: a bare word is a literal argument, ``$NAME``/``%NAME%`` is a variable."""
CONFIG_EXTENSIONS = _suffixes(
    ".ini .cfg .conf .cnf .env .properties .yaml .yml .toml .json .jsonc .reg .inf .plist .tfvars"
)
MARKUP_EXTENSIONS = _suffixes(
    ".html .htm .xhtml .shtml .xml .xsl .xslt .svg .xaml .rss .atom .aspx .config .admx .adml .xsd .wsdl "
    ".resx .csproj .vbproj .vcxproj .props .targets .nuspec .manifest"
)

_SHEBANG = re.compile(rb"^#![^\n]*\b(python[\d.]*|node|ruby|perl|php|sh|bash|zsh|ksh|dash|pwsh)\b")
_MARKUP_HEAD = re.compile(rb"^\s*(?:<\?xml|<!doctype\s+html|<!--|<[a-z][\w:.-]*[\s/>])", re.IGNORECASE)
"""A text that opens with an XML declaration, a doctype, a comment or an element is markup."""
_TEST_DIR = re.compile(r"(?:^|/)(?:tests?|testing|testdata|test_data|__tests__|fixtures|spec)(?:/|$)", re.I)
_TEST_NAME = re.compile(
    r"^(?:test_.*|.*_test|.*[._-](?:test|spec)|.*Tests?)\.(?:py|js|mjs|ts|tsx|jsx|go|rb|java|kt|cs|php|rs)$"
)


def syntax_of(name: str, kind: str, head: bytes) -> Syntax:
    """The syntax of a text file ("prose" for anything an extractor already turned into text)."""
    if kind != "text":
        return "prose"
    return _syntax(posixpath.splitext(name.lower())[1], head[:256])


TABLELESS_SYNTAX = frozenset({"code", "shell", "config"})
"""Program source, scripts and key/value formats (JSON, YAML, ini) hold no tables written as text: their
aligned columns and repeated keys are code and structure (`"password": password,` in a dict,
`PASS string  pass_(string)` in a docstring)."""


def may_hold_text_tables(name: str, kind: str, head: bytes) -> bool:
    """Whether the text of this file may hold tables written as text (credscan.extract.texttables)."""
    return syntax_of(name, kind, head) not in TABLELESS_SYNTAX


@lru_cache(maxsize=4096)
def _syntax(extension: str, head: bytes) -> Syntax:
    if extension in CODE_EXTENSIONS:
        return "code"
    if extension in SHELL_EXTENSIONS:
        return "shell"
    if extension in MARKUP_EXTENSIONS or _MARKUP_HEAD.match(head):
        return "markup"
    if extension in CONFIG_EXTENSIONS:
        return "config"
    shebang = _SHEBANG.match(head)
    if shebang:
        return "code" if shebang.group(1).decode()[:2] in ("py", "no", "ru", "pe", "ph") else "shell"
    return "prose"


def is_test_code(path: str, syntax: str) -> bool:
    """A test of a program (``test_netrc.py``, ``tests/…``): its literals are fixtures for a parser or a
    mock server. Shell scripts are never test code: an admin's ``test\\deploy.ps1`` is a real script."""
    if syntax != "code":
        return False
    path = path.replace("\\", "/")
    return bool(in_test_folder(path) or _TEST_NAME.match(posixpath.basename(path)))


def in_test_folder(path: str) -> bool:
    """The file lies in a program's test folder (``tests/``, ``testdata/``, ``fixtures/``): its configs and
    scripts are fixtures too, whatever their syntax."""
    return _TEST_DIR.search(posixpath.dirname(path.replace("\\", "/"))) is not None


# -- the parts of one line ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    kind: Literal["code", "string", "comment"]
    start: int
    """Offset of the segment in the line; for a string, of its opening quote."""
    end: int
    """Offset after the segment; for a closed string, after its closing quote."""
    closed: bool = True


_STRING_PREFIX = re.compile(r"(?:[rbufRBUF]{1,2}|u8|[LN]|@|\$)(?=[\"'])")
"""A string literal's prefix (b'…', r"…", f"…", C#'s @"…" and $"…", C's L"…" and u8"…", SQL's N'…'):
part of the literal."""
_COMMENT_LINE = re.compile(r"^\s*(?:#|//|/\*|\*(?:\s|$)|--|;|rem\b|::|%(?!\())", re.IGNORECASE)
"""A whole line of comment: ``# …``, ``// …``, `` * …`` inside a block comment, ``REM``, ``::``."""


def segments(line: str, syntax: str) -> list[Segment]:
    """The line split into code, string literals (with their quotes) and a trailing comment.

    Per line on purpose: a multi-line docstring's middle lines read as code, so its words are held to
    the strict rule for code (a value must be a literal) — the safe side for text nobody wrote as data.
    """
    if _COMMENT_LINE.match(line) and not line.lstrip().startswith(("'''", "*=", "%(")):
        return [Segment("comment", 0, len(line))]
    found: list[Segment] = []
    code_start = 0
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch in "\"'`":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else ch
            if i > code_start:
                found.append(Segment("code", code_start, i))
            j = i + len(quote)
            while j < n:
                if line[j] == "\\" and syntax != "shell":
                    j += 2
                    continue
                if line.startswith(quote, j):
                    if len(quote) == 1 and line.startswith(quote, j + 1):
                        j += 2  # SQL's, VB's and PowerShell's doubled quote: 'it''s' is one literal
                        continue
                    break
                j += 1
            closed = j < n
            end = min(n, j + len(quote)) if closed else n
            found.append(Segment("string", i, end, closed))
            i = code_start = end
            continue
        if (ch == "#" and (i == 0 or line[i - 1] in " \t;")) or (
            line.startswith("//", i) and (i == 0 or line[i - 1] in " \t;){")
        ):
            if i > code_start:
                found.append(Segment("code", code_start, i))
            found.append(Segment("comment", i, n))
            return found
        i += 1
    if code_start < n:
        found.append(Segment("code", code_start, n))
    return found


def _segment_at(parts: list[Segment], offset: int) -> Segment | None:
    for part in parts:
        if part.start <= offset < part.end:
            return part
    return None


# -- what a value is ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_END_OF_VALUE = re.compile(
    r"^\s*(?:$|[,;)\]{}]|#|//|/\*|\.(?!format\b)\w+\(|:\s*$|\?>|-->|and\b|or\b|&&|\|\|)"
)
"""What may follow a literal that IS the value: the end of the statement or of an argument, a comment,
a method call on it (``"secret".encode()``), a boolean operator (``password == "x" and …``) or the
block of a condition (Go's, Rust's and Swift's ``if secret != "x" {``)."""
_SQL_STATEMENT = re.compile(
    r"^\s*(?:create|alter|grant|revoke|exec|execute|connect|set\s+password)\s+\S", re.IGNORECASE
)
"""A line of code that is an SQL statement: its literals may be followed by more keywords."""
_SQL_KEYWORD_NEXT = re.compile(r"^\s+[A-Za-z_]\w*\b(?!\s*[(.=])")
"""``PASSWORD 'x' VALID UNTIL …``: a keyword (not a call, attribute or assignment) after an SQL literal."""
_SQL_IDENTIFIED_BY = re.compile(r"\bidentified\s+by\s+$", re.IGNORECASE)
"""Oracle's ``IDENTIFIED BY Tiger42``: the password written as a bare identifier."""
_SQL_BARE = re.compile(r"^[A-Za-z][^\s;,()\[\].:]*$")
"""An Oracle password identifier; ``:bind``, ``&subst``, ``@var`` and ``schema.name`` are not one."""
_PAIR_HEAD = re.compile(r"[^\s:\"'`]{1,64}:")
"""``"backup:Bk#Curl2024"``: the user half of a ``user:password`` literal."""
_TUPLE_TARGET = re.compile(r"[\w\])]\s*,\s*$")
"""``user, password = "wile", "coyote"``: the first value after ``=`` belongs to the first name."""
_SHELL_META = re.compile(r"[()|;&<>`]")
_SHELL_VARIABLE = re.compile(r"^(?:\$[A-Za-z_][A-Za-z_]*|\$\{[^}]*\}|\$\([^)]*\)|%[A-Za-z_]\w*%)[;,]?$")
_CODE_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*\s*\("), "a function call"),
    (re.compile(r"^[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*\s*\["), "a subscript"),
    (re.compile(r"^[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)+[;,)]*$"), "an attribute access"),
)


def code_shape(value: str) -> str | None:
    """What a value looks like as code: "a function call", "a subscript", "an attribute access" or None.

    For prose (where ``Firma.Mueller`` may be a password) only calls and subscripts count, and only when
    the value has no digit-free dotted form of a host name; callers decide how strict to be."""
    for pattern, shape in _CODE_SHAPES:
        if pattern.match(value):
            return shape
    return None


def value_form(line: str, label_at: int, start: int, end: int, syntax: str) -> Verdict:
    """Is the value at ``line[start:end]`` (after a label at ``label_at``) a literal of this syntax?

    - code: the label stands in code (or is a quoted key, ``"password": …``): the value must be a whole
      string or number literal that ends the expression; a label inside a string or comment reads as
      prose there, and its value must end inside that string or comment.
    - shell: as code, but a bare word is a literal; ``$Name``, ``$(…)``, ``%NAME%`` are variables.
    - config, markup and prose: every value is a literal (placeholders are judged by the validators).
    """
    name = "code_literal"
    if syntax not in ("code", "shell"):
        return Verdict(name, True, f"{syntax}: values are literals")
    parts = segments(line, syntax)
    label = _segment_at(parts, label_at)
    prefix = _STRING_PREFIX.match(line, start)
    value = _segment_at(parts, prefix.end() if prefix else start)
    if prefix:
        start = prefix.end()
    if label is None or value is None:
        return Verdict(name, True, "outside the line")
    if label.kind != "code" and value is label:
        closing = _quote_length(line, label) if label.kind == "string" and label.closed else 0
        if end > label.end - closing:
            return Verdict(name, False, f"the value runs past the end of the {label.kind} it stands in")
        return Verdict(name, True, f"a value inside a {label.kind}, read as prose")
    if label.kind == "comment":
        return Verdict(name, True, "a value in a comment, read as prose")
    before = line[:label_at]
    at_statement_level = before.count("(") <= before.count(")") and before.count("[") <= before.count("]")
    if at_statement_level and _TUPLE_TARGET.search(before) and "=" in line[label_at:start]:
        return Verdict(name, False, "a tuple assignment: the first value belongs to the first name")
    if value.kind == "string":
        quote_len = _quote_length(line, value)
        if end < value.end - quote_len:
            return Verdict(name, False, "part of a string literal, not the whole of it")
        if start > value.start + quote_len and not _PAIR_HEAD.fullmatch(line, value.start + quote_len, start):
            return Verdict(name, False, "part of a string literal, not the whole of it")
        if end > value.end:
            return Verdict(name, False, "runs past the string literal into code")
        after = line[value.end :]
        if syntax == "code" and not _END_OF_VALUE.match(after):
            if not (_SQL_STATEMENT.match(line) and _SQL_KEYWORD_NEXT.match(after)):
                return Verdict(name, False, "a string literal inside an expression (formatted, concatenated)")
            return Verdict(name, True, "an SQL string literal followed by a keyword")
        if start > value.start + quote_len:
            return Verdict(name, True, "the password half of a user:password string literal")
        return Verdict(name, True, "a string literal" if syntax == "code" else "a quoted argument")
    raw = line[start:end]
    if syntax == "shell":
        if _SHELL_VARIABLE.match(raw):
            return Verdict(name, False, "a shell variable or command substitution")
        if _SHELL_META.search(raw):
            return Verdict(name, False, "runs over shell syntax (brackets, pipes, separators)")
        return Verdict(name, True, "a bare word: a literal argument in a command language")
    if _NUMBER.match(raw) and _END_OF_VALUE.match(line[end:]):
        return Verdict(name, True, "a number literal")
    if _SQL_STATEMENT.match(line) and _SQL_IDENTIFIED_BY.search(line, 0, start) and _SQL_BARE.match(raw):
        return Verdict(name, True, "an SQL password written as an identifier (Oracle's IDENTIFIED BY x)")
    shape = code_shape(raw)
    if shape:
        return Verdict(name, False, f"{shape}, not a literal")
    if line[label_at:start].rstrip().endswith(":") and "=" not in line[label_at:start]:
        return Verdict(name, False, "a type annotation or a parameter's type, not a literal")
    return Verdict(name, False, "an identifier or expression, not a literal")


def _quote_length(line: str, segment: Segment) -> int:
    return 3 if line[segment.start : segment.start + 3] in ('"""', "'''") else 1
