"""Argument parsing only: each command group lives in credscan.commands.<name> and exposes register()."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from credscan import __version__
from credscan.errors import UserError

COMMAND_MODULES = ("scan", "agent", "rules", "report", "baseline", "findings", "shares", "secrets")
"""Modules under credscan.commands, in the order `credscan --help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credscan",
        description="Find passwords and other credentials kept in files, and report them to a central log.",
    )
    parser.add_argument("--version", action="version", version=f"credscan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"credscan.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args))
    except UserError as exc:
        print(f"credscan: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("credscan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `credscan rules list | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
