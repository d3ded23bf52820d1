"""The pipeline end to end through the Python API, on real generated files and the real rules."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from credscan.limits import Limits
from credscan.model import FileRef, ScanOptions, ScanResult
from credscan.scan import Scanner, run_scan, walk_targets
from tests.support.docbuilders import make_docx, make_encrypted_office, make_text, make_xlsx, make_zip

KEY = b"fingerprint-key-for-tests-0123456789"
SECRETS = ("Sup3rS3cret4!", "Fw!2024secure", "Zip!Secret99", "Winter2024!xyz")


def options(**overrides: object) -> ScanOptions:
    return replace(ScanOptions(jobs=1, fingerprint_key=KEY), **overrides)  # type: ignore[arg-type]


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    root.mkdir()
    make_xlsx(
        root / "Passwords.xlsx",
        {
            "Clients": [
                ["System", "Username", "Password"],
                ["NAS", "admin", SECRETS[0]],
                ["FW", "root", SECRETS[1]],
            ]
        },
    )
    make_docx(
        root / "Network documentation.docx",
        ["Network documentation", f"Firewall admin password: {SECRETS[1]}"],
    )
    make_zip(root / "old.zip", {"inner/notes.txt": f"admin password: {SECRETS[2]}\n".encode()})
    make_text(root / "deploy.ps1", f'$pw = ConvertTo-SecureString "{SECRETS[3]}" -AsPlainText -Force\n')
    make_text(root / "readme.txt", "nothing to see here\n")
    (root / "blob.bin").write_bytes(bytes(range(256)) * 20)
    return root


def summary(result: ScanResult) -> list[tuple[str, str, str, str]]:
    return [(f.id, f.path, f.rule_id, repr(f.location)) for f in result.findings]


def test_finds_credentials_in_each_format(share: Path) -> None:
    result = run_scan([str(share)], options())
    where = {(f.path.removeprefix(str(share) + "/"), f.secret_masked) for f in result.findings}
    assert ("Passwords.xlsx", "Su********") in where
    assert ("Network documentation.docx", "Fw********") in where
    assert ("old.zip!inner/notes.txt", "Zi********") in where
    assert ("deploy.ps1", "Wi********") in where
    xlsx = next(f for f in result.findings if f.path.endswith(".xlsx") and f.secret_masked.startswith("Su"))
    assert xlsx.location == {"sheet": "Clients", "cell": "C2", "row": 2, "column": 3}
    assert xlsx.file.sha256 == hashlib.sha256((share / "Passwords.xlsx").read_bytes()).hexdigest()
    assert all(f.secret is None for f in result.findings)
    stats = result.stats
    assert stats.files_seen == 6 and stats.findings == len(result.findings)
    assert [(s.path, s.reason) for s in stats.skipped] == [(str(share / "blob.bin"), "no text (binary)")]
    assert stats.errors == []
    assert stats.bytes_scanned == sum(p.stat().st_size for p in share.iterdir())


def test_jobs_do_not_change_the_findings(share: Path) -> None:
    single = run_scan([str(share)], options(jobs=1))
    double = run_scan([str(share)], options(jobs=2))
    assert summary(single) == summary(double)
    assert single.stats.to_dict() | {"duration_s": 0} == double.stats.to_dict() | {"duration_s": 0}


def test_ids_are_stable_across_runs(share: Path) -> None:
    assert summary(run_scan([str(share)], options())) == summary(run_scan([str(share)], options()))


def test_show_secrets_keeps_the_plaintext(share: Path) -> None:
    result = run_scan([str(share)], options(show_secrets=True))
    assert {f.secret for f in result.findings} >= set(SECRETS)


def test_corrupt_and_encrypted_files_do_not_stop_the_scan(share: Path) -> None:
    (share / "broken.xlsx").write_bytes((share / "Passwords.xlsx").read_bytes()[:700])
    make_encrypted_office(share / "Passwords.xlsx", share / "locked.xlsx")
    result = run_scan([str(share)], options())
    errors = {e.path: e.error for e in result.stats.errors}
    assert str(share / "broken.xlsx") in errors
    assert "\n" not in errors[str(share / "broken.xlsx")]
    assert (str(share / "locked.xlsx"), "encrypted") in [(s.path, s.reason) for s in result.stats.skipped]
    assert any(f.path.endswith("Passwords.xlsx") for f in result.findings)


def test_archive_nesting_is_capped(tmp_path: Path) -> None:
    data = f"admin password: {SECRETS[2]}\n".encode()
    for level in range(4):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"level{level}.zip" if level else "notes.txt", data)
        data = buffer.getvalue()
    (tmp_path / "deep.zip").write_bytes(data)
    shallow = run_scan([str(tmp_path)], options(limits=Limits(max_depth=5)))
    assert [f.path for f in shallow.findings] == [
        str(tmp_path / "deep.zip") + "!level3.zip!level2.zip!level1.zip!notes.txt"
    ]
    capped = run_scan([str(tmp_path)], options(limits=Limits(max_depth=2)))
    assert capped.findings == []
    assert [e.error for e in capped.stats.errors] == ["nested deeper than 2 archives"]


def test_file_gone_between_walk_and_scan_is_an_error(share: Path) -> None:
    refs = [e for e in walk_targets([str(share)], options()) if isinstance(e, FileRef)]
    (share / "readme.txt").unlink()
    with Scanner(options()) as scanner:
        results = {r.ref.path: r for r in scanner.scan(refs)}
    gone = results[str(share / "readme.txt")]
    assert gone.error is not None and gone.error.error == "cannot open: No such file or directory"
    assert results[str(share / "deploy.ps1")].findings


def test_scan_one_in_process(share: Path) -> None:
    ref = next(e for e in walk_targets([str(share / "deploy.ps1")], options()) if isinstance(e, FileRef))
    with Scanner(options(jobs=2)) as scanner:
        result = scanner.scan_one(ref)
    assert [f.secret_masked for f in result.findings] == ["Wi********"]
    assert result.bytes_scanned == ref.size and result.error is None


def test_min_severity_filters(share: Path) -> None:
    result = run_scan([str(share)], options(min_severity="critical"))
    assert all(f.severity == "critical" for f in result.findings)


def test_pkcs12_with_a_common_password_is_reported_and_a_strong_one_is_not(tmp_path: Path) -> None:
    from tests.support.encoders import make_pfx

    (tmp_path / "webserver.pfx").write_bytes(make_pfx(b"changeit"))
    (tmp_path / "nopassword.p12").write_bytes(make_pfx(None))
    (tmp_path / "strong.pfx").write_bytes(make_pfx(b"V3ry-Str0ng-Export-Pa55!"))
    result = run_scan([str(tmp_path)], options())
    reported = {Path(f.path).name: f.rule_id for f in result.findings}
    assert reported == {
        "webserver.pfx": "key.pkcs12-common-password",
        "nopassword.p12": "key.pkcs12-common-password",
    }
    assert [s.reason for s in result.stats.skipped] == ["no text (binary)"]
