"""Why a text is (or is not) a finding: every rule past the prefilter, what it matched, the value it read,
and the step that took or rejected it (``credscan rules explain``).

The file goes through the same typing, extraction and detection as a scan, with a Trace attached to the
text rules (credscan.detect.trace); table detectors report what they found. Values are masked unless the
user asks for --show-secrets: the label a rule matched is shown with every value of the unit redacted.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.markup import visible_text
from credscan.detect.prose import prefilter_for, split_for_markup
from credscan.detect.syntax import may_hold_text_tables, syntax_of
from credscan.detect.trace import Trace
from credscan.extract.interface import ExtractContext, NotRead
from credscan.extract.registry import extractor_for
from credscan.extract.texttables import with_text_tables
from credscan.filetype import detect_kind
from credscan.limits import DEFAULT_LIMITS
from credscan.model import Candidate, Embedded, Table, TextBlock, Unit
from credscan.redact import mask_secret, redact_text

HEAD_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Where:
    """What part of the file to explain: a line (text) or a cell ("B7") or a table row; None = all."""

    line: int | None = None
    cell: str | None = None


def explain_bytes(
    engine: DetectionEngine,
    data: bytes,
    name: str,
    where: Where,
    show_secrets: bool = False,
    depth: int = 0,
) -> Iterator[str]:
    """The explanation of one file's content, line by line of output; an archive's members are explained
    in turn (``backup.tgz!etc/app.env``), as deep as a scan reads them."""
    stream = io.BytesIO(data)
    kind = detect_kind(stream, name)
    info = FileInfo(
        path=name, name=posixpath.basename(name), kind=kind, head=data[:HEAD_BYTES], size=len(data)
    )
    syntax = syntax_of(info.name, kind, info.head)
    yield f"file: {name}  kind: {kind}  syntax: {syntax}"
    extractor = extractor_for(kind)
    if extractor is None:
        yield "no text to read (binary); file rules judge the name and the first bytes only"
        units: list[Unit] = []
    else:
        stream.seek(0)
        ctx = ExtractContext(path=name, name=info.name, kind=kind, size=len(data), depth=depth)
        try:
            tables = may_hold_text_tables(info.name, kind, info.head)
            units = list(with_text_tables(extractor.extract(stream, ctx), tables))
        except NotRead as skipped:  # a scan lists it under stats.skipped: say so instead of a traceback
            yield f"not read: {skipped}"
            units = []
    for candidate in engine.detect_file(info):
        yield f"file rule {candidate.rule_id}: REPORTED ({candidate.context})"
    for number, unit in enumerate(units, 1):
        if isinstance(unit, TextBlock):
            yield from _explain_block(engine, info, unit, number, where, show_secrets)
        elif isinstance(unit, Table):
            yield from _explain_table(engine, info, unit, number, where, show_secrets)
        elif isinstance(unit, Embedded):
            member = f"{name}!{unit.name}"
            if unit.skipped or depth + 1 > DEFAULT_LIMITS.max_depth:
                yield f"member {member}: not read ({unit.skipped or 'nested too deep'})"
            else:
                yield from explain_bytes(engine, unit.data, member, where, show_secrets, depth + 1)


def _mask(value: str, show: bool) -> str:
    return value if show else mask_secret(value)


def _explain_block(
    engine: DetectionEngine, info: FileInfo, block: TextBlock, number: int, where: Where, show: bool
) -> Iterator[str]:
    trace = Trace()
    reported = engine.detect_unit(info, block)
    engine.all_matches(info, block, trace)
    texts = [("text", block.text, engine.text_rules)]
    if syntax_of(info.name, info.kind, info.head) == "markup":
        raw, visible = split_for_markup(engine.text_rules)
        texts = [("text", block.text, raw), ("visible text", visible_text(block.text), visible)]
    secrets = [step.value for step in trace.steps] + [c.secret for c in reported]
    manual = (
        " a program's manual: values after a name are examples, its tables are not read"
        if block.manual
        else ""
    )
    yield f"text block {number}:{manual}"
    for view, text, rules in texts:
        active, _ = prefilter_for(rules).active_and_literals(text.lower(), info)
        ids = ", ".join(r.id for r in active) or "none"
        yield f"  rules past the prefilter ({view}): {ids}"
    for step in trace.steps:
        location = block.line_location(step.line)
        line = location.get("line")
        if where.line is not None and line != where.line:
            continue
        label = step.label if show else redact_text(step.label, secrets)
        verdict = step.verdict
        outcome = "accepted" if verdict.name == "accepted" else f"rejected by {verdict.name}"
        reason = f": {verdict.reason}" if verdict.reason else ""
        yield (
            f"  {_place(location)} {step.rule_id} [{step.text_view}] matched {label.strip()!r} "
            f"value {_mask(step.value, show)!r} -> {outcome}{reason}"
        )
    yield from _reported(reported, where, show, secrets)


def _explain_table(
    engine: DetectionEngine, info: FileInfo, table: Table, number: int, where: Where, show: bool
) -> Iterator[str]:
    reported = engine.detect_unit(info, table)
    yield f"table {number} ({len(table.rows)} rows): column, key/value and export detectors, text rules"
    yield from _reported(reported, where, show, [c.secret for c in reported])


def _reported(reported: list[Candidate], where: Where, show: bool, secrets: list[str]) -> Iterator[str]:
    """What the unit reports; every value found in it is masked in every context (two credentials on
    one line: each detector masks only its own)."""
    for candidate in reported:
        location = candidate.location
        if where.line is not None and location.get("line", location.get("row")) != where.line:
            continue
        if where.cell is not None and str(location.get("cell", "")).upper() != where.cell.upper():
            continue
        context = redact_text(candidate.context, secrets) if not show else candidate.context
        value = _mask(candidate.secret, show)
        yield f"  REPORTED {_place(location)} {candidate.rule_id}: {value!r}  {context}"


def _place(location: dict[str, object]) -> str:
    return " ".join(f"{k}={v}" for k, v in location.items()) or "-"
