"""DFS namespaces: `credscan scan smb://server/dfs` follows each link to its target share, and a target
reached through several links (or through the namespace and directly) is scanned once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.support.smbserver import SambaServer, requires_samba, running_samba

pytestmark = requires_samba

SECRETS = {"clients": "Dfs-Cl1ent-Pa55!", "archive": "Dfs-Arch1ve-Pa55!"}


@pytest.fixture(scope="module")
def namespace() -> Iterator[SambaServer]:
    links = {"Clients": "clients", "Archive": "archive", "clients-again": "CLIENTS"}
    with running_samba(dfs_links=links) as server:
        for share, secret in SECRETS.items():
            note = server.share_dir(share) / "it" / "notes.txt"
            note.parent.mkdir(parents=True, exist_ok=True)
            note.write_text(f"admin password: {secret}\n")
            note.parent.chmod(0o755)
            note.chmod(0o644)
        yield server


def scan(server: SambaServer, *targets: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", *targets, "--smb-user", server.user, "--format", "json"],
        env=dict(os.environ, CREDSCAN_SMB_PASSWORD=server.password),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    for secret in [*SECRETS.values(), server.password]:
        assert secret not in proc.stdout + proc.stderr
    return dict(json.loads(proc.stdout))


def test_a_namespace_is_scanned_through_its_links_each_target_once(namespace: SambaServer) -> None:
    report = scan(namespace, namespace.url("dfs"))
    paths = sorted(finding["path"] for finding in report["findings"])  # type: ignore[attr-defined]
    # files are reported where they live, once, however many links lead to them
    assert paths == [namespace.url("archive", "it/notes.txt"), namespace.url("clients", "it/notes.txt")]
    stats = report["stats"]
    skipped = [entry["reason"] for entry in stats["skipped"]]  # type: ignore[index]
    assert any("DFS link to" in reason and "scanned once already" in reason for reason in skipped)
    assert stats["errors"] == []  # type: ignore[index]


def test_a_link_below_the_namespace_root_is_followed_too(namespace: SambaServer) -> None:
    report = scan(namespace, namespace.url("dfs", "Archive"))
    paths = [finding["path"] for finding in report["findings"]]  # type: ignore[attr-defined]
    assert paths == [namespace.url("archive", "it/notes.txt")]
