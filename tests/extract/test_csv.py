"""CSV/TSV findings point at the line an editor shows, also below a quoted field that spans lines.

Password-manager exports (Bitwarden, KeePass, browsers) quote multi-line notes; each such note used to shift
every later finding up by the note's extra lines (a password on line 5 was reported on line 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.limits import DEFAULT_LIMITS, Limits
from tests.support.scanning import found, scan_file

HEADER = "folder,name,login_username,login_password,notes"


def lines_of(result_path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, object]:
    return {
        secret: location.get("line") for secret, location in found(scan_file(result_path, limits)).items()
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_multi_line_note_does_not_shift_the_rows_below_it(tmp_path: Path, newline: str) -> None:
    rows = [
        HEADER,
        'Clients,fw01,admin,Xk9#mq2v-1,"rack 3\nserial 44-19\nask Tom"',  # lines 2-4
        "Clients,nas01,backup,Qp4$zr8w-2,plain",  # line 5
        'Clients,sw01,ops,Lm7&tn3c-3,"two\n\nparagraphs"',  # lines 6-8
        "Clients,esx01,root,Wv2%kd6p-4,",  # line 9
    ]
    path = tmp_path / "bitwarden_export.csv"
    path.write_bytes(("\n".join(rows) + "\n").replace("\n", newline).encode())
    assert lines_of(path) == {"Xk9#mq2v-1": 2, "Qp4$zr8w-2": 5, "Lm7&tn3c-3": 6, "Wv2%kd6p-4": 9}


def test_rows_of_one_line_each_are_their_line(tmp_path: Path) -> None:
    path = tmp_path / "logins.tsv"
    path.write_text("site\tuser\tpassword\nfw01\tadmin\tXk9#mq2v-1\n\nnas01\tbackup\tQp4$zr8w-2\n")
    assert lines_of(path) == {"Xk9#mq2v-1": 2, "Qp4$zr8w-2": 4}


def test_rows_cut_by_the_cell_cap_keep_their_lines(tmp_path: Path) -> None:
    rows = [HEADER, 'A,fw01,admin,Xk9#mq2v-1,"a\nb"', "A,nas01,backup,Qp4$zr8w-2,", "A,sw01,ops,Lm7&tn3c-3,"]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n")
    assert lines_of(path, Limits(max_cells=15)) == {"Xk9#mq2v-1": 2, "Qp4$zr8w-2": 4}
