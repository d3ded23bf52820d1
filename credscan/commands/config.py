"""`credscan config check --config FILE`: validate an agent configuration the way the service would.

Everything `agent run` checks before it starts is checked here, without starting anything: the strict
parse (unknown sections and keys, types, units, cron expressions), at least one root, the schedule, each
[[forward]] destination (type, URL, format, options; duplicate names), and the exclude patterns. What depends
on the machine and the service's environment is reported as a warning, because an administrator often checks
the file from another shell: roots that do not exist here, secret references that cannot be resolved here
(the service loads its own environment file), a state directory that cannot be created. Secret values are
resolved only to be checked and are never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from credscan.config import SECRET_REF_PATTERN, Config
from credscan.errors import UserError
from credscan.sources.excludes import unreachable_patterns
from credscan.text import interval, plural


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "config", help="check an agent configuration file", description=__doc__.split("\n")[0]
    )
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate everything the agent would; exit 0 valid, 2 invalid",
        description="Validate a config file as `credscan agent run` would, without starting anything. "
        "Errors exit 2; warnings (things that depend on this machine) are printed and exit 0.",
    )
    check.add_argument("--config", required=True, metavar="FILE", help="agent configuration (TOML)")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    config = check_config(args.config)
    warnings = machine_warnings(config)
    for warning in warnings:
        print(f"credscan: warning: {warning}", file=sys.stderr)
    print(
        f"{args.config}: valid ({describe(config)})"
        + (f"; {_count(warnings, 'warning')}" if warnings else "")
    )
    return 0


def check_config(path: str | os.PathLike[str]) -> Config:
    """The config as `agent run` loads it, plus the checks the service makes when it builds its destinations;
    every problem is a UserError."""
    from credscan_agent.service import load_agent_config  # roots present, schedule valid

    from credscan.central.forward import build_forwarder

    config: Config = load_agent_config(
        path
    )  # credscan_agent is the agent/ folder, which mypy reads as `agent`
    names = [section.name for section in config.forward]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise UserError(f"config: two [[forward]] tables have the same name {duplicates[0]!r} (set name = …)")
    for section in config.forward:
        build_forwarder(section, _placeholder_secret)  # type, url, format, options; no connection is made
    return config


def _placeholder_secret(reference: str, where: str) -> str:
    """Stands in for a secret while a destination is built for checking (a webhook URL that is itself a
    secret gets a URL); the real one is looked up, and never shown, by machine_warnings."""
    return "https://placeholder.invalid/hook" if where.endswith(" url") else "placeholder-not-a-secret"


def machine_warnings(config: Config) -> list[str]:
    """What would fail on this machine now, but may well work for the service (its own environment,
    its own mounts)."""
    from credscan.secretref import resolve_secret

    warnings = []
    for root in config.scan.roots:
        if "://" not in root and not os.path.exists(root):
            warnings.append(f"root {root} does not exist on this machine")
    for pattern in unreachable_patterns(config.scan.exclude, config.scan.roots):
        warnings.append(f"exclude {pattern!r} is absolute and outside every root: it excludes nothing")
    references = [(section.token, f"forward {section.name} token") for section in config.forward]
    references += [
        (section.url, f"forward {section.name} url")
        for section in config.forward
        if SECRET_REF_PATTERN.match(section.url)
    ]
    references.append((config.scan.smb_password, "scan.smb_password"))
    for reference, where in references:
        if not reference:
            continue
        try:
            resolve_secret(reference, where)
        except UserError as exc:
            warnings.append(f"{exc} (the service may have it in its own environment)")
    state = config.state.dir
    nearest = next((p for p in (state, *state.parents) if p.exists()), Path("/"))
    if not os.access(nearest, os.W_OK):
        warnings.append(f"state directory {state} is not writable for this user ({nearest} is not)")
    return warnings


def describe(config: Config) -> str:
    schedule = config.schedule
    parts = [_count(config.scan.roots, "root"), _count(config.forward, "destination")]
    parts.append(f"full walk {schedule.full!r}" if schedule.full else "no full walk")
    if schedule.incremental_seconds:
        parts.append(f"incremental every {interval(schedule.incremental_seconds)}")
    parts.append("watching" if config.watch.enabled else "not watching")
    return ", ".join(parts)


def _count(items: list[Any], noun: str) -> str:
    return plural(len(items), noun)
