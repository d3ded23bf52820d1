"""troff source (man pages) read as the text it renders, line for line.

A Linux server's backup or a compressed tree holds thousands of man pages, and man pages are troff source:
``the shadow password file\\&.``, ``\\fB\\-\\-password\\fR=\\fIPASS\\fR``, ``\\*(Aqsecret\\*(Aq``. Read as
plain text, an escape glued to a word makes prose look like a password and its value (``file\\&.`` is no
dictionary word). Rendered, the same lines are ordinary documentation, which the detectors already tell
apart. Every input line gives exactly one output line, so a finding keeps the line number of its source.

What is rendered: escapes (fonts, sizes and zero-width marks dropped; dashes, quotes and the accented
letters of translated pages turned into their characters; ``\\"`` comments cut), and control lines: those
of the man macros that carry text (``.SH``, ``.B``, ``.BR``, ``.IP`` …) keep it, every other request or
macro (``.PP``, ``.TP``, ``.nf``, ``.de`` … ``..``) becomes an empty line. Nothing is interpreted beyond
that: no registers, no macro expansion, no conditionals; the cost is one regular-expression pass a line.
"""

from __future__ import annotations

import re
import shlex
import unicodedata

_HEAD_LINES = 40
_FIRST_LINE = re.compile(r"^[.'][ \t]*(?:\\\"|TH\b|Dd\b|so\b|de\b|ig\b)")
_MAN_MACRO = re.compile(r"^[.'][ \t]*(?:TH|SH|Dd|Sh)[ \t]", re.MULTILINE)

_CONTROL = re.compile(r"^[.'][ \t]*(?P<name>[^ \t\\]*)(?P<args>.*)$")
_TEXT_MACROS = {"B", "I", "SM", "SB", "SH", "SS", "UR", "MT", "OP", "Nm", "Nd", "Sh", "Ss"}
"""Macros whose arguments are text shown joined by blanks."""
_TAG_MACROS = {"IP", "TQ"}
"""Macros whose first argument is a paragraph's tag (the second is its indent, not shown)."""
_ALTERNATING = {"BR", "BI", "IB", "IR", "RB", "RI"}
"""Font-alternating macros: their arguments are shown joined without blanks (``.BR passwd (5)``)."""
_BLOCK_START = {"de", "de1", "am", "ig", "ds"}

_ESCAPE = re.compile(
    r"""\\(?:
        f(?:\[[^\]\n]*\]|\(..|.)               # font change: \fB \f(CW \f[BI]
      | s(?:[-+]?\d\d?|\(\d\d|\[[^\]\n]*\])     # size change: \s-1 \s0 \s(12
      | \((?P<two>..)                          # special character: \(aq \(em \(:o
      | \[(?P<named>[^\]\n]*)\]                # special character by name: \[aq]
      | \*(?:\((?P<str2>..)|\[(?P<strn>[^\]\n]*)\]|(?P<str1>.))  # string: \*(Aq \*[lq] \*R
      | [nwhvlLDobXxYZkz]                      # numbers, widths, motions, marks: dropped with their name
        (?:\[[^\]\n]*\]|\(..|'[^'\n]*'|.)?
      | (?P<one>.)                             # one-character escape: \- \& \e \(space) \|
    )""",
    re.VERBOSE,
)
_SPECIAL = {
    "aq": "'", "dq": '"', "lq": '"', "rq": '"', "oq": "'", "cq": "'", "em": "—", "en": "–", "hy": "-",
    "mi": "-", "bu": "•", "co": "©", "rg": "®", "tm": "™", "ti": "~", "ha": "^", "rs": "\\", "sl": "/",
    "ga": "`", "ss": "ß", "Fo": "«", "Fc": "»", "fo": "‹", "fc": "›", "de": "°", "mu": "×", "->": "→",
    "<-": "←", "pl": "+", "eq": "=", "lB": "[", "rB": "]", "lC": "{", "rC": "}", "ba": "|", "at": "@",
    "sh": "#", "Do": "$", "ct": "¢", "Eu": "€", "Po": "£", "ae": "æ", "AE": "Æ", "o/": "ø", "O/": "Ø",
}  # fmt: skip
"""Named characters (groff_char(7)) a man page writes; other names render as nothing."""
_STRINGS = {"Aq": "'", "Dq": '"', "lq": '"', "rq": '"', "R": "®", "Tm": "™", "S": "", "Lq": '"', "Rq": '"'}
"""Strings the man macros define (groff_man(7)); others render as nothing."""
_ACCENTS = {":": "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", ",": "\u0327"}
"""``\\(:o``, ``\\('e`` … : a letter with its accent (the pages translated into German, French …)."""
_ONE = {
    "-": "-",
    "e": "\\",
    "\\": "\\",
    " ": " ",
    "~": " ",
    "0": " ",
    ".": ".",
    "'": "'",
    "`": "`",
    "t": "\t",
}
"""One-character escapes that render as a character; the others (``\\&``, ``\\|``, ``\\c`` …) as nothing."""


