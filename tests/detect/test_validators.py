"""Each named validator on its own, and the combined looks_like_password switches."""

from __future__ import annotations

import pytest

from credscan.detect import validators as v


@pytest.mark.parametrize(
    "value",
    [
        "********",
        "xxxx",
        "•••••",
        "(in vault)",
        "see IT Glue",
        "siehe Passwortsafe",
        "in KeePass",
        "N/A",
        "-",
        "none",
        "unknown",
        "TBD",
        "?",
        "____________",
        "Su****4!",
    ],
)
def test_masked_values_are_rejected(value: str) -> None:
    assert not v.not_masked(value)


@pytest.mark.parametrize(
    "value",
    [
        "<password>",
        "${DB_PASSWORD}",
        "%PASSWORD%",
        "{{ db_pass }}",
        "$env:ADMIN_PW",
        "YOUR_PASSWORD_HERE",
        "your-password-here",
        "[Kennwort]",
    ],
)
def test_placeholders_are_rejected(value: str) -> None:
    assert not v.not_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "$2b$12$" + "a" * 53,
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "a" * 40,
        "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
        "$6$salt$" + "b" * 86,
    ],
)
def test_hashes_are_rejected(value: str) -> None:
    assert not v.not_hash(value)


@pytest.mark.parametrize(
    "value", ["2024-01-05", "05.01.2024", "1/5/2024", "2024-01-05 00:00:00", "12:30", "3 Mar 2024"]
)
def test_dates_are_rejected(value: str) -> None:
    assert not v.not_date(value)


def test_numbers_need_a_password_label() -> None:
    assert not v.looks_like_password("48213977")
    assert v.looks_like_password("48213977", numeric_ok=True)
    assert not v.looks_like_password("2019", numeric_ok=True)  # a year
    assert not v.looks_like_password("+49 171 2345678", numeric_ok=True)  # a phone number
    assert not v.looks_like_password("471", numeric_ok=True)
    assert v.looks_like_password("471", numeric_ok=True, short_ok=True)  # a PIN column


@pytest.mark.parametrize(
    "value",
    ["https://portal.example.com", "jdoe@example.com", "C:\\Users\\admin", "\\\\srv\\share", "10.0.0.1"],
)
def test_urls_mails_paths_are_rejected(value: str) -> None:
    assert not v.not_url_email_path(value)


def test_test_results_sentences_code_and_header_words() -> None:
    for value in ("Pass", "FAIL", "TRUE", "✓", "ok"):
        assert not v.not_test_result(value)
    assert not v.not_sentence("ask the client")
    assert not v.not_sentence("per Mail")
    assert v.not_sentence("Sup3r Secret!")
    assert not v.not_code("Read-Host 'Password' -AsSecureString")
    assert not v.not_code("os.environ['PW']")
    assert not v.not_vocabulary_word("Kennwort")
    assert not v.not_vocabulary_word("Password")


@pytest.mark.parametrize(
    "value", ["Sup3rS3cret!", "Sommer2024!", "Xk9#mQ2p", "admin123", "Blue-tiger-42", "P@ssw0rd"]
)
def test_real_passwords_pass(value: str) -> None:
    assert v.looks_like_password(value)
    assert v.looks_like_prose_password(value)


@pytest.mark.parametrize("value", ["required", "stored", "the", "mindestens", "expired", "managed", "see"])
def test_prose_words_are_no_passwords(value: str) -> None:
    assert not v.looks_like_prose_password(value)


def test_length_bounds() -> None:
    assert not v.looks_like_password("abc")
    assert not v.looks_like_password("a" * 129)
    assert v.length_ok("abcd") and not v.length_ok("")


def test_registry_names_every_validator() -> None:
    assert v.VALIDATORS["looks_like_password"] is v.looks_like_password
    assert all(callable(f) for f in v.VALIDATORS.values())


def test_masked_value_with_a_remark() -> None:
    assert not v.not_masked("Standard (Hersteller)")
    assert not v.not_masked("siehe Keeper (Ordner Kunden)")
    assert v.not_masked("Sommer (2024)!")


def test_hyphenated_prose_word() -> None:
    assert not v.not_prose_word("ressaisissez-le")
    assert not v.not_prose_word("mot-de-passe")
    assert v.not_prose_word("sommer-wiese")
    assert v.not_prose_word("Kaffee-sonne11$")


@pytest.mark.parametrize(
    "value",
    ["Tresor", "Passwortsafe", "safe", "coffre-fort", "bekannt", "pendiente", "TBC"],
)
def test_vault_and_pending_words_are_no_passwords(value: str) -> None:
    assert not v.looks_like_password(value, numeric_ok=True)


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
