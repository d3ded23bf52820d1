"""Files rewritten while the scanner reads them: whatever it reads, it ends with a result, never a crash."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from credscan.model import FileRef, ScanOptions
from credscan.scan import Scanner, walk_targets

KEY = b"k" * 32
SECRET = "Rewr1tten-Pa55!"


def rewrite_forever(path: Path, stop: threading.Event) -> None:
    """Truncate and refill the file in a loop, sometimes shorter, sometimes longer than stat said."""
    body = ("log line without anything\n" * 40_000) + f"password: {SECRET}\n"
    n = 0
    while not stop.is_set():
        with path.open("w") as out:
            out.write(body[: (n * 7919) % len(body)] if n % 3 else body)
        n += 1


def test_rewritten_file_ends_as_a_result(tmp_path: Path) -> None:
    target = tmp_path / "growing.log"
    target.write_text("start\n")
    stop = threading.Event()
    writer = threading.Thread(target=rewrite_forever, args=(target, stop), daemon=True)
    writer.start()
    outcomes: set[str] = set()
    try:
        with Scanner(ScanOptions(jobs=0, fingerprint_key=KEY)) as scanner:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                [ref] = [e for e in walk_targets([str(tmp_path)], scanner.options) if isinstance(e, FileRef)]
                result = scanner.scan_one(ref)
                if result.error is not None:
                    outcomes.add("error")
                    assert "\n" not in result.error.error and SECRET not in result.error.error
                elif result.skipped is not None:
                    outcomes.add("skipped")
                else:
                    outcomes.add("found" if result.findings else "clean")
                    for finding in result.findings:
                        assert finding.secret is None and SECRET not in finding.context
    finally:
        stop.set()
        writer.join()
    assert outcomes  # every round ended with one of them; which ones depends on the race
