"""Whether a text is a program's manual: a man page, a GNU info page or a Vim help file.

A manual documents a program for everyone who installs it, so every password, token name or connection
string it shows is an example of the syntax it explains (``--password=PASSWORD``, ``CREATE USER davide
WITH PASSWORD 'jw8s0F4'``, ``machine example.org login apt password debian``). A Linux server's backup or a
share's copy of a software tree holds thousands of them. Extractors mark such text (``TextBlock.manual``)
and the detectors then judge only what stays secret wherever it is printed: private keys and tokens of a
known format (credscan.detect.filters.in_a_manual).

Each kind is told by the header its generator writes, never by the file's name or folder: a page copied
elsewhere or renamed is still a manual, and a note saved as ``passwords.1`` is not one.
"""

from __future__ import annotations

import re

from credscan.extract.roff import is_roff

_INFO_HEADER = re.compile(r"\AThis is [^\n,]{1,200}, produced by (?:makeinfo|texi2any)\b")
"""The first line of every GNU info file, split parts (``gnupg.info-2``) included."""
_VIM_HELP_HEADER = re.compile(r"\A\*[\w.-]{1,80}\.txt\*[ \t]")
"""The first line of a Vim help file: its tag (``*pi_netrw.txt*  For Vim version 9.0.``)."""


def is_manual(text: str) -> bool:
    """The start of ``text`` is a man page (troff source), a GNU info page or a Vim help file."""
    start = text.lstrip("\ufeff")[:512]
    return bool(_INFO_HEADER.match(start) or _VIM_HELP_HEADER.match(start)) or is_roff(text)
