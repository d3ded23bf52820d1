"""Baselines with real scans: `baseline create`, `scan --baseline`, expiry, bad files; `scan --summary`."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from credscan.baseline import load_baseline
from credscan.cli import main
from credscan.errors import UserError

SECRETS = ("Sup3rS3cret4!", "Wint3r!Pass2024", "N3wS3cret!99x")
SUMMARY = re.compile(
    r"^CREDSCAN status=(OK|INCOMPLETE|FINDINGS) critical=(\d+) high=(\d+) medium=(\d+) low=(\d+) info=(\d+) "
    r"files=(\d+) errors=(\d+) duration=\d+\.\ds baselined=(\d+)$"
)


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with two known secrets; a private state dir so finding ids use this test's key."""
    monkeypatch.setenv("CREDSCAN_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("CREDSCAN_NO_KEYRING", "1")
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "notes.txt").write_text(f"System=NAS\nadmin password: {SECRETS[0]}\n")
    (folder / "app.env").write_text(f"DB_PASSWORD={SECRETS[1]}\n")
    return folder


def scan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["scan", *argv, "--jobs", "1", "--no-progress"])
    return code, capsys.readouterr().out


def scan_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]]]:
    code, out = scan(capsys, *argv, "--format", "json")
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return code, findings


def create(share: Path, baseline: Path, *extra: str) -> None:
    assert (
        main(["baseline", "create", str(share), "-o", str(baseline), "--jobs", "1", "--no-progress", *extra])
        == 0
    )


def test_rescan_against_own_baseline_is_clean_and_new_secret_is_reported(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    create(share, baseline, "--by", "jdoe", "--reason", "legacy")
    doc = json.loads(baseline.read_text())
    assert len(doc["entries"]) == 2
    assert {e["accepted_by"] for e in doc["entries"]} == {"jdoe"}
    assert all(secret not in baseline.read_text() for secret in SECRETS)
    assert baseline.stat().st_mode & 0o077 == 0

    code, findings = scan_json(capsys, str(share), "--baseline", str(baseline))
    assert (code, findings) == (0, [])

    (share / "new.txt").write_text(f"root password: {SECRETS[2]}\n")
    code, findings = scan_json(capsys, str(share), "--baseline", str(baseline))
    assert code == 1
    assert [f["path"] for f in findings] == [str(share / "new.txt")]
    assert findings[0]["secret_masked"] == "N3********"


def test_an_earlier_json_report_is_a_baseline(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = scan(capsys, str(share), "--format", "json", "--show-secrets")
    assert code == 1
    report = tmp_path / "scan.json"
    report.write_text(out)
    assert scan(capsys, str(share), "--baseline", str(report))[0] == 0
    converted = tmp_path / "from.json"
    assert main(["baseline", "create", "--from", str(report), "-o", str(converted)]) == 0
    assert all(secret not in converted.read_text() for secret in SECRETS)
    assert scan(capsys, str(share), "--baseline", str(converted))[0] == 0


def test_expired_acceptance_comes_back(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    create(share, baseline, "--until", (date.today() + timedelta(days=1)).isoformat())
    doc = json.loads(baseline.read_text())
    notes = next(e for e in doc["entries"] if e["path"].endswith("notes.txt"))
    notes["expires"] = (date.today() - timedelta(days=1)).isoformat()
    baseline.write_text(json.dumps(doc))
    code, findings = scan_json(capsys, str(share), "--baseline", str(baseline))
    assert code == 1
    assert [f["id"] for f in findings] == [notes["id"]]


def test_acceptance_is_valid_through_its_expiry_day(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"credscan_baseline": 1, "entries": [{"id": "a", "expires": "2030-05-01"}]}))
    baseline = load_baseline(path)
    assert baseline.suppresses("a", date(2030, 5, 1))
    assert not baseline.suppresses("a", date(2030, 5, 2))
    assert not baseline.suppresses("b", date(2030, 5, 1))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("{oops", "not valid JSON"),
        ('{"hello": 1}', "neither a credscan baseline"),
        ('{"credscan_baseline": 1, "entries": [{"reason": "no id"}]}', "needs an id"),
        ('{"credscan_baseline": 1, "entries": [{"id": "x", "expires": "tomorrow"}]}', "invalid expires"),
    ],
)
def test_bad_baseline_is_a_one_line_error_before_scanning(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content)
    code = main(["scan", str(share), "--baseline", str(baseline), "--jobs", "1", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_baseline_create_refuses_a_past_expiry(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["baseline", "create", str(share), "-o", str(tmp_path / "b.json"), "--until", "2001-01-01"]) == 2
    )
    assert "in the past" in capsys.readouterr().err
    with pytest.raises(UserError):
        load_baseline(tmp_path / "b.json")


def test_summary_line(share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (share / "broken.docx").write_bytes(b"PK\x03\x04 this is not a real zip")
    code, out = scan(capsys, str(share), "--summary")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    status, critical, high, medium, low, info, files, errors, baselined = match.groups()
    assert status == "FINDINGS" and int(high) == 2 and int(critical) + int(medium) + int(low) + int(info) == 0
    assert int(errors) == 1 and int(baselined) == 0 and int(files) >= 2


def test_summary_with_baseline_and_report_file(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    create(share, baseline)
    report = tmp_path / "out.json"
    code, out = scan(
        capsys, str(share), "--summary", "--baseline", str(baseline), "--format", "json", "-o", str(report)
    )
    assert code == 0
    match = SUMMARY.match(out.strip())
    assert match and match.group(1) == "OK" and match.group(9) == "2"
    assert json.loads(report.read_text())["findings"] == []
