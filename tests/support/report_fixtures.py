"""Scan JSON for report and baseline tests, built in code: a small MSP file server's findings.

Plaintext secrets are planted (as ``secret`` fields, as a --show-secrets scan would emit them) so tests can
grep every artifact for them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from credscan.model import FileMeta, FileRef, FileResult, Finding, ScanStats
from credscan.redact import mask_secret

NOW = 1_790_000_000.0
"""A fixed "now" (2026-09-21) so ages are deterministic."""
DAY = 86400.0

HOSTILE_NAME = "<script>alert(1)</script>.xlsx"
HOSTILE_CONTEXT = "Password=</td><img src=x onerror=alert(2)> \"'&"

Row = tuple[str, str, str, str, str, int, dict[str, Any]]
"""(path, category, severity, owner, secret, age in days, location)"""

ROWS: list[Row] = [
    (
        "/srv/shares/clients/Acme/Passwords.xlsx",
        "plaintext-password",
        "critical",
        "jdoe",
        "Sup3rS3cret4!",
        900,
        {"sheet": "Clients", "cell": "D7", "row": 7, "column": 4},
    ),
    (
        "/srv/shares/clients/Acme/Passwords.xlsx",
        "plaintext-password",
        "critical",
        "jdoe",
        "Winter2024!!",
        900,
        {"sheet": "Clients", "cell": "D8", "row": 8, "column": 4},
    ),
    (
        "/srv/shares/clients/Acme/network.docx",
        "plaintext-password",
        "high",
        "jdoe",
        "Sup3rS3cret4!",
        400,
        {"paragraph": 12},
    ),
    (
        "/srv/shares/clients/Beta/unattend.xml",
        "config-credential",
        "high",
        "asmith",
        "LocalAdm1n#2023",
        200,
        {"line": 41},
    ),
    (
        "/srv/shares/it/scripts/map-drives.ps1",
        "config-credential",
        "high",
        "asmith",
        "Sup3rS3cret4!",
        30,
        {"line": 3},
    ),
    (
        "/srv/shares/it/exports/lastpass_export.csv",
        "password-export",
        "critical",
        "bwayne",
        "Gotham!Knight77",
        10,
        {"line": 2, "column": 3},
    ),
    (
        "/srv/shares/it/keys/id_rsa",
        "private-key",
        "high",
        "bwayne",
        "-----BEGIN OPENSSH PRIVATE KEY-----b3Blbn",
        5,
        {"line": 1},
    ),
    (
        "/srv/shares/it/tokens.env",
        "api-token",
        "high",
        "asmith",
        "xoxb-1234567890-abcdefghijkl",
        2,
        {"line": 7},
    ),
    (
        "/srv/shares/hr/" + HOSTILE_NAME,
        "plaintext-password",
        "medium",
        "<b>evil</b>",
        "Hostile!Secret99",
        1,
        {"sheet": "<i>x</i>", "cell": "B2", "row": 2, "column": 2},
    ),
]

SECRETS = sorted({row[4] for row in ROWS})


def _hash(secret: str) -> str:
    return hashlib.sha256(b"test-key" + secret.encode()).hexdigest()


def finding_record(
    path: str,
    category: str,
    severity: str,
    owner: str,
    secret: str,
    age_days: float,
    location: dict[str, Any],
    show_secret: bool = True,
) -> dict[str, Any]:
    masked = mask_secret(secret)
    ident = hashlib.sha256(json.dumps([path, category, location, secret]).encode()).hexdigest()[:32]
    context = HOSTILE_CONTEXT if "<script>" in path else f"System=NAS  Username=admin  Password={masked}"
    record: dict[str, Any] = {
        "id": ident,
        "rule_id": f"{category}.test",
        "rule_name": f"Test rule for {category}",
        "category": category,
        "severity": severity,
        "confidence": 0.9,
        "path": path,
        "location": location,
        "secret_masked": masked,
        "secret_hash": _hash(secret),
        "context": context,
        "account": "admin",
        "file": {"size": 1234, "mtime": NOW - age_days * DAY, "owner": owner, "sha256": "0" * 64},
        "remediation": "Move it to the vault.",
    }
    if show_secret:
        record["secret"] = secret
    return record


def scan_document(rows: list[Row] = ROWS) -> dict[str, Any]:
    findings = [finding_record(*row) for row in rows]
    return {
        "tool": {"name": "credscan", "version": "0.1.0"},
        "findings": findings,
        "stats": {
            "files_seen": 130,
            "files_scanned": 120,
            "files_skipped": 10,
            "bytes_scanned": 10_000_000,
            "findings": len(findings),
            "duration_s": 3.2,
            "skipped": [],
            "errors": [{"path": "/srv/shares/it/broken.docx", "error": "corrupt"}],
        },
    }


def write_scan_json(path: Path) -> Path:
    path.write_text(json.dumps(scan_document()), encoding="utf-8")
    return path


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium(args: list[str], profile: Path, timeout: float = 60) -> str:
    """Run headless Chromium with a throwaway profile; its stdout (the DOM for --dump-dom)."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    result = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout


