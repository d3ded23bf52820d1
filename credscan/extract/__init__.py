"""Extractors: one module per format, yielding Units (text and tables with locations).

Importing this package also keeps third-party parsers quiet: when the application has not configured
logging, Python prints WARNING records of any library to stderr (``logging.lastResort``), and parsers
such as extract-msg or pypdfium2 may quote a document's content in them — a password on the console,
in a service journal. Only credscan's own records (which never quote content) pass that fallback.
"""

from __future__ import annotations

import logging


def _credscan_records_only(record: logging.LogRecord) -> bool:
    return record.name == "credscan" or record.name.startswith("credscan.")


if logging.lastResort is not None and _credscan_records_only not in logging.lastResort.filters:
    logging.lastResort.addFilter(_credscan_records_only)
