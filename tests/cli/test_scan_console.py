"""What `credscan scan` tells the person at the console: stderr summary with -o, plural forms, table order,
warnings for scans that saw nothing, interrupted scans, library warnings kept off stderr, --quiet, --verbose
and --color. Real subprocesses on real files (each test well under a few seconds)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.support.docbuilders import make_text
from tests.support.paths import REPO

SECRET = "Tr0ub4dor&3xq"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items() if key not in ("PYTHONWARNINGS", "NO_COLOR")}
    return {**clean, "CREDSCAN_STATE_DIR": str(tmp_path / "state"), "CREDSCAN_NO_KEYRING": "1"}


def scan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", "scan", "--jobs", "1", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """One finding of each of three severities, named so that path order differs from severity order."""
    root = tmp_path / "mixed"
    root.mkdir()
    make_text(
        root / "z_export.csv",
        "url,username,password,extra,name,grouping,fav\nhttps://a.example,jdoe,Qx7!vLm29#pT,,A,,0\n",
    )
    make_text(root / "c_notes.txt", "Admin password: Zz9!plmQ7ow\n")
    make_text(root / "a_notes.txt", f"Admin password: {SECRET}\n")
    (root / "b.kdbx").write_bytes(bytes.fromhex("03d9a29a67fb4bb5") + b"\0" * 64)
    return root


def test_table_is_sorted_by_severity_then_path(mixed: Path, env: dict[str, str]) -> None:
    done = scan(str(mixed), "--no-progress", env=env)
    assert done.returncode == 1, done.stderr
    rows = [line.split()[:3] for line in done.stdout.splitlines()[1:5]]
    assert [(severity, Path(path).name) for severity, _, path in rows] == [
        ("critical", "z_export.csv"),
        ("high", "a_notes.txt"),
        ("high", "c_notes.txt"),
        ("medium", "b.kdbx"),
    ]


def test_one_of_each_is_singular(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "one").mkdir()
    make_text(tmp_path / "one" / "notes.txt", f"Admin password: {SECRET}\n")
    done = scan(str(tmp_path / "one"), env=env)
    assert done.stdout.splitlines()[-1].startswith("1 finding (1 high) in 1 file; 1 file scanned (")
    assert done.stdout.splitlines()[-1].endswith("; 0 skipped; 0 errors")


def test_output_file_gets_the_report_and_stderr_the_summary(
    mixed: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    report = tmp_path / "report.json"
    done = scan(str(mixed), "--format", "json", "-o", str(report), env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(
        f"credscan: wrote {report}: 4 findings (1 critical, 2 high, 1 medium) in 4 files"
    )
    assert done.stderr.count("\n") == 1 and report.stat().st_size > 0
    assert SECRET not in done.stderr
    quiet = scan(str(mixed), "--format", "json", "-o", str(report), "--quiet", env=env)
    assert quiet.returncode == 1 and quiet.stderr == "" and quiet.stdout == ""


def test_empty_folder_warns_and_summary_says_empty(tmp_path: Path, env: dict[str, str]) -> None:
    empty = tmp_path / "mnt" / "clients"
    empty.mkdir(parents=True)
    done = scan(str(empty), "--summary", env=env)
    assert done.returncode == 0
    assert done.stdout.startswith("CREDSCAN status=EMPTY ") and " files=0 " in done.stdout
    assert f"warning: nothing was scanned: no files under {empty}" in done.stderr
    (empty / "big.iso").write_bytes(b"\0" * 4096)
    skipped = scan(str(empty), "--exclude", "*.ISO", env=env)
    assert "nothing was scanned: 1 file under" in skipped.stderr and "all skipped" in skipped.stderr
    make_text(empty / "readme.txt", "nothing here\n")
    clean = scan(str(empty), "--summary", env=env)
    assert clean.stdout.startswith("CREDSCAN status=OK ") and "warning" not in clean.stderr


def test_verbose_lists_skipped_files_and_quiet_hides_warnings(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "share"
    root.mkdir()
    make_text(root / "Passwords.XLSX.bak", "x\n")
    make_text(root / "big.log", "y" * 5000)
    verbose = scan(str(root), "--max-file-size", "1KB", "--exclude", "*.bak", "--verbose", env=env)
    assert f"credscan: skipped {root / 'big.log'}: too large" in verbose.stderr
    assert f"scanning {root} with 1 worker(s)" in verbose.stderr
    quiet = scan(str(root), "--exclude", "/nowhere/**", "--quiet", env=env)
    assert quiet.stderr == ""
    loud = scan(str(root), "--exclude", "/nowhere/**", env=env)
    assert (
        "exclude '/nowhere/**' is an absolute path outside every PATH scanned: it excludes nothing"
        in loud.stderr
    )


@pytest.mark.parametrize(
    ("flag", "extra_env", "coloured"),
    [("always", {}, True), ("never", {}, False), ("auto", {}, False), ("always", {"NO_COLOR": "1"}, True)],
)
def test_color_flag(
    mixed: Path, env: dict[str, str], flag: str, extra_env: dict[str, str], coloured: bool
) -> None:
    done = scan(str(mixed), "--color", flag, env={**env, **extra_env})
    assert ("\x1b[1;31mcritical" in done.stdout) is coloured  # auto: stdout is a pipe here


def test_library_warnings_stay_off_stderr(tmp_path: Path, env: dict[str, str]) -> None:
    """A PKCS#12 file whose certificate has a negative serial number: cryptography warns about it while
    the file is probed (CryptographyDeprecationWarning); the scan reports the file and prints no warning."""
    pytest.importorskip("cryptography")
    from tests.support.docbuilders_pki import make_pfx_with_negative_serial

    make_pfx_with_negative_serial(tmp_path / "certs" / "client.pfx")
    for jobs in ("0", "1"):
        done = scan(str(tmp_path / "certs"), "--jobs", jobs, "--format", "jsonl", env=env)
        assert done.returncode == 1, done.stderr
        assert "Warning" not in done.stderr and done.stderr == ""
    shown = subprocess.run(
        [sys.executable, "-W", "default", "-m", "credscan", "scan", "--jobs", "0", str(tmp_path / "certs")],
        capture_output=True, text=True, env=env, timeout=120, cwd=REPO,
    )  # fmt: skip
    assert "CryptographyDeprecationWarning" in shown.stderr  # -W brings them back for debugging


def _many_files(root: Path, count: int = 4000) -> Path:
    root.mkdir(parents=True)
    body = "log line without secrets\n" * 400
    for index in range(count):
        (root / f"f{index:05d}.log").write_text(body)
    return root


def _wait_for_workers(pid: int, timeout: float = 60.0) -> None:
    """Until the scan has started its worker processes: the moment the walk and scanning begin, however fast
    or loaded the machine (a fixed sleep was too long once per-file costs fell: 4000 files took 1.9 s)."""
    deadline = time.monotonic() + timeout
    while not psutil.Process(pid).children():
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("sig", "code", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_interrupted_scan_exits_128_plus_signal_and_writes_nothing(
    tmp_path: Path, env: dict[str, str], sig: int, code: int, said: str
) -> None:
    root = _many_files(tmp_path / "share")
    report = tmp_path / "report.json"
    command = ["scan", "--jobs", "1", "--format", "json", "-o", str(report), str(root)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "credscan", *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    _wait_for_workers(proc.pid)  # interrupted while scanning, not while still importing
    assert proc.poll() is None, "the scan ended before it could be interrupted"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert said in err and f"nothing was written to {report}" in err
    assert "Traceback" not in err and out == ""
    assert not report.exists()
