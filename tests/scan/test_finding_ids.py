"""Finding ids and baselines do not depend on how a path was typed: `clients`, `./clients/`, the absolute
path and a path through a symlinked folder name the same files, so they give the same ids; baselines written
with the older, spelling-dependent ids still match."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from credscan.redact import Fingerprinter
from credscan.sources.identity import identity_path, tidy_target

KEY = "ab" * 32
SECRET = "Tr0ub4dor&3xq"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    notes = tmp_path / "clients" / "acme"
    notes.mkdir(parents=True)
    (notes / "notes.txt").write_text(f"Admin password: {SECRET}\n")
    (notes / "wifi.txt").write_text("WLAN password: Gr33nF0x!2024\n")
    (tmp_path / "link").symlink_to(tmp_path / "clients")
    return tmp_path


def credscan(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDSCAN_FINGERPRINT_KEY": KEY, "CREDSCAN_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=workdir,
        timeout=120,
    )


def ids_and_paths(workdir: Path, target: str) -> tuple[list[str], list[str]]:
    done = credscan(workdir, "scan", "--jobs", "0", "--format", "jsonl", target)
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    return sorted(r["id"] for r in records), sorted(r["path"] for r in records)


def test_ids_are_the_same_whatever_the_spelling(workdir: Path) -> None:
    expected, paths = ids_and_paths(workdir, "clients")
    assert len(expected) == 2 and paths == ["clients/acme/notes.txt", "clients/acme/wifi.txt"]
    for spelling in ("./clients", "clients/", "./clients//acme/../", str(workdir / "clients"), "link"):
        ids, _ = ids_and_paths(workdir, spelling)
        assert ids == expected, spelling
    _, dotted = ids_and_paths(workdir, "./clients/")
    assert dotted == paths  # shown as typed, without the ./ and the trailing slash


def test_baseline_made_with_one_spelling_silences_the_others(workdir: Path) -> None:
    made = credscan(workdir, "baseline", "create", "clients", "-o", "baseline.json", "--jobs", "0")
    assert made.returncode == 0, made.stderr
    for spelling in ("clients", "./clients", str(workdir / "clients")):
        done = credscan(workdir, "scan", "--jobs", "0", "--baseline", "baseline.json", spelling)
        assert done.returncode == 0, (spelling, done.stdout)


def test_baseline_with_ids_of_the_old_scheme_still_matches(workdir: Path) -> None:
    """credscan 0.1 computed ids from the path as typed and a fast secret hash: a baseline written then (built
    here the way that version did it) keeps matching scans that name the folder the same way."""
    fresh = credscan(workdir, "scan", "--jobs", "0", "--format", "json", "clients")
    findings = json.loads(fresh.stdout)["findings"]
    secrets = {"notes.txt": SECRET, "wifi.txt": "Gr33nF0x!2024"}
    fingerprinter = Fingerprinter(bytes.fromhex(KEY))
    entries = []
    for record in findings:
        secret = secrets[Path(record["path"]).name]
        old_id = fingerprinter.legacy_finding_id(
            record["path"], record["rule_id"], record["location"], secret
        )
        assert old_id != record["id"]
        entries.append({"id": old_id, "path": record["path"], "rule_id": record["rule_id"]})
    (workdir / "old.json").write_text(json.dumps({"credscan_baseline": 1, "entries": entries}))
    for spelling in ("clients", "./clients/"):
        done = credscan(workdir, "scan", "--jobs", "0", "--baseline", "old.json", spelling)
        assert done.returncode == 0, (spelling, done.stdout)
    (workdir / "clients" / "acme" / "new.txt").write_text("Admin password: N3wS3cr3t!x9\n")
    done = credscan(workdir, "scan", "--jobs", "0", "--baseline", "old.json", "--format", "jsonl", "clients")
    assert done.returncode == 1 and [json.loads(line)["path"] for line in done.stdout.splitlines()] == [
        "clients/acme/new.txt"
    ]


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        ("smb://FS01/Clients/acme/x.xlsx", "smb://fs01/Clients/acme/x.xlsx"),
        ("SMB://fs01:445/Clients//./acme/x.xlsx", "smb://fs01/Clients/acme/x.xlsx"),
        ("smb://fs01:1445/Clients/x.xlsx", "smb://fs01:1445/Clients/x.xlsx"),
        ("smb://[FE80::1]/s/x", "smb://[fe80::1]/s/x"),
        ("smb://FS01/s/a.zip!inner/x.txt", "smb://fs01/s/a.zip!inner/x.txt"),
    ],
)
def test_smb_identity(url: str, identity: str) -> None:
    assert identity_path(url) == identity


def test_archive_members_and_bang_in_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.zip").write_bytes(b"PK")
    assert identity_path("./a.zip!inner/x.txt") == f"{tmp_path}/a.zip!inner/x.txt"
    assert identity_path("Wow!notes.txt") == f"{tmp_path}/Wow!notes.txt"  # no archive called "Wow"
    assert tidy_target("./clients/") == "clients" and tidy_target("smb://h/s/") == "smb://h/s/"
