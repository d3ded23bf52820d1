"""Small SMB files read ahead (credscan.sources.smbreads) against a real Samba: every file read once and
intact, one file's error stays that file's, the per-server request limit is respected (counted at the
protocol: smbprotocol's own table of requests awaiting an answer), and no password reaches any output.
~10 s with a Samba server of its own (a share rebuilt per test module)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from smbprotocol.connection import Connection
from smbprotocol.open import SMB2CreateRequest

from credscan.config import load_config
from credscan.errors import UserError
from credscan.model import FileRef
from credscan.scan import Scanner, ScanOptions
from credscan.sources.smb import SmbSettings, SmbSource, smb_source_options, worker_queue_depth
from credscan.sources.smbreads import CompoundReader
from tests.support.smbserver import SambaServer, requires_samba, running_samba

pytestmark = requires_samba

FILES = 120


@pytest.fixture(scope="module")
def server() -> Iterator[SambaServer]:
    with running_samba() as samba:
        folder = samba.share_dir("clients")
        rng = random.Random(7)
        for index in range(FILES):
            sub = folder / f"client-{index // 40}"
            sub.mkdir(exist_ok=True)
            sub.chmod(0o755)
            size = rng.choice([0, 1, 100, 4096, 65536, 70001])
            body = bytes(rng.getrandbits(8) for _ in range(size)) if index % 3 else b"notes " * (size // 6)
            if index % 10 == 0:  # a text file with a password
                body = f"admin password: Ahead-{index:03d}-Pw!\n".encode() + b"notes " * (size // 6)
            path = sub / f"file-{index:03d}.txt"
            path.write_bytes(body)
            path.chmod(0o644)
        big = folder / "big.bin"  # past one compound read: read the ordinary way
        big.write_bytes(os.urandom(1536 * 1024))
        big.chmod(0o644)
        yield samba


def _options(server: SambaServer, **extra: str) -> dict[str, str]:
    options = smb_source_options(server.user, None, max_requests=int(extra.pop("max_requests", "8")))
    return {**options, "resolved_password": server.password, **extra}


def _refs(source: SmbSource) -> list[FileRef]:
    from credscan.model import WalkOptions

    return [entry for entry in source.walk(WalkOptions()) if isinstance(entry, FileRef)]


class ProtocolCounter:
    """Counts the CREATEs sent per file name, by smbprotocol's Connection or as the compound reads that
    smbreads packs itself, and the most requests ever awaiting an answer at once in smbprotocol's table
    (a compound of CREATE/READ/CLOSE is three messages, one round trip)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.creates: Counter[str] = Counter()
        self.peak_messages = 0
        original = Connection._send
        counter = self

        def counting_send(connection: Connection, message: Any, *args: Any, **kwargs: Any) -> Any:
            sent = original(connection, message, *args, **kwargs)  # (not sent: no credits left, say)
            for each in message if isinstance(message, list) else [message]:
                if isinstance(each, SMB2CreateRequest):
                    name = each["buffer_path"].get_value().decode("utf-16-le")
                    counter.creates[name.replace("\\", "/")] += 1
            counter.peak_messages = max(counter.peak_messages, len(connection.outstanding_requests))
            return sent

        monkeypatch.setattr(Connection, "_send", counting_send)
        original_compound = CompoundReader.send

        def counting_compound(reader: CompoundReader, path: str, length: int, reserve: int) -> Any:
            pending = original_compound(reader, path, length, reserve)
            if pending is not None:
                counter.creates[path.replace("\\", "/")] += 1
            connection = reader.connection
            counter.peak_messages = max(counter.peak_messages, len(connection.outstanding_requests))
            return pending

        monkeypatch.setattr(CompoundReader, "send", counting_compound)


