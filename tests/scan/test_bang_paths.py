"""A "!" in a real file name is not an archive separator (issue 14, item 16): it is written "\\x21" in paths
(credscan.pathnames) and "%21" in SARIF URIs, so "report!2024.txt" and a member of "report" never mix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from credscan.pathnames import os_path
from tests.support.docbuilders import make_zip


def scan(share: Path, fmt: str, tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(tmp_path / "s")}
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", fmt, "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    return dict(json.loads(done.stdout))


def test_bang_in_names_and_members(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "report!2024.txt").write_text("Password: Zq7-Bang-Name-1!\n")
    make_zip(share / "old.zip", {"x!y.txt": b"Password: Zq7-Bang-Member-2!\n"})
    report = scan(share, "json", tmp_path)
    paths = sorted(f["path"] for f in report["findings"])  # type: ignore[index,union-attr]
    assert paths == [f"{share}/old.zip!x\\x21y.txt", f"{share}/report\\x212024.txt"]
    assert os_path(paths[1]) == os.fsencode(str(share / "report!2024.txt"))
    sarif = scan(share, "sarif", tmp_path)
    results = sarif["runs"][0]["results"]  # type: ignore[index]
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    assert uris == ["old.zip", "report%212024.txt"]
