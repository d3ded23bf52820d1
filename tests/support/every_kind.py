"""One small valid file of every extractor kind (the keys match credscan.extract.registry.EXTRACTORS):
the seeds the robustness and fuzz tests truncate, corrupt and mutate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.accessbuilders import make_access
from tests.support.docbuilders import (
    make_csv,
    make_docx,
    make_eml,
    make_msg,
    make_ods,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xls,
    make_xlsx,
    make_zip,
)
from tests.support.formatbuilders import NEW_FORMAT_BUILDERS
from tests.support.imagebuilders import router_page, save

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "xlsx": lambda p: make_xlsx(p, {"S": [["User", "Password"], ["a", "b"]], "H": [["x"]]}, hidden={"H"}),
    "xls": lambda p: make_xls(p, {"S": [["User", "Password"], ["a", 1]]}),
    "ods": lambda p: make_ods(p, {"S": [["Password", 1]]}),
    "docx": lambda p: make_docx(p, ["Password:", "x"], tables=[[["a", "b"]]], header="h", textboxes=["t"]),
    "pptx": lambda p: make_pptx(p, [(["a"], "notes")], tables={1: [["a", "b"]]}),
    "pdf": lambda p: make_pdf(p, [["Password: x"], ["y"]]),
    "rtf": lambda p: make_rtf(p, ["Password: x"]),
    "eml": lambda p: make_eml(p, "s", "Password: x", attachments=[("a.txt", b"x")], html="<p>x</p>"),
    "msg": lambda p: make_msg(p, "s", "Password: x", attachments=[("a.txt", b"x" * 5000)]),
    "zip": lambda p: make_zip(p, {"a.txt": b"x" * 1000, "b/c.txt": b"y"}),
    "csv": lambda p: make_csv(p, [["a", "b"], ["c", "d"]]),
    "text": lambda p: make_text(p, "Password: x\n" * 100, "utf-16"),
    **NEW_FORMAT_BUILDERS,
    "image": lambda p: save(router_page([("Password:", "x")]), p.with_suffix(".png")),
    "mdb": lambda p: make_access(
        p,
        {"T": (["User", "Password", "Notes"], [["a", "b", "Password: c"]])},
        memo_columns=["Notes"],
        password="p",
    ),
}
