"""`--format json`: one object, {"tool", "findings", "stats"} (docs/scanning.md)."""

from __future__ import annotations

import json
from typing import TextIO

from credscan.model import ScanResult
from credscan.output.interface import OutputContext, OutputFormat, finding_record, tool_info


class JsonOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        document = {
            "tool": tool_info(),
            "findings": [finding_record(finding, ctx) for finding in result.findings],
            "stats": result.stats.to_dict(),
        }
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")
