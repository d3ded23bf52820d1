"""`--format jsonl`: one finding object a line (docs/scanning.md), for grep, jq and log shippers."""

from __future__ import annotations

import json
from typing import TextIO

from credscan.model import ScanResult
from credscan.output.interface import OutputContext, OutputFormat, finding_record


class JsonlOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        for finding in result.findings:
            out.write(json.dumps(finding_record(finding, ctx), ensure_ascii=False) + "\n")
