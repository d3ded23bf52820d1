"""Lower the agent's own CPU and IO priority: it shares a production file server with its users.

Worker processes are started after this runs and inherit both settings, so one call at start-up
covers the whole agent. Every step is best effort: a priority we cannot lower is reported, never fatal.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys

NICE_INCREMENT = 10
IOPRIO_CLASS_IDLE = 3
IOPRIO_CLASS_SHIFT = 13
IOPRIO_WHO_PROCESS = 1
SYS_IOPRIO_SET = {"x86_64": 251, "amd64": 251, "i386": 289, "i686": 289, "aarch64": 30, "arm64": 30}
"""ioprio_set(2) has no libc wrapper; its syscall number depends on the architecture."""
BELOW_NORMAL_PRIORITY_CLASS = 0x00004000


def lower_priority() -> list[str]:
    """Apply every available lowering; returns what was done, for the agent.started event."""
    if sys.platform == "win32":
        return _lower_windows()
    done: list[str] = []
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < NICE_INCREMENT:
            os.nice(NICE_INCREMENT)
        done.append(f"nice={os.getpriority(os.PRIO_PROCESS, 0)}")
    except OSError:
        pass
    if sys.platform.startswith("linux") and _ioprio_idle():
        done.append("io=idle")
    return done


def _ioprio_idle() -> bool:
    number = SYS_IOPRIO_SET.get(platform.machine().lower())
    if number is None:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        value = IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT
        return int(libc.syscall(number, IOPRIO_WHO_PROCESS, 0, value)) == 0
    except (OSError, AttributeError):
        return False


def _lower_windows() -> list[str]:  # pragma: no cover - exercised on Windows only
    try:
        import psutil

        psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
        return ["priority=below-normal"]
    except ImportError:
        pass
    except Exception:
        return []
    try:
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.GetCurrentProcess()
        if kernel32.SetPriorityClass(handle, BELOW_NORMAL_PRIORITY_CLASS):
            return ["priority=below-normal"]
    except (OSError, AttributeError):
        pass
    return []
