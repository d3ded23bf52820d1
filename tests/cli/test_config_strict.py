"""The config is strict: unknown sections and keys, wrong types and unit-less sizes or durations are errors
that say what was meant; `credscan config check` validates a file the way `agent run` would."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from credscan.cli import main
from credscan.config import FORWARD_KEYS, KEYS, parse_config, parse_interval, parse_size
from credscan.errors import UserError
from tests.support.paths import REPO


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scan": {"exlude": []}}, "unknown key 'exlude' in [scan]; did you mean 'exclude'?"),
        (
            {"watch": {"settle_second": 2}},
            "unknown key 'settle_second' in [watch]; did you mean 'settle_seconds'?",
        ),
        ({"scan": {"root": ["/srv"]}}, "unknown key 'root' in [scan]; did you mean 'roots'?"),
        ({"scna": {"roots": ["/srv"]}}, "unknown section [scna]; did you mean [scan]?"),
        ({"shedule": {}}, "unknown section [shedule]; did you mean [schedule]?"),
        ({"zzz": {}}, "unknown section [zzz] (sections: scan,"),
        ({"roots": ["/srv"]}, "key 'roots' is outside any section; it belongs under [scan]"),
        ({"forward": [{"type": "webhook", "url": "http://x/", "tokn": "env:T"}]}, "did you mean 'token'?"),
        ({"scan": {"frobnicate": 1}}, "unknown key 'frobnicate' in [scan]"),
    ],
)
def test_unknown_names_are_refused_with_a_suggestion(data: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError) as info:
        parse_config(data)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"scan": {"max_file_size": 200}},
            'scan.max_file_size must be a size with its unit, as a string (e.g. "200MB")',
        ),
        ({"scan": {"max_file_size": "200"}}, "size '200' needs a unit: B, KB, MB, GB or TB (e.g. 200MB)"),
        (
            {"scan": {"jobs": "two"}},
            "scan.jobs must be an integer (worker processes, 0 or more), not a string ('two')",
        ),
        ({"scan": {"jobs": True}}, "scan.jobs must be an integer"),
        ({"scan": {"jobs": -1}}, "scan.jobs: must be 0 or more"),
        ({"scan": {"roots": "/srv"}}, "scan.roots must be a list of strings, not a string"),
        ({"scan": {"exclude": ["*.iso", 3]}}, "scan.exclude must be a list of strings"),
        ({"agent": {"heartbeat": 300}}, "agent.heartbeat must be a duration with its unit"),
        ({"schedule": {"incremental": "900"}}, "duration '900' needs a unit: s, m, h or d (e.g. 900s)"),
        ({"schedule": {"incremental": "0m"}}, "schedule.incremental: must be a positive duration"),
        ({"watch": {"enabled": "yes"}}, "watch.enabled must be true or false, not a string ('yes')"),
        ({"watch": {"settle_seconds": "2s"}}, "watch.settle_seconds must be a number of seconds"),
        ({"schedule": {"full": "0 25 * * *"}}, "schedule.full: '0 25 * * *' is not a valid cron expression"),
        ({"schedule": {"full": "nightly"}}, "'nightly' is not a cron expression (five fields"),
        ({"schedule": {"full": "0 2 * * * *"}}, "is not a cron expression (five fields"),
        ({"scan": {"smb_password": "Hunter2!"}}, "scan.smb_password: the value looks like a literal secret"),
        (
            {"forward": [{"type": "webhook", "url": "http://x/", "verify": "no"}]},
            "forward[0].verify must be true or false",
        ),
        ({"forward": [{"type": "webhook"}]}, "forward[0] needs url"),
        ({"forward": {"type": "webhook"}}, "[[forward]] must be an array of tables"),
    ],
)
def test_wrong_types_and_missing_units_name_what_is_expected(data: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError) as info:
        parse_config(data)
    assert message in str(info.value)


def test_valid_values_parse_to_their_units() -> None:
    config = parse_config(
        {
            "scan": {"roots": ["/srv"], "max_file_size": "1.5GB", "jobs": 0, "file_timeout": "2m"},
            "schedule": {"full": "30 1 * * 6", "incremental": ""},
            "watch": {"settle_seconds": 0.5},
            "agent": {"heartbeat": "1h", "outbox_max_size": "16KB"},
        }
    )
    assert config.scan.max_file_size == int(1.5 * 1024**3) and config.scan.jobs == 0
    assert config.scan.file_timeout_s == 120.0 and config.schedule.incremental_seconds is None
    assert config.agent.heartbeat_seconds == 3600 and config.agent.outbox_max_bytes == 16 * 1024
    assert parse_size("200mb") == parse_size("200 MB") == parse_size("200M") == 200 * 1024**2
    assert parse_interval("15m") == 900


def test_every_config_key_is_documented_once_with_its_default() -> None:
    """docs/agent.md's configuration reference: one table row per key, `section.key` in the first column and
    the default in the second."""
    text = (REPO / "docs/agent.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| ([^|]+) \|", text, flags=re.MULTILINE)
    documented = [name for name, _ in rows]
    expected = [f"{section}.{key}" for section, keys in KEYS.items() for key in keys]
    expected += [f"forward.{key}" for key in FORWARD_KEYS]
    assert sorted(documented) == sorted(expected)
    assert all(default.strip() for _, default in rows)


def run_check(config: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", "config", "check", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, **env},
    )


def test_config_check_accepts_the_shipped_sample_and_reports_warnings(tmp_path: Path) -> None:
    config = tmp_path / "agent.toml"
    root = tmp_path / "clients"
    root.mkdir()
    config.write_text(
        f'[scan]\nroots = ["{root}", "{tmp_path / "gone"}"]\nexclude = ["/elsewhere/**", "**/~$*"]\n'
        f'[state]\ndir = "{tmp_path / "state"}"\n'
        '[[forward]]\ntype = "splunk-hec"\nurl = "https://127.0.0.1:9/services/collector/event"\n'
        'token = "env:CHECK_HEC_TOKEN"\n',
        encoding="utf-8",
    )
    proc = run_check(config)
    assert proc.returncode == 0, proc.stderr
    assert (
        "valid (2 roots, 1 destination, full walk '0 2 * * *', incremental every 15m, watching)"
        in proc.stdout
    )
    assert f"root {tmp_path / 'gone'} does not exist" in proc.stderr
    assert "exclude '/elsewhere/**' is absolute and outside every root" in proc.stderr
    assert "CHECK_HEC_TOKEN" in proc.stderr and "3 warnings" in proc.stdout
    with_token = run_check(config, CHECK_HEC_TOKEN="s3cr3t-Token-Value")
    assert (
        "CHECK_HEC_TOKEN" not in with_token.stderr and "s3cr3t" not in with_token.stdout + with_token.stderr
    )
    hook = tmp_path / "hook.toml"
    hook.write_text(
        f'[scan]\nroots = ["{root}"]\n[state]\ndir = "{tmp_path / "state"}"\n'
        '[[forward]]\ntype = "webhook"\nurl = "env:CHECK_HOOK_URL"\n',
        encoding="utf-8",
    )
    secret_url = run_check(hook, CHECK_HOOK_URL="https://hooks.example.net/T0/B1/s3cr3tPath")
    assert secret_url.returncode == 0 and "warning" not in secret_url.stderr, secret_url.stderr
    assert "s3cr3tPath" not in secret_url.stdout + secret_url.stderr
    assert "CHECK_HOOK_URL" in run_check(hook).stderr  # unset here: a warning, not an error
    sample = run_check(REPO / "install/agent.toml")
    assert sample.returncode == 0 and "valid (" in sample.stdout, sample.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[scan]\nroots = ["/srv"]\n[schedule]\nfull = "0 25 * * *"\n', "not a valid cron expression"),
        ("[scan]\nroots = []\n", "roots is empty"),
        ('[scan]\nroots = ["/srv"]\n[[forward]]\ntype = "syslog"\nurl = "ftp://x"\n', "forward syslog-0"),
        ('[scan]\nroots = ["/srv"]\n[[forward]]\ntype = "kafka"\nurl = "x"\n', "unknown type 'kafka'"),
        (
            '[scan]\nroots = ["/srv"]\n[[forward]]\ntype = "webhook"\nurl = "http://a/"\nname = "x"\n'
            '[[forward]]\ntype = "webhook"\nurl = "http://b/"\nname = "x"\n',
            "same name 'x'",
        ),
        ('[scan]\nroots = ["/srv"]\nexlude = []\n', "did you mean 'exclude'?"),
        ("[scan\n", "is not valid TOML"),
    ],
)
def test_config_check_refuses_what_the_agent_would(
    tmp_path: Path, body: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "agent.toml"
    config.write_text(body, encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_agent_once_refuses_a_bad_cron_expression_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "agent.toml"
    config.write_text(f'[scan]\nroots = ["{tmp_path}"]\n[schedule]\nfull = "0 25 * * *"\n', encoding="utf-8")
    assert main(["agent", "run", "--once", "--config", str(config)]) == 2
    assert "not a valid cron expression" in capsys.readouterr().err


def test_archives_are_on_by_default_and_a_config_or_flag_turns_them_off_or_on(tmp_path: Path) -> None:
    """[scan] archives: on by default; `false` in a config or --no-archives skips tar and .gz/.bz2/.xz
    files; --archives wins over a config's `false`, --no-archives over its `true`; a wrong type is refused."""
    from credscan.cli import build_parser
    from credscan.commands.scan import build_options

    parser = build_parser()
    assert parse_config({}).scan.archives is True
    off = parse_config({"scan": {"archives": False}})
    on = parse_config({"scan": {"archives": True}})
    assert build_options(parser.parse_args(["scan", "x"]), None).limits.archives is True
    assert build_options(parser.parse_args(["scan", "x"]), on).limits.archives is True
    assert build_options(parser.parse_args(["scan", "--no-archives", "x"]), on).limits.archives is False
    assert build_options(parser.parse_args(["scan", "x"]), off).limits.archives is False
    assert build_options(parser.parse_args(["scan", "--no-archives", "x"]), None).limits.archives is False
    assert build_options(parser.parse_args(["scan", "--archives", "x"]), off).limits.archives is True
    with pytest.raises(SystemExit):
        parser.parse_args(["scan", "--archives", "--no-archives", "x"])
    with pytest.raises(UserError, match="archives"):
        parse_config({"scan": {"archives": "yes"}})
    config = tmp_path / "agent.toml"
    root = tmp_path / "clients"
    root.mkdir()
    config.write_text(f'[scan]\nroots = ["{root}"]\narchives = false\n[state]\ndir = "{tmp_path / "s"}"\n')
    proc = run_check(config)
    assert proc.returncode == 0, proc.stderr
