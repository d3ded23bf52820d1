"""A test-only text extractor that misbehaves on purpose, installed into every credscan process (CLI,
forkserver, workers) through a generated ``sitecustomize`` (see ``trap_env``); production code has no hook.

Files whose base name starts with a trap word misbehave; every other text file is read normally:
``crash-*`` raises an exception whose message quotes the file's content, ``slow-*`` sleeps for
``CREDSCAN_TRAP_SLEEP`` seconds, ``segv-*`` kills its process with SIGSEGV, ``oom-*`` exits like the
OOM killer's victim (SIGKILL), ``log-*`` logs the content through the logging module and then crashes,
``hog-*`` allocates ``CREDSCAN_TRAP_HOG`` bytes (an allocation bomb that got past every cap), ``panic-*``
prints a Rust-style panic quoting the content on fd 2 and raises a BaseException, as pyo3 does;
``drip-*`` yields each line as a unit of its own, ``CREDSCAN_TRAP_SLEEP`` seconds apart (a file whose
reading outlasts its time budget, one unit at a time).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from credscan.extract.interface import ExtractContext
from credscan.extract.text import TextExtractor
from credscan.model import TextBlock, Unit
from tests.support.paths import REPO

SITECUSTOMIZE = """\
import os
if os.environ.get("CREDSCAN_TEST_TRAPS"):
    from credscan.extract import registry
    registry.EXTRACTORS.override("text", "tests.support.hostile_traps:TrapExtractor")
"""


class PanicLike(BaseException):
    """Like pyo3's PanicException: a BaseException, so `except Exception` lets it through."""


class TrapExtractor(TextExtractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        name = ctx.name
        if name.startswith("crash-"):
            raise RuntimeError(f"extractor exploded on {stream.read().decode(errors='replace')}")
        if name.startswith("log-"):
            logging.getLogger("some_parser").error("content: %s", stream.read().decode(errors="replace"))
            raise ValueError(stream.read().decode(errors="replace"))
        if name.startswith("drip-"):
            for number, line in enumerate(stream.read().decode().splitlines(), 1):
                yield TextBlock(text=line, by_line=True, first_line=number)
                time.sleep(float(os.environ.get("CREDSCAN_TRAP_SLEEP", "3600")))
            return
        if name.startswith("slow-"):
            time.sleep(float(os.environ.get("CREDSCAN_TRAP_SLEEP", "3600")))
        if name.startswith("panic-"):  # what pyo3 does on a Rust panic: the hook prints, then it raises
            content = stream.read()
            os.write(2, b"thread '<unnamed>' panicked at src/lib.rs:1:1:\n" + content + b"\n")
            raise PanicLike(content.decode(errors="replace"))
        if name.startswith("segv-"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("oom-"):
            os.kill(os.getpid(), signal.SIGKILL)
        if name.startswith("hog-"):
            hog = bytearray(int(os.environ.get("CREDSCAN_TRAP_HOG", str(2 * 1024**3))))
            del hog
        yield from super().extract(stream, ctx)


def trap_env(folder: Path, sleep_s: float = 3600) -> dict[str, str]:
    """Environment for a credscan subprocess with the traps installed (``folder`` gets the sitecustomize)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE)
    # the checkout under test first: sitecustomize runs before the working directory joins sys.path
    entries = [str(folder), str(REPO), os.environ.get("PYTHONPATH", "")]
    path = os.pathsep.join(filter(None, entries))
    return {**os.environ, "PYTHONPATH": path, "CREDSCAN_TEST_TRAPS": "1", "CREDSCAN_TRAP_SLEEP": str(sleep_s)}
