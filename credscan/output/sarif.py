"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding; rule metadata in tool.driver.rules; artifact URIs relative to the scanned
root they were found under (``uriBaseId`` ROOT0, ROOT1 … declared in originalUriBaseIds). Archive
members point at the archive on disk, with the member in the result's properties. Sheet/cell, page,
slide … are logical locations; a line becomes region.startLine.
"""

from __future__ import annotations

import json
import os
from typing import Any, TextIO
from urllib.parse import quote

from credscan.model import Finding, ScanResult
from credscan.output.interface import OutputContext, OutputFormat, format_location, tool_info
from credscan.pathnames import display_path, os_path
from credscan.sources import is_remote

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/credscan/credscan"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
"""GitHub code scanning ranks security alerts by this property (a number as a string)."""
FINGERPRINT_KEY = "credscanFindingId/v1"


class _Roots:
    """Maps a finding path to (uriBaseId, relative URI) using the targets the scan was given."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        self.bases: list[tuple[str, str]] = []  # (prefix of finding paths, base URI)
        for given in roots:
            root = given if is_remote(given) else display_path(given)
            if is_remote(root):
                prefix = root.rstrip("/") + "/"
                base = prefix
            elif os.path.isdir(os_path(root)):
                prefix = root.rstrip(os.sep) + os.sep
                base = _dir_uri(root)
            else:  # a single file: relative to its folder
                prefix = os.path.join(os.path.dirname(root), "") if os.path.dirname(root) else ""
                base = _dir_uri(os.path.dirname(root) or ".")
            self.bases.append((prefix, base))

    def base_ids(self) -> dict[str, Any]:
        return {f"ROOT{index}": {"uri": base} for index, (_, base) in enumerate(self.bases)}

    def locate(self, path: str) -> tuple[dict[str, Any], str | None]:
        """The artifact location of the file on disk, and the archive member inside it (if any)."""
        for index, (prefix, _) in enumerate(self.bases):
            if path.startswith(prefix):
                relative, member = _split_member(path[len(prefix) :])
                return {"uri": _uri(relative), "uriBaseId": f"ROOT{index}"}, member
        relative, member = _split_member(path)
        return {"uri": _uri(relative)}, member


def _dir_uri(folder: str) -> str:
    return "file://" + quote(os.path.realpath(os_path(folder)), safe="/") + "/"


def _uri(relative: str) -> str:
    """Percent-encoded, "/"-separated, from the exact bytes of the name (credscan.pathnames): a byte that
    is not UTF-8 is %XX, and a "!" that is part of a real name is %21, never an archive separator."""
    text = relative.replace(os.sep, "/") if os.sep != "/" else relative
    return quote(os_path(text), safe="/")


def _split_member(path: str) -> tuple[str, str | None]:
    """ "outer.zip!inner/file.txt" -> ("outer.zip", "inner/file.txt"); the file on disk is the artifact."""
    outer, sep, member = path.partition("!")
    return (outer, member) if sep else (path, None)


def _rule(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.rule_id,
        "name": finding.rule_name,
        "shortDescription": {"text": finding.rule_name},
        "help": {"text": finding.remediation},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {
            "category": finding.category,
            "tags": ["security", "credentials", finding.category],
            "security-severity": SECURITY_SEVERITY[finding.severity],
        },
    }


def _message(finding: Finding) -> str:
    where = format_location(finding.location)
    parts = [f"{finding.rule_name}: {finding.secret_masked or finding.category}"]
    if where:
        parts.append(f"at {where}")
    if finding.account:
        parts.append(f"(account {finding.account})")
    return " ".join(parts)


def _result(finding: Finding, rule_index: int, roots: _Roots, ctx: OutputContext) -> dict[str, Any]:
    artifact, member = roots.locate(finding.path)
    physical: dict[str, Any] = {"artifactLocation": artifact}
    line = finding.location.get("line")
    if isinstance(line, int) and line > 0:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    where = format_location(finding.location)
    if where and "line" not in finding.location:
        qualified = f"{member}!{where}" if member else where
        location["logicalLocations"] = [{"name": where, "fullyQualifiedName": qualified, "kind": "element"}]
    properties: dict[str, Any] = {
        "severity": finding.severity,
        "category": finding.category,
        "confidence": round(finding.confidence, 2),
        "location": finding.location,
        "secret_masked": finding.secret_masked,
        "secret_hash": finding.secret_hash,
        "context": finding.context,
        "account": finding.account,
        "path": finding.path,
        "file": finding.file.to_dict(),
    }
    if finding.file.exposure is not None:
        properties["exposure"] = finding.file.exposure["level"]
    if member:
        properties["member"] = member
    if ctx.show_secrets and finding.secret is not None:
        properties["secret"] = finding.secret
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.id},
        "properties": properties,
    }


class SarifOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        roots = _Roots(ctx.roots)
        rule_index: dict[str, int] = {}
        rules: list[dict[str, Any]] = []
        results = []
        for finding in result.findings:
            if finding.rule_id not in rule_index:
                rule_index[finding.rule_id] = len(rules)
                rules.append(_rule(finding))
            results.append(_result(finding, rule_index[finding.rule_id], roots, ctx))
        stats = result.stats
        run: dict[str, Any] = {
            "tool": {
                "driver": {**tool_info(), "informationUri": INFORMATION_URI, "rules": rules},
            },
            "originalUriBaseIds": roots.base_ids(),
            "results": results,
            "invocations": [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [
                        {
                            "level": "warning",
                            "message": {"text": f"{error.path}: {error.error}"},
                        }
                        for error in stats.errors
                    ],
                    "properties": {key: value for key, value in stats.to_dict().items() if key != "errors"},
                }
            ],
        }
        document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")
