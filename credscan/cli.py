"""Argument parsing only: each command group lives in credscan.commands.<name> and exposes register()."""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence

from credscan import __version__
from credscan.central.statecheck import RECOVERY
from credscan.errors import UserError

COMMAND_MODULES = ("scan", "agent", "rules", "report", "baseline", "findings", "shares", "secrets")
"""Modules under credscan.commands, in the order `credscan --help` lists them."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``only`` just that command's: each command module is imported only when
    its command runs (an incremental agent run, called every few minutes, should not load report code)."""
    parser = argparse.ArgumentParser(
        prog="credscan",
        description="Find passwords and other credentials kept in files, and report them to a central log.",
    )
    parser.add_argument("--version", action="version", version=f"credscan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if only is None or name == only:
            module = importlib.import_module(f"credscan.commands.{name}")
            module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=words[0] if words and words[0] in COMMAND_MODULES else None)
    args = parser.parse_args(words)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args))
    except UserError as exc:
        print(f"credscan: error: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # the agent's state, damaged while a command ran
        print(
            f"credscan: error: the agent state is damaged ({type(exc).__name__}); {RECOVERY}", file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:
        print("credscan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `credscan rules list | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
