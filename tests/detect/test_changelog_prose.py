"""Changelog and NEWS prose about passwords is no password.

With archives read (the default), every package's compressed changelog, NEWS file and test report in a Debian
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
        "\tremove using SHADOWPWD #define so now shadow is allways builded with shadow\n\tpassword support.\n"
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
        'sun/security/provider/PolicyFile/Alias.java</a>: add principal "alias" grant syntax to policy '
        'file  Note: the keystore password is "Alias.password".\n<br\n>\n'
        'AliasExpansion.java: Note: the keystore used is Alias.keystore - password is "Alias.password".\n'
    )
    assert secrets(text(engine, body, "passed.html")) == set()
    found = secrets(text(engine, 'Note: the keystore password is "Alias#2291".\n', "notes.txt"))
    assert "Alias#2291" in found


def test_a_dependency_chain_of_packages_is_no_login(engine: DetectionEngine) -> None:
    body = (
        "    previously pulled in via the dependency chain\n"
        "    libgtk-3-0 -> adwaita-icon-theme -> librsvg2-common. (Closes: #959629)\n"
    )
    assert secrets(text(engine, body, "changelog.Debian")) == set()
    shorthand = "- Draytek Vigor -> admin -> ww Nordlys-54-lavendel\n"
    assert "Nordlys-54-lavendel" in secrets(text(engine, shorthand, "notes.txt"))
    assert "blue-horse-42" in secrets(text(engine, "user svc-backup password blue-horse-42\n"))


def test_a_hesiod_zone_and_nsswitch_example_hold_no_password(engine: DetectionEngine) -> None:
    body = (
        "  # Example configuration of GNU Name Service Switch functionality.\n"
        "  #\n\n"
        "  passwd:\t  db files hesiod\n"
        "  group:\t  db files hesiod\n\n"
        '  libc.group      TXT     "libc:*:123:gnu,gnat"\n'
        '  gnu.passwd      TXT     "gnu:*:4567:123:GNU:/home/gnu:/bin/bash"\n'
    )
    assert secrets(text(engine, body, "README.hesiod")) == set()
    assert "violin pepper garden stone" in secrets(text(engine, "Password: violin pepper garden stone\n"))


def test_a_gnu_arch_archive_name_is_no_mailbox(engine: DetectionEngine) -> None:
    body = (
        "\tUpdate to the latest commit and mailnotify scripts from\n"
        "\tgary@gnu.org--2004/cvs-utils--tla--1.0:\n"
        "\tpatch and the 2004-09-05 Albert Chin-A-Young patch, aka\n"
        "\tgary@gnu.org--2004/libtool--devo--1.0--patch-169,172:\n"
    )
    assert secrets(text(engine, body, "ChangeLog")) == set()
    assert "Harbour2024!" in secrets(text(engine, "Office 365 admin - admin@contoso.com / Harbour2024!\n"))


def test_a_documented_argument_is_no_value(engine: DetectionEngine) -> None:
    for line in (
        "tallow passing of password using --password=something\n",
        "\tadd possibility to pass the password as --password=something + update the doxygen documentation\n",
        "* New option --use-askpass=COMMAND. Fetch user/password by calling\n  an external program.\n",
    ):
        assert secrets(text(engine, line, "changelog")) == set(), line
    assert "Wg3t!Pass" in secrets(text(engine, "wget --user=admin --password=Wg3t!Pass https://nas/x\n"))


def test_a_documented_argument_in_a_usage_synopsis_is_no_value(engine: DetectionEngine) -> None:
    """A manual's synopsis brackets each option: the closing bracket is the synopsis's, so the value is
    the documented argument in capitals, no password; a real value in brackets is still one."""
    for line in (
        "gcloud sql instances create INSTANCE [--root-password=ROOT_PASSWORD] [--async]\n",
        "[--certificate-pfx-file=PATH_TO_FILE : --certificate-password=CERTIFICATE_PASSWORD] [--async]\n",
        "smbcacls [-U|--user=[DOMAIN/]USERNAME[%PASSWORD]] [--password=STRING] [-N|--no-pass]\n",
    ):
        assert secrets(text(engine, line, "gcloud_sql_instances_create.1")) == set(), line
    assert "Tk7w2Qz9LmPx4Rb8Nc" in secrets(text(engine, "run-job [--token=Tk7w2Qz9LmPx4Rb8Nc] --now\n"))
    assert "Kx9#[mq2v]" in secrets(text(engine, "password=Kx9#[mq2v]\n"))


def test_an_interlace_pass_is_no_password(engine: DetectionEngine) -> None:
    body = (
        "pass you cannot be sure that the preceding pass is just 'pass-1'; if you really\n"
        "need to know what the last pass is record (row,pass) from the callback and use\n"
    )
    assert secrets(text(engine, body, "libpng-manual.txt")) == set()
    assert "Gr33nF0rest77" in secrets(text(engine, "The WiFi key is Gr33nF0rest77.\n"))
    assert "sunshine" in secrets(text(engine, "WLAN key: sunshine\n"))


def test_a_debugger_backtrace_names_arguments(engine: DetectionEngine) -> None:
    body = (
        "    0x00007f29aec2534f in PDFDoc::setup (this=this@entry=0x311e1b0,\n"
        "    ownerPassword=ownerPassword@entry=0x1165830,\n"
        "    userPassword=userPassword@entry=0x447f550) at PDFDoc.cc:262\n"
    )
    assert secrets(text(engine, body, "changelog")) == set()
    assert "Pdf#Owner24" in secrets(text(engine, "ownerPassword=Pdf#Owner24\n", "settings.ini"))


def test_a_sentence_wrapped_after_the_value_is_prose(engine: DetectionEngine) -> None:
    body = (
        "        * .link files gained a new WakeOnLanPassword= setting in the [Link]\n"
        '          section that allows to specify a WoL "SecureOn" password on hardware\n'
        "          that supports this.\n"
        "** Wget now supports the --ftp-user and --ftp-password command\n"
        "switches to set username and password for FTP, and the --user and\n"
    )
    assert secrets(text(engine, body, "NEWS")) == set()
    note = "WLAN password: sunshine\nGuest network is separate.\n"
    assert "sunshine" in secrets(text(engine, note))


def test_escaped_text_in_a_json_string_is_read_line_by_line(engine: DetectionEngine) -> None:
    body = (
        "{\"desc\": \"<pre><code>URL {\\n  protocol: 'http:',\\n  username: '',\\n  password: '',\\n"
        "  host: 'example.com',\\n}</code></pre>\\nThe string is either the username, or it is the "
        'username and password separated\\nby <code>:</code>."}\n'
    )
    assert secrets(text(engine, body, "url.json")) == set()
    real = '{"note": "Password: Xk9#mq2v\\nUser: bob"}\n'
    assert any(s.startswith("Xk9#mq2v") for s in secrets(text(engine, real, "tickets.json")))


def test_a_dejagnu_result_between_running_lines_is_a_test_log(engine: DetectionEngine) -> None:
    body = (
        "Running /build/gdb/testsuite/gdb.arch/s390-disassembler-options.exp ...\n"
        "PASS: gdb.arch/s390-disassembler-options.exp: complete set architecture s390\n"
        "Running /build/gdb/testsuite/gdb.arch/s390-multiarch.exp ...\n"
    )
    assert secrets(text(engine, body, "check.log")) == set()
    assert "Winter2024x" in secrets(text(engine, "PASS: Winter2024x\n", "notes.txt"))


def test_a_slash_alternative_is_no_user_label(engine: DetectionEngine) -> None:
    body = "Michael Witten (3):\n      git-send-email: ssh/login style password requests\n"
    assert secrets(text(engine, body, "changelog")) == set()
    assert "Sup3rS3cret!" in secrets(text(engine, "VPN login admin password Sup3rS3cret!\n"))
