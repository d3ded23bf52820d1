"""The named false-positive filters, each on its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.filters import FILTERS, FilterInput, dropped_by, public_value, sentence_continues
from tests.support.detect_helpers import secrets, text


def item(
    secret: str, line: str, name: str = "notes.txt", category: str = "plaintext-password"
) -> FilterInput:
    prefix = line[: line.find(secret)] if secret in line else line
    return FilterInput(secret=secret, line=line, prefix=prefix, file_name=name, category=category)


def test_password_policy() -> None:
    check = FILTERS["password_policy"]
    assert check(item("minimum", "Password: minimum twelve characters"))
    assert check(item("mindestens", "Kennwort: mindestens 10 Zeichen"))
    assert not check(item("Xk9#mQ2p", "Password: Xk9#mQ2p (must be changed)"))


def test_reset_notification() -> None:
    check = FILTERS["reset_notification"]
    assert check(item("expire", "Your password will expire in 5 days, click here"))
    assert not check(item("Tmp-7731-xy", "Your password will expire soon; your new password is Tmp-7731-xy"))


def test_documentation_example() -> None:
    check = FILTERS["documentation_example"]
    assert check(item("Summer2024!", "e.g. password: Summer2024!"))
    assert check(item("Test123!", "Beispiel: Kennwort: Test123!"))
    assert not check(item("Ftp!2024", "<Host>ftp.example.com</Host><Pass>Ftp!2024</Pass>"))
    # "example" as an address's local part is no marker; the word before it still is.
    assert not check(item("logmein", "if username == 'example@gmail.com' and password =='logmein':"))
    assert check(item("Summer2024!", "for example jdoe@corp.com, password: Summer2024!"))


def test_code_reads_password() -> None:
    check = FILTERS["code_reads_password"]
    assert check(item("Read-Host", "$pw = Read-Host 'Password'"))
    assert check(item("os.environ['PW']", "password = os.environ['PW']"))
    assert not check(item("Sup3r!", "password = 'Sup3r!'"))


def test_template_value() -> None:
    check = FILTERS["template_value"]
    assert check(item("changeme", "DB_PASSWORD=changeme", name=".env.example"))
    assert check(item("password", "Passwort: password", name="vorlage_zugang.docx"))
    assert not check(item("changeme", "DB_PASSWORD=changeme", name=".env"))
    assert not check(item("Xk9#mQ2p", "DB_PASSWORD=Xk9#mQ2p", name="app.sample"))


def test_hashed_by_name() -> None:
    check = FILTERS["hashed_by_name"]
    digest = "513e0a36963ae1e8431c041b744679ee578b7c44"

    def assigned(line: str, category: str = "api-token") -> FilterInput:
        found = item(digest, line, category=category)
        return replace(found, at=line.find(digest), passed=frozenset({"random_token"}))

    assert check(assigned(f'"hashed_secret": "{digest}",'))
    assert check(assigned(f"password_sha256 = {digest}", "config-credential"))
    assert check(assigned(f'tokenDigest: "{digest}"'))
    assert not check(assigned(f'"client_secret": "{digest}",'))
    assert not check(assigned(f'HASH_SECRET = "{digest}"'))  # the key a hash is made with
    assert not check(item(digest, f"hashed_secret {digest}"))  # no position known: not judged


def test_label_word_in_a_name() -> None:
    check = FILTERS["label_word_in_a_name"]
    assert check(replace(item("lowpass", "'lowpass': 'lowpass',"), prefix="'lowpass': '"))
    assert check(item("SetPassword", "  SET_PASSWORD = 'SetPassword'"))
    assert check(item("no-password-required", 'NOPASSWORD = "no-password-required"'))
    assert check(item("id-at-userPassword", '    user_password: "id-at-userPassword",'))
    assert not check(item("thisismypassword", "Password=thisismypassword"))  # one run of letters
    assert not check(item("myPassword", "User ID=sa;Password=myPassword;"))  # one word, camel-cased
    assert not check(item("Password1", 'DB_PASSWORD = "Password1"'))  # a digit: a password
    assert not check(item("compass", "Password: compass"))  # not its label's word
    assert not check(replace(item("lowpass", "'x': 'lowpass',", category="api-token"), prefix="'lowpass': '"))


def test_not_a_value_keeps_webhook_urls_for_token_rules() -> None:
    check = FILTERS["not_a_value"]
    assert check(item("https://reset.example.com/", "Click: https://reset.example.com/"))
    assert not check(item("https://hooks.slack.com/services/T/B/x", "x", category="api-token"))
    assert check(item("siehe", "Passwort: siehe Safe"))
    assert check(item("********", "Password: ********"))


def test_dropped_by_names_the_filter_and_honours_skips() -> None:
    candidate = item("password123", "DB_PASSWORD=password123", name="x.template")
    assert dropped_by(candidate) == "template_value"
    assert dropped_by(candidate, skip=("template_value",)) == "default_password"
    assert dropped_by(candidate, skip=("template_value", "default_password")) is None


def _item(secret: str, line: str) -> FilterInput:
    return FilterInput(secret=secret, line=line, prefix=line[: line.find(":") + 1], file_name="a.docx")


def test_public_key_token_is_public(engine: DetectionEngine) -> None:
    xml = '<component name="Microsoft-Windows-Shell-Setup" publicKeyToken="31bf3856ad364e35" language="x">'
    assert not text(engine, xml, "unattend.xml")
    item = FilterInput(secret="31bf3856ad364e35", line=xml, prefix=xml[: xml.index("Token")], file_name="x")
    assert public_value(item)


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
