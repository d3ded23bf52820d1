"""Test logs, test reports and changelogs are no password lists.

Debian ships test results (openjdk's jtreg logs and reports, binutils' test summaries, gdb's check.log) and
every package's changelog as compressed files; with archives read (the default) they reach the detectors. Each
false positive found there is frozen here as the offending lines (quoted from the real files), beside the
true positive that looks like it. Cost: about a second (one engine, shared by the session).
"""

from __future__ import annotations

from credscan.detect.engine import DetectionEngine
from credscan.detect.vocabulary import vocabulary
from tests.support.detect_helpers import secrets, text

JTREG_SUMMARY = (
    "Passed: java/lang/ref/SoftReference/Pin.java\n"
    "Passed: java/lang/ProcessHandle/OnExitTest.java\n"
    "Passed: java/lang/ProcessHandle/TreeTest.java\n"
    "Passed: java/lang/ref/FinalizerHistogramTest.java\n"
    "FAILED: java/net/DatagramSocket/DatagramSocketExample.java\n"
)
"""jtreg_output-hotspot.log: a test whose file is named Pin.java made "Passed: | …/Pin.java" a header row
with a PIN column, and each of the 13,000 result lines below it a finding."""

JTREPORT_SUMMARY = (
    "java/lang/ref/SoftReference/Pin.java  Passed. Execution successful\n"
    "java/lang/ref/Basic.java  Passed. Execution successful\n"
    "sun/security/tools/keytool/Secret1.java  Passed. Execution successful\n"
)
"""jtreport's text/summary.txt: the same file name as the first cell of a three-column row."""

STACK_TRACE = (
    "java.net.SocketTimeoutException: Receive timed out\n"
    "\tat java.base/sun.nio.ch.DatagramChannelImpl.trustedBlockingReceive(DatagramChannelImpl.java:709)\n"
    "\tat java.lang.Object.wait(java.base@17.0.15/Native Method)\n"
    "\tat java.lang.Thread.join(java.base@17.0.15/Thread.java:1313)\n"
    "\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:833)\n"
)
"""failed_tests-hotspot.tar.gz: a thread dump names each frame's module and version, module@version, which
read like a mailbox beside a value ("java.base@17.0.15 / Thread.java:1313")."""


def test_a_test_file_named_pin_heads_no_pin_column(engine: DetectionEngine) -> None:
    assert secrets(text(engine, JTREG_SUMMARY, "jtreg_output-hotspot.log")) == set()
    assert secrets(text(engine, JTREPORT_SUMMARY, "summary.txt")) == set()


def test_a_real_pin_column_written_as_text_is_still_read(engine: DetectionEngine) -> None:
    """The look-alike: a list with a PIN column (blank-separated, as pasted from a sheet)."""
    body = "Device  PIN  Password\nFrontdesk-Phone  4711  Harbour#2291\nWarehouse-Phone  0815  Wattle!7734\n"
    assert {"Harbour#2291", "Wattle!7734"} <= secrets(text(engine, body, "phones.txt"))


def test_file_paths_are_no_header_cells() -> None:
    vocab = vocabulary()
    for path in (
        "java/lang/ref/SoftReference/Pin.java",
        "tests/auth/password_test.py",
        "/etc/ppp/pap-secrets",
        "~/.config/app/passwords",
        "C:\\Keys\\kennwort.txt",
    ):
        assert vocab.header_kind(path) == "", path
    # headers with a slash that name no file stay headers
    assert vocab.header_kind("User/Password") == "credentials"
    assert vocab.header_kind("Login / PW") == "credentials"
    assert vocab.header_kind("Passwort (alt/neu)") == "password"
    assert vocab.header_kind("PIN") == "pin"


def test_a_stack_frame_module_version_is_no_mailbox(engine: DetectionEngine) -> None:
    assert secrets(text(engine, STACK_TRACE, "DatagramSocketExample.jtr")) == set()
    assert secrets(text(engine, "\tat lodash@4.17.21/index.js:1033 (Build2024x)\n", "build.log")) == set()


def test_a_mailbox_and_password_pair_is_still_found(engine: DetectionEngine) -> None:
    body = (
        "Office 365 admin - admin@contoso.com / Harbour2024!\nXero: accounts@client.com.au | Wattle#2291x\n"
    )
    assert secrets(text(engine, body, "notes.txt")) == {"Harbour2024!", "Wattle#2291x"}


