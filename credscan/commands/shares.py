"""`credscan shares smb://server[:port]`: the shares a user can read, before scanning them.

Also home of the SMB command-line flags, which `credscan scan` shares (add_smb_arguments /
smb_options_from_args), so both commands spell and check them the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from credscan.config import DEFAULT_SMB_MAX_REQUESTS, SMB_MAX_REQUESTS_LIMIT, Config, check_secret_ref
from credscan.errors import UserError


def add_smb_arguments(parser: argparse.ArgumentParser, reading: bool = False) -> None:
    """The SMB flags; ``reading`` adds those of commands that read files (the request limit)."""
    group = parser.add_argument_group("SMB shares (smb://server[:port]/share[/folder])")
    group.add_argument(
        "--smb-user",
        metavar="USER",
        help="DOMAIN\\user or user@REALM; the password comes from CREDSCAN_SMB_PASSWORD or "
        "--smb-password-ref (without user and password, Kerberos is tried)",
    )
    group.add_argument(
        "--smb-password-ref",
        metavar="REF",
        help='where the password is: "env:NAME" or "keyring:SERVICE/NAME" (never the password itself)',
    )
    group.add_argument(
        "--no-smb-encryption",
        action="store_true",
        help="allow unencrypted SMB sessions (encryption is required by default)",
    )
    if reading:
        group.add_argument(
            "--smb-max-requests",
            metavar="N",
            type=_smb_max_requests,
            help="SMB requests in flight to one server, all workers together (small files are read ahead); "
            f"default: the config's [scan] smb_max_requests, else {DEFAULT_SMB_MAX_REQUESTS}",
        )


def _smb_max_requests(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= SMB_MAX_REQUESTS_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {SMB_MAX_REQUESTS_LIMIT}")
    return int(text)


def smb_options_from_args(args: argparse.Namespace, config: Config | None = None) -> dict[str, str]:
    """ScanOptions.source_options: the flags above over the config's [scan] smb_* keys.

    The password reference is checked here and resolved only when a session is set up.
    """
    from credscan.sources.smb import smb_source_options

    ref = args.smb_password_ref
    if ref:
        check_secret_ref(ref, "--smb-password-ref")
    scan = config.scan if config is not None else None
    return smb_source_options(
        args.smb_user or (scan.smb_user if scan else None),
        ref or (scan.smb_password if scan else None),
        require_encryption=not args.no_smb_encryption and (scan.smb_require_encryption if scan else True),
        max_requests=getattr(args, "smb_max_requests", None)
        or (scan.smb_max_requests if scan else DEFAULT_SMB_MAX_REQUESTS),
    )


def add_all_shares_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all-shares",
        action="store_true",
        help="for smb://server targets without a share: scan every readable non-administrative share",
    )
    parser.add_argument(
        "--include-admin-shares", action="store_true", help="with --all-shares: also C$, ADMIN$ and the like"
    )


def expand_all_shares(
    targets: list[str], args: argparse.Namespace, source_options: dict[str, str]
) -> list[str]:
    """Replace each ``smb://server`` target by its readable shares when --all-shares is given."""
    if not args.all_shares:
        return targets
    from credscan.sources.smb import parse_smb_url, readable_shares

    expanded: list[str] = []
    for target in targets:
        if target.lower().startswith("smb://") and not parse_smb_url(target, need_share=False).share:
            shares = readable_shares(target, source_options, include_admin=args.include_admin_shares)
            if not shares:
                raise UserError(f"no readable share on {target}")
            expanded += shares
        else:
            expanded.append(target)
    return expanded


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "shares",
        help="list the shares of an SMB server and whether you can read them",
        description="List the shares of smb://server[:port] (NetShareEnum over SMB 2/3), whether the user "
        "can read each one, and mark administrative shares. SYSVOL and NETLOGON on a domain controller are "
        "common homes of Group Policy Preferences passwords and logon scripts: scan them.",
    )
    parser.add_argument("server", metavar="smb://SERVER[:PORT]")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_smb_arguments(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from credscan.sources.smb import list_shares

    if not args.server.lower().startswith("smb://"):
        raise UserError(f"expected smb://server[:port], not {args.server!r}")
    shares = list_shares(args.server, smb_options_from_args(args))
    if args.format == "json":
        records = [
            {
                "name": share.info.name,
                "url": share.url,
                "type": share.info.type,
                "remark": share.info.remark,
                "admin": share.admin,
                "readable": share.readable,
                "note": share.note,
            }
            for share in shares
        ]
        json.dump({"server": args.server, "shares": records}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [("SHARE", "TYPE", "ACCESS", "NOTE")]
    for share in shares:
        access = {True: "readable", False: "denied", None: "-"}[share.readable]
        note = "; ".join(
            filter(None, ["administrative" if share.admin else "", share.note, share.info.remark])
        )
        rows.append((share.info.name, share.info.type, access, note))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        print("  ".join([*cells, row[3]]).rstrip())
    readable = sum(1 for s in shares if s.readable and not s.admin)
    print(f"\n{readable} readable non-administrative share(s); scan them all with --all-shares:")
    print(f"  credscan scan {args.server} --all-shares")
    return 0
