"""CSV/TSV findings point at the line an editor shows, also below a quoted field that spans lines, and a
TSV written without quoting is read line by line.

Password-manager exports (Bitwarden, KeePass, browsers) quote multi-line notes; each such note used to shift
every later finding up by the note's extra lines (a password on line 5 was reported on line 3). A script's
TSV export writes quotes as text; one opened and never closed ran the rest of the file into one cell
(Debian's 886,324-line PyPI package list was read as 878,006 rows).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.limits import DEFAULT_LIMITS, Limits
from credscan.model import Table
from tests.support.docbuilders import extract_file
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


def test_a_tsv_written_without_quoting_is_read_line_by_line(tmp_path: Path) -> None:
    """A script's TSV export (Debian's package lists) writes quotes as text: a summary that opens a quote and
    never closes it must not swallow the rows below it into one cell (their passwords were never read)."""
    rows = [
        "site\tuser\tpassword\tnote",
        'fw01\tadmin\tXk9#mq2v-1\t"SALE: 50% off the old firewall',  # a quote opened, never closed
        "nas01\tbackup\tQp4$zr8w-2\tplain",
        'sw01\tops\tLm7&tn3c-3\tsays "hello" twice "',
        "esx01\troot\tWv2%kd6p-4\t",
    ]
    path = tmp_path / "hosts.tsv"
    path.write_text("\n".join(rows) + "\n")
    assert lines_of(path) == {"Xk9#mq2v-1": 2, "Qp4$zr8w-2": 3, "Lm7&tn3c-3": 4, "Wv2%kd6p-4": 5}


def test_quoted_fields_with_delimiters_keep_their_quoting(tmp_path: Path) -> None:
    """An export that quotes a note holding the delimiter and line breaks (Excel, Bitwarden) is read with its
    quoting: read literally its lines would not all have the header's number of fields."""
    rows = [
        HEADER,
        'A,fw01,admin,Xk9#mq2v-1,"rack 3, row 2\nask Tom, then Amy"',
        "A,nas01,backup,Qp4$zr8w-2,plain",
    ]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n")
    assert lines_of(path) == {"Xk9#mq2v-1": 2, "Qp4$zr8w-2": 4}
    table = next(u for u in extract_file(path)[1] if isinstance(u, Table))
    assert table.rows[1][4] == "rack 3, row 2\nask Tom, then Amy"
