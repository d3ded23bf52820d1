"""secret_hash is a keyed, memory-hard scrypt derivation; finding ids build on it and stay stable; stores and
baselines written with the old HMAC ids keep matching after the upgrade (issue 14, item 4)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import time
from datetime import date
from pathlib import Path

from credscan.baseline import Baseline, BaselineEntry
from credscan.central.service import CentralLog
from credscan.model import ScanStats
from credscan.redact import SCRYPT_N, SCRYPT_R, Fingerprinter
from tests.support.central_fixtures import KEY, Result, make_config, make_finding, make_ref


def test_secret_hash_is_scrypt_keyed_with_the_installation_key() -> None:
    expected = hashlib.scrypt(b"1234", salt=KEY, n=SCRYPT_N, r=SCRYPT_R, p=1, dklen=32).hex()
    assert Fingerprinter(KEY).secret_hash("1234") == expected
    assert Fingerprinter(b"x" * 32).secret_hash("1234") != expected  # keyed per installation
    assert Fingerprinter(KEY).secret_hash("1234") == Fingerprinter(KEY).secret_hash("1234")  # reuse visible
    fast = hmac.new(KEY, b"1234", hashlib.sha256).hexdigest()
    assert fast != expected


def test_each_guess_costs_real_time_and_memory() -> None:
    """A PIN search with the key in hand: 100 guesses take well over the 0.01 s the attack needed for all
    10,000 of them with HMAC (the cache is per instance, so every guess here is a fresh derivation)."""
    started = time.perf_counter()
    for pin in range(100):
        Fingerprinter(KEY).secret_hash(f"{pin:04d}")
    assert time.perf_counter() - started > 0.15
    assert SCRYPT_N * SCRYPT_R * 128 >= 2 * 1024 * 1024  # 2 MiB per derivation: no cheap GPU farm


def test_ids_are_stable_across_instances() -> None:
    loc = {"sheet": "S", "cell": "C2", "row": 2, "column": 3}
    first = Fingerprinter(KEY).finding_id("/share/a.xlsx", "r", loc, "Winter2024!")
    assert first == Fingerprinter(KEY).finding_id("/share/a.xlsx", "r", dict(loc), "Winter2024!")
    assert first != Fingerprinter(KEY).finding_id("/share/a.xlsx", "r", loc, "Winter2025!")


def _legacy(finding: object) -> str:
    f = finding  # a Finding from central_fixtures
    return Fingerprinter(KEY).legacy_finding_id(f.path, f.rule_id, f.location, f.secret)  # type: ignore[attr-defined]


def test_store_with_old_ids_is_migrated_without_new_announcements(tmp_path: Path) -> None:
    root = tmp_path / "share"
    config = make_config(tmp_path)
    new = make_finding(f"{root}/a.ini", "Winter2024!Pass", line=3)
    old = dataclasses.replace(new, id=_legacy(new))
    with CentralLog(config) as central:  # what 0.1 stored
        scan_id = central.begin_scan("full")
        central.record_result(Result(make_ref(f"{root}/a.ini"), [old]), scan_id)
        central.complete_scan(scan_id, ScanStats(files_scanned=1), roots=[str(root)], full=True)
    upgraded = dataclasses.replace(new, legacy_id=old.id)
    with CentralLog(config) as central:
        scan_id = central.begin_scan("full")
        central.record_result(Result(make_ref(f"{root}/a.ini", mtime=2.0), [upgraded]), scan_id)
        central.complete_scan(scan_id, ScanStats(files_scanned=1), roots=[str(root)], full=True)
        assert central.store.get_finding(new.id) is not None
        assert central.store.get_finding(old.id) is None
    lines = (tmp_path / "state" / "events.jsonl").read_text().splitlines()
    actions = [json.loads(line)["event"]["action"] for line in lines]
    assert actions.count("finding.new") == 1 and "finding.resolved" not in actions


def test_baseline_with_old_ids_still_suppresses() -> None:
    finding = make_finding("/share/a.ini", "Winter2024!Pass")
    finding.legacy_id = _legacy(finding)
    baseline = Baseline({finding.legacy_id: BaselineEntry(finding.legacy_id)})
    kept, suppressed = baseline.split([finding], date(2027, 1, 1))
    assert (kept, suppressed) == ([], 1)
    assert "legacy_id" not in finding.to_dict(include_secret=True)


def test_key_file_with_a_loose_mode_is_tightened(tmp_path: Path) -> None:
    from credscan.keys import load_fingerprint_key

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    key_file = state / "fingerprint.key"
    key_file.write_text("ab" * 32 + "\n")
    key_file.chmod(0o644)
    key = load_fingerprint_key(state)
    assert key.key == bytes.fromhex("ab" * 32) and key.tightened
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_garbage_key_file_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    (state / "fingerprint.key").write_text("not hex at all\n")
    (state / "fingerprint.key").chmod(0o600)
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.txt").write_text("Password: Zq7-Key-Test!\n")
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(state)}
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "fingerprint key" in done.stderr
    assert "docs/security.md" in done.stderr
