"""A program's manual shows passwords as examples of its syntax; the same lines anywhere else are findings.

Man pages, GNU info pages and Vim help files made 260 of the 303 findings of a Debian ``/usr/share`` read
with its compressed files: gcloud's ``--password=PASSWORD`` options and example commands, PostgreSQL's
``CREATE USER davide WITH PASSWORD 'jw8s0F4'``, apt_auth.conf's netrc examples, openssl's option tables,
glibc's ``struct passwd *getpwnam(const char *name);``. Each manual below is written the way its generator
writes it (troff source, makeinfo output, a Vim help tag), with lines quoted from those pages; each is
scanned through the whole pipeline, beside the same line in a file that is no manual. A private key is
reported in a manual too: a key stays a key wherever it is printed. Cost: well under a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.extract.manuals import is_manual
from tests.support.docbuilders_pki import pem_private_key
from tests.support.scanning import found, scan_file

EXAMPLE_LINES = (
    "CREATE USER davide WITH PASSWORD 'jw8s0F4';",
    "machine example.org login apt password Debi4n-Mirror",
    "gcloud sql users create kai --instance=prod --password=Zq7-wLm2vR",
    "mysql -u root -pTr0ub4dor-3",
)
"""Lines the way manuals show them: every one of them is a finding in a script, a config or a note."""

MAN_PAGE = (
    '.\\" Manual page for a database tool\n'
    '.TH DBTOOL 1 "2024-01-01" "dbtool 2.1" "User Commands"\n'
    ".SH NAME\n"
    "dbtool \\- manage database users\n"
    ".SH SYNOPSIS\n"
    ".B dbtool\n"
    "[\\fB\\-\\-password\\fR=\\fIPASSWORD\\fR] [\\fB\\-pwri_password\\fR \\fIpassword\\fR]\n"
    ".SH OPTIONS\n"
    ".TS\n"
    "Option\tPassword\n"
    "\\-\\-login\tSecretSauce99\n"
    ".TE\n"
    ".SH EXAMPLES\n"
    ".nf\n" + "".join(line.replace("-", "\\-") + "\n" for line in EXAMPLE_LINES) + ".fi\n"
    ".SH SEE ALSO\n"
    ".BR getpwnam (3)\n"
    "struct passwd *getpwnam(const char *name);\n"
)
INFO_PAGE = (
    "This is dbtool.info, produced by makeinfo version 6.8 from dbtool.texi.\n\n"
    "File: dbtool.info,  Node: Examples,  Up: Top\n\n"
    "1 Examples\n**********\n\n"
    + "".join(f"     {line}\n" for line in EXAMPLE_LINES)
    + "\n   Set HTTP password, equivalent to '--http-password=PASSWORD'.\n"
)
VIM_HELP = (
    "*dbtool.txt*\tFor Vim version 9.0.  Last change: 2024 Jan 01\n\n"
    "CHANGING USERID AND PASSWORD\t\t\t*dbtool-password*\n\n"
    + "".join(f"\t{line}\n" for line in EXAMPLE_LINES)
    + "\n vim:tw=78:ts=8:noet:ft=help:norl:\n"
)
SECRETS = {"jw8s0F4", "Debi4n-Mirror", "Zq7-wLm2vR", "Tr0ub4dor-3"}


@pytest.mark.parametrize(
    ("name", "body"),
    [("dbtool.1", MAN_PAGE), ("dbtool.info", INFO_PAGE), ("dbtool.txt", VIM_HELP)],
    ids=["man page", "info page", "vim help"],
)
def test_passwords_in_a_manual_are_examples(tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    assert found(scan_file(path)) == {}


@pytest.mark.parametrize("name", ["deploy.sh", "notes.txt", "dbtool.1"])
def test_the_same_lines_outside_a_manual_are_findings(tmp_path: Path, name: str) -> None:
    """A note saved as ``dbtool.1`` is no manual: the generator's header decides, not the name."""
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in EXAMPLE_LINES), encoding="utf-8")
    assert set(found(scan_file(path))) >= SECRETS


def test_a_private_key_in_a_manual_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "sshtool.1"
    path.write_text(MAN_PAGE + ".SH KEY\n.nf\n" + pem_private_key() + ".fi\n", encoding="utf-8")
    findings = scan_file(path).findings
    assert [f.category for f in findings] == ["private-key"]


@pytest.mark.parametrize(
    "start",
    [
        '.TH PASSWD 5 "2023" "shadow-utils"\n',
        "This is wget.info, produced by makeinfo version 6.8 from wget.texi.\n",
        "This is gnupg.info, produced by texi2any version 7.0.3 from gnupg.texi.\n",
        "\ufeff*pi_netrw.txt*  For Vim version 9.0.  Last change: 2022 Jun 12\n",
    ],
)
def test_a_manual_is_told_by_its_generators_header(start: str) -> None:
    assert is_manual(start + "\nsome text\n")


@pytest.mark.parametrize(
    "start",
    [
        "This is my info about the servers, produced by Tom.\n",
        "*important*  passwords for the NAS\n",
        ".bashrc of the backup server\n",
    ],
)
def test_a_note_is_no_manual(start: str) -> None:
    assert not is_manual(start + "admin password: Xk9#mq2v\n")
