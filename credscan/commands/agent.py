"""`credscan agent run --config FILE [--once]`: the background agent (docs/agent.md).

Each action is a small function registered in ACTIONS, so the long-running mode and `agent status` plug
in here without touching the others. `--once`: one full scan of [scan] roots, a bounded delivery attempt,
exit 0 even when destinations are down (their events stay in the outbox for the next run). `--once
--incremental`: the same, but files whose size, mtime and file id the store already knows are not opened
(the agent's scheduled incremental scan, for cron jobs and benchmarks).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from credscan.central.runner import scan_options, scan_roots
from credscan.central.service import CentralLog, prepare_state_dir
from credscan.central.statecheck import hold_agent_lock
from credscan.config import Config, load_config
from credscan.errors import UserError

DELIVER_TIMEOUT_S = 10.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "agent", help="background agent: scan roots, keep the central log, forward"
    )
    actions = parser.add_subparsers(dest="agent_action", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="run the agent in the foreground (services run this)")
    run.add_argument("--config", required=True, metavar="FILE", help="agent configuration (TOML)")
    run.add_argument("--once", action="store_true", help="one full scan, deliver what the outbox can, exit 0")
    run.add_argument(
        "--incremental",
        action="store_true",
        help="with --once: scan only new and changed files (unchanged ones cost one stat)",
    )
    run.add_argument(
        "--deliver-timeout",
        type=float,
        default=DELIVER_TIMEOUT_S,
        metavar="SECONDS",
        help=f"with --once: how long to try delivering (default {DELIVER_TIMEOUT_S:g})",
    )
    run.set_defaults(handler=_run)
    repair = actions.add_parser(
        "repair", help="move damaged state databases aside so the agent can start (docs/security.md)"
    )
    repair.add_argument("--config", required=True, metavar="FILE", help="agent configuration (TOML)")
    repair.set_defaults(handler=_repair)
    status = actions.add_parser("status", help="last scans, findings known, outbox per destination")
    status.add_argument("--config", required=True, metavar="FILE", help="agent configuration (TOML)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=_status)
    enroll = actions.add_parser("enroll", help="join the MSP's credscan server (adds a credscan [[forward]])")
    enroll.add_argument("url", help="the server, https://HOST[:PORT]")
    enroll.add_argument("--token", required=True, help="one-time token from `credscan server enroll-token`")
    enroll.add_argument(
        "--config", required=True, metavar="FILE", help="agent configuration (TOML) to extend"
    )
    enroll.add_argument("--name", help="this agent's name on the server (default: the host name)")
    enroll.add_argument("--fingerprint", help="expected SHA-256 of the server certificate (refuse others)")
    enroll.add_argument(
        "--ca-file", type=Path, metavar="FILE", help="pin this certificate instead of fetching it"
    )
    enroll.set_defaults(handler=_enroll)


def _run(args: argparse.Namespace) -> int:
    if args.incremental and not args.once:
        raise UserError("--incremental needs --once (the running agent schedules its own incremental scans)")
    if not args.once:
        from credscan_agent.service import run_agent  # the service and its dependencies load only here

        code: int = run_agent(args.config)  # mypy reads credscan_agent as the `agent` folder: typed here
        return code
    config = load_config(args.config)
    kind = "incremental" if args.incremental else "full"
    return run_once(config, deliver_timeout=max(0.0, args.deliver_timeout), kind=kind)


def _enroll(args: argparse.Namespace) -> int:
    from credscan.central.enroll import enroll

    done = enroll(
        args.url,
        args.token,
        Path(args.config),
        name=args.name,
        fingerprint=args.fingerprint,
        ca_file=args.ca_file,
    )
    print(f"enrolled as agent {done.agent_id} of client {done.client}")
    print(f"server certificate pinned (SHA-256 {done.fingerprint}); credential stored in {done.stored_in}")
    return 0


def _repair(args: argparse.Namespace) -> int:
    from credscan.central.statecheck import hold_agent_lock, repair

    config = load_config(args.config)
    state_dir = prepare_state_dir(config.state.dir)
    hold_agent_lock(state_dir)  # never under a running agent
    for line in repair(state_dir):
        print(line)
    return 0


def _status(args: argparse.Namespace) -> int:
    from credscan_agent.status import collect_status, format_status

    status = collect_status(load_config(args.config))
    print(json.dumps(status, indent=2, sort_keys=True) if args.json else format_status(status))
    return 0


def run_once(config: Config, *, deliver_timeout: float = DELIVER_TIMEOUT_S, kind: str = "full") -> int:
    """agent.started, one scan (full or incremental), delivery bounded by deliver_timeout, agent.stopped."""
    if not config.scan.roots:
        raise UserError("config: [scan] roots is empty; nothing to scan")
    hold_agent_lock(prepare_state_dir(config.state.dir))
    with CentralLog(config) as central:
        key = central.fingerprint_key()
        central.agent_started("once")
        reason = "scan finished"
        try:
            scan_roots(central, scan_options(config, key.key), config.scan.roots, kind=kind)
        except KeyboardInterrupt:
            reason = "interrupted"
            raise
        finally:
            central.agent_stopped(reason)
            central.deliver(deliver_timeout)
    return 0
