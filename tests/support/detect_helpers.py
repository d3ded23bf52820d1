"""Shared helpers of the detection behaviour tests: run the real engine (the ``engine`` fixture of
conftest.py) on one text or one table."""

from __future__ import annotations

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.syntax import may_hold_text_tables
from credscan.extract.texttables import text_tables
from credscan.model import Candidate, Table, TextBlock


def text(engine: DetectionEngine, body: str, name: str = "notes.txt") -> list[Candidate]:
    """Candidates of ``body`` as a text file named ``name``."""
    info = FileInfo(path=name, name=name, kind="text", head=body.encode()[:64], size=len(body))
    block = TextBlock(text=body, by_line=True)
    if may_hold_text_tables(name, "text", info.head):
        block.tables = text_tables(block)  # as the extraction stage does (credscan.filescan)
    return engine.detect_unit(info, block)


def table(engine: DetectionEngine, rows: list[list[str]], name: str = "list.xlsx") -> list[Candidate]:
    """Candidates of one sheet (a .csv name makes it a CSV table)."""
    kind = "csv" if name.endswith(".csv") else "xlsx"
    info = FileInfo(path=name, name=name, kind=kind, head=b"", size=0)
    return engine.detect_unit(info, Table(rows=rows, location={"sheet": "S"}))


def secrets(found: list[Candidate]) -> set[str]:
    return {c.secret for c in found}