LINK_ATTRIBUTES = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "background",
}


class RowCollector(HTMLParser):
    """Rows of the finding table in a dumped DOM: (attributes, hidden?)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str | None]] = []
        self.bars: list[dict[str, str | None]] = []
        """Chart bars, each with the id of its figure under "chart"."""
        self.links: list[str] = []
        """Every URL-valued attribute (src, href, …) of every element."""
        self._in_table = False
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.links.extend(str(v) for k, v in attrs if k in LINK_ATTRIBUTES)
        if tag == "table" and found.get("id") == "finding-table":
            self._in_table = True
        elif tag == "tr" and self._in_table and "data-id" in found:
            self.rows.append(found)
        elif tag == "figure":
            self._figure = found.get("id")
        elif tag == "g" and found.get("class") == "bar":
            self.bars.append({**found, "chart": self._figure})

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False


def collect(html: str) -> RowCollector:
    parser = RowCollector()
    parser.feed(html)
    return parser


def make_finding(row: Row) -> Finding:
    record = finding_record(*row)
    meta = record["file"]
    return Finding(
        id=record["id"],
        rule_id=record["rule_id"],
        rule_name=record["rule_name"],
        category=record["category"],
        severity=record["severity"],
        confidence=record["confidence"],
        path=record["path"],
        location=record["location"],
        secret_masked=record["secret_masked"],
        secret_hash=record["secret_hash"],
        context=record["context"],
        account=record["account"],
        file=FileMeta(meta["size"], meta["mtime"], meta["owner"], meta["sha256"]),
        remediation=record["remediation"],
        secret=record["secret"],
    )


def agent_config(tmp_path: Path) -> Path:
    """An agent config with a private state dir and a named vault."""
    state = tmp_path / "state"
    config = tmp_path / "agent.toml"
    config.write_text(
        f'[state]\ndir = "{state}"\n[remediation]\nvault_name = "Acme Vault"\n'
        'vault_url = "https://vault.example.net"\n',
        encoding="utf-8",
    )
    return config


def populate_store(config_path: Path, rows: list[Row], cleared: tuple[str, ...] = ()) -> None:
    """One agent scan that found ``rows`` (grouped by file) and nothing in the files ``cleared``, recorded
    through the central log's API."""
    from credscan.central.service import CentralLog
    from credscan.config import load_config

    by_file: dict[str, list[Finding]] = {path: [] for path in cleared}
    for row in rows:
        by_file.setdefault(row[0], []).append(make_finding(row))
    with CentralLog(load_config(config_path), connect=False) as central:
        scan_id = central.begin_scan("full")
        for path, findings in by_file.items():
            ref = FileRef(path=path, size=1234, mtime=NOW, file_id=path, owner="x")
            central.record_result(FileResult(ref, findings), scan_id)
        stats = ScanStats(files_seen=len(by_file), files_scanned=len(by_file), findings=len(rows))
        central.complete_scan(scan_id, stats, roots=[], full=False)


def events(config_path: Path) -> list[dict[str, Any]]:
    from credscan.config import load_config

    log = load_config(config_path).event_log_path
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
