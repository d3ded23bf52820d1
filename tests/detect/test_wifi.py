"""Wi-Fi keys: a key after the network's name or SSID in a handout or a note, and a "Key" row below a
network label in a table — beside the notes about a key that hold none ("at the reception", "changes
daily") and the "Key" rows that are licence or product keys."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table, text


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Gäste-WLAN\nSSID: Gast-3\nSchlüssel: Kaffee-sonne11$\nBitte nicht weitergeben.", "Kaffee-sonne11$"),
        ("WiFi for visitors\nNetwork: Visitors\nKey: Q&4U577GDpP0", "Q&4U577GDpP0"),
        ("Wi-Fi: Guest-Net, pass aVK7+XZqaG94qq0", "aVK7+XZqaG94qq0"),
        ("WLAN Lager: SSID Lager-5G, Schlüssel SfjL#J2JweZVzb3", "SfjL#J2JweZVzb3"),
        ("Réseau Wi-Fi invités\nSSID : Invites\nClé WPA : Estate2023?", "Estate2023?"),
    ],
)
def test_wifi_key_after_network_name(engine: DetectionEngine, body: str, secret: str) -> None:
    assert secrets(text(engine, body)) == {secret}


@pytest.mark.parametrize(
    "body",
    [
        "Gäste-WLAN\nSSID: Gast\nDen Schlüssel erhalten Sie am Empfang.",
        "WLAN-Schlüssel: wird täglich gewechselt",
        "Wi-Fi: Guest-Net, pass holders only",
        "Network: 10.0.0.0/24\nAPI key: see vault",
        "Netzwerkschrank im Keller\nSchlüssel: beim Hausmeister",
    ],
)
def test_wifi_notes_are_no_keys(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ([["SSID", "BSD-Staff"], ["Key", "Harbour2024!"]], {"Harbour2024!"}),
        ([["Guest SSID", "BSD-Guest"], ["Guest Key", "Wattle#2291"]], {"Wattle#2291"}),
        ([["Network", "BSD-Staff"], ["Security", "WPA2"], ["Key", "Kq7#mX2pLw9"]], {"Kq7#mX2pLw9"}),
        ([["Staff Wi-Fi name", "BSD"], ["Key", "Kq7#mX2pLw9"]], {"Kq7#mX2pLw9"}),
        # a "Key" under anything but a network label is a licence or product key
        ([["Network switch", "HP 1920"], ["Key", "WX3-99812"]], set()),
        ([["Licence", "Office 2021"], ["Key", "ABCDE-FGHIJ-KLMNO"]], set()),
        ([["SSID", "BSD-Staff"], ["Key", "ask reception"]], set()),
    ],
)
def test_wifi_key_row_below_a_network_label(
    engine: DetectionEngine, rows: list[list[str]], found: set[str]
) -> None:
    assert secrets(table(engine, rows, "handover.docx")) == found


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("SSID: BSD-Staff  Key: Kq7#mX2pLw9", "Kq7#mX2pLw9"),
        ("SSID BSD-Staff / Key Kq7#mX2pLw9", "Kq7#mX2pLw9"),
    ],
)
def test_wifi_key_beside_the_ssid_on_one_line(engine: DetectionEngine, line: str, secret: str) -> None:
    found = text(engine, f"Notes\n{line}\n")
    assert {(c.rule_id, c.secret) for c in found} == {("password.wifi-key", secret)}


@pytest.mark.parametrize("line", ["SSID: BSD-Guest  Key: ask reception"])
def test_wifi_note_beside_the_ssid_is_no_key(engine: DetectionEngine, line: str) -> None:
    assert text(engine, f"Notes\n{line}\n") == []


def test_wifi_key_column_needs_an_ssid_column(engine: DetectionEngine) -> None:
    assert secrets(table(engine, [["SSID", "Key"], ["Office", "Gr33nF0rest77"]])) == {"Gr33nF0rest77"}
    assert table(engine, [["Product", "Key"], ["Office", "XXXXX-7YQ3B-9KD4M"]]) == []
