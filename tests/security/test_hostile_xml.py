"""Every XML parser credscan reaches is hardened: no entity is expanded into extracted text, no file or URL
is read, billion laughs end as a one-line error.

Parsers in play: python-docx and python-pptx (lxml, configured by those libraries with
resolve_entities=False; lxml's own defaults keep no_network=True, load_dtd=False, huge_tree=False),
defusedxml for xlsx workbook parts, calamine's Rust XML reader (no DTD support) for sheets. Config
XML (unattend.xml, Groups.xml, web.config) and SVG are scanned as text and never parsed.
"""

from __future__ import annotations

from pathlib import Path

import docx.oxml.parser
import pptx.oxml
import pytest

from credscan.extract.interface import ExtractError
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file
from tests.support.hostile_files import (
    billion_laughs,
    doctype_of,
    hostile_docx,
    pptx_with_slide_xml,
    quadratic_blowup,
    xlsx_with_workbook_doctype,
    xxe,
)
from tests.support.services import ConnectionRecorder

PASSWD_URL = "file:///etc/passwd"
ENTITY = "&xxe;"
PASSWD_FIRST_LINE = Path("/etc/passwd").read_text().splitlines()[0]


def texts(units: list[object]) -> str:
    parts = []
    for unit in units:
        if isinstance(unit, TextBlock):
            parts.append(unit.text)
        elif isinstance(unit, Table):
            parts.extend(cell for row in unit.rows for cell in row)
    return "\n".join(parts)


@pytest.mark.parametrize("parser", [docx.oxml.parser.oxml_parser, pptx.oxml.oxml_parser])
def test_office_lxml_parsers_do_not_resolve_entities(parser: object) -> None:
    from lxml import etree

    root = etree.fromstring(xxe("file:///etc/passwd").encode(), parser)  # type: ignore[arg-type]
    assert PASSWD_FIRST_LINE not in etree.tostring(root).decode()
    assert "root:" not in "".join(root.itertext())


def test_docx_and_pptx_external_entities_are_never_fetched(tmp_path: Path) -> None:
    recorder = ConnectionRecorder()
    try:
        made = [
            hostile_docx(tmp_path, "file.docx", doctype_of(xxe("file:///etc/passwd", "w:document"))),
            hostile_docx(tmp_path, "http.docx", doctype_of(xxe(f"{recorder.url}/d", "w:document"))),
            pptx_with_slide_xml(
                tmp_path, "http.pptx", doctype_of(xxe(f"{recorder.url}/p", "p:sld")), "&xxe;"
            ),
            pptx_with_slide_xml(
                tmp_path, "file.pptx", doctype_of(xxe("file:///etc/passwd", "p:sld")), "&xxe;"
            ),
        ]
        for path in made:
            kind, units = extract_file(path)
            assert kind in ("docx", "pptx")
            text = texts(units)
            assert "Leak:" in text  # the document was read …
            assert "root:" not in text and PASSWD_FIRST_LINE not in text  # … without its entity
        with pytest.raises(ExtractError, match="corrupt workbook"):
            extract_file(xlsx_with_workbook_doctype(tmp_path, "x.xlsx", doctype_of(xxe(f"{recorder.url}/x"))))
    finally:
        recorder.close()
    assert recorder.connections == []


def test_entity_bombs_are_errors_or_stay_unexpanded(tmp_path: Path) -> None:
    laughs = hostile_docx(tmp_path, "laughs.docx", doctype_of(billion_laughs("w:document")), "&lol9;")
    with pytest.raises(ExtractError, match="unreadable Word document"):
        extract_file(laughs)
    quadratic = hostile_docx(
        tmp_path, "q.docx", doctype_of(quadratic_blowup("w:document", 10_000, 10_000)), "&a;"
    )
    _, units = extract_file(quadratic)
    assert len(texts(units)) < 10_000  # 10 000 references to a 10 000-character entity stayed references
