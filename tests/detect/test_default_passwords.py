"""Default and guessable passwords (secret, changeme, admin …): reported where they are live, each beside
the same text where it is documentation, a template, a test or a placeholder.

docs/detection.md, "Default and guessable passwords". Each case is one small text through the real engine
(about 1 s for the file).
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from credscan.detect.defaultwords import is_default_label, is_default_password
from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.model import Candidate, Table, TextBlock
from tests.support.scanning import scan_file


@cache
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


def candidates(path: str, text: str) -> list[Candidate]:
    name = Path(path).name
    info = FileInfo(path=path, name=name, kind="text", head=text.encode()[:64], size=len(text))
    return engine().detect_unit(info, TextBlock(text=text, by_line=True))


def secrets(path: str, text: str) -> set[str]:
    return {c.secret for c in candidates(path, text)}


URI = "DATABASE_URL=postgresql://crm:secret@db01.corp.local/crm\n"
INI = "[database]\nhost = db01.corp.local\nuser = crm\npassword = changeme\n"
PSEXEC = "psexec \\\\srv01 -u CORP\\svc_deploy -p admin cmd /c ipconfig\n"
GRADLE = (
    "repositories {\n  maven {\n    credentials {\n      username 'deploy'\n      password 'password'\n"
    "    }\n  }\n}\n"
)
LDAP = '$entry = New-Object DirectoryServices.DirectoryEntry("LDAP://10.0.0.5", "CORP\\svc", "secret")\n'
CODE = 'conn = psycopg2.connect(host="db01", user="crm", password="secret")\n'
WEB_CONFIG = '<add name="crm" connectionString="Server=db01;Database=crm;User Id=sa;Password=secret;" />\n'


@pytest.mark.parametrize(
    ("path", "text", "secret"),
    [
        ("/srv/crm/.env", URI, "secret"),
        ("/srv/crm/app.conf", INI, "changeme"),
        ("//fs01/it/scripts/deploy.cmd", PSEXEC, "admin"),
        ("/src/build.gradle", GRADLE, "password"),
        ("//fs01/it/scripts/ldap.ps1", LDAP, "secret"),
        ("/srv/crm/db.py", CODE, "secret"),
        ("/inetpub/crm/web.config", WEB_CONFIG, "secret"),
        ("/home/tech/notes.txt", "postgresql://user:secret@localhost/crm\n", "secret"),  # a config line
        ("/home/tech/backup.sh", "mysql -u root -psecret crm < /backup/crm.sql\n", "secret"),
        ("/home/tech/nas.sh", "curl -u admin:admin http://10.0.0.1/api/backup\n", "admin"),  # user = password
    ],
)
def test_a_live_default_password_is_a_finding(path: str, text: str, secret: str) -> None:
    """Reported under the default-password rule of the category of the rule that read it (an ini line
    reads as a plaintext "password = X" label as well as a config key)."""
    found = [c for c in candidates(path, text) if c.secret == secret]
    assert [c.rule_id for c in found] in (["config.default-password"], ["password.default-password"])


def test_a_default_password_in_a_note_is_reported_as_one() -> None:
    found = candidates("/home/tech/nas.txt", "NAS admin password: changeme\n")
    assert [(c.rule_id, c.secret) for c in found] == [("password.default-password", "changeme")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # templates and examples
        ("/srv/crm/.env.example", URI),
        ("/srv/crm/app.conf.sample", INI),
        ("/src/build.gradle.template", GRADLE),
        # a program's tests, whatever the syntax (a shell script in a test folder stays a script)
        ("/src/crm/tests/fixtures/app.conf", INI),
        ("/src/crm/tests/test_db.py", CODE),
        # documentation files
        ("/src/crm/README.md", "Start the server:\n\n```\n" + URI + "```\n"),
        ("/src/crm/README", URI),
        ("/src/crm/docs/api.rst", "Try it::\n\n    curl -u admin:admin http://localhost:8080/api\n"),
        ("/usr/share/doc/crm/index.html", "<pre>" + URI + "</pre>\n"),
        # prose: a sentence, or a line among sentences
        (
            "/home/tech/guide.txt",
            "Connect with psql postgresql://app:secret@localhost/crm and create the tables you need.\n",
        ),
        (
            "/home/tech/guide.txt",
            "To reach the database from the client, use a URL of the following form:\n\n"
            "    postgresql://app:secret@db01/crm\n\nThen restart the service and check its log file.\n",
        ),
        # read from the environment, the literal is the fallback when it is unset
        ("/src/app.js", 'const secret = process.env.JWT_SECRET || "changeme";\n'),
        # labels and metavariables, and words that mean "fill this in"
        ("/src/i18n/en.json", '{"password": "Password"}\n'),
        ("/home/tech/usage.txt", "psexec \\\\srv01 -u CORP\\svc_deploy -p PASSWORD cmd\n"),
        ("/srv/app/.env", "SMTP_USER=mailer\nSMTP_PASSWORD=CHANGEME\n"),
        ("/srv/app/.env", "REACT_APP_MAILER_PASSWORD=smtp_password # Enter your SMTP email password\n"),
        ("/srv/app/config.json", '{"password": "your_password"}\n'),
    ],
)
def test_the_same_default_password_in_documentation_is_no_finding(path: str, text: str) -> None:
    assert secrets(path, text) == set()


PERL_MAP = "#!/usr/bin/perl\nmy %tmap = (\n    login => 'username',\n    password => 'password',\n);\n"
NETRC = "machine nas01.corp.local login backup password password\n"


def test_a_map_of_field_names_is_no_login() -> None:
    """git-credential-netrc.perl maps netrc tokens to credential fields (``password => 'password'``); a
    program that sets a password to a default word is another thing."""
    assert secrets("/usr/share/doc/git/contrib/credential/netrc/git-credential-netrc.perl", PERL_MAP) == set()
    assert "secret" in secrets("/src/sync.pl", "my %db = (user => 'crm', password => 'secret');\n")


def test_a_test_named_file_is_a_test_whatever_its_syntax() -> None:
    """git's contrib/credential/netrc/test.command-option-gpg writes a netrc line for its test suite."""
    script = "#!/bin/sh\necho " + NETRC
    assert secrets("/usr/share/doc/git/contrib/credential/netrc/test.command-option-gpg", script) == set()
    assert secrets("/home/backup/.netrc", NETRC) == {"password"}


