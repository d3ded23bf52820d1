"""Detection behaviour added after blind corpus N (corpus_n): "login <account> / <password>" without a
colon in partner notes, a letters-only value followed by a one-letter word and more text ("adgangskode:
opbevares i 1Password") read as a sentence, and Italian/Nordic status words after "la password è …"."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Notariatsportal – login e.peeters / Krakow?pierogi74", {"Krakow?pierogi74"}),
        ("Lohnportal: Logon lohn.admin / Y3v6y#sjB6f2RsDL", {"Y3v6y#sjB6f2RsDL"}),
        # a login page, an SSO note or a masked value is no password
        ("Login page / portal", set()),
        ("login via / SSO", set()),
        ("Login Office / Teams", set()),
        ("Login jdoe / ********", set()),
        # without blanks around the slash it is a path or a pair other rules judge
        ("login e.peeters/Krakow", set()),
    ],
)
def test_login_account_slash_password_without_colon(
    engine: DetectionEngine, line: str, found: set[str]
) -> None:
    assert secrets(text(engine, f"Partnernotizen\n{line}\n")) == found


def test_login_pair_names_the_account(engine: DetectionEngine) -> None:
    (candidate,) = text(engine, "Portal – login e.peeters / Krakow?pierogi74\n")
    assert candidate.account == "e.peeters"


@pytest.mark.parametrize(
    "line",
    [
        "Administrator adgangskode: opbevares i 1Password",
        "Router kodeord: gemt i Keeper",
        "Lösenord: förvaras i kassaskåpet",
        "la tua password del portale fornitori è scaduta. Clicca su 'Password dimenticata'.",
        "La password è obbligatoria.",
    ],
)
def test_nordic_and_italian_notes_are_no_password(engine: DetectionEngine, line: str) -> None:
    assert secrets(text(engine, f"IT\n{line}\n")) == set()


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        # a one-letter word only continues a sentence when more follows it
        ("Adgangskode: Fjord2024! i skuffen", "Fjord2024!"),
        ("la password è Gelato@sachertorte2", "Gelato@sachertorte2"),
        ("Adgangskode: Kanelbulle", "Kanelbulle"),
    ],
)
def test_real_values_next_to_those_notes_are_kept(engine: DetectionEngine, line: str, secret: str) -> None:
    assert secrets(text(engine, f"IT\n{line}\n")) == {secret}
