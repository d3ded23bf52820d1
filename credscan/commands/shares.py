"""`credscan shares smb://server[:port]`: the shares a user can read, before scanning them.

Also home of the SMB command-line flags, which `credscan scan` shares (add_smb_arguments /
smb_options_from_args), so both commands spell and check them the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from credscan.errors import UserError


def add_smb_arguments(parser: argparse.ArgumentParser) -> None:
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


def smb_options_from_args(args: argparse.Namespace) -> dict[str, str]:
    """ScanOptions.source_options from the flags above (the password reference is checked, not resolved)."""
    from credscan.config import check_secret_ref
    from credscan.sources.smb import smb_source_options

    ref = args.smb_password_ref
    if ref:
        check_secret_ref(ref, "--smb-password-ref")
    return smb_source_options(args.smb_user, ref, require_encryption=not args.no_smb_encryption)


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
