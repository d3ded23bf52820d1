"""looks_like_text counts control characters at C speed; it must say what the character-by-character
count said, on every kind of head (UTF-8, cp1252 with undefined bytes, controls, cut characters). ~0.5 s."""

from __future__ import annotations

import random
from pathlib import Path

from credscan.extract.decoding import WESTERN_FALLBACK, _is_utf8, looks_like_text


def _by_characters(head: bytes) -> bool:
    """The former definition: control characters of the decoded text, one by one."""
    text = (
        head.decode("utf-8", errors="ignore") if _is_utf8(head) else head.decode(WESTERN_FALLBACK, "replace")
    )
    controls = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\x1b") or ch == "\ufffd")
    return controls <= 0.02 * len(text)


def _heads() -> list[bytes]:
    rng = random.Random(11)
    prose = "Passwort für den Drucker: Grüße aus Köln – €5 ✓ ".encode()
    heads = []
    for _ in range(400):
        body = bytearray(prose * rng.randint(1, 40))
        for _ in range(rng.randint(0, 30)):  # sprinkle controls, cp1252 holes and stray high bytes
            body.insert(
                rng.randrange(len(body) + 1), rng.choice([0x01, 0x07, 0x0B, 0x1B, 0x81, 0x8D, 0xFF, 0x9D])
            )
        heads.append(bytes(body[: rng.randint(1, len(body))]))  # may cut a character
    heads.extend(
        path.read_bytes()[:8192] for path in sorted(Path("/usr/share/doc").glob("*/copyright"))[:200]
    )
    return [head for head in heads if b"\x00" not in head]


def test_same_verdict_as_counting_characters() -> None:
    heads = _heads()
    verdicts = [looks_like_text(head) for head in heads]
    assert verdicts == [_by_characters(head) for head in heads]
    assert True in verdicts and False in verdicts  # both answers are exercised
