"""HTTP forwarding to a real listener: Splunk HEC envelope and token header, webhook arrays, failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from credscan.central.forward.http import SplunkHecForwarder, WebhookForwarder
from credscan.central.forward.interface import DeliveryError
from credscan.central.service import CentralLog
from credscan.config import parse_config
from credscan.errors import UserError
from credscan.model import ScanStats
from tests.support.central_fixtures import Result, make_config, make_finding, make_ref
from tests.support.services import HttpListener

TOKEN = "5f0c1e9a-hec-token-test"


def hec_events(listener: HttpListener) -> list[dict[str, Any]]:
    """HEC bodies are JSON objects one after another (newline-separated here)."""
    decoder = json.JSONDecoder()
    out = []
    for request in listener.received():
        text = request.body.decode()
        index = 0
        while index < len(text):
            obj, end = decoder.raw_decode(text, index)
            out.append(obj)
            index = end
            while index < len(text) and text[index].isspace():
                index += 1
    return out


def test_hec_gets_findings_with_token_header_and_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_HEC_TOKEN", TOKEN)
    with HttpListener() as listener:
        config = make_config(
            tmp_path,
            [{"type": "splunk-hec", "url": listener.url(), "token": "env:TEST_HEC_TOKEN", "index": "sec"}],
        )
        finding = make_finding("/srv/share/pw.txt", "Hec-Secret-4242")
        with CentralLog(config, host_name="fs01") as central:
            scan_id = central.begin_scan("full")
            central.record_result(Result(make_ref(finding.path), [finding]), scan_id)
            central.complete_scan(scan_id, ScanStats(), roots=["/srv/share"], full=True)
            result = central.deliver(10)
        assert result["splunk-hec-0"] == {"delivered": 3, "error": None, "pending": 0}
        requests = listener.received()
        envelopes = hec_events(listener)
    assert all(r.path == "/services/collector/event" for r in requests)
    assert all(r.header("Authorization") == f"Splunk {TOKEN}" for r in requests)
    assert all(r.header("Content-Type") == "application/json" for r in requests)
    assert [e["event"]["event"]["action"] for e in envelopes] == [
        "scan.started",
        "finding.new",
        "scan.completed",
    ]
    new = envelopes[1]
    assert new["sourcetype"] == "credscan" and new["source"] == "credscan"
    assert new["host"] == "fs01" and new["index"] == "sec"
    assert isinstance(new["time"], float)
    record = new["event"]["credscan"]["finding"]
    assert record["id"] == finding.id
    assert "Contoso Keeper (https://keeper.contoso.test)" in record["remediation"]


def test_webhook_posts_json_arrays_with_bearer_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_TOKEN", "hook-bearer-1")
    with HttpListener() as listener:
        config = make_config(
            tmp_path,
            [
                {"type": "webhook", "url": listener.url("/hook"), "token": "env:HOOK_TOKEN", "batch_size": 2},
                {"type": "webhook", "url": listener.url("/open"), "name": "no-token"},
            ],
        )
        with CentralLog(config) as central:
            for n in range(5):
                central.emit("agent.heartbeat", {"message": f"beat {n}"})
            central.deliver(10)
        requests = listener.received()
    hook = [r for r in requests if r.path == "/hook"]
    assert [len(json.loads(r.body)) for r in hook] == [2, 2, 1]  # batch_size honoured, order kept
    assert [e["message"] for r in hook for e in json.loads(r.body)] == [f"beat {n}" for n in range(5)]
    assert all(r.header("Authorization") == "Bearer hook-bearer-1" for r in hook)
    open_hook = [r for r in requests if r.path == "/open"]
    assert open_hook and all(r.header("Authorization") is None for r in open_hook)


def test_http_failures_are_delivery_errors(tmp_path: Path) -> None:
    event = {"@timestamp": "2026-01-01T00:00:00.000Z", "event": {"action": "agent.heartbeat"}}
    with HttpListener() as listener:
        forwarder = WebhookForwarder("hook", listener.url("/x"), None)
        listener.fail_status = 503
        with pytest.raises(DeliveryError, match="HTTP 503"):
            forwarder.send([event], 5)
        port = listener.port
    refused = WebhookForwarder("hook", f"http://127.0.0.1:{port}/x", None)
    with pytest.raises(DeliveryError, match="refused"):
        refused.send([event], 5)


def test_literal_token_in_config_is_refused() -> None:
    with pytest.raises(UserError, match="literal secret"):
        parse_config(
            {"forward": [{"type": "splunk-hec", "url": "https://x:8088", "token": "abcd-1234-efgh"}]}
        )


def test_missing_env_token_and_bad_urls_are_user_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOT_SET_TOKEN", raising=False)
    config = make_config(
        tmp_path, [{"type": "splunk-hec", "url": "https://x:8088/e", "token": "env:NOT_SET_TOKEN"}]
    )
    with pytest.raises(UserError, match="NOT_SET_TOKEN"):
        CentralLog(config)
    assert not (tmp_path / "state").exists()  # refused before anything was written
    with pytest.raises(UserError, match="credentials in the url"):
        WebhookForwarder("hook", "https://user:pw@example.net/x", None)
    with pytest.raises(UserError, match="needs token"):
        SplunkHecForwarder("hec", "https://example.net/x", None)
    with pytest.raises(UserError, match="unknown type"):
        CentralLog(make_config(tmp_path, [{"type": "kafka", "url": "x"}]))
    with pytest.raises(UserError, match=r"unknown key 'tokne' in .* did you mean 'token'"):
        CentralLog(make_config(tmp_path, [{"type": "webhook", "url": "http://x/", "tokne": "env:X"}]))
    with pytest.raises(UserError, match="unknown option"):  # a key of another destination type
        CentralLog(make_config(tmp_path, [{"type": "webhook", "url": "http://x/", "facility": "local1"}]))


def test_keyring_reference_without_backend_explains_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    config = make_config(
        tmp_path, [{"type": "splunk-hec", "url": "https://x/e", "token": "keyring:credscan/hec"}]
    )
    with pytest.raises(UserError) as info:
        CentralLog(config)
    message = str(info.value)
    assert "no OS keyring backend" in message and "env:NAME" in message and "chmod 600" in message
    assert "PlaintextKeyring" in message and "plain file" in message  # named only as what not to use


def test_webhook_url_can_be_a_secret_reference_and_is_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chat-style webhooks carry their secret in the path: status and agent.started show only the origin."""
    with HttpListener() as listener:
        secret_url = listener.url("/services/T0AAA/B0BBB/s3cr3tPathToken")
        monkeypatch.setenv("HOOK_URL", secret_url)
        config = make_config(
            tmp_path,
            [
                {"type": "webhook", "url": "env:HOOK_URL", "name": "chat"},
                {"type": "webhook", "url": secret_url, "name": "plain"},
            ],
        )
        with CentralLog(config) as central:
            central.agent_started("test")
            central.deliver(5)
            status = central.status()
        with CentralLog(config, connect=False) as central:
            offline_status = central.status()
        paths = {r.path for r in listener.received()}
    assert paths == {"/services/T0AAA/B0BBB/s3cr3tPathToken"}
    for text in (
        json.dumps(status),
        json.dumps(offline_status),
        (tmp_path / "state" / "events.jsonl").read_text(),
    ):
        assert "s3cr3tPathToken" not in text
    assert (
        status["outbox"]["destinations"]["plain"]["target"] == f"webhook http://127.0.0.1:{listener.port}/…"
    )
    assert offline_status["outbox"]["destinations"]["chat"]["target"] == "webhook env:HOOK_URL"