def test_names_of_password_fields_in_a_program_are_no_login() -> None:
    """SQLAlchemy's MySQLdb dialect maps its argument names to the driver's
    (``dict(database="db", username="user", password="passwd")``)."""
    mapping = '_translate_args = dict(\n    database="db", username="user", password="passwd"\n)\n'
    assert secrets("/site-packages/sqlalchemy/dialects/mysql/mysqldb.py", mapping) == set()
    assert "changeme" in secrets(
        "/src/app/db.py", 'connect(database="crm", user="crm", password="changeme")\n'
    )


def test_a_comment_in_program_source_is_a_note() -> None:
    """urllib3's docstring shows the URL it builds in a comment; the same URL in the code is used."""
    comment = '    # "https://username:password@host.com:80/path?query#fragment"\n'
    assert secrets("/site-packages/urllib3/util/url.py", comment) == set()
    assert "password" in secrets("/src/app/sync.py", 'URL = "https://backup:password@nas01.corp.local/dav"\n')


def test_a_plain_word_in_a_url_shows_the_syntax_unless_it_is_a_default() -> None:
    """``scott:tiger`` in SQLAlchemy's docstrings is the classic illustration; ``user:secret`` is a default
    password (reported where live), ``scott:T1ger!`` a password."""
    assert (
        secrets("/src/app/db.py", 'engine = create_engine("postgresql://scott:tiger@host/test")\n') == set()
    )
    assert secrets("/src/app/db.py", 'engine = create_engine("postgresql://scott:T1ger!@db01/crm")\n') == {
        "T1ger!"
    }


def test_a_package_description_is_documentation() -> None:
    """A wheel's METADATA (and an sdist's PKG-INFO) is the package's README."""
    text = 'Usage\n\n```python\nfile.load_key(password="Passw0rd")  # Use password\n```\n'
    assert secrets("/site-packages/msoffcrypto_tool-6.1.0.dist-info/METADATA", text) == set()
    assert "Passw0rd" in secrets("/home/tech/decrypt.py", 'file.load_key(password="Passw0rd")\n')


def table_secrets(path: str, rows: list[list[str]]) -> dict[str, str]:
    name = Path(path).name
    info = FileInfo(path=path, name=name, kind="xlsx", head=b"", size=1)
    found = engine().detect_unit(info, Table(rows=rows, location={"sheet": "Zugänge"}))
    return {c.secret: c.rule_id for c in found}


