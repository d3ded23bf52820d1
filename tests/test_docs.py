"""The documentation is complete and self-contained: no document outside the repository is cited, every page
the README lists exists (and every page is listed), every exit code and every event field the product emits
is documented (config keys: tests/cli/test_config_strict.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from credscan.errors import EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE
from tests.support.paths import REPO

OUTSIDE = re.compile(r"SPEC\s*§|SPEC\.md|FORMATS\.md|\.\./shared|\bshared/(?:schemas|peer-suites)")
EXEMPT = {"tests/test_docs.py", "tests/data/vendor/NOTICE.md"}


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, timeout=60)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    suffixes = {".py", ".md", ".toml", ".sh", ".ps1", ".service", ".txt", ".cfg", ".html", ".js", ".css", ""}
    names = [name for name in listed.stdout.splitlines() if name not in EXEMPT]
    return [REPO / name for name in names if Path(name).suffix in suffixes and (REPO / name).is_file()]


def test_no_document_outside_the_repository_is_cited() -> None:
    cited = []
    for path in tracked_text_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        cited += [f"{path.relative_to(REPO)}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert cited == []


def test_readme_links_every_docs_page_and_only_existing_ones() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((docs/[\w.-]+\.md)\)", readme))
    pages = {f"docs/{page.name}" for page in (REPO / "docs").glob("*.md")}
    assert linked == pages


def test_every_exit_code_is_documented() -> None:
    scanning = (REPO / "docs/scanning.md").read_text(encoding="utf-8")
    table = scanning[scanning.index("### Exit codes") :]
    for code in (0, 1, EXIT_USAGE, EXIT_SIGINT, EXIT_SIGTERM):
        assert re.search(rf"^\| `{code}` \|", table, flags=re.MULTILINE), code


GROUPS = (
    "credscan.finding.location",
    "credscan.finding.file",
    "credscan.agent.config",
    "credscan.outbox.dropped",
)
"""Fields documented as one row with their parts named in it."""


def dotted_fields(event: dict[str, Any], prefix: str = "") -> set[str]:
    fields: set[str] = set()
    for key, value in event.items():
        name = prefix + key
        if name in GROUPS or not isinstance(value, dict) or not value:
            fields.add(name)
        else:
            fields |= dotted_fields(value, name + ".")
    return fields


def test_every_event_field_is_documented(tmp_path: Path) -> None:
    """Events from a real agent: a finding, a broken file, the finding resolved, triage, and the lifecycle."""
    root = tmp_path / "share"
    root.mkdir()
    (root / "notes.txt").write_text("Admin password: Tr0ub4dor&3xq\nSecond admin password: Zq8!mW3pLx\n")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    config = tmp_path / "agent.toml"
    config.write_text(
        f'[scan]\nroots = ["{root}"]\n[state]\ndir = "{tmp_path / "state"}"\n', encoding="utf-8"
    )
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}

    def credscan(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, done.stderr

    credscan("agent", "run", "--once", "--config", str(config))
    events = [json.loads(line) for line in (tmp_path / "state/events.jsonl").read_text().splitlines()]
    first = next(e for e in events if e["event"]["action"] == "finding.new")["credscan"]["finding"]["id"]
    credscan("findings", "accept", first, "--config", str(config), "--reason", "test", "--by", "qa")
    (root / "notes.txt").write_text("nothing left\n")
    credscan("agent", "run", "--once", "--config", str(config))
    events = [json.loads(line) for line in (tmp_path / "state/events.jsonl").read_text().splitlines()]
    actions = {event["event"]["action"] for event in events}
    assert {"finding.new", "finding.resolved", "finding.accepted", "file.error", "scan.completed"} <= actions

    siem = (REPO / "docs/siem.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([@\w.]+)` \|", siem, flags=re.MULTILINE))
    emitted = set().union(*(dotted_fields(event) for event in events))
    assert emitted - documented == set()
    assert {f"`{action}`" for action in actions} <= set(re.findall(r"`[a-z_]+\.[a-z_]+`", siem))
