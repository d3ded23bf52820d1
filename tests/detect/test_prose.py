"""Free-text password detection: labels, phrases, user/pass pairs, next-line values, locations, masking."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.prose import clean_secret
from credscan.model import Candidate, TextBlock


def detect(engine: DetectionEngine, text: str, name: str = "handover.docx", **kw: object) -> list[Candidate]:
    info = FileInfo(path=name, name=name, kind="docx", head=b"", size=0)
    return engine.detect_unit(info, TextBlock(text=text, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the password is Sup3rS3cret!", "Sup3rS3cret!"),
        ("Password: 'Sup3r S3cret!'", "Sup3r S3cret!"),
        ("pw=Xk9#mQ2p", "Xk9#mQ2p"),
        ("Kennwort: Sommer2024!", "Sommer2024!"),
        ("Das Passwort lautet Willkommen#24.", "Willkommen#24"),
        ("mot de passe : Ch@mbre42", "Ch@mbre42"),
        ("contraseña: Verano#2023", "Verano#2023"),
        ("wachtwoord: Fiets!Bel88", "Fiets!Bel88"),
        ("senha: Praia@2024", "Praia@2024"),
        ("lösenord: Sn0Boll!", "Sn0Boll!"),
        ("hasło: Zima2024!", "Zima2024!"),
        ("temporary password: Tmp-7731-xy", "Tmp-7731-xy"),
        ("Initial password Welcome#2024 (change at first logon)", "Welcome#2024"),
        ("WiFi key: Gr33nF0rest77", "Gr33nF0rest77"),
        ("WLAN-Schlüssel: Bl4ueS0nne!", "Bl4ueS0nne!"),
        ("credentials: admin / Sup3rS3cret!", "Sup3rS3cret!"),
        ("Root password – Kx!93mz0q", "Kx!93mz0q"),
    ],
)
def test_positive_phrases(engine: DetectionEngine, text: str, secret: str) -> None:
    assert [c.secret for c in detect(engine, text)] == [secret]


@pytest.mark.parametrize(
    "text",
    [
        "Passwords must be at least 12 characters long.",
        "Password: minimum twelve characters, complexity required.",
        "Kennwort: mindestens 10 Zeichen",
        "Your password will expire in 5 days. Click here to reset your password.",
        "Click here to reset your password: https://reset.example.com/",
        "Password: ********",
        "Password: (in vault)",
        "Passwort: siehe Passwortsafe",
        "Password: see IT Glue",
        "Password: <password>",
        "Kennwort: <Kennwort>",
        "Password: ____________",
        "the password is stored in the vault",
        "Das initiale Passwort erhalten Sie per SMS.",
        "e.g. password: Summer2024!",
        "$pw = Read-Host 'Password: ' -AsSecureString",
        "Password: the password you chose at registration.",
        "Password last changed: 2024-01-05",
    ],
)
def test_look_alikes(engine: DetectionEngine, text: str) -> None:
    assert detect(engine, text) == []


def test_user_named_before_the_password_is_the_account(engine: DetectionEngine) -> None:
    (found,) = detect(engine, "Ihr Benutzername: j.doe\nIhr Kennwort lautet: Willkommen#24", by_line=True)
    assert found.account == "j.doe"
    assert found.location == {"line": 2}


def test_user_pass_pair_and_reset_sentence_accounts(engine: DetectionEngine) -> None:
    (pair,) = detect(engine, "login: admin pw: Xk9#mQ2p")
    assert (pair.secret, pair.account) == ("Xk9#mQ2p", "admin")
    (reset,) = detect(engine, "I reset jdoe's password to Welcome2024! as requested.")
    assert (reset.secret, reset.account) == ("Welcome2024!", "jdoe")


def test_label_then_value_on_next_paragraph(engine: DetectionEngine) -> None:
    locations = [{"paragraph": 1}, {"paragraph": 2}, {"paragraph": 3}]
    (found,) = detect(engine, "VPN\nPasswort:\nV9n!Zugang", line_locations=locations)
    assert found.secret == "V9n!Zugang"
    assert found.location == {"paragraph": 3}


def test_context_is_masked(engine: DetectionEngine) -> None:
    (found,) = detect(engine, "Server nas01 Password: Sup3rS3cret! (repeat: Sup3rS3cret!)")
    assert "Sup3rS3cret!" not in found.context
    assert "Su********" in found.context


def test_hostile_text_does_not_break_detection(engine: DetectionEngine) -> None:
    text = ("password: " * 5000) + "\x00\ud800" + "Kennwort:" + "(" * 10000
    assert isinstance(detect(engine, text), list)


def test_bracketed_value_needs_a_digit_and_no_blanks() -> None:
    from credscan.detect.prose import clean_secret

    assert clean_secret("(PjBjD7W?KQWbC98),")[0] == "PjBjD7W?KQWbC98"
    assert clean_secret("(KeePass)")[0] == "(KeePass)"
    assert clean_secret("(in vault)")[0] == "(in vault)"


def test_clean_secret_drops_an_unpaired_closing_quote() -> None:
    assert clean_secret('W=d5wM9Cl;"')[0] == "W=d5wM9Cl"
    assert clean_secret("`Rossi2020*`")[0] == "Rossi2020*"
    assert clean_secret('"a b c"')[0] == "a b c"
