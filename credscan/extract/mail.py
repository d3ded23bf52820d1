"""E-mail: .eml (RFC 5322, stdlib) and Outlook .msg (extract-msg): subject, body, attachments.

The body prefers text/plain; HTML is used only when a message has no plain text. Attachments
(and attached messages) become Embedded files, which the pipeline types and scans itself.
"""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from typing import Any, BinaryIO

import extract_msg

from credscan.extract.decoding import decode_bytes, normalize_newlines
from credscan.extract.htmltext import html_to_text
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.model import Embedded, TextBlock, Unit

ATTACHED_MESSAGE_NAME = "attached-message.eml"


class EmlExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            message = email.message_from_binary_file(stream, policy=policy.default)
            subject = str(message.get("Subject", "") or "")
            plain: list[str] = []
            html: list[str] = []
            attachments: list[Embedded] = []
            _walk(message, plain, html, attachments)
        except Exception as error:  # the email package raises on broken headers and encodings
            raise ExtractError(f"unreadable e-mail: {error_line(error)}") from None
        yield from mail_units(subject, "\n".join(plain) or html_to_text("\n".join(html)), attachments)


def mail_units(subject: str, body: str, attachments: list[Embedded]) -> Iterator[Unit]:
    """The Units of one message, shared by .eml and .msg."""
    subject = " ".join(subject.split())
    if subject:
        yield TextBlock(text=subject, location={"part": "subject"})
    body = normalize_newlines(body).strip("\n")
    if body.strip():
        yield TextBlock(text=body, location={"part": "body"}, by_line=True)
    yield from attachments


def _walk(part: Any, plain: list[str], html: list[str], attachments: list[Embedded]) -> None:
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            name = part.get_filename() or ATTACHED_MESSAGE_NAME
            attachments.append(Embedded(name=name, data=inner[0].as_bytes(policy=policy.default)))
        return
    if part.is_multipart():
        for child in part.iter_parts():
            _walk(child, plain, html, attachments)
        return
    filename = part.get_filename()
    disposition = part.get_content_disposition()
    if filename or disposition == "attachment":
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            attachments.append(Embedded(name=filename or "attachment.bin", data=data))
        return
    if content_type == "text/plain":
        plain.append(_text_of(part))
    elif content_type == "text/html":
        html.append(_text_of(part))


def _text_of(part: Any) -> str:
    """A text part decoded by its declared charset, or by sniffing when that is missing or bogus."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return raw.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_bytes(raw)


class MsgExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            message: Any = extract_msg.openMsg(stream.read(), delayAttachments=False)
        except Exception as error:  # extract-msg/olefile raise many types on broken files
            raise ExtractError(f"unreadable Outlook message: {error_line(error)}") from None
        try:
            subject = str(message.subject or "")
            body = str(getattr(message, "body", "") or "")
            if not body.strip():
                body = _msg_html_body(message)
            attachments = list(_msg_attachments(message))
        except Exception as error:
            raise ExtractError(f"unreadable Outlook message: {error_line(error)}") from None
        finally:
            message.close()
        yield from mail_units(subject, body, attachments)


def _msg_html_body(message: Any) -> str:
    html = getattr(message, "htmlBody", None)
    if isinstance(html, bytes):
        return html_to_text(decode_bytes(html))
    return html_to_text(html) if isinstance(html, str) else ""


def _msg_attachments(message: Any) -> Iterator[Embedded]:
    for attachment in getattr(message, "attachments", []):
        name = attachment.longFilename or attachment.shortFilename or "attachment.bin"
        data = attachment.data
        if isinstance(data, bytes):
            yield Embedded(name=str(name), data=data)
        elif data is not None and hasattr(data, "exportBytes"):  # an attached .msg
            yield Embedded(
                name=str(name) if str(name).endswith(".msg") else f"{name}.msg", data=data.exportBytes()
            )
