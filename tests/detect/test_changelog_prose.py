"""Changelog and NEWS prose about passwords is no password (issue 15: what keeps tar and compressed files
off by default).

With --archives, every package's compressed changelog, NEWS file and test report in a Debian
/usr/share/doc reaches the detectors. Each line below is quoted from such a file (bash, shadow's passwd and
login, Linux-PAM, GnuTLS, openjdk's jtreg report), beside the true positive that looks like it. Cost:
well under a second (one engine, shared by the session).
"""

from __future__ import annotations

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


def test_a_sed_substitution_in_a_changelog_is_an_edit(engine: DetectionEngine) -> None:
    for line in (
        "\ts/change password/password change/ in passwd(1) (by Simon Brandmair <sbrandmair@gmx.net>).\n",
        "\ttypo (s/passwordchanges/password changes/).\n",
        "\t* README: s#password: cvs#password: [empty password]#\n",
    ):
        assert secrets(text(engine, line, "changelog")) == set(), line


def test_a_sed_script_that_writes_a_password_is_still_found(engine: DetectionEngine) -> None:
    body = "sed -i 's/^password=.*/password=Xk9#mq2v/' /etc/app.conf\n"
    assert any("Xk9#mq2v" in s for s in secrets(text(engine, body, "notes.txt")))


def test_a_wrapped_sentence_is_no_device_password(engine: DetectionEngine) -> None:
    body = (
        "\tremove using SHADOWPWD #define so now shadow is allways builded with shadow\n"
        "\tpassword support.\n"
    )
    assert secrets(text(engine, body, "changelog")) == set()


def test_an_indented_ios_line_password_is_still_found(engine: DetectionEngine) -> None:
    body = "line vty 0 4\n password Vty!Access9\n login\n"
    assert "Vty!Access9" in secrets(text(engine, body, "switch.cfg"))


def test_a_parenthesis_after_the_password_word_opens_another_sentence(engine: DetectionEngine) -> None:
    body = "* added -lc to linker pass for pam_nologin module (glibc is weird).\n"
    assert secrets(text(engine, body, "changelog")) == set()
    found = secrets(text(engine, "the password for the NAS (old) is Harbour#2291\n", "notes.txt"))
    assert "Harbour#2291" in found


def test_the_working_directory_variable_is_no_password(engine: DetectionEngine) -> None:
    body = (
        "c.  PWD is now auto-exported.\n"
        "c.  OLDPWD is now auto-exported, as POSIX.2 seems to require.\n"
        "h.  Fixed a problem that caused the `\\W' prompt string escape sequence to\n"
        "    expand to nothing when $PWD was `//'.\n"
    )
    assert secrets(text(engine, body, "CHANGES")) == set()
    assert "Xk9#mq2v" in secrets(text(engine, "the new password is Xk9#mq2v\n", "notes.txt"))
    assert "Sommer-2024" in secrets(text(engine, "PWD is now Sommer-2024\n", "notes.txt"))


def test_a_commit_subject_after_a_psk_prefix_is_a_sentence(engine: DetectionEngine) -> None:
    body = "Date:   Mon Apr 23 15:11:28 2018 +0200\n\n    psk: mark psk_ke_modes as invalid when ignored\n"
    assert secrets(text(engine, body, "changelog")) == set()
    assert "Winter2024!" in secrets(text(engine, "Guest WLAN psk: Winter2024!\n", "notes.txt"))


def test_an_api_list_of_a_news_file_names_no_value(engine: DetectionEngine) -> None:
    body = (
        "GNUTLS_CERT_SIGNATURE_FAILURE: Added\n"
        "GNUTLS_PKCS_NULL_PASSWORD: Added\n"
        "gnutls_url_is_supported: Added\n"
    )
    assert secrets(text(engine, body, "NEWS")) == set()
    assert "Harbour2291" in secrets(text(engine, "DB_PASSWORD: Harbour2291\n", "app.env"))


def test_a_pkcs11_uri_names_its_token(engine: DetectionEngine) -> None:
    body = (
        "pkcs11:token=Root%20CA%20Certificates;serial=1%3AROOTS%3ADEFAULT;model=1%2E0;"
        "manufacturer=Gnome%20Keyring\n"
    )
    assert secrets(text(engine, body, "NEWS")) == set()
    real = "api_token=Zq8vN3kT7xW2pL9mR4sY6bH1\n"
    assert "Zq8vN3kT7xW2pL9mR4sY6bH1" in secrets(text(engine, real, "settings.ini"))


def test_a_password_setting_named_in_a_test_summary_is_no_value(engine: DetectionEngine) -> None:
    body = (
        '<a href="/tmp/jdk/JTwork/sun/security/provider/PolicyFile/Alias.jtr">'
        "sun/security/provider/PolicyFile/Alias.java</a>: add principal \"alias\" grant syntax to policy "
        'file  Note: the keystore password is "Alias.password".\n<br\n>\n'
        "AliasExpansion.java: Note: the keystore used is Alias.keystore - password is \"Alias.password\".\n"
    )
    assert secrets(text(engine, body, "passed.html")) == set()
    found = secrets(text(engine, 'Note: the keystore password is "Alias#2291".\n', "notes.txt"))
    assert "Alias#2291" in found
