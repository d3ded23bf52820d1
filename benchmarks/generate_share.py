"""Generate a realistic MSP file share for benchmarks (seeded, no downloads).

Mostly spreadsheets of 50-20,000 rows, Word documents, multi-page PDFs, logs, CSVs and scripts,
with a few planted passwords so detection has work to do. ~1,200 files and ~80 MB by default.

    python benchmarks/generate_share.py OUT_DIR [--files 1200] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import string
from collections.abc import Callable
from pathlib import Path

import xlsxwriter  # fast streaming xlsx writer (constant memory), benchmarks only
from docx import Document
from fpdf import FPDF

WORDS = [
    "server",
    "backup",
    "client",
    "share",
    "printer",
    "switch",
    "firewall",
    "router",
    "vpn",
    "license",
    "invoice",
    "ticket",
    "migration",
    "onboarding",
    "office",
    "laptop",
    "monitor",
    "update",
    "patch",
    "domain",
    "mailbox",
    "policy",
    "report",
    "quarterly",
    "network",
    "storage",
    "volume",
    "snapshot",
    "replication",
    "schedule",
    "contract",
    "support",
]


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _password(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "!#%&*+-?@"
    return "".join(rng.choice(alphabet) for _ in range(12)) + rng.choice("!#%") + str(rng.randint(0, 9))


def make_xlsx(path: Path, rng: random.Random) -> None:
    rows = rng.choices([50, 200, 1000, 2000, 20000], weights=[25, 25, 20, 20, 10])[0]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    with_passwords = rng.random() < 0.1
    header = ["Client", "Host", "Username", "Password" if with_passwords else "Notes", "Amount", "Date"]
    sheet.write_row(0, 0, header)
    for r in range(1, rows + 1):
        sheet.write_row(
            r,
            0,
            [
                f"Client {rng.randint(1, 400)}",
                f"srv{rng.randint(1, 99):02d}.corp.local",
                rng.choice(["admin", "backup", "scan", "jdoe", "svc_sql"]),
                (_password(rng) if r < 30 else "") if with_passwords else rng.choice(WORDS),
                rng.randint(10, 99999) / 100,
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            ],
        )
    book.close()


def make_docx(path: Path, rng: random.Random) -> None:
    doc = Document()
    doc.add_heading(f"Network documentation {rng.randint(1, 500)}", 1)
    for _ in range(rng.randint(20, 120)):
        doc.add_paragraph(_sentence(rng, rng.randint(8, 30)))
    if rng.random() < 0.15:
        doc.add_paragraph(f"Firewall admin password: {_password(rng)}")
    table = doc.add_table(rows=6, cols=3)
    for row in table.rows:
        for cell in row.cells:
            cell.text = rng.choice(WORDS)
    doc.save(str(path))


def make_pdf(path: Path, rng: random.Random) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for _ in range(rng.randint(3, 25)):
        pdf.add_page()
        for _ in range(40):
            pdf.cell(0, 6, _sentence(rng, 14), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def make_log(path: Path, rng: random.Random) -> None:
    lines = [
        f"2025-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z INFO {_sentence(rng, 10)}"
        for _ in range(rng.randint(200, 2000))
    ]
    path.write_text("\n".join(lines) + "\n")


def make_csv(path: Path, rng: random.Random) -> None:
    lines = ["id,name,host,owner,status"]
    lines += [
        f"{i},{rng.choice(WORDS)},srv{i % 90},{rng.choice(WORDS)},{rng.choice(['ok', 'failed'])}"
        for i in range(rng.randint(100, 8000))
    ]
    path.write_text("\n".join(lines) + "\n")


def make_script(path: Path, rng: random.Random) -> None:
    body = [f"# {_sentence(rng)}" for _ in range(20)]
    body.append("$cred = Get-Credential")
    if rng.random() < 0.2:
        body.append(f'$pw = ConvertTo-SecureString "{_password(rng)}" -AsPlainText -Force')
    body += [f"Write-Host '{_sentence(rng, 6)}'" for _ in range(rng.randint(20, 200))]
    path.write_text("\n".join(body) + "\n")


MAKERS: list[tuple[str, float, Callable[[Path, random.Random], None]]] = [
    ("xlsx", 0.30, make_xlsx),
    ("docx", 0.20, make_docx),
    ("pdf", 0.10, make_pdf),
    ("log", 0.15, make_log),
    ("csv", 0.10, make_csv),
    ("ps1", 0.15, make_script),
]


def generate(out: Path, files: int, seed: int) -> None:
    """Write the share into ``out``, which must be new or empty: files of an older generator version
    would stay beside the new ones (same seed, other names) and silently double the share."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: remove it first, or pick another folder")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    kinds = list(MAKERS)
    weights = [w for _, w, _ in MAKERS]
    for index in range(files):
        ext, _, maker = rng.choices(kinds, weights)[0]
        folder = out / f"client{index % 40:02d}" / rng.choice(["docs", "it", "finance", "scans"])
        folder.mkdir(parents=True, exist_ok=True)
        maker(folder / f"{rng.choice(WORDS)}-{index}.{ext}", rng)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.files, args.seed)


if __name__ == "__main__":
    main()
