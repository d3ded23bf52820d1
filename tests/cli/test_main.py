"""The CLI shell around every command: no traceback when the reader of stdout goes away."""

from __future__ import annotations

import subprocess
import sys


def test_closed_pipe_is_not_a_traceback() -> None:
    # Like `credscan rules list | head -1` where head has already exited: every write gets EPIPE.
    proc = subprocess.Popen(
        [sys.executable, "-m", "credscan", "rules", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the only reader is gone before the command writes anything
    _, stderr = proc.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr
    assert proc.returncode == 0


def test_only_the_command_that_runs_is_imported() -> None:
    """`credscan agent run --once --incremental` runs every few minutes: it must not load every command."""
    probe = (
        "import sys; from credscan.cli import main; main(['rules', 'list']); "
        "print(sorted(m for m in sys.modules if m.startswith('credscan.commands.')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "['credscan.commands.rules']"
