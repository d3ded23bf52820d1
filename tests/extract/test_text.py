"""Text and CSV: encodings, line numbers across streamed chunks, caps, delimiter sniffing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from credscan.extract.decoding import decode_bytes, detect_encoding, sniff_delimiter
from credscan.extract.interface import ExtractContext
from credscan.extract.text import TextExtractor, iter_text_chunks
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file, make_csv, make_text


def line_of(blocks: list[TextBlock], needle: str) -> int:
    for block in blocks:
        for index, line in enumerate(block.text.split("\n")):
            if needle in line:
                return int(block.line_location(index)["line"])
    raise AssertionError(f"{needle!r} not found")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Server: fs01\r\nBenutzer: admin\r\nKennwort: Müller€\r\n"
    kind, blocks = extract_file(make_text(tmp_path / "zugang.txt", text, encoding))
    assert kind == "text"
    (block,) = blocks
    assert isinstance(block, TextBlock)
    assert block.text == "Server: fs01\nBenutzer: admin\nKennwort: Müller€\n"
    assert line_of([block], "Kennwort") == 3


def test_short_cp1252_line_is_not_mistaken_for_another_code_page() -> None:
    assert detect_encoding("Kennwort: Müller€".encode("cp1252")) == "cp1252"
    assert decode_bytes("Passwort: Straße 5 – Grüße".encode("cp1252")) == "Passwort: Straße 5 – Grüße"


def test_cyrillic_code_page_goes_to_charset_normalizer() -> None:
    text = "Пароль для сервера: секрет123. Логин администратора: admin. " * 5
    assert decode_bytes(text.encode("cp1251")) == text


def test_utf8_cut_inside_a_character_at_the_sample_end_is_still_utf8() -> None:
    assert detect_encoding("Kennwort: Mü".encode()[:-1]) == "utf-8"
    assert detect_encoding("Kennwort: M€".encode()[:-2]) == "utf-8"


def test_old_mac_line_endings_and_form_feeds_keep_line_numbers(tmp_path: Path) -> None:
    _, blocks = extract_file(make_text(tmp_path / "a.txt", "one\rtwo\x0cstill two\rPassword: x\r"))
    assert blocks[0].text.split("\n")[:3] == ["one", "two still two", "Password: x"]  # type: ignore[union-attr]
    assert line_of(blocks, "Password") == 3  # type: ignore[arg-type]


def test_big_file_is_streamed_in_chunks_with_true_line_numbers(tmp_path: Path) -> None:
    lines = [f"log line {n:07d} nothing to see here, just padding the file out" for n in range(1, 100_001)]
    lines[77_776] = "Password: Hunter2!"  # line 77777
    path = make_text(tmp_path / "big.log", "\r\n".join(lines) + "\r\n")
    assert path.stat().st_size > 5_000_000
    _, blocks = extract_file(path)
    assert len(blocks) >= 3
    assert all(isinstance(block, TextBlock) and len(block.text) <= 4 * 1024 * 1024 for block in blocks)
    assert line_of(blocks, "Password: Hunter2!") == 77_777  # type: ignore[arg-type]
    assert line_of(blocks, "log line 0100000") == 100_000  # type: ignore[arg-type]
    assert sum(block.text.count("\n") for block in blocks) == 100_000  # type: ignore[union-attr]
    for block in blocks[:-1]:
        assert block.text.endswith("\n")  # type: ignore[union-attr]


def test_chunk_borders_do_not_split_crlf_or_multibyte_characters() -> None:
    text = ("ä€\r\n" * 1000).encode("utf-8") + "Kennwort: Müller€\r\n".encode()
    ctx = ExtractContext("x", "x.txt", "text", len(text))
    chunks = list(iter_text_chunks(io.BytesIO(text), ctx, chunk_bytes=7))
    joined = "".join(chunk for chunk, _ in chunks)
    assert joined == "ä€\n" * 1000 + "Kennwort: Müller€\n"
    first_lines = [first for _, first in chunks]
    assert first_lines == sorted(first_lines)
    for chunk, first in chunks:
        if "Kennwort" in chunk:
            assert first + chunk.split("\n").index("Kennwort: Müller€") == 1001


def test_utf16_stream_in_small_chunks() -> None:
    text = "".join(f"Zeile {n}: Grüße\r\n" for n in range(1, 501))
    ctx = ExtractContext("x", "x.txt", "text", 0)
    chunks = list(iter_text_chunks(io.BytesIO(text.encode("utf-16")), ctx, chunk_bytes=101))
    assert "".join(chunk for chunk, _ in chunks) == text.replace("\r\n", "\n")


def test_max_text_bytes_yields_the_head_then_raises(tmp_path: Path) -> None:
    path = make_text(tmp_path / "big.txt", "Password: early\n" + "x" * 100 + "\n" * 50_000)
    ctx = ExtractContext(str(path), path.name, "text", 0, limits=Limits(max_text_bytes=10_000))
    got: list[object] = []
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_text_bytes"):
        got.extend(TextExtractor().extract(stream, ctx))
    assert got and "Password: early" in got[0].text  # type: ignore[attr-defined]


def test_endless_line_is_cut_not_buffered() -> None:
    data = b"A" * (20 * 1024 * 1024) + b"\nPassword: x\n"
    ctx = ExtractContext("x", "min.js", "text", len(data))
    chunks = list(iter_text_chunks(io.BytesIO(data), ctx))
    assert max(len(chunk) for chunk, _ in chunks) <= 5 * 1024 * 1024
    last, first = chunks[-1]
    assert first + last.split("\n").index("Password: x") == 2


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


def csv_table(path: Path, limits: Limits | None = None) -> Table:
    kind, units = extract_file(path, limits)
    assert kind in ("csv", "tsv")
    (table,) = units
    assert isinstance(table, Table)
    return table


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8"), (";", "cp1252"), ("\t", "utf-16"), ("|", "utf-8-sig")]
)
def test_csv_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str) -> None:
    rows = [["name", "url", "username", "password"], ["Firewall", "https://fw", "admin", "Grün€;,|x"]]
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    table = csv_table(make_csv(tmp_path / f"export{suffix}", rows, delimiter, encoding))
    assert table.style == "line"
    assert table.rows == rows
    assert table.cell_location(1, 3) == {"line": 2, "column": 4}


def test_csv_quoted_multiline_field_and_huge_field(tmp_path: Path) -> None:
    rows = [["name", "notes", "password"], ["a", "line1\nline2", "p1"], ["b", "n" * 200_000, "p2"]]
    table = csv_table(make_csv(tmp_path / "lastpass.csv", rows))
    assert table.rows == [[cell.replace("\r\n", "\n") for cell in row] for row in rows]


def test_csv_max_cells(tmp_path: Path) -> None:
    path = make_csv(tmp_path / "big.csv", [["a", "b"]] * 100)
    ctx = ExtractContext(str(path), path.name, "csv", 0, limits=Limits(max_cells=50))
    from credscan.extract.csv import CsvExtractor

    got: list[object] = []
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_cells"):
        got.extend(CsvExtractor().extract(stream, ctx))
    assert len(got[0].rows) == 25  # type: ignore[attr-defined]


def test_csv_max_cells_keeps_every_row_that_fits_across_read_batches(tmp_path: Path) -> None:
    path = make_csv(tmp_path / "big.csv", [[str(i), "b"] for i in range(10_000)])
    from credscan.extract.csv import CsvExtractor

    got: list[object] = []
    ctx = ExtractContext(str(path), path.name, "csv", 0, limits=Limits(max_cells=12_345))
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_cells"):
        got.extend(CsvExtractor().extract(stream, ctx))
    rows = got[0].rows  # type: ignore[attr-defined]
    assert len(rows) == 6_172 and rows[-1] == ["6171", "b"]


def test_sniff_delimiter() -> None:
    assert sniff_delimiter(b"a;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter(b"a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter(b"just one line, with a comma\n") is None
    assert sniff_delimiter(b"key=value\nother=thing\n") is None
    assert sniff_delimiter(b"only,one,line\n", require_table=False) == ","


@pytest.mark.parametrize("body", ["SSID: Gast\nSchlüssel: Grün!2024", "SSID: Gast\nKey: Green!2024"])
def test_small_file_without_final_newline_is_one_block(tmp_path: Path, body: str) -> None:
    """A label on one line and its value on the last (unterminated) line must reach detection together."""
    path = make_text(tmp_path / "wlan.txt", body)
    _, blocks = extract_file(path)
    assert [block.text for block in blocks] == [body]  # type: ignore[attr-defined]
