"""The report as a PDF, printed by the browser engine that also renders it for people: headless Chromium.

Printing with the same engine keeps one layout (the report's print CSS decides page breaks, keeps table
rows whole and wraps long paths) instead of a second renderer with its own CSS dialect. The HTML is
self-contained and fetches nothing; Chromium runs with a throwaway profile and no network services.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from credscan.errors import UserError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PRINT_TIMEOUT_S = 120
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)


def find_browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise UserError(
        "a PDF needs headless Chromium to print it: install it (Debian/Ubuntu: apt-get install chromium) "
        "or write the HTML report and print it from a browser"
    )


def write_pdf(html: str, output: Path) -> None:
    """Print ``html`` to ``output`` (mode 0600: the report says where every password lives)."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="credscan-report-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(work) / "report.pdf"
        sandbox = ("--no-sandbox",) if os.geteuid() == 0 else ()  # Chromium refuses root with its sandbox
        command = [browser, *FLAGS, *sandbox, f"--user-data-dir={Path(work) / 'profile'}"]
        command += [f"--print-to-pdf={printed}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise UserError(f"Chromium could not print the report ({type(exc).__name__})") from None
        if not printed.exists() or printed.stat().st_size == 0:
            raise UserError("Chromium printed no PDF")
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(printed.read_bytes())
