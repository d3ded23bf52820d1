"""Memory is bounded by design (issue 14, item 7): a PDF whose stream inflates far past its size, a docx
whose document.xml is huge but under the zip caps, and a scan's total memory that --jobs does not multiply.
What was read before a limit is still reported. Files are built here; ~10 s."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from credscan.extract.pdfguard import defuse_pdf, inflated_size
from credscan.limits import MIN_WORKER_MEMORY, Limits, worker_plan
from tests.support.docbuilders import make_docx
from tests.support.paths import REPO

PAGE_SECRET = "Pdf-Bomb-Neighbour-7x!"
DOCX_SECRET = "Docx-Huge-Body-5q!"


def content(text: str) -> bytes:
    return f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()


PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
    b" /Resources << /Font << /F1 7 0 R >> >> >>"
)


def pdf_with_bomb(bomb_bytes: int) -> bytes:
    """Two pages: page 1 holds a password, page 2's content stream inflates to ``bomb_bytes``."""
    bomb = zlib.compressobj(9)
    chunks = [bomb.compress(b" " * (1 << 20)) for _ in range(bomb_bytes >> 20)]
    bomb_data = b"".join(chunks) + bomb.flush()
    good = zlib.compress(content(f"Password: {PAGE_SECRET}"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        PAGE % 5,
        PAGE % 6,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(good) + good + b"\nendstream",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb_data) + bomb_data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PEAK_OF_CHILD = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[2:]).returncode; "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)
"""Runs a command and writes the peak RSS (KB) of its largest descendant. A fresh parent for each scan:
this test process's own RUSAGE_CHILDREN also remembers every earlier test's children (a LibreOffice
conversion, a browser), which once made a clean scan look like an 789 MB one. The scans run in-process
(--jobs 0): a worker's peak never reaches RUSAGE_CHILDREN (the forkserver reaps it and is not waited for),
so with --jobs 1 an undefended 400 MB bomb measured 38 MB and these bounds could not fail; in-process it
measures 847 MB."""


def scan_peak(path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Scan in a child; (result, peak RSS in MB of the scan's largest process)."""
    peak_file = path.parent / "peak-kb"
    scan = [sys.executable, "-m", "credscan", "scan", str(path), "--format", "json", "--show-secrets", *args]
    done = subprocess.run(
        [sys.executable, "-c", PEAK_OF_CHILD, str(peak_file), *scan],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "CREDSCAN_NO_KEYRING": "1",
            "CREDSCAN_STATE_DIR": str(path.parent / "st"),
            "PATH": "/usr/bin:/bin",
        },
    )
    return done, int(peak_file.read_text()) // 1024


def test_inflated_size_stops_counting_past_the_cap() -> None:
    data = zlib.compress(b"\0" * (50 << 20))
    assert 1 << 20 < inflated_size(data, 1 << 20) <= (1 << 20) + 64 * 1024


def test_inflated_size_ends_at_the_end_of_the_stream_despite_trailing_bytes() -> None:
    """A PDF stream body ends with the EOL before "endstream": past the zlib end, that byte stays in
    unconsumed_tail when the output filled a chunk, which once made this loop forever (any PDF with a
    picture or a content stream over 64 KB)."""
    import time
    import zlib

    data = zlib.compress(bytes(300_000)) + b"\n"
    started = time.monotonic()
    assert inflated_size(data, 1 << 30) == 300_000
    assert time.monotonic() - started < 1


def test_pdf_stream_bomb_is_blanked_and_the_other_page_still_read(tmp_path: Path) -> None:
    data = pdf_with_bomb(400 << 20)
    assert len(data) < 2 << 20  # a small file…
    defused = defuse_pdf(data, Limits())
    assert len(defused.data) == len(data) and len(defused.blanked) == 1  # …whose one stream is blanked
    path = tmp_path / "share" / "bomb.pdf"
    path.parent.mkdir()
    path.write_bytes(data)
    done, peak_mb = scan_peak(path.parent, "--jobs", "0")
    assert done.returncode == 1, done.stderr
    assert PAGE_SECRET in done.stdout  # page 1, read before the limit, is reported
    assert "max_pdf_stream_bytes" in done.stdout
    assert peak_mb < 700, peak_mb


def test_docx_with_a_huge_body_is_streamed(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    make_docx(share / "big.docx", ["Firewall", f"Password: {DOCX_SECRET}"] + ["filler text here"] * 10)
    big = share / "big.docx"
    with zipfile.ZipFile(big) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    body = parts["word/document.xml"]
    words = os.urandom(36 << 20).hex().encode()  # ~72 MB of text that does not compress like a bomb
    filler = b"".join(
        b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % words[i : i + 600] for i in range(0, len(words), 600)
    )
    parts["word/document.xml"] = body.replace(b"</w:body>", filler + b"</w:body>")
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    done, peak_mb = scan_peak(share, "--jobs", "0")
    assert done.returncode == 1, done.stderr
    assert DOCX_SECRET in done.stdout
    assert "max_xml_part_bytes" in done.stdout
    assert peak_mb < 900, peak_mb


def test_jobs_do_not_multiply_the_scan_budget() -> None:
    limits = Limits(scan_memory_bytes=4 * MIN_WORKER_MEMORY)
    for jobs in (1, 2, 4, 16, 64):
        workers, each = worker_plan(limits, jobs)
        assert workers * each <= 4 * MIN_WORKER_MEMORY and workers <= jobs
    assert worker_plan(limits, 64)[0] == 4
    assert worker_plan(Limits(), 2)[1] <= Limits().worker_memory_bytes


def test_systemd_unit_caps_memory() -> None:
    unit = (REPO / "install" / "credscan-agent.service").read_text()
    assert "\nMemoryMax=" in unit
