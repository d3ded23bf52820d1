"""Word/PowerPoint 97-2003 (.doc, .ppt), Works (.wps), OneNote (.one): text, tables, locations; corrupt files.

The .doc and .ppt fixtures are written by LibreOffice from docx/pptx built here: one soffice run per format
for the whole test session (~2 s each on the CI machine). Works and OneNote files are put together from
their public layouts (OLE CONTENTS stream; revision-store header and length-prefixed UTF-16 property values).
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractError
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file, make_docx, make_ole, make_pptx
from tests.support.formatbuilders import scan_findings, secrets_at, soffice, soffice_convert

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")

DOC_TABLE = [
    ["Gerät", "IP", "Benutzer", "Passwort"],
    ["HPE iLO", "172.16.0.5", "Administrator", "Doc!Table-iLO-41"],
    ["Switch", "172.16.0.2", "", "Doc!Table-Sw-42"],
]


@pytest.fixture(scope="session")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """.doc and .ppt files converted by LibreOffice once per session."""
    folder = tmp_path_factory.mktemp("legacy")
    sources = folder / "src"
    sources.mkdir()
    netdoc = make_docx(
        sources / "Netzwerk.docx",
        ["Netzwerkdokumentation Müller GmbH", "Domänen-Admin Kennwort: Doc!Body-Pw-40", "Ende"],
        tables=[DOC_TABLE],
        header="Vertraulich – WLAN-Schlüssel: Doc!Header-43",
    )
    empty = make_docx(sources / "Leer.docx", ["Nothing secret here", "Just a memo about lunch."])
    slides = make_pptx(
        sources / "Schulung.pptx",
        [(["Agenda", "WLAN Kennwort: Ppt!Slide1-51"], "demo password: Ppt!Notes1-52"),
         (["Second slide", "Router password: Ppt!Slide2-53"], None),
         (["Third"], "admin pw: Ppt!Notes3-54")],
    )  # fmt: skip
    out = folder / "out"
    docs = soffice_convert([netdoc, empty], "doc", out)
    ppts = soffice_convert([slides], "ppt", out)
    return {"doc": docs[0], "empty-doc": docs[1], "ppt": ppts[0]}


def test_doc_body_table_and_header(legacy: dict[str, Path]) -> None:
    kind, units = extract_file(legacy["doc"])
    assert kind == "doc"
    tables = [u for u in units if isinstance(u, Table)]
    assert [t.rows for t in tables] == [DOC_TABLE]
    body = units[0]
    assert isinstance(body, TextBlock)
    assert body.text.split("\n") == [
        "Netzwerkdokumentation Müller GmbH", "Domänen-Admin Kennwort: Doc!Body-Pw-40", "Ende",
    ]  # fmt: skip
    findings, stats = scan_findings(legacy["doc"])
    found = secrets_at(findings)
    assert found["Doc!Body-Pw-40"] == {"paragraph": 2}
    assert found["Doc!Table-iLO-41"] == {"table": 1, "row": 2, "column": 4}
    assert found["Doc!Table-Sw-42"] == {"table": 1, "row": 3, "column": 4}
    assert found["Doc!Header-43"]["part"] == "header"
    assert stats.errors == []  # type: ignore[attr-defined]


def test_doc_without_secrets_has_no_findings(legacy: dict[str, Path]) -> None:
    kind, units = extract_file(legacy["empty-doc"])
    assert kind == "doc" and "Just a memo about lunch." in units[0].text  # type: ignore[union-attr]
    assert scan_findings(legacy["empty-doc"])[0] == []


def test_doc_renamed_is_still_read_by_content(legacy: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "Netzwerk.dat"
    renamed.write_bytes(legacy["doc"].read_bytes())
    assert "Doc!Body-Pw-40" in secrets_at(scan_findings(renamed)[0])


def test_ppt_slides_and_notes(legacy: dict[str, Path]) -> None:
    kind, _ = extract_file(legacy["ppt"])
    assert kind == "ppt"
    findings, stats = scan_findings(legacy["ppt"])
    assert secrets_at(findings) == {
        "Ppt!Slide1-51": {"slide": 1, "part": "body"},
        "Ppt!Notes1-52": {"slide": 1, "part": "notes"},
        "Ppt!Slide2-53": {"slide": 2, "part": "body"},
        "Ppt!Notes3-54": {"slide": 3, "part": "notes"},
    }
    assert stats.errors == []  # type: ignore[attr-defined]


def test_doc_text_is_capped(legacy: dict[str, Path]) -> None:
    with pytest.raises(LimitExceeded, match="max_text_bytes"):
        extract_file(legacy["doc"], Limits(max_text_bytes=40))


@pytest.mark.parametrize("name", ["doc", "ppt"])
def test_truncated_legacy_files_are_one_clean_error(
    legacy: dict[str, Path], tmp_path: Path, name: str, capfd: pytest.CaptureFixture[str]
) -> None:
    data = legacy[name].read_bytes()
    for cut in (len(data) // 2, 1024, 600):
        path = tmp_path / f"cut{cut}.{name}"
        path.write_bytes(data[:cut])
        _, stats = scan_findings(path)
        assert len(stats.errors) + len(stats.skipped) == 1, stats  # type: ignore[attr-defined]
    assert "Traceback" not in capfd.readouterr().err


def _patched_stream(source: Path, stream: str, patch: dict[int, bytes], path: Path) -> Path:
    import olefile

    with olefile.OleFileIO(str(source)) as ole:
        tree = {"/".join(entry): ole.openstream(entry).read() for entry in ole.listdir(streams=True)}
    data = bytearray(tree[stream])
    for offset, value in patch.items():
        data[offset : offset + len(value)] = value
    tree[stream] = bytes(data)
    return make_ole(path, {name: value for name, value in tree.items() if "/" not in name})


def test_doc_with_a_piece_table_pointing_outside_is_an_extract_error(
    legacy: dict[str, Path], tmp_path: Path
) -> None:
    """fcClx (FibRgFcLcb97 index 33) moved past the table stream; then the encryption flag set."""
    import olefile

    with olefile.OleFileIO(str(legacy["doc"])) as ole:
        word = ole.openstream("WordDocument").read()
    csw = struct.unpack_from("<H", word, 32)[0]
    cslw = struct.unpack_from("<H", word, 34 + 2 * csw)[0]
    fc_clx_at = 34 + 2 * csw + 2 + 4 * cslw + 2 + 8 * 33
    bad = _patched_stream(
        legacy["doc"], "WordDocument", {fc_clx_at: struct.pack("<I", 0x7FFFFFF0)}, tmp_path / "b.doc"
    )
    with pytest.raises(ExtractError, match="piece table"):
        extract_file(bad)
    flags = struct.unpack_from("<H", word, 10)[0] | 0x0100
    locked = _patched_stream(
        legacy["doc"], "WordDocument", {10: struct.pack("<H", flags)}, tmp_path / "e.doc"
    )
    with pytest.raises(Encrypted):  # typed "office-encrypted", listed as skipped
        extract_file(locked)


# ---------------------------------------------------------------------------
# Hand-built PowerPoint record trees: hostile shapes
# ---------------------------------------------------------------------------


def _record(kind: int, body: bytes, instance: int = 0, container: bool = False) -> bytes:
    return struct.pack("<HHI", (instance << 4) | (0xF if container else 0), kind, len(body)) + body


def _ppt(path: Path, stream: bytes) -> Path:
    return make_ole(path, {"PowerPoint Document": stream.ljust(4096, b"\0"), "Current User": b"\0" * 64})


def test_ppt_record_tree_text_atoms(tmp_path: Path) -> None:
    persist = struct.pack("<IIiI", 1, 0, 1, 256) + bytes(4)
    slide_list = _record(
        0x0FF0, _record(0x03F3, persist) + _record(0x0FA8, b"Kennwort: Built!Ppt-61"), container=True
    )
    path = _ppt(tmp_path / "built.ppt", _record(0x03E8, slide_list, container=True))
    kind, units = extract_file(path)
    assert kind == "ppt"
    assert [(u.text, u.location) for u in units] == [  # type: ignore[union-attr]
        ("Kennwort: Built!Ppt-61", {"slide": 1, "part": "body"})
    ]


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (_record(0x03E8, b"", container=True)[:4] + struct.pack("<I", 10**6), "runs past"),
        (b"".join([struct.pack("<HHI", 0xF, 0x03E8, 0)]) + _record(0x0FA0, b"\xff" * 7), ""),
        (
            struct.pack("<HHI", 0xF, 0x03E8, 8 * 200) + struct.pack("<HHI", 0xF, 0x03E8, 8 * 199) * 199,
            "too deep|runs past",
        ),
    ],
)
def test_ppt_hostile_record_trees(tmp_path: Path, stream: bytes, message: str) -> None:
    path = _ppt(tmp_path / "bad.ppt", stream)
    if message:
        with pytest.raises(ExtractError, match=message):
            extract_file(path)
    else:
        extract_file(path)  # odd-length UTF-16 outside any slide: nothing to read, no error


def test_ppt_encryption_is_recognised(tmp_path: Path) -> None:
    path = _ppt(tmp_path / "locked.ppt", _record(0x2F14, b"\0" * 16, container=True))
    with pytest.raises(Encrypted):
        extract_file(path)


# ---------------------------------------------------------------------------
# Works and OneNote
# ---------------------------------------------------------------------------


def _noise(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def test_works_document_text(tmp_path: Path) -> None:
    text = "Zugangsdaten Kunde\rBenutzer: admin\rKennwort: Works!Pw-71\r".encode("utf-16-le")
    contents = b"CHNKWKS " + _noise(600, 1) + text + _noise(3000, 2)
    path = make_ole(tmp_path / "Kunde.wps", {"CONTENTS": contents, "SPELLING": b"\0" * 16})
    kind, units = extract_file(path)
    assert kind == "wps"
    lines = units[0].text.split("\n")  # type: ignore[union-attr]
    at = lines.index("Benutzer: admin")
    assert lines[at - 1].endswith("Zugangsdaten Kunde")  # random bytes before a run may read as characters
    assert lines[at + 1] == "Kennwort: Works!Pw-71"
    findings, _ = scan_findings(path)
    assert [f.secret for f in findings] == ["Works!Pw-71"]


def _onenote(path: Path, paragraphs: list[str], noise: int = 20_000) -> Path:
    from credscan.filetype import ONENOTE_SIGNATURE

    body = bytearray(ONENOTE_SIGNATURE + bytes(1024 - 16))
    for k, paragraph in enumerate(paragraphs):
        body += _noise(noise // max(len(paragraphs), 1), k)
        value = paragraph.encode("utf-16-le")
        body += struct.pack("<I", len(value)) + value
    body += _noise(noise, 99)
    path.write_bytes(bytes(body))
    return path


def test_onenote_paragraph_text_in_file_order(tmp_path: Path) -> None:
    path = _onenote(
        tmp_path / "Kunden.one",
        [
            "Kunde Meier – Firewall",
            "admin / Kennwort: One!Note-81",
            "Kunde Meier – Firewall",
            "WLAN 密码 Passwort: One!Cjk-82",
        ],
    )
    kind, units = extract_file(path)
    assert kind == "one"
    lines = units[0].text.split("\n")  # type: ignore[union-attr]
    assert lines.count("Kunde Meier – Firewall") == 1  # revisions of a paragraph are read once
    assert "WLAN 密码 Passwort: One!Cjk-82" in lines
    findings, _ = scan_findings(path)
    assert sorted(f.secret or "" for f in findings) == ["One!Cjk-82", "One!Note-81"]


def test_onenote_noise_alone_gives_no_findings_and_bad_header_is_an_error(tmp_path: Path) -> None:
    path = _onenote(tmp_path / "noise.one", [], noise=400_000)
    assert scan_findings(path)[0] == []
    short = tmp_path / "short.one"
    short.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ExtractError, match="OneNote"):
        extract_file(short)
