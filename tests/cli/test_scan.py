"""`credscan scan` as a user runs it: a subprocess, real files, exit codes, outputs, secrecy."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from credscan.pathnames import os_path
from tests.support.docbuilders import make_text, make_xlsx
from tests.support.paths import REPO

SECRET = "Sup3rS3cret4!"
PS_SECRET = "Winter2024!xyz"
FORMATS = ("table", "json", "jsonl", "sarif", "csv")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    state = tmp_path / "state"
    return {
        **os.environ,
        "CREDSCAN_STATE_DIR": str(state),
        "CREDSCAN_NO_KEYRING": "1",
        "PYTHONWARNINGS": "ignore",
    }


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    root.mkdir()
    make_xlsx(
        root / "Passwords.xlsx", {"Clients": [["System", "Username", "Password"], ["NAS", "admin", SECRET]]}
    )
    make_text(root / "deploy.ps1", f'$pw = ConvertTo-SecureString "{PS_SECRET}" -AsPlainText -Force\n')
    return root


def credscan(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", "scan", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=REPO,
    )


def test_findings_exit_1_and_table(share: Path, env: dict[str, str]) -> None:
    done = credscan(str(share), env=env)
    assert done.returncode == 1, done.stderr
    assert "Clients!C2" in done.stdout and "Su********" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("2 findings")
    assert done.stderr == ""  # piped: no progress line, no colours
    assert "\x1b[" not in done.stdout


def test_clean_folder_exit_0(tmp_path: Path, env: dict[str, str]) -> None:
    make_text(tmp_path / "notes.txt", "meeting at 10, bring coffee\n")
    done = credscan(str(tmp_path / "notes.txt"), "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/path"], "credscan: error: no such file or directory: /no/such/path"),
        ([], "credscan: error: no PATH given: name the files, folders or smb:// shares to scan"),
        (
            ["--max-file-size", "lots", "."],
            "credscan: error: invalid size 'lots' (use e.g. 500KB, 200MB, 2GB)",
        ),
        (["--config", "/no/such.toml", "."], "credscan: error: config file not found: /no/such.toml"),
        (["--rules", "/no/rules", "."], "credscan: error: rules folder not found: /no/rules"),
        (
            ["-o", "/no/such/dir/out.json", "."],
            "credscan: error: cannot write /no/such/dir/out.json: no such folder",
        ),
    ],
)
def test_user_errors_exit_2_with_one_line(args: list[str], message: str, env: dict[str, str]) -> None:
    done = credscan(*args, env=env)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(message)
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_bad_flag_is_usage_error(env: dict[str, str]) -> None:
    done = credscan("--format", "xml", ".", env=env)
    assert done.returncode == 2 and "invalid choice" in done.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_plaintext_only_with_show_secrets(fmt: str, share: Path, env: dict[str, str]) -> None:
    hidden = credscan(str(share), "--format", fmt, "--jobs", "1", env=env)
    assert hidden.returncode == 1
    assert SECRET not in hidden.stdout + hidden.stderr and PS_SECRET not in hidden.stdout + hidden.stderr
    shown = credscan(str(share), "--format", fmt, "--jobs", "1", "--show-secrets", env=env)
    assert SECRET in shown.stdout and PS_SECRET in shown.stdout
    assert SECRET not in shown.stderr
    state = Path(env["CREDSCAN_STATE_DIR"])
    for path in state.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()


def test_ids_stable_across_runs_and_jobs(share: Path, env: dict[str, str]) -> None:
    runs = [credscan(str(share), "--format", "json", "--jobs", jobs, env=env) for jobs in ("1", "2", "2")]
    ids = [[f["id"] for f in json.loads(run.stdout)["findings"]] for run in runs]
    assert ids[0] and ids[0] == ids[1] == ids[2]


def test_output_file_is_0600(share: Path, tmp_path: Path, env: dict[str, str]) -> None:
    out = tmp_path / "report.sarif"
    done = credscan(str(share), "--format", "sarif", "-o", str(out), env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = json.loads(out.read_text())
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert uris == {"Passwords.xlsx", "deploy.ps1"}


@pytest.mark.timeout(60)
def test_fifo_named_passwords_txt_does_not_hang(share: Path, env: dict[str, str]) -> None:
    os.mkfifo(share / "passwords.txt")
    done = credscan(str(share), "--format", "json", env=env, timeout=50)
    skipped = json.loads(done.stdout)["stats"]["skipped"]
    assert {"path": str(share / "passwords.txt"), "reason": "not a regular file"} in skipped


def test_excludes_and_max_file_size(share: Path, env: dict[str, str]) -> None:
    make_text(share / "big.txt", "admin password: Other0ne!!\n" + "x" * 5000)
    done = credscan(str(share), "--format", "json", "--exclude", "*.xlsx", "--max-file-size", "2KB", env=env)
    document = json.loads(done.stdout)
    assert [Path(f["path"]).name for f in document["findings"]] == ["deploy.ps1"]
    reasons = {Path(s["path"]).name: s["reason"] for s in document["stats"]["skipped"]}
    assert reasons == {"Passwords.xlsx": "excluded", "big.txt": "too large"}


def test_config_supplies_excludes_and_vault(share: Path, tmp_path: Path, env: dict[str, str]) -> None:
    config = tmp_path / "credscan.toml"
    config.write_text(
        '[scan]\nexclude = ["*.ps1"]\njobs = 1\n'
        '[remediation]\nvault_name = "Hudu"\nvault_url = "https://hudu.example.net"\n'
    )
    done = credscan(str(share), "--config", str(config), "--format", "jsonl", env=env)
    findings = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(f["path"]).name for f in findings] == ["Passwords.xlsx"]
    assert "Hudu (https://hudu.example.net)" in findings[0]["remediation"]


def test_min_severity_can_make_a_scan_clean(share: Path, env: dict[str, str]) -> None:
    (share / "Passwords.xlsx").unlink()
    assert credscan(str(share), "--min-severity", "critical", env=env).returncode == 0
    assert credscan(str(share), "--min-severity", "high", env=env).returncode == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_file_name_serialises(fmt: str, tmp_path: Path, env: dict[str, str]) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/Kennw\xf6rter.txt"  # Latin-1 name from an old Windows share
    with open(raw, "wb") as handle:
        handle.write(f"admin password: {SECRET}\n".encode())
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", os.fsencode(str(tmp_path)), "--format", fmt],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    shown = (b"Kennw\\xf6rter.txt", b"Kennw\\\\xf6rter.txt", b"Kennw%F6rter.txt")  # text, JSON, SARIF URI
    assert any(form in done.stdout for form in shown)
    if fmt == "json":
        [finding] = json.loads(done.stdout)["findings"]
        assert os_path(finding["path"]) == raw  # the display form gives the exact bytes back
