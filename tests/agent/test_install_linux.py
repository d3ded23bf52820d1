"""install/: the Linux script into a temp root, the systemd unit, the Windows installer's structure."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import site
import stat
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from credscan.config import load_config
from tests.support.paths import REPO

INSTALL = REPO / "install"
UNIT = INSTALL / "credscan-agent.service"


def parse_unit(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as a wheel, built offline from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("credscan-*.whl"))


def run_install(root: Path, wheel: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """install.sh offline: the wheel without its dependencies, which the staged venv then finds in this test's
    environment (a .pth file: whether that is a venv of its own or the system interpreter)."""
    seed_dependencies(root / "opt/credscan/venv")
    return subprocess.run(
        [
            "bash",
            str(INSTALL / "install.sh"),
            "--root",
            str(root),
            "--source",
            str(wheel),
            "--python",
            BASE_PYTHON,
            "--pip-args",
            "--no-deps --no-index",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)
"""The interpreter this test's environment was made from (install.sh makes its venv from it)."""


def seed_dependencies(venv: Path) -> None:
    """Make the staged venv (created here as install.sh would, if it is not there yet) see the packages of the
    environment running the tests, so the install needs no package index."""
    if not (venv / "bin/python").exists():
        subprocess.run([BASE_PYTHON, "-m", "venv", str(venv)], check=True, timeout=120)
    purelib = subprocess.run(
        [str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    (Path(purelib) / "test-dependencies.pth").write_text("".join(f"{path}\n" for path in sorted(ours)))


def ids(root: Path) -> tuple[int, int]:
    for line in (root / "etc/passwd").read_text().splitlines():
        fields = line.split(":")
        if fields[0] == "credscan":
            return int(fields[2]), int(fields[3])
    raise AssertionError("user credscan missing from the root's /etc/passwd")


def mode_owner(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid


@pytest.mark.skipif(os.geteuid() != 0, reason="install.sh creates a system user: needs root")
def test_install_into_temp_root_creates_layout_modes_and_a_working_venv(tmp_path: Path, wheel: Path) -> None:
    root = tmp_path / "root"
    proc = run_install(root, wheel, "--no-systemd")
    assert proc.returncode == 0, proc.stderr
    uid, gid = ids(root)
    assert uid != 0 and gid != 0
    passwd_entry = next(
        u for u in (root / "etc/passwd").read_text().splitlines() if u.startswith("credscan:")
    )
    assert passwd_entry.split(":")[5] == "/var/lib/credscan"
    assert passwd_entry.split(":")[6].endswith(("nologin", "false"))

    assert mode_owner(root / "etc/credscan") == (0o750, 0, gid)
    assert mode_owner(root / "etc/credscan/agent.toml") == (0o640, 0, gid)
    assert mode_owner(root / "etc/credscan/agent.env") == (0o600, 0, 0)
    assert mode_owner(root / "var/lib/credscan") == (0o700, uid, gid)
    assert mode_owner(root / "etc/logrotate.d/credscan")[0] == 0o644
    assert mode_owner(root / "opt/credscan/venv")[1] == 0
    assert not (root / "etc/systemd/system/credscan-agent.service").exists()
    assert os.readlink(root / "usr/local/bin/credscan") == "/opt/credscan/venv/bin/credscan"

    # The scripts name /opt/credscan/venv (their path once the image boots: see the relocation test below).
    assert (root / "opt/credscan/venv/bin/credscan").read_text().startswith("#!/opt/credscan/venv/bin/python")
    version = subprocess.run(
        [str(root / "opt/credscan/venv/bin/python"), "-m", "credscan", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.returncode == 0 and version.stdout.startswith("credscan ")
    # Every subpackage made it into the wheel: the service and its forwarders import from the venv.
    venv_python = str(root / "opt/credscan/venv/bin/python")
    modules = "import credscan_agent.service, credscan.central.forward, credscan_rules; "
    modules += "print(credscan_agent.__file__)"
    imported = subprocess.run(
        [venv_python, "-c", modules], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(str(root / "opt/credscan/venv"))
    # The installed sample config is valid for the agent.
    config = load_config(root / "etc/credscan/agent.toml")
    assert config.state.dir == Path("/var/lib/credscan") and config.scan.roots

    # Re-running upgrades in place and keeps the site's config and secrets file.
    (root / "etc/credscan/agent.toml").write_text('[scan]\nroots = ["/data"]\n')
    (root / "etc/credscan/agent.env").write_text("CREDSCAN_HEC_TOKEN=abc\n")
    os.chmod(root / "etc/credscan/agent.env", 0o644)
    again = run_install(root, wheel, "--no-systemd")
    assert again.returncode == 0, again.stderr
    assert (root / "etc/credscan/agent.toml").read_text() == '[scan]\nroots = ["/data"]\n'
    assert (root / "etc/credscan/agent.env").read_text() == "CREDSCAN_HEC_TOKEN=abc\n"
    assert mode_owner(root / "etc/credscan/agent.env") == (0o600, 0, 0)  # tightened again
    assert ids(root) == (uid, gid)
    assert [u for u in (root / "etc/passwd").read_text().splitlines() if u.startswith("credscan:")] == [
        passwd_entry
    ]


@pytest.mark.skipif(os.geteuid() != 0, reason="install.sh creates a system user: needs root")
@pytest.mark.skipif(shutil.which("systemctl") is None, reason="systemctl not installed")
def test_install_with_systemd_installs_and_enables_the_unit(tmp_path: Path, wheel: Path) -> None:
    root = tmp_path / "root"
    proc = run_install(root, wheel)
    assert proc.returncode == 0, proc.stderr
    unit = root / "etc/systemd/system/credscan-agent.service"
    assert unit.read_bytes() == UNIT.read_bytes()
    wants = root / "etc/systemd/system/multi-user.target.wants/credscan-agent.service"
    assert wants.is_symlink()


def test_install_script_rejects_unknown_options() -> None:
    proc = subprocess.run(
        ["bash", str(INSTALL / "install.sh"), "--frobnicate"], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 2 and "unknown option --frobnicate" in proc.stderr


def test_install_script_passes_bash_syntax_check() -> None:
    assert subprocess.run(["bash", "-n", str(INSTALL / "install.sh")], timeout=30).returncode == 0


def test_unit_has_the_hardening_and_good_citizen_settings() -> None:
    service = parse_unit(UNIT)["Service"]
    expected = {
        "User": "credscan",
        "ExecStart": "/opt/credscan/venv/bin/credscan agent run --config /etc/credscan/agent.toml",
        "EnvironmentFile": "-/etc/credscan/agent.env",
        "StateDirectory": "credscan",
        "ProtectSystem": "strict",
        "ProtectHome": "read-only",
        "NoNewPrivileges": "yes",
        "PrivateTmp": "yes",
        "ReadWritePaths": "/var/lib/credscan",
        "CapabilityBoundingSet": "",
        "Nice": "10",
        "IOSchedulingClass": "idle",
        "Restart": "on-failure",
        "KillSignal": "SIGTERM",
        "TimeoutStopSec": "30",
    }
    for key, value in expected.items():
        assert service.get(key) == value, key
    assert service.get("ReadOnlyPaths")
    assert service.get("ExecReload", "").endswith("-HUP $MAINPID")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    # verify checks that ExecStart exists: point it at this interpreter's credscan entry point.
    credscan = shutil.which("credscan") or str(Path(sys.executable).parent / "credscan")
    text = UNIT.read_text().replace("/opt/credscan/venv/bin/credscan", credscan)
    unit = tmp_path / "credscan-agent.service"
    unit.write_text(text)
    proc = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "credscan-agent.service" not in proc.stderr, proc.stderr


def test_sample_config_is_valid_and_holds_no_literal_secret() -> None:
    config = load_config(INSTALL / "agent.toml")
    assert config.schedule.full and config.schedule.incremental_seconds
    assert config.watch.enabled
    raw = tomllib.loads((INSTALL / "agent.toml").read_text())
    assert "forward" not in raw  # examples stay commented out: no destination is contacted by default


def test_logrotate_snippet_is_accepted_by_logrotate(tmp_path: Path) -> None:
    if shutil.which("logrotate") is None and not Path("/usr/sbin/logrotate").exists():
        pytest.skip("logrotate not installed")
    logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
    conf = tmp_path / "credscan"
    text = (INSTALL / "credscan.logrotate").read_text()
    assert "su credscan credscan" in text  # /var/log/credscan belongs to the service user
    # The host has no user credscan: rotate as root here.
    conf.write_text(
        text.replace("/var/log/credscan", str(tmp_path)).replace("su credscan credscan", "su root root")
    )
    (tmp_path / "agent.log").write_text("x\n")
    proc = subprocess.run(
        [logrotate, "--debug", "--state", str(tmp_path / "state"), str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr.lower(), proc.stderr
    assert "agent.log" in proc.stderr  # the snippet matched the log


def test_windows_installer_structure() -> None:
    script = (INSTALL / "install-service.ps1").read_text()
    pwsh = shutil.which("pwsh")
    if pwsh:
        check = (
            "$e=$null; [System.Management.Automation.Language.Parser]::ParseFile("
            f"'{INSTALL / 'install-service.ps1'}', [ref]$null, [ref]$e) | Out-Null; exit $e.Count"
        )
        assert subprocess.run([pwsh, "-NoProfile", "-Command", check], timeout=120).returncode == 0
    # Without pwsh: the pieces a Windows admin relies on are there, and braces/parens balance.
    for needle in (
        "[CmdletBinding(",
        "$env:ProgramFiles",
        "$env:ProgramData",
        '-m", "venv"',
        "agent run --config",
        "sc.exe",
        "failure",
        "Set-Acl",
        "SetAccessRuleProtection($true, $false)",
        "NT SERVICE\\$ServiceName",
        "Assert-Administrator",
        "[switch] $Uninstall",
    ):
        assert needle in script, needle
    code = re.sub(r'@"\n.*?\n"@', "", script, flags=re.DOTALL)  # here-strings hold TOML/XML, not code
    code = re.sub(r"<#.*?#>", "", code, flags=re.DOTALL)
    for opening, closing in ("{}", "()", "[]"):
        assert code.count(opening) == code.count(closing), opening
    # A "$name:" inside a double-quoted string is a parse error in PowerShell (drive-qualified variable).
    assert not re.search(r'"[^"\n]*\$(?!env:)[A-Za-z_]+:[^"\n]*"', code)


def _can_unshare_mounts() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_unshare_mounts(), reason="needs root and mount namespaces (unshare -m)")
def test_install_into_a_root_runs_after_the_tree_moves_to_its_final_path(tmp_path: Path, wheel: Path) -> None:
    """An image build stages into DIR; the booted image has the tree at /. Move the staged tree away (its DIR
    paths stop existing), then, in a private mount namespace, put its opt/credscan at /opt/credscan and run
    the installed entry points there."""
    staged = tmp_path / "staged"
    proc = run_install(staged, wheel, "--no-systemd")
    assert proc.returncode == 0, proc.stderr
    for script in (staged / "opt/credscan/venv/bin").iterdir():
        if script.is_file() and not script.is_symlink():
            assert str(staged) not in script.read_text(errors="replace"), script.name
    image = tmp_path / "image"
    staged.rename(image)
    boot = (
        "mount --make-rprivate / && mount -t tmpfs tmpfs /opt && mkdir /opt/credscan && "
        f"mount --bind {image}/opt/credscan /opt/credscan && "
        "/opt/credscan/venv/bin/credscan --version && "
        f"{image}/usr/local/bin/credscan rules list --format json >/dev/null && echo booted"
    )
    booted = subprocess.run(
        ["unshare", "-m", "sh", "-c", boot], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert booted.returncode == 0, booted.stderr
    assert booted.stdout.startswith("credscan ") and booted.stdout.rstrip().endswith("booted")