def _read_all(source: SmbSource, refs: list[FileRef], depth: int) -> dict[str, bytes]:
    """What a worker does: show the next files, then open the current one."""
    contents: dict[str, bytes] = {}
    for index, ref in enumerate(refs):
        source.prefetch(refs[index + 1 : index + depth])
        try:
            with source.open(ref) as stream:
                contents[ref.path] = stream.read()
        except OSError as exc:
            contents[ref.path] = f"error: {exc}".encode()
    return contents


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_every_file_is_read_once_intact_within_the_limit(
    server: SambaServer, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    source = SmbSource(server.url("clients"), _options(server, max_requests=str(limit)))
    try:
        refs = _refs(source)
        counter = ProtocolCounter(monkeypatch)
        contents = _read_all(source, refs, depth=limit + 3)  # shown more files than it may read ahead
    finally:
        source.close()
    folder = server.share_dir("clients")
    assert len(refs) == FILES + 1
    for ref in refs:
        relative = ref.path.split("/clients/", 1)[1]
        assert contents[ref.path] == (folder / relative).read_bytes(), relative
    small = [name for name in counter.creates if not name.endswith("big.bin")]
    assert len(small) == FILES
    assert {name: n for name, n in counter.creates.items() if n != 1} == {}  # read once
    # a compound is three messages awaiting answers; the limit counts round trips
    assert counter.peak_messages <= 3 * limit
    if limit > 1:
        assert counter.peak_messages > 3, "files were read ahead"


def test_one_file_error_stays_that_file_s(server: SambaServer) -> None:
    """A file deleted (or made unreadable) after the walk listed it fails alone; the files read ahead
    around it arrive intact."""
    folder = server.share_dir("clients") / "client-2"
    gone, locked = folder / "gone.txt", folder / "locked.txt"
    for path in (gone, locked):
        path.write_bytes(b"admin password: Soon-Gone-1!\n")
        path.chmod(0o644)
    source = SmbSource(server.url("clients", "client-2"), _options(server, max_requests="6"))
    try:
        refs = _refs(source)
        gone.unlink()
        locked.chmod(0o000)
        contents = _read_all(source, refs, depth=6)
    finally:
        source.close()
        locked.unlink()
    by_name = {ref.path.rsplit("/", 1)[1]: contents[ref.path] for ref in refs}
    assert by_name.pop("gone.txt") == b"error: not found"
    assert by_name.pop("locked.txt") == b"error: access denied"
    for name, content in by_name.items():
        assert content == (folder / name).read_bytes(), name


def test_scan_with_workers_reads_ahead_and_finds_what_a_plain_scan_finds(server: SambaServer) -> None:
    from credscan.scan import run_scan

    def scan(limit: str) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, str]], int]:
        options = ScanOptions(jobs=2, source_options=_options(server, max_requests=limit))
        result = run_scan([server.url("clients")], options)
        assert not result.stats.errors
        assert result.stats.files_seen == FILES + 1
        findings = sorted((finding.path, finding.id, finding.file.sha256) for finding in result.findings)
        skipped = sorted((entry.path, entry.reason) for entry in result.stats.skipped)
        return findings, skipped, result.stats.files_scanned

    ahead = scan("8")  # 4 requests per worker
    assert [path.rsplit("/", 1)[1] for path, _, _ in ahead[0]] == [
        f"file-{i:03d}.txt" for i in range(0, FILES, 10)
    ]
    assert ahead == scan("1")  # one request at a time: the same findings, skips and counts


def test_in_process_scan_reads_ahead_within_the_limit(
    server: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = ProtocolCounter(monkeypatch)
    options = ScanOptions(jobs=0, source_options=_options(server, max_requests="4"))
    source = SmbSource(server.url("clients"), options.source_options)
    refs = _refs(source)
    source.close()
    with Scanner(options) as scanner:
        results = list(scanner.scan(refs))
    assert len(results) == len(refs) and not any(result.error for result in results)
    assert counter.peak_messages <= 3 * 4
    assert sum(len(result.findings) for result in results) == FILES // 10


def test_the_limit_is_shared_by_the_workers() -> None:
    assert SmbSettings.from_options({"max_requests": "8", "processes": "2"}).window == 4
    assert SmbSettings.from_options({"max_requests": "8", "processes": "3"}).window == 2
    assert SmbSettings.from_options({"max_requests": "1", "processes": "4"}).window == 1
    assert worker_queue_depth({"max_requests": "8", "processes": "2"}, 2) == 5
    assert worker_queue_depth({}, 2) == 2  # a local scan hands out files as before
    for wrong in ("0", "257", "many", "-1"):
        with pytest.raises(UserError, match="from 1 to 256"):
            SmbSettings.from_options({"max_requests": wrong})


def test_config_key_is_strict(tmp_path: Path) -> None:
    config = tmp_path / "agent.toml"
    config.write_text("[scan]\nsmb_max_requests = 16\n")
    assert load_config(config).scan.smb_max_requests == 16
    for wrong in ("0", "300", '"8"', "true", "2.5"):
        config.write_text(f"[scan]\nsmb_max_requests = {wrong}\n")
        with pytest.raises(UserError, match="smb_max_requests"):
            load_config(config)


def test_cli_flag_and_no_password_in_any_output(server: SambaServer, tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    env = dict(os.environ, CREDSCAN_SMB_PASSWORD=server.password)
    base = [sys.executable, "-m", "credscan", "scan", server.url("clients"), "--smb-user", server.user]
    proc = subprocess.run(
        [
            *base,
            "--smb-max-requests",
            "6",
            "--jobs",
            "2",
            "--format",
            "json",
            "-o",
            str(out),
            "--no-progress",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr  # findings
    report = out.read_text()
    assert len(json.loads(report)["findings"]) == FILES // 10
    for text in (proc.stdout, proc.stderr, report):
        assert server.password not in text
    wrong = subprocess.run([*base, "--smb-max-requests", "0"], env=env, capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "from 1 to 256" in wrong.stderr and "Traceback" not in wrong.stderr