def is_roff(text: str) -> bool:
    """troff source: a first line that is a comment or a page header request, or a man page's ``.TH``/
    ``.SH`` (or mdoc's ``.Dd``/``.Sh``) among the first lines."""
    start = text[:16384]
    if not start.startswith((".", "'")) and "\n." not in start and "\n'" not in start:
        return False  # no control line at all: the common case, answered in C
    head = start.split("\n", _HEAD_LINES)[:_HEAD_LINES]
    first = next((line for line in head if line.strip()), "")
    return bool(_FIRST_LINE.match(first)) or bool(_MAN_MACRO.search("\n".join(head)))


def render(text: str) -> str:
    """The text troff source shows, one output line per input line (see the module's docstring)."""
    out: list[str] = []
    skipping = False
    for line in text.split("\n"):
        control = _CONTROL.match(line) if line[:1] in ".'" else None
        if skipping:
            skipping = control is None or control.group("name") != "."
            out.append("")
            continue
        if control is None:
            out.append(_escapes(_uncomment(line)))
            continue
        name = control.group("name")
        if name in _BLOCK_START:
            skipping = name != "ds"
            out.append("")
        elif name in _TEXT_MACROS or name in _ALTERNATING or name in _TAG_MACROS:
            words = _arguments(_uncomment(control.group("args")))
            words = words[:1] if name in _TAG_MACROS else words
            out.append(("" if name in _ALTERNATING else " ").join(_escapes(word) for word in words))
        else:
            out.append("")
    return "\n".join(out)


def _uncomment(line: str) -> str:
    """The line without a ``\\"`` comment (an escaped backslash ``\\\\"`` is no comment)."""
    at = 0
    while (found := line.find("\\", at)) != -1:
        if line.startswith('\\"', found) or line.startswith("\\#", found):
            return line[:found]
        at = found + 2
    return line


def _arguments(args: str) -> list[str]:
    """A macro's arguments: blank-separated, double quotes group (an unbalanced quote: split on blanks)."""
    try:
        lexer = shlex.shlex(args, posix=True)
        lexer.whitespace_split = True
        lexer.quotes = '"'
        lexer.escape = ""
        return list(lexer)
    except ValueError:
        return args.split()


def _escapes(text: str) -> str:
    return _ESCAPE.sub(_escape, text) if "\\" in text else text


def _escape(match: re.Match[str]) -> str:
    if (two := match.group("two") or match.group("named")) is not None:
        return _special(two)
    string = match.group("str2") or match.group("strn") or match.group("str1")
    if string is not None:
        return _STRINGS.get(string, "")
    one = match.group("one")
    return _ONE.get(one, "") if one is not None else ""


def _special(name: str) -> str:
    if name in _SPECIAL:
        return _SPECIAL[name]
    if len(name) == 2 and name[0] in _ACCENTS and name[1].isalpha():
        return unicodedata.normalize("NFC", name[1] + _ACCENTS[name[0]])
    return ""
