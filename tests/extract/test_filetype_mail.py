"""Mail is still recognised while prose never waits for libmagic (credscan.filetype._MAIL_START).

libmagic costs more per call than reading a small file; it is asked only about text that starts like the
headers its mail rules test. These tests pin both sides: every head the installed libmagic calls
message/rfc822 is sent to it, and prose that merely starts "word word" or "Note: …" is not. ~0.1 s.
"""

from __future__ import annotations

import io

import pytest

from credscan import filetype

BODY = b"\n\nHello,\nthe new printer is set up on the second floor.\nRegards\n"

MAIL_STARTS = [
    b"From: alice@example.com\nTo: bob@example.com\nSubject: printer\n",
    b"Received: from mx.example.com by mail.example.com; Mon, 1 Jan 2024 10:00:00 +0000\n",
    b"Return-Path: <alice@example.com>\nFrom: alice@example.com\n",
    b"RETURN-PATH: <alice@example.com>\n",
    b"Delivered-To: bob@example.com\nFrom: alice@example.com\n",
    b"Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: alice@example.com\n",
    b"Relay-Version: version B 2.10 2/13/83; site example\n",
    b"Forward to bob@example.com\n",
    b"Pipe to /usr/bin/procmail\n",
    b"#! rnews 1234\n",
    b"N#! rnews 1234\n",
    b"From:alice@example.com\n",
]

PROSE_STARTS = [
    b"office printer meeting client invoice firewall notes\n",
    b"Note: the backup runs at night.\n",
    b"Meeting notes from Monday\n",
    b"Summary: all clients migrated\n",
    b"Dear customer, please find attached\n",
    b"Fromage and wine for the office party\n",
    b"Dated 2024-01-01, the contract says\n",
    b"Subject to change without notice.\n",
    b"To do: replace the firewall\n",
    b"README for the client folder\n",
    b"Path to the share is \\\\server\\clients\n",
]

HEADER_NAMES = [
    "From", "from", "FROM", "To", "Cc", "Subject", "Date", "Received", "Return-Path", "Delivered-To",
    "Message-ID", "MIME-Version", "Content-Type", "X-Mailer", "Reply-To", "Relay-Version", "Path", "Xref",
    "Newsgroups", "Sender", "Note", "Summary", "Forward to", "Pipe to", "Article", "From ", "BABYL",
]  # fmt: skip


@pytest.fixture
def magic_instance() -> object:
    instance = filetype._magic_instance()
    if instance is None:
        pytest.skip("libmagic not installed")
    return instance


def _libmagic_calls(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    asked: list[bytes] = []
    real = filetype._magic_mime

    def counting(head: bytes) -> str | None:
        asked.append(head)
        return real(head)

    monkeypatch.setattr(filetype, "_magic_mime", counting)
    return asked


@pytest.mark.parametrize("start", MAIL_STARTS)
def test_mail_starts_are_typed_by_libmagic(
    start: bytes, monkeypatch: pytest.MonkeyPatch, magic_instance: object
) -> None:
    asked = _libmagic_calls(monkeypatch)
    kind = filetype.detect_kind(io.BytesIO(start + BODY), "message")  # no extension: content decides
    assert asked, "a head that starts like mail must be shown to libmagic"
    assert kind == "eml"


@pytest.mark.parametrize("start", PROSE_STARTS)
def test_prose_is_not_sent_to_libmagic(
    start: bytes, monkeypatch: pytest.MonkeyPatch, magic_instance: object
) -> None:
    asked = _libmagic_calls(monkeypatch)
    assert filetype.detect_kind(io.BytesIO(start + BODY * 20), "notes.txt") == "text"
    assert asked == []


def test_a_saved_mail_is_eml_even_without_libmagic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our own header check (_looks_like_mail) still finds mail that libmagic is not asked about."""
    monkeypatch.setattr(filetype, "_magic_mime", lambda head: None)
    head = b"Message-ID: <1@example.com>\nFrom: alice@example.com\nSubject: vpn\n"
    assert filetype.detect_kind(io.BytesIO(head + BODY), "saved.txt") == "eml"
    assert filetype.detect_kind(io.BytesIO(b"Meeting: Monday\nRoom: 2\n" + BODY), "saved.txt") == "text"


@pytest.mark.parametrize("name", HEADER_NAMES)
@pytest.mark.parametrize("separator", [b": ", b":", b" ", b" : "])
def test_every_head_libmagic_calls_mail_is_sent_to_it(
    name: str, separator: bytes, magic_instance: object
) -> None:
    """Against the installed libmagic: a head it calls message/rfc822 never counts as plainly text."""
    head = name.encode() + separator + b"someone@example.com\n" + BODY
    if filetype._magic_mime(head) in filetype.MAIL_MIME_TYPES:
        assert not filetype._plainly_text(head), head[:30]
