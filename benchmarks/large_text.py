"""Detection speed on large text: a generated test log and JSON with very long lines.

    python benchmarks/large_text.py [--dir DIR] [--repeat 3] [--mb 9]

Compressed logs and API dumps (gdb's 9.4 MB check.log.gz of "PASS: …" lines, nodejs' all.json.gz with lines
of hundreds of KB) are read, as tar and .gz files are by default, and each must stay far inside the
per-file time budget (file_timeout_s, 120 s). Both kinds are generated here from a seed (nothing is
downloaded), gzipped, and scanned in this process with the scanner the workers use (archives on); the
result is MB/s of inflated text per CPU second (CPU seconds: what a busy shared machine distorts least),
the best and the median of ``--repeat`` runs, and the findings of each file (a few planted passwords, so
that a speed-up which loses matches shows).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

REPO = str(Path(__file__).resolve().parents[1])
sys.path.insert(0, REPO)  # measure this checkout, whatever credscan is installed

from full_scan import compile_checkout, machine  # noqa: E402

WORDS = [
    "break",
    "step",
    "next",
    "print",
    "watch",
    "frame",
    "thread",
    "signal",
    "value",
    "pointer",
    "array",
    "struct",
    "member",
    "local",
    "global",
    "function",
    "symbol",
    "register",
    "memory",
    "display",
    "finish",
    "return",
    "until",
    "continue",
    "catch",
    "throw",
    "shared",
    "library",
    "key",
    "pass",
    "passphrase",
    "password",
    "token",
    "user",
    "account",
    "buffer",
    "stream",
    "socket",
    "cipher",
    "certificate",
    "session",
    "option",
    "callback",
    "handler",
    "error",
    "event",
    "module",
    "crypto",
    "verify",
    "sign",
    "decrypt",
    "encrypt",
    "hash",
    "digest",
]
SUITES = ("gdb.base", "gdb.python", "gdb.threads", "gdb.mi", "gdb.cp", "gdb.dwarf2", "gdb.server")
PLANTED = ("Password: Bench!Log-7x", '"password": "Bench!Json-8y"')


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_log(size: int, seed: int = 15) -> bytes:
    """A DejaGnu summary like gdb's check.log: "Running …exp ...", then mostly "PASS: suite/x.exp: …"."""
    rng = random.Random(seed)
    lines = [
        "Test run by buildd on Sat May 13 16:57:48 2023",
        "Native configuration is x86_64-pc-linux-gnu",
        "",
    ]
    written = 0
    while written < size:
        test = f"{rng.choice(SUITES)}/{rng.choice(WORDS)}-{rng.choice(WORDS)}{rng.randint(1, 99)}.exp"
        lines.append(f"Running /build/gdb-13.1/gdb/testsuite/{test} ...")
        for _ in range(rng.randint(5, 120)):
            marker = rng.choices(("PASS", "FAIL", "XFAIL", "KFAIL", "UNSUPPORTED"), (96, 1, 1, 1, 1))[0]
            lines.append(f"{marker}: {test}: {_phrase(rng, rng.randint(2, 8))}")
            written += len(lines[-1]) + 1
        if rng.random() < 0.01:
            lines.append(rng.choice(("gdb compile failed, foo.c:12: warning: unused", "ERROR: timeout")))
    lines.insert(len(lines) // 2, PLANTED[0])
    return ("\n".join(lines) + "\n").encode()


def long_line_json(size: int, seed: int = 15) -> bytes:
    """API documentation as JSON (nodejs' all.json): a few lines of hundreds of KB (whole modules without
    indentation) among indented ones, prose full of "key", "passphrase", "password" and "token"."""
    rng = random.Random(seed)
    parts: list[str] = []
    written = 0
    while written < size:
        module = {
            "textRaw": _phrase(rng, 3),
            "methods": [
                {
                    "name": rng.choice(WORDS),
                    "desc": f"<p>{_phrase(rng, rng.randint(20, 200))}</p>",
                    "params": [{"name": rng.choice(WORDS), "type": "string", "desc": _phrase(rng, 12)}],
                }
                for _ in range(rng.randint(20, 400))
            ],
        }
        text = json.dumps(module) if rng.random() < 0.3 else json.dumps(module, indent=2)
        parts.append(text)
        written += len(text) + 2
    parts.insert(len(parts) // 2, "{" + PLANTED[1] + "}")
    return ("[\n" + ",\n".join(parts) + "\n]\n").encode()


def measure(path: Path, repeat: int) -> tuple[list[float], int]:
    """CPU seconds of each in-process scan of ``path`` (archives on), and its findings."""
    from credscan.filescan import FileScanner
    from credscan.limits import Limits
    from credscan.model import FileRef, ScanOptions

    options = ScanOptions(jobs=0, fingerprint_key=b"b" * 32, limits=Limits(archives=True))
    ref = FileRef(path=str(path), size=path.stat().st_size, mtime=path.stat().st_mtime)
    seconds, findings = [], 0
    for _ in range(repeat):
        scanner = FileScanner(options)  # a fresh one: no result remembered from the run before
        started = time.process_time()
        result = scanner.scan(ref)
        seconds.append(time.process_time() - started)
        findings = len(result.findings)
        assert result.error is None, result.error
    return seconds, findings


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "credscan-bench-large-text")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mb", type=float, default=9.0, help="inflated size of each generated file")
    args = parser.parse_args()

    compile_checkout()
    args.dir.mkdir(parents=True, exist_ok=True)
    size = int(args.mb * 1024 * 1024)
    files = {"check.log.gz": test_log(size), "all.json.gz": long_line_json(size)}
    print(f"machine:        {machine()}")
    print(f"load average:   {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for name, data in files.items():
        path = args.dir / name
        if not path.exists() or gzip.decompress(path.read_bytes()) != data:
            path.write_bytes(gzip.compress(data, mtime=0))
        longest = max(map(len, data.split(b"\n")))
        seconds, findings = measure(path, max(1, args.repeat))
        mb = len(data) / 1e6
        print(
            f"{name:14s}  {mb:.1f} MB inflated, longest line {longest / 1000:.0f} KB: "
            f"best {min(seconds):.2f} s CPU ({mb / min(seconds):.2f} MB/s), "
            f"median {median(seconds):.2f} s ({mb / median(seconds):.2f} MB/s), {findings} findings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