LOGINS = [
    ["System", "Benutzer", "Passwort"],
    ["NAS", "admin", "changeme"],
    ["Firewall", "admin", "Gr4u!Wolf-7"],
]


def test_a_default_password_in_a_logins_sheet_is_reported_as_one() -> None:
    """``changeme`` under a password header of a client's logins sheet is the account's password."""
    assert table_secrets("//fs01/kunden/Zugänge.xlsx", LOGINS) == {
        "changeme": "password.default-password",
        "Gr4u!Wolf-7": "password.table-column",
    }
    assert table_secrets("//fs01/vorlagen/Zugänge_Vorlage.xlsx", LOGINS) == {
        "Gr4u!Wolf-7": "password.table-column"
    }


def test_a_script_in_a_folder_named_test_stays_a_script() -> None:
    """An admin's ``test\\deploy.cmd``, ``test.cmd`` or ``test-backup.ps1`` is a real script
    (credscan.detect.syntax.is_test_code); git's ``test.command-option-gpg`` is its test suite's."""
    assert "admin" in secrets("//fs01/it/test/deploy.cmd", PSEXEC)
    assert "admin" in secrets("//fs01/it/scripts/test-backup.ps1", PSEXEC)
    assert "admin" in secrets("//fs01/it/scripts/test.cmd", PSEXEC)


def test_a_strong_password_keeps_its_own_rule() -> None:
    found = candidates("/srv/crm/.env", "DATABASE_URL=postgresql://crm:Kx9!crm-2024@db01.corp.local/crm\n")
    assert [(c.rule_id, c.secret) for c in found] == [("config.url-credentials", "Kx9!crm-2024")]


@pytest.mark.parametrize(
    ("value", "default", "label"),
    [
        ("secret", True, False),
        ("'changeme'", True, False),
        ("Admin", True, False),
        ("P@ssw0rd", True, False),
        ("Password", False, True),
        ("SECRET", False, True),
        ("CHANGEME", False, True),
        ("your_password", False, False),
        ("Kx9!crm-2024", False, False),
    ],
)
def test_default_words_and_labels(value: str, default: bool, label: bool) -> None:
    assert is_default_password(value) is default
    assert is_default_label(value) is label


# -- documentation hosts ------------------------------------------------------------------------------


def test_a_strong_password_on_a_documentation_host_is_reported() -> None:
    """Nothing tells a strong password in a URL on example.com from a real one someone wrote there."""
    text = "MONGO_URL=mongodb://app:D1fficultP%40ssw0rd@mongodb0.example.com:27017/?authSource=admin\n"
    assert secrets("/srv/app/.env", text) == {"D1fficultP@ssw0rd"}


@pytest.mark.parametrize(
    "text",
    [
        "proxy = https://user:pass@sub.example.com\n",
        "proxy = ftp://joe:password@proxy.example.com/rubbish:3128\n",
        "url = https://jo%40email.com:a%20secret@www.example.com\n",
        "url = https://abc:xyz@example.com\n",
    ],
)
def test_a_weak_password_on_a_documentation_host_shows_the_syntax(text: str) -> None:
    assert secrets("/srv/app/settings.conf", text) == set()


# -- the finding a user sees --------------------------------------------------------------------------


def test_the_finding_says_default_password_and_to_change_it(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(URI + "API_PASSWORD=Kx9!api-2024\n", encoding="utf-8")
    by_secret = {f.secret: f for f in scan_file(path).findings}
    weak, strong = by_secret["secret"], by_secret["Kx9!api-2024"]
    assert weak.rule_id == "config.default-password" and weak.category == "config-credential"
    assert "default or guessable" in weak.rule_name.lower()
    assert "Set a strong, unique password" in weak.remediation
    assert weak.confidence < strong.confidence
    assert weak.secret_masked == "********"


@pytest.mark.timeout(60)
def test_a_megabyte_line_beside_a_default_password_costs_little() -> None:
    """The sentence test reads a bounded window: a hostile file's long run of letters next to the value."""
    letters = "a" * 1_000_000
    text = f"{letters}\npostgresql://user:secret@db01/crm {letters}\n{letters}\n"
    started = time.monotonic()
    candidates("/home/tech/notes.txt", text)
    assert time.monotonic() - started < 5
