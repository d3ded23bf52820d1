"""`credscan rules list|test|explain`: the rules shipped (plus --rules DIR packs), their self-tests, and
why a file or text is (not) a finding.

`rules test` runs each rule's ``examples`` and ``negative_examples`` through the real engine:
- text rules: the example is the text of a TextBlock (by_line) in a file whose name fits the rule's
  ``file_names`` (first glob, "*" -> "file"; else "document.txt") and whose kind is the first of its
  ``kinds`` ("text" otherwise);
- table rules: the example is CSV text, read into a Table (first line = first row);
- file rules: the example is a file NAME; the file's first bytes are the rule's ``magic`` (if any);
- derived rules (a default password): the example is a text, reported under the rule by the others.
An example passes when the rule itself reports at least one candidate (before de-duplication across
rules); a negative example passes when the rule reports none.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rule import Rule
from credscan.detect.rules import VENDORED_SUFFIXES, RuleSet
from credscan.detect.syntax import may_hold_text_tables
from credscan.extract.texttables import text_tables
from credscan.model import Table, TextBlock


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules", help="list the detection rules or run their self-tests", description=__doc__.split("\n")[0]
    )
    actions = parser.add_subparsers(dest="rules_action", metavar="ACTION")
    for name, handler, text in (
        ("list", _list, "show id, category, severity and name of every rule"),
        ("test", _test, "run every rule's examples and negative examples; exit 1 on a failure"),
        ("explain", _explain, EXPLAIN_HELP),
    ):
        sub = actions.add_parser(name, help=text, description=text)
        sub.add_argument(
            "--rules", action="append", default=[], metavar="DIR", type=Path,
            help="also load the rule packs in DIR: *.toml, and *.yml in Nosey Parker's schema (repeatable)",
        )  # fmt: skip
        if name == "list":
            sub.add_argument(
                "--format", choices=("table", "json"), default="table",
                help="table (default) or json: one object with a list of rules, for scripts",
            )  # fmt: skip
        sub.set_defaults(handler=handler)
        if name == "explain":
            _explain_arguments(sub)
    parser.set_defaults(handler=lambda args: _usage(parser))


EXPLAIN_MAX_BYTES = 64 * 2**20
"""explain reads the whole file into memory (as a scan does for files up to this size)."""
EXPLAIN_HELP = (
    "why a file (or --text) is or is not a finding: each rule past the prefilter, what it matched, "
    "the value it read (masked), and the validator or filter that took or rejected it"
)


def _explain_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", nargs="?", metavar="FILE", help="the file to explain")
    sub.add_argument("--line", type=int, metavar="N", help="only line N (text) or row N (tables)")
    sub.add_argument("--cell", metavar="REF", help="only cell REF of a sheet (e.g. B7)")
    sub.add_argument("--text", metavar="TEXT", help="explain this text instead of a file")
    sub.add_argument(
        "--name", default="document.txt", metavar="NAME",
        help="file name to read --text as (its extension decides code, markup, config …)",
    )  # fmt: skip
    sub.add_argument("--show-secrets", action="store_true", help="print values in plain text")


def _explain(args: argparse.Namespace) -> int:
    from credscan.errors import UserError
    from credscan.explain import Where, explain_bytes

    if (args.file is None) == (args.text is None):
        raise UserError("rules explain needs a FILE or --text TEXT (one of them)")
    if args.text is not None:
        data, name = args.text.replace("\\n", "\n").encode(), args.name
    else:
        try:
            with Path(args.file).open("rb") as stream:
                data, name = stream.read(EXPLAIN_MAX_BYTES + 1), args.file
        except OSError as exc:
            raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
        if len(data) > EXPLAIN_MAX_BYTES:
            raise UserError(f"{args.file} is over {EXPLAIN_MAX_BYTES // 2**20} MiB: explain an excerpt")
    engine = DetectionEngine(RuleSet.load(args.rules))
    for line in explain_bytes(engine, data, name, Where(args.line, args.cell), args.show_secrets):
        print(line)
    return 0


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


JSON_RULE_FIELDS = ("id", "name", "category", "severity", "confidence", "scope", "kinds", "file_names")
"""What `rules list --format json` tells of each rule, plus ``source``: the name of its pack file."""


def _rule_record(rule: Rule) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in JSON_RULE_FIELDS:
        value = getattr(rule, name)
        record[name] = list(value) if isinstance(value, tuple) else value
    record["source"] = Path(rule.source).name if rule.source else ""
    return record


def _list(args: argparse.Namespace) -> int:
    ruleset = RuleSet.load(args.rules)
    if args.format == "json":
        json.dump({"rules": [_rule_record(rule) for rule in ruleset.rules]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [(r.id, r.category, r.severity, r.name) for r in ruleset.rules]
    widths = [
        max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(("ID", "CATEGORY", "SEVERITY"))
    ]
    print(f"{'ID':<{widths[0]}}  {'CATEGORY':<{widths[1]}}  {'SEVERITY':<{widths[2]}}  NAME")
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
    print(f"{len(rows)} rules")
    for skipped in ruleset.skipped:
        print(f"skipped {skipped.id} ({skipped.source}): {skipped.reason}")
    return 0


def _example_name(rule: Rule) -> str:
    if rule.file_names:
        return rule.file_names[0].replace("*", "file").replace("?", "x")
    return "document.txt"


def _fires(engine: DetectionEngine, rule: Rule, example: str) -> bool:
    """Does ``rule`` report a candidate on ``example`` (a text, CSV text, or a file name)?"""
    kind = rule.kinds[0] if rule.kinds else "text"
    if rule.scope == "file":
        head = rule.magic or b""
        info = FileInfo(path=example, name=Path(example).name, kind=kind, head=head, size=len(head))
        return any(c.rule_id == rule.id for c in engine.detect_file(info))
    name = _example_name(rule)
    info = FileInfo(path=name, name=name, kind=kind, head=example.encode()[:64], size=len(example))
    unit: TextBlock | Table
    if rule.scope == "table":
        rows = [list(r) for r in csv.reader(io.StringIO(example))]
        width = max((len(r) for r in rows), default=0)
        unit = Table(rows=[r + [""] * (width - len(r)) for r in rows], location={}, style="line")
    else:
        unit = TextBlock(text=example, by_line=True)
        if may_hold_text_tables(name, kind, info.head):
            unit.tables = text_tables(unit)
    if rule.scope == "derived":  # reported under it by other rules: what a scan reports
        return any(c.rule_id == rule.id for c in engine.detect_unit(info, unit))
    return any(c.rule_id == rule.id for c in engine.all_matches(info, unit))


def _test(args: argparse.Namespace) -> int:
    ruleset = RuleSet.load(args.rules)
    engine = DetectionEngine(ruleset)
    failures = 0
    checked = 0
    vendored_misses = 0
    for rule in ruleset.rules:
        vendored = rule.source.endswith(VENDORED_SUFFIXES)
        for example in rule.examples:
            checked += 1
            if _fires(engine, rule, example):
                continue
            if vendored:
                # upstream examples include dummies and placeholders credscan deliberately rejects
                vendored_misses += 1
                print(f"MISS {rule.id} (vendored): example not reported: {example[:80]!r}")
                continue
            failures += 1
            print(f"FAIL {rule.id}: example not detected: {example[:80]!r}")
        for example in rule.negative_examples:
            checked += 1
            if _fires(engine, rule, example):
                failures += 1
                print(f"FAIL {rule.id}: negative example detected: {example[:80]!r}")
    print(f"{checked} examples of {len(ruleset.rules)} rules checked, {failures} failed")
    if vendored_misses:
        print(f"{vendored_misses} examples of vendored rules not reported (placeholders, dummies, hashes)")
    return 1 if failures else 0
