"""PowerPoint (.pptx): slide bodies, speaker notes and tables with slide locations; corrupt files."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.extract.interface import ExtractError
from tests.support.docbuilders import (
    extract_file,
    make_pptx,
    where,
)


def test_pptx_body_notes_and_tables(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "Kickoff.pptx",
        [
            (["Welcome", "Agenda"], None),
            (["Demo environment"], "Demo login: demo / D3mo!pass"),
            (["Accounts"], None),
        ],
        tables={3: [["System", "Password"], ["VPN", "Vpn#2024"]]},
    )
    kind, units = extract_file(path)
    assert kind == "pptx"
    assert where(units, "Agenda") == {"slide": 1, "part": "body"}
    assert where(units, "D3mo!pass") == {"slide": 2, "part": "notes"}
    assert where(units, "Vpn#2024") == {"slide": 3, "table": 1, "row": 2, "column": 2}


def test_corrupt_pptx_is_an_extract_error(tmp_path: Path) -> None:
    good = make_pptx(tmp_path / "good.pptx", [(["x"], "y")])
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(good.read_bytes()[:5000])
    with pytest.raises(ExtractError):
        extract_file(broken)
