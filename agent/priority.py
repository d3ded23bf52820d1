"""Lower the agent's own CPU and IO priority: it shares a production file server with its users.

Worker processes are started after this runs and inherit both settings, so one call at start-up
covers the whole agent. psutil gives one portable call for each (nice value or Windows priority class;
Linux IO class "idle", Windows IO priority "very low") instead of per-architecture syscall numbers.
Every step is best effort: a priority we cannot lower is reported, never fatal.
"""

from __future__ import annotations

import psutil

NICE_VALUE = 10
"""Unix nice value the agent runs at (a process already nicer than this is left alone)."""


def lower_priority() -> list[str]:
    """Apply every available lowering; returns what was done, for the agent.started event."""
    process = psutil.Process()
    return [step for step in (_lower_cpu(process), _lower_io(process)) if step]


def _lower_cpu(process: psutil.Process) -> str:
    try:
        if psutil.WINDOWS:  # pragma: no cover - exercised on Windows only
            process.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            return "priority=below-normal"
        if process.nice() < NICE_VALUE:
            process.nice(NICE_VALUE)
        return f"nice={process.nice()}"
    except (psutil.Error, OSError):
        return ""


def _lower_io(process: psutil.Process) -> str:
    if not hasattr(process, "ionice"):  # macOS, BSD: psutil has no IO priority there
        return ""
    try:
        if psutil.WINDOWS:  # pragma: no cover - exercised on Windows only
            process.ionice(psutil.IOPRIO_VERYLOW)
            return "io=very-low"
        process.ionice(psutil.IOPRIO_CLASS_IDLE)
        return "io=idle"
    except (psutil.Error, OSError):
        return ""
