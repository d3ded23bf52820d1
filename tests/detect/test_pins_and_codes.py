"""PINs, PUKs and site codes: PIN/PUK and voicemail-PIN columns, alarm, door, gate and key-safe codes in
notes and tables, an access code in a sentence — and the notes about a code that hold none."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table, text


def test_pin_and_puk_columns(engine: DetectionEngine) -> None:
    rows = [
        ["Mitarbeiter", "Handy", "SIM", "PIN", "PUK"],
        ["Anna Huber", "iPhone 13", "89498425543610", "6027", "47340567"],
    ]
    assert secrets(table(engine, rows)) == {"6027", "47340567"}


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Le code d'accès est Kq7#mX2pLw", "Kq7#mX2pLw"),
        ("Il codice di accesso è Rossi2019#", "Rossi2019#"),
        ("Código de acceso: Verano#2023", "Verano#2023"),
    ],
)
def test_access_code_in_a_sentence(engine: DetectionEngine, body: str, secret: str) -> None:
    assert secrets(text(engine, body)) == {secret}


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Alarm disarm code - 905255", "905255"),
        ("Alarm code: 4471", "4471"),
        ("Key safe code: 2580", "2580"),
        ("The gate code is 7741#", "7741#"),
    ],
)
def test_site_codes_in_notes(engine: DetectionEngine, line: str, secret: str) -> None:
    assert secrets(text(engine, f"Site access\n{line}\n")) == {secret}


@pytest.mark.parametrize(
    "line",
    [
        "Alarm code: ask the office manager (Karen) - not stored here.",
        "Door code: 1987",
        "Alarm monitoring: ADT, account no. in the contract folder.",
        "Door access: swipe card, request via facilities.",
    ],
)
def test_site_code_look_alikes(engine: DetectionEngine, line: str) -> None:
    assert text(engine, f"Site access\n{line}\n") == []


def test_alarm_code_column(engine: DetectionEngine) -> None:
    rows = [["Site", "Alarm code", "Notes"], ["Head office", "4471", ""], ["Depot", "905255", "back gate"]]
    assert secrets(table(engine, rows, "sites.xlsx")) == {"4471", "905255"}


def test_voicemail_pin_column_of_a_phone_sheet(engine: DetectionEngine) -> None:
    rows = [["Staff", "Voicemail PIN", "Ext"], ["Jess Walker", "739215", "214"]]
    assert secrets(table(engine, rows, "phones.xlsx")) == {"739215"}
