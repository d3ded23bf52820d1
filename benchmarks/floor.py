"""The extraction floor: one process reading every cell, paragraph and page of a tree, no detection.

This is the performance yardstick: a full `credscan scan` should take no more wall time than this,
because it does the same reading in parallel workers and detection must stay cheap beside it.
Readers are the fastest known for each format: python-calamine, python-docx, pypdfium2, plain reads.

    python benchmarks/floor.py TREE
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from docx import Document
from python_calamine import CalamineWorkbook


def read_xlsx(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            cells += len(row)
    return cells


def read_docx(path: Path) -> int:
    doc = Document(str(path))
    count = sum(len(p.text) for p in doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            count += sum(len(cell.text) for cell in row.cells)
    return count


def read_pdf(path: Path) -> int:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        total = 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        pdf.close()


def read_text(path: Path) -> int:
    return len(path.read_bytes().decode("utf-8", "replace").splitlines())


READERS: dict[str, Callable[[Path], int]] = {
    ".xlsx": read_xlsx,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def floor(tree: Path) -> tuple[float, int, int]:
    """(seconds, files, bytes) to read everything under tree once."""
    seconds, _, files, size = floor_with_cpu(tree)
    return seconds, files, size


def floor_with_cpu(tree: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, files, bytes) to read everything under tree once."""
    start, start_cpu = time.perf_counter(), time.process_time()
    files = size = 0
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        READERS.get(path.suffix.lower(), read_text)(path)
        files += 1
        size += path.stat().st_size
    return time.perf_counter() - start, time.process_time() - start_cpu, files, size


if __name__ == "__main__":
    seconds, files, size = floor(Path(sys.argv[1]))
    print(f"floor: {files} files, {size / 1e6:.1f} MB in {seconds:.2f} s")
