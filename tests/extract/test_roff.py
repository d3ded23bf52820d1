"""Man pages (troff source) are read as the text they show, line for line: documentation prose stays prose,
a password written in a man page's example still is one, and line numbers are the source's."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.extract.roff import is_roff, render
from credscan.model import TextBlock
from tests.support.docbuilders import extract_file, make_text
from tests.support.docbuilders_pki import pem_private_key
from tests.support.formatbuilders import make_tar, scan_findings

SHADOW_PAGE = r"""'\" t
.\"     Title: shadow
.TH "SHADOW" "5" "02/07/2023" "shadow\-utils 4\&.13" "File Formats and Configuration Files"
.ie \n(.g .ds Aq \(aq
.el       .ds Aq '
.de URL
\\$2 \(laURL: \\$1 \(ra\\$3
..
.SH "NAME"
shadow \- shadowed password file
.SH "DESCRIPTION"
.PP
\fBshadow\fR
is a file which contains the password information for the system\*(Aqs accounts\&.
The chage program will report only the information from the shadow password file\&.
.PP
\fBencrypted password\fR
.RS 4
Refer to
\fBcrypt\fR(3) for details on how this string is interpreted\&. If the password field contains
some string that is not a valid result of
\fBcrypt\fR(3), for instance ! or *, the user will not be able to use a unix password to log in\&.
.RE
.IP "\-\-password=\fIPASSWORD\fR" 4
Der Benutzer wird nach seinem alten Passwort gefragt\&. Verschl\(:usselte Passw\(:orter
.BR passwd (5)
"""


def test_a_man_page_renders_to_its_text_line_for_line() -> None:
    assert is_roff(SHADOW_PAGE)
    shown = render(SHADOW_PAGE).split("\n")
    assert len(shown) == SHADOW_PAGE.count("\n") + 1  # one line out per line in: locations stay the source's
    assert shown[9] == "shadow - shadowed password file"
    assert shown[13] == "is a file which contains the password information for the system's accounts."
    assert shown[14].endswith("from the shadow password file.")
    assert shown[6] == ""  # inside a macro definition
    assert shown[23] == "--password=PASSWORD"  # .IP's tag, not its indent
    assert "Verschlüsselte Passwörter" in shown[24]
    assert shown[25] == "passwd(5)"  # alternating fonts: joined without blanks


def test_what_is_no_troff_is_left_as_it_is() -> None:
    for text in (
        "Password: Winter2024!\n.\nnotes\n",
        "\\fB is how troff writes bold\n",
        ".env files hold DB_PASSWORD=x\n",
    ):
        assert not is_roff(text)


def test_man_pages_give_no_findings_while_a_key_in_one_is_found(tmp_path: Path) -> None:
    """The prose of a man page is no password once its escapes are read (and its passwords are examples:
    tests/detect/test_manuals.py); a private key printed in one is still found, on its source line."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "shadow.5.gz").write_bytes(gzip.compress(SHADOW_PAGE.encode()))
    make_tar(share / "man.tar.gz", {"man5/shadow.5": SHADOW_PAGE.encode()}, "w:gz")
    page = SHADOW_PAGE + ".SH EXAMPLE\n.nf\n"
    make_text(share / "sshd_keys.7", page + pem_private_key() + ".fi\n")
    findings, _ = scan_findings(share)
    assert [(Path(f.path).name, f.category) for f in findings] == [("sshd_keys.7", "private-key")]
    assert findings[0].location == {"line": page.count("\n") + 1}


def test_a_man_page_is_one_text_block_of_rendered_lines(tmp_path: Path) -> None:
    kind, blocks = extract_file(make_text(tmp_path / "useradd.8", SHADOW_PAGE))
    assert kind == "text"
    (block,) = blocks
    assert isinstance(block, TextBlock)
    assert "\\f" not in block.text and "\\-" not in block.text and ".SH" not in block.text


PIECES = [*".'\\\"fB(*[]aq- \n\tSHTPde", "\\(", "\\*(", "\\f[", ".de X\n", "..\n", '.IP "', "\\(:o"]
"""Pieces of troff, escapes and control lines cut anywhere."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_hostile_troff_renders_line_for_line_without_error(text: str) -> None:
    shown = render(text)
    assert shown.count("\n") == text.count("\n")
