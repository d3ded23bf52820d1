"""Tables written as text: PDF rows joined by blanks, tab-separated rows pasted into a mail, Markdown
tables, columns aligned with blanks — and text that only looks like a table (YAML keys, sentences, policy
tables, C struct members aligned in a manual); large text stays cheap."""

from __future__ import annotations

import time

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


def test_yaml_password_file_key_is_no_text_table(engine: DetectionEngine) -> None:
    body = (
        "    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      POSTGRES_USER: app\n"
    )
    assert text(engine, body, "docker-compose.yml") == []


def test_pdf_rows_joined_by_blanks(engine: DetectionEngine) -> None:
    body = (
        "Geräteliste\nGerät Benutzer Passwort\nRouter admin Adm1n!str375#\nNAS root Lange2022#\n"
        "Ende der Liste"
    )
    found = text(engine, body, "liste.pdf")
    assert secrets(found) == {"Adm1n!str375#", "Lange2022#"}
    assert {c.location["line"] for c in found} == {3, 4}
    assert all("Passwort=" in c.context and "Lange2022#" not in c.context for c in found)


def test_tab_separated_rows_pasted_into_a_mail(engine: DetectionEngine) -> None:
    body = (
        "Hallo,\nanbei:\nSystem\tUser\tKennwort\tInfo\n"
        "NAS\tadmin\tblaues Haus 42\t\nFW\troot\tFw!2024x\tneu\n"
    )
    assert secrets(text(engine, body, "mail.eml")) == {"blaues Haus 42", "Fw!2024x"}


def test_markdown_tables(engine: DetectionEngine) -> None:
    body = (
        "| Feld | Wert |\n|---|---|\n| User | rossi |\n| Password | Kirschbaum81+ |\n\n"
        "| Device | User | Password |\n| --- | --- | --- |\n"
        "| NAS | admin | N4s!2024 |\n| FW | admin | ******** |\n"
    )
    assert secrets(text(engine, body, "wiki.md")) == {"Kirschbaum81+", "N4s!2024"}


def test_a_prose_line_above_a_pasted_range_heads_no_table(engine: DetectionEngine) -> None:
    body = "anbei die Zugänge:\nSystem\tUser\tKennwort\nNAS\tadmin\tXk9#mQ2p!\n"
    assert secrets(text(engine, body, "mail.txt")) == {"Xk9#mQ2p!"}


def test_logins_aligned_with_blanks(engine: DetectionEngine) -> None:
    body = (
        "Zugänge\n\nHost      Login     Password\n"
        "nas01     admin     Xk9#mQ2p!\nfw        root      Qw#12-zz\n"
    )
    found = text(engine, body, "zugaenge.txt")
    assert secrets(found) == {"Xk9#mQ2p!", "Qw#12-zz"}
    assert {c.location["line"] for c in found} == {4, 5}


@pytest.mark.parametrize(
    "body",
    [
        # a manual's struct, its members aligned with comments (libjpeg.txt's jpeg_progress_mgr)
        "The struct contains four fields:\n"
        "        long pass_counter;      /* work units completed in this pass */\n"
        "        long pass_limit;        /* total number of work units in this pass */\n"
        "        int completed_passes;   /* passes completed so far */\n"
        "        int total_passes;       /* total number of passes expected */\n",
        # a C header's struct members aligned with blanks
        "struct login {\n    char    *user;\n    char    *password;\n    int     password_len;\n"
        "    unsigned char   pass_hash[32];\n};\n",
    ],
)
def test_aligned_c_declarations_are_no_table(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body, "manual.txt") == []


@pytest.mark.parametrize(
    "body",
    [
        "Benutzer Passwort\nbitte beim Kunden erfragen\n",  # row does not split like the header
        "User and password are sent separately.\nThanks\n",  # not a header line
        "Password last changed Password expires\n2024-01-01 2024-04-01\n",  # negative headers
        "| Setting | Value |\n|---|---|\n| Minimum password length | 14 characters |\n",
    ],
)
def test_text_that_only_looks_like_a_table(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body, "doc.pdf") == []


def test_large_text_is_cheap(engine: DetectionEngine) -> None:
    lines = ["Failed password for invalid user admin from 203.0.113.5 port 22 ssh2"] * 20_000
    lines += ["Host\tUser\tPassword"] + [f"h{i}\tu{i}\tPw!{i:06d}x" for i in range(5_000)]
    started = time.perf_counter()
    found = text(engine, "\n".join(lines), "big.log")
    elapsed = time.perf_counter() - started
    assert len(found) == 5_000
    assert elapsed < 20, elapsed
