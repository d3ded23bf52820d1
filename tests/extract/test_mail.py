"""E-mail: subject, body lines, HTML-only bodies, attachments and attached messages as Embedded."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from credscan.extract.htmltext import html_to_text
from credscan.extract.interface import ExtractError
from credscan.model import Embedded, TextBlock
from tests.support.docbuilders import extract_file, make_eml, make_msg, make_xlsx


def test_eml_subject_body_and_attachments(tmp_path: Path) -> None:
    book = make_xlsx(tmp_path / "Passwords.xlsx", {"S": [["Password"], ["x"]]})
    path = make_eml(
        tmp_path / "onboarding.eml",
        "Zugangsdaten für Müller",
        "Hallo,\n\nBenutzer: jmueller\nKennwort: Start123!\n\nGruß",
        attachments=[("Passwords.xlsx", book.read_bytes()), ("notes.txt", b"pin 1234")],
        html="<p>Hallo,</p><p>Kennwort: <b>Start123!</b></p>",
    )
    kind, units = extract_file(path)
    assert kind == "eml"
    subject, body, first, second = units
    assert isinstance(subject, TextBlock) and subject.text == "Zugangsdaten für Müller"
    assert subject.location == {"part": "subject"}
    assert isinstance(body, TextBlock)
    lines = body.text.split("\n")
    assert body.line_location(lines.index("Kennwort: Start123!")) == {"part": "body", "line": 4}
    assert "<b>" not in body.text  # the plain alternative wins over the HTML one
    assert isinstance(first, Embedded) and first.name == "Passwords.xlsx" and first.data == book.read_bytes()
    assert isinstance(second, Embedded) and (second.name, second.data) == ("notes.txt", b"pin 1234")


def test_html_only_mail_is_converted_safely(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = "VPN"
    message["From"] = "it@example.com"
    message.set_content(
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><p>VPN access</p><table><tr><td>User</td><td>vpnuser</td></tr>"
        "<tr><td>Password</td><td>Vpn&amp;Pass1</td></tr></table></body></html>",
        subtype="html",
    )
    path = tmp_path / "vpn.eml"
    path.write_bytes(bytes(message))
    _, units = extract_file(path)
    body = units[1]
    assert isinstance(body, TextBlock)
    assert body.text.split("\n") == ["VPN access", "User vpnuser", "Password Vpn&Pass1"]


def test_html_to_text_drops_scripts_and_keeps_blocks() -> None:
    assert html_to_text("<div>a<br>b</div><script>var pw='no'</script><p>c &lt;d&gt;</p>") == "a\nb\nc <d>"


def test_attached_message_is_embedded(tmp_path: Path) -> None:
    inner = EmailMessage()
    inner["Subject"] = "Inner"
    inner["From"] = "a@example.com"
    inner.set_content("Password: Inner1!")
    outer = EmailMessage()
    outer["Subject"] = "Fwd"
    outer["From"] = "b@example.com"
    outer.set_content("see attached")
    outer.add_attachment(inner)
    path = tmp_path / "fwd.eml"
    path.write_bytes(bytes(outer))
    _, units = extract_file(path)
    (embedded,) = [unit for unit in units if isinstance(unit, Embedded)]
    assert b"Password: Inner1!" in embedded.data
    inner_path = tmp_path / "inner.eml"
    inner_path.write_bytes(embedded.data)
    kind, inner_units = extract_file(inner_path)
    assert kind == "eml" and inner_units[1].text == "Password: Inner1!"  # type: ignore[attr-defined]


def test_legacy_charset_and_bogus_charset(tmp_path: Path) -> None:
    raw = (
        b"From: a@example.com\r\nSubject: =?iso-8859-1?q?Kennw=F6rter?=\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-unknown-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Kennwort: M\xfcller\x80\r\n"
    )
    path = tmp_path / "legacy.eml"
    path.write_bytes(raw)
    _, units = extract_file(path)
    assert units[0].text == "Kennwörter"  # type: ignore[attr-defined]
    assert units[1].text == "Kennwort: Müller€"  # type: ignore[attr-defined]


def test_broken_msg_is_an_extract_error(tmp_path: Path) -> None:
    from credscan.extract.interface import ExtractContext
    from credscan.extract.mail import MsgExtractor

    path = tmp_path / "broken.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with path.open("rb") as stream, pytest.raises(ExtractError):
        list(MsgExtractor().extract(stream, ExtractContext("x", "broken.msg", "msg", 0)))


def test_msg_subject_body_attachments(tmp_path: Path) -> None:
    attachment = b"Password: InAttachment1\n" * 300  # > 4 KiB: stored outside the OLE mini stream
    path = make_msg(
        tmp_path / "Zugang.msg",
        "Zugang Firewall",
        "Hallo,\r\nKennwort: Msg!Secret2\r\nGruß",
        attachments=[("creds.txt", attachment), ("tiny.txt", b"pin 42")],
    )
    kind, units = extract_file(path)
    assert kind == "msg"
    subject, body, first, second = units
    assert subject.text == "Zugang Firewall"  # type: ignore[attr-defined]
    assert isinstance(body, TextBlock)
    assert body.line_location(body.text.split("\n").index("Kennwort: Msg!Secret2")) == {
        "part": "body",
        "line": 2,
    }
    assert isinstance(first, Embedded) and (first.name, first.data) == ("creds.txt", attachment)
    assert isinstance(second, Embedded) and (second.name, second.data) == ("tiny.txt", b"pin 42")
