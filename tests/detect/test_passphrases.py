"""Passphrases of plain words ("rote katze tanzt leise") are passwords in a password column and after a
label; notes of a few words ("ask Tom", "Frau Meier fragen", "Chef weiß Bescheid") are not."""

from __future__ import annotations

import pytest

from credscan.detect import validators as v
from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table, text


@pytest.mark.parametrize("value", ["rote katze tanzt leise", "violin pepper garden", "Maison Verte Violon"])
def test_plain_word_passphrases_are_passwords(value: str) -> None:
    assert v.is_passphrase(value)
    assert v.looks_like_password(value, numeric_ok=True)


@pytest.mark.parametrize(
    "value",
    [
        "ask Tom",  # two words: a note
        "Frau Meier fragen",  # a verb of asking
        "liegt versiegelt beim Chef",  # stopword
        "Keeper Clients ACME",  # a vault name
        "Kunde kennt Passwort",  # a header word
        "Ja, Keeper",  # punctuation
        "one two three four five six",  # too many words
        "Kundin ruft zurück",  # a sentence's mixed case
        "Chef weiß Bescheid",
    ],
)
def test_notes_are_not_passphrases(value: str) -> None:
    assert not v.is_passphrase(value)
    assert not v.looks_like_password(value, numeric_ok=True)


def test_passphrase_column_and_label(engine: DetectionEngine) -> None:
    rows = [
        ["Benutzer", "Abteilung", "Passwort (Passphrase)"],
        ["jdoe", "Lager", "rote katze tanzt leise"],
        ["mmax", "Lager", "Frau Meier fragen"],
    ]
    assert secrets(table(engine, rows)) == {"rote katze tanzt leise"}
    grid = [["WLAN", ""], ["SSID", "HUBER"], ["WPA2-Schlüssel", "river wolke blue"]]
    assert secrets(table(engine, grid)) == {"river wolke blue"}


def test_passphrase_after_a_label_in_text(engine: DetectionEngine) -> None:
    body = (
        "WLAN für Mitarbeitende\nNetzwerk: OFFICE-5G\nPasswort: maison wolke horse lamp\nNicht weitergeben."
    )
    assert secrets(text(engine, body)) == {"maison wolke horse lamp"}
    for note in ("Passwort: erhalten Sie an der Rezeption", "Password: ask the client", "Password: Tresor"):
        assert not text(engine, note), note