TEST_SUMMARY = "".join(
    f"PASS: ld-elf/{name}\n"
    for name in ("eh4", "eh5", "eh6", "ehdr_start-missing", "ehdr_start-shared", "empty", "empty2", "endsym")
)
"""binutils' test-summary: result lines read as a blank-separated table under a "PASS:" label."""


def test_result_lines_are_no_key_value_labels(engine: DetectionEngine) -> None:
    assert secrets(text(engine, TEST_SUMMARY, "test-summary-amd64")) == set()
    assert (
        secrets(
            text(
                engine,
                TEST_SUMMARY + 'PASS: "Run size-3e"  "-Wl,--no-as-needed tmpdir/libsize-3c.so"\n',
                "test-summary",
            )
        )
        == set()
    )
    quoted = "  | PASS: compile checks (136 tests)\n  | PASS: compile checks (864 tests)\n"
    assert secrets(text(engine, quoted, "changelog")) == set()  # a log quoted in a changelog entry


def test_a_lone_pass_label_is_still_read(engine: DetectionEngine) -> None:
    """The look-alike: one "PASS:" line in a note is a label (no result line beside it)."""
    assert secrets(text(engine, "Router admin\nPASS: Harbour#2291\n", "notes.txt")) == {"Harbour#2291"}


def test_a_bug_reference_is_no_value(engine: DetectionEngine) -> None:
    body = (
        "  * Cherry-pick upstream patch to fix gpasswd passwd leak (Closes: #1091024)\n"
        "  * Register md5sum for new common-password template, Closes: #982898\n"
        "    in pass 2. (Addresses Google Bug: #123456789)\n"
        "  * Fix a typo in the update-passwd manpage. Closes: Bug#12345\n"
    )
    assert secrets(text(engine, body, "changelog.Debian")) == set()
    assert secrets(text(engine, "VPN password: Closes#2024x\n", "notes.txt")) == {"Closes#2024x"}


def test_c_member_access_is_no_label_arrow(engine: DetectionEngine) -> None:
    body = "\t* src/login.c: Use pwd->pw_name instead of pwd->pw_uid. This might\n"
    assert secrets(text(engine, body, "changelog")) == set()
    assert secrets(text(engine, "Passwort -> Kx9#mQ2p\n", "notes.txt")) == {"Kx9#mQ2p"}


def test_an_option_named_in_a_changelog_is_no_value(engine: DetectionEngine) -> None:
    body = (
        "\tDocument PASSWD --preset.\n"
        "\t--remove-password (-r), --restrict (-R), --administrators (-A),\n"
        "  * For cross builds, strip GNU_TYPES & pass --target.\n"
    )
    assert secrets(text(engine, body, "changelog")) == set()
    assert secrets(text(engine, "Password: --Harbour2024\n", "notes.txt")) == {"--Harbour2024"}


def test_patch_file_names_below_a_url_are_no_account_and_password(engine: DetectionEngine) -> None:
    """A Debian changelog lists a bug URL, then the patches that fix it (one file name a line)."""
    body = (
        "    + Ensure array allocations overflow safe.\n"
        "      https://gitlab.com/gnutls/gnutls/-/issues/1179\n"
        "      56_15-mem-add-_gnutls_reallocarray-and-_gnutls_reallocarra.patch\n"
        "      56_16-pkcs11x-find_ext_cb-fix-error-propagation.patch\n"
    )
    assert secrets(text(engine, body, "changelog.Debian")) == set()


def test_a_documented_argument_is_no_value(engine: DetectionEngine) -> None:
    body = "\t   (gpg --change-passphrase your-user-id).\n"
    assert secrets(text(engine, body, "NEWS")) == set()
    assert secrets(text(engine, "gpg --passphrase Your-Secret-2024!\n", "notes.txt")) == {"Your-Secret-2024!"}


def test_a_variable_that_was_unset_is_no_password(engine: DetectionEngine) -> None:
    """bash's CHANGES: "PWD was unset." (a state, like "set" and "empty")."""
    assert secrets(text(engine, "     PWD was unset.\n", "CHANGES")) == set()
    assert secrets(text(engine, "The pwd was Unset2024!\n", "notes.txt")) == {"Unset2024!"}
