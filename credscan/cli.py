"""Argument parsing only: each command group lives in credscan.commands.<name> and exposes register()."""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, TypeAlias, get_args

from credscan import __version__
from credscan.central.statecheck import RECOVERY
from credscan.errors import EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE, Terminated, UserError
from credscan.registry import Registry

CommandName: TypeAlias = Literal[
    "scan", "agent", "config", "rules", "report", "baseline", "findings", "shares", "secrets", "server"
]
"""The command groups, in the order `credscan --help` lists them."""

COMMANDS: Registry[CommandName, Callable[[Any], None]] = Registry(
    "command",
    get_args(CommandName),
    (
        ("scan", "credscan.commands.scan:register"),
        ("agent", "credscan.commands.agent:register"),
        ("config", "credscan.commands.config:register"),
        ("rules", "credscan.commands.rules:register"),
        ("report", "credscan.commands.report:register"),
        ("baseline", "credscan.commands.baseline:register"),
        ("findings", "credscan.commands.findings:register"),
        ("shares", "credscan.commands.shares:register"),
        ("secrets", "credscan.commands.secrets:register"),
        ("server", "credscan.commands.server:register"),
    ),
    lambda found: found if callable(found) else None,
)
"""Command group -> the ``register(subparsers)`` of its module under credscan.commands (one module per
group, imported only when its command runs)."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``only`` just that command's: each command module is imported only when
    its command runs (an incremental agent run, called every few minutes, should not load report code)."""
    parser = argparse.ArgumentParser(
        prog="credscan",
        description="Find passwords and other credentials kept in files, and report them to a central log.",
    )
    parser.add_argument("--version", action="version", version=f"credscan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS.names():
        register = COMMANDS.get(name) if only is None or name == only else None
        if register is not None:
            register(subparsers)
    return parser


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


@contextmanager
def _command_environment() -> Iterator[None]:
    """For the duration of one command: SIGTERM raises Terminated (workers stopped, files closed, exit 143),
    and warnings of libraries about the files being read (a certificate with a negative serial number, a
    spreadsheet's odd style) stay off stderr, where they would mix with the report and the progress line;
    `python -W default -m credscan …` shows them again (worker processes inherit -W). Both are restored
    afterwards, for callers that run main() in-process."""
    previous = None
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        with warnings.catch_warnings():
            if not sys.warnoptions:
                warnings.simplefilter("ignore")
            yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Exit codes: a command's own (scan: 0 clean, 1 findings), 2 usage or fatal error, 130 interrupted by
    Ctrl+C (SIGINT), 143 stopped by SIGTERM. The agent installs its own signal handlers (a stop is a normal
    exit 0 there)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=words[0] if words and COMMANDS.name_of(words[0]) is not None else None)
    args = parser.parse_args(words)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        with _command_environment():
            return int(handler(args))
    except UserError as exc:
        print(f"credscan: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:  # the agent's state, damaged while a command ran
        print(
            f"credscan: error: the agent state is damaged ({type(exc).__name__}); {RECOVERY}", file=sys.stderr
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("credscan: interrupted (Ctrl+C)", file=sys.stderr)
        return EXIT_SIGINT
    except Terminated:
        print("credscan: stopped (SIGTERM)", file=sys.stderr)
        return EXIT_SIGTERM
    except BrokenPipeError:  # `credscan rules list | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
