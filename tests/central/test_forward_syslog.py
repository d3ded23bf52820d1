"""Syslog forwarding into a real rsyslogd: RFC 5424 over UDP, TCP (octet counting) and TLS; CEF and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from credscan import __version__
from credscan.central.forward.interface import DeliveryError
from credscan.central.forward.syslog import SyslogForwarder
from credscan.central.service import CentralLog
from credscan.errors import UserError
from credscan.model import ScanStats
from tests.support.central_fixtures import Result, make_config, make_finding, make_ref, parse_cef
from tests.support.services import Rsyslog, make_tls_files, requires_rsyslog, requires_rsyslog_tls

pytestmark = requires_rsyslog

RFC5424 = re.compile(
    r"^<(?P<pri>\d{1,3})>1 (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<pid>\S+) (?P<msgid>\S+) - (?P<msg>.*)$"
)
NASTY_ACCOUNT = "CORP\\admin=root|x"
NASTY_CONTEXT = "line one\nuser=CORP\\admin | pw=Ni********99"


def finding_lines(lines: list[str]) -> list[re.Match[str]]:
    return [m for m in (RFC5424.match(line) for line in lines) if m and m.group("app") == "credscan"]


def emit_finding(tmp_path: Path, forward: list[dict[str, Any]], severity: str = "critical") -> dict[str, Any]:
    """One full scan with one finding, delivered; returns the finding record."""
    config = make_config(tmp_path, forward)
    finding = make_finding(
        "/srv/share/IT|Admin=Docs\\pw.xlsx",
        "Nimbus-Key-7799",
        severity=severity,
        account=NASTY_ACCOUNT,
        context=NASTY_CONTEXT,
    )
    with CentralLog(config, host_name="fs01") as central:
        scan_id = central.begin_scan("full")
        central.record_result(Result(make_ref(finding.path), [finding]), scan_id)
        central.complete_scan(
            scan_id, ScanStats(files_scanned=1, findings=1), roots=["/srv/share"], full=True
        )
        result = central.deliver(10)
        assert all(r["pending"] == 0 and r["error"] is None for r in result.values()), result
    return finding.to_dict()


@pytest.mark.parametrize("scheme", ["udp", "tcp", pytest.param("tls", marks=requires_rsyslog_tls)])
def test_cef_arrives_with_escaping_and_severity(tmp_path: Path, scheme: str) -> None:
    tls = make_tls_files(tmp_path / "tls") if scheme == "tls" else None
    with Rsyslog(tmp_path, tls=tls) as syslog:
        port = {"udp": syslog.udp_port, "tcp": syslog.tcp_port, "tls": syslog.tls_port}[scheme]
        entry: dict[str, Any] = {"type": "syslog", "url": f"{scheme}://127.0.0.1:{port}", "format": "cef"}
        if tls is not None:
            entry["ca_file"] = str(tls.ca_cert)
        record = emit_finding(tmp_path, [entry])
        lines = syslog.wait_for(lambda ls: any("finding.new" in line for line in ls))
        syslog.wait_for(lambda ls: any(" scan.completed " in line for line in ls))
    messages = {m.group("msgid"): m for m in finding_lines(lines)}
    assert {"scan.started", "finding.new", "scan.completed"} <= set(messages)
    new = messages["finding.new"]
    # local0 (16) * 8 + crit (2) for a critical finding
    assert new.group("pri") == "130"
    assert new.group("host") == "fs01"
    header, ext = parse_cef(new.group("msg"))
    assert header == [
        "CEF:0", "credscan", "credscan", __version__, record["rule_id"], "Password | in a config=file", "10",
    ]  # fmt: skip
    assert "\\|" in new.group("msg")  # the | in the rule name is escaped in the header
    assert ext["filePath"] == "/srv/share/IT|Admin=Docs\\pw.xlsx"
    assert ext["fname"] == "IT|Admin=Docs\\pw.xlsx"
    assert ext["duser"] == NASTY_ACCOUNT
    assert ext["cs6"] == NASTY_CONTEXT and ext["cs6Label"] == "context"
    assert ext["cs1"] == "config-credential" and ext["cs1Label"] == "category"
    assert ext["cs2"] == record["secret_masked"]
    assert ext["cs3"] == record["secret_hash"]
    assert ext["cs4"] == record["id"] == ext["externalId"]
    assert json.loads(ext["cs5"]) == {"line": 1}
    assert "Contoso Keeper (https://keeper.contoso.test)" in ext["msg"]
    assert ext["act"] == "finding.new"
    assert int(ext["rt"]) > 1_700_000_000_000
    assert "\n" not in new.group(0)  # one message, one line: line breaks are escaped


def test_severity_mapping(tmp_path: Path) -> None:
    with Rsyslog(tmp_path) as syslog:
        entry = {"type": "syslog", "url": f"tcp://127.0.0.1:{syslog.tcp_port}", "format": "cef"}
        for index, severity in enumerate(["high", "medium", "low", "info"]):
            emit_finding(tmp_path / str(index), [entry], severity=severity)
        lines = syslog.wait_for(lambda ls: sum("finding.new" in line for line in ls) >= 4)
    got = [
        (m.group("pri"), parse_cef(m.group("msg"))[0][6])
        for m in finding_lines(lines)
        if m.group("msgid") == "finding.new"
    ]
    assert got == [("131", "8"), ("132", "5"), ("133", "3"), ("134", "1")]


def test_json_payload_over_tcp(tmp_path: Path) -> None:
    with Rsyslog(tmp_path) as syslog:
        entry = {"type": "syslog", "url": f"tcp://127.0.0.1:{syslog.tcp_port}", "format": "json"}
        record = emit_finding(tmp_path, [entry])
        lines = syslog.wait_for(lambda ls: any("finding.new" in line for line in ls))
    new = next(m for m in finding_lines(lines) if m.group("msgid") == "finding.new")
    event = json.loads(new.group("msg"))
    assert event["event"]["action"] == "finding.new"
    assert event["credscan"]["finding"]["id"] == record["id"]
    assert event["credscan"]["finding"]["context"] == NASTY_CONTEXT


@requires_rsyslog_tls
def test_tls_verifies_the_certificate(tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path / "tls")
    with Rsyslog(tmp_path, tls=tls) as syslog:
        url = f"tls://127.0.0.1:{syslog.tls_port}"
        event = {"@timestamp": "2026-01-01T00:00:00.000Z", "event": {"action": "agent.heartbeat"}}
        untrusted = SyslogForwarder("siem", url, "json")  # system CAs only: the test CA is unknown
        with pytest.raises(DeliveryError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            untrusted.send([event], 5)
        by_name = SyslogForwarder(
            "siem", f"tls://localhost:{syslog.tls_port}", "json", ca_file=str(tls.ca_cert)
        )
        by_name.send([event], 5)  # localhost is in the certificate: accepted
        insecure = SyslogForwarder("siem", url, "json", verify=False)
        insecure.send([event], 5)
        syslog.wait_for(lambda ls: sum("agent.heartbeat" in line for line in ls) == 2)
        by_name.close()
        insecure.close()


def test_tcp_reconnects_after_the_server_restarts(tmp_path: Path) -> None:
    syslog = Rsyslog(tmp_path).start()
    forwarder = SyslogForwarder("siem", f"tcp://127.0.0.1:{syslog.tcp_port}", "json")
    event = {"@timestamp": "2026-01-01T00:00:00.000Z", "event": {"action": "agent.heartbeat"}, "n": 1}
    try:
        forwarder.send([event], 5)
        syslog.wait_for(lambda ls: any('"n":1' in line for line in ls))
        syslog.stop()
        with pytest.raises(DeliveryError):
            forwarder.send([{**event, "n": 2}], 2)
        syslog.start()
        forwarder.send([{**event, "n": 3}], 5)
        syslog.wait_for(lambda ls: any('"n":3' in line for line in ls))
    finally:
        forwarder.close()
        syslog.stop()


@pytest.mark.parametrize(
    ("url", "fmt", "message"),
    [
        ("http://127.0.0.1:514", "cef", "udp://, tcp:// or tls://"),
        ("tcp://127.0.0.1:514", "leef", "format must be"),
        ("tcp://127.0.0.1:99999", "cef", "bad port"),
    ],
)
def test_bad_syslog_config_is_a_user_error(url: str, fmt: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        SyslogForwarder("siem", url, fmt)
