"""Decoders that turn an encoded match into the secret it hides (GPP cpassword, FileZilla Base64, …).

Rules name a decoder by its key in DECODERS; a decoder returns None when the match is not a finding.
"""

from __future__ import annotations

from collections.abc import Callable

DECODERS: dict[str, Callable[[str], str | None]] = {}
