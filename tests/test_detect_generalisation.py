"""Detection behaviour added for documents the detector was not tuned on (the hold-out corpus findings):
tables written as text, phrases with blanks in cells, quoted cells, user/password label pairs, qualifiers,
and the filters and validators that keep policies, markup and code out."""

from __future__ import annotations

import time

import pytest

from credscan.detect import validators as v
from credscan.detect.engine import DetectionEngine
from credscan.detect.filters import FilterInput, sentence_continues
from credscan.detect.prose import clean_secret
from credscan.detect.vocabulary import vocabulary
from tests.support.detect_helpers import secrets, table, text

# -- validators --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["blaues Haus 42", "rotes Pierogi 42", "Blue Sky 42!", "grüne Wiese 7"])
def test_passwords_with_blanks_pass(value: str) -> None:
    assert v.not_sentence(value)


@pytest.mark.parametrize(
    "value", ["ask Tom", "steht im Keeper", "im Safe Nr 3", "see vault entry 12", "a b c d e f 1"]
)
def test_notes_with_blanks_fail(value: str) -> None:
    assert not v.not_sentence(value)


@pytest.mark.parametrize("value", ["><Value>X1!</Value>", "<br/>", "abc</td>", ">Sommer2024"])
def test_markup_is_no_password(value: str) -> None:
    assert not v.not_markup(value)
    assert not v.looks_like_password(value)


def test_markup_check_keeps_symbols() -> None:
    assert v.not_markup("Kx<9#mQ")  # a lone "<" inside a password stays allowed
    assert v.not_markup("a>b<c9")


@pytest.mark.parametrize("value,plain", [("bekannt?", True), ("messagerie", True), ("Xk9#mQ2p", False),
                                          ("Sommer2024", False), ("4711", False)])  # fmt: skip
def test_not_plain_word(value: str, plain: bool) -> None:
    assert v.not_plain_word(value) is not plain


def test_mail_merge_fields_are_placeholders() -> None:
    assert not v.not_placeholder("«Kennwort»")
    assert not v.not_placeholder("[[password]]")


def test_other_password_managers_are_references() -> None:
    for value in ("Keeper", "in Passbolt", "Passwordstate"):
        assert not v.not_masked(value), value


# -- filters -----------------------------------------------------------------------------------------


def _item(secret: str, line: str) -> FilterInput:
    return FilterInput(secret=secret, line=line, prefix=line[: line.find(":") + 1], file_name="a.docx")


@pytest.mark.parametrize(
    "secret,line",
    [
        ("liegt", "Kennwort: liegt versiegelt beim Geschäftsführer"),
        ("da", "Password: da cambiare ogni 90 giorni."),
        ("zmiana", "Hasło: zmiana co 90 dni."),
        ("nooit", "Wachtwoord: nooit delen met collega's."),
    ],
)
def test_sentence_after_a_label_is_dropped(secret: str, line: str) -> None:
    assert sentence_continues(_item(secret, line))


@pytest.mark.parametrize(
    "secret,line",
    [
        ("whiteduke", "AUTH_PASSWORD: whiteduke    # some comment"),
        ("Sonnenschein", "Passwort: Sonnenschein"),
        ("Sonnenschein", 'Passwort: "Sonnenschein" bitte ändern'),
        ("Sonnenschein", "Passwort: Sonnenschein Benutzer: admin"),
        ("Xk9#mQ2p", "Password: Xk9#mQ2p please change it"),
    ],
)
def test_value_before_a_comment_label_or_quote_is_kept(secret: str, line: str) -> None:
    assert not sentence_continues(_item(secret, line))


def test_code_is_never_a_value(engine: DetectionEngine) -> None:
    found = text(engine, "$pass = ConvertTo-SecureString 'Xk9#mQ2p!' -AsPlainText -Force\n", "i.ps1")
    assert "ConvertTo-SecureString" not in secrets(found)


def test_clean_secret_drops_an_unpaired_closing_quote() -> None:
    assert clean_secret('W=d5wM9Cl;"')[0] == "W=d5wM9Cl"
    assert clean_secret("`Rossi2020*`")[0] == "Rossi2020*"
    assert clean_secret('"a b c"')[0] == "a b c"


# -- tables ------------------------------------------------------------------------------------------


def test_user_password_label_pair_is_split(engine: DetectionEngine) -> None:
    assert vocabulary().header_kind("Identifiant / MDP") == "credentials"
    found = table(engine, [["Box", "Livebox"], ["Identifiant / MDP", "admin / Q*Q-Crf4"]])
    assert [(c.secret, c.account) for c in found] == [("Q*Q-Crf4", "admin")]


def test_quoted_and_spaced_cells(engine: DetectionEngine) -> None:
    found = table(
        engine, [["Gerät", "Passwort"], ["PC", "\u201eblaues Haus 42\u201c"], ["NAS", "im Safe Nr 3"]]
    )
    assert secrets(found) == {"blaues Haus 42"}


# -- tables written as text ----------------------------------------------------------------------------


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
