"""The detection engine: one file's Units in, de-duplicated Candidates out.

Rules are compiled once (RuleSet.load) and the engine holds no per-file state, so one instance serves a
whole worker process. File rules look at the name and first bytes, text rules at TextBlocks and at table
cells, table rules (password columns, key/value labels, exports) at the grid and at the tables written in a
TextBlock's text.
"""

from __future__ import annotations

import fnmatch
import json

from credscan.detect.celltexts import CellTexts
from credscan.detect.defaults import default_rule_id
from credscan.detect.interface import FileInfo
from credscan.detect.prose import detect_block, detect_cells
from credscan.detect.rule import Rule
from credscan.detect.rules import RuleSet
from credscan.detect.tables import TableDetector
from credscan.detect.trace import Trace
from credscan.model import Candidate, Table, TextBlock, Unit


def file_rule_matches(rule: Rule, info: FileInfo) -> bool:
    """A scope="file" rule matches by magic bytes or by name; ``kinds`` restricts, exclusions veto."""
    name = info.name.lower()
    if any(fnmatch.fnmatchcase(name, g) for g in rule.exclude_file_names):
        return False
    if rule.kinds and info.kind not in rule.kinds:
        return False
    if rule.magic is not None and info.head.startswith(rule.magic):
        return True
    if rule.file_names:
        return any(fnmatch.fnmatchcase(name, g) for g in rule.file_names)
    return rule.magic is None


def dedupe(candidates: list[Candidate], ruleset: RuleSet) -> list[Candidate]:
    """One candidate per (location, secret): the most confident rule wins, its account filled from others."""
    best: dict[tuple[str, str], Candidate] = {}
    for cand in candidates:
        key = (json.dumps(cand.location, sort_keys=True, default=str), cand.secret)
        kept = best.get(key)
        if kept is None:
            best[key] = cand
            continue
        if _confidence(cand, ruleset) > _confidence(kept, ruleset):
            cand.account = cand.account or kept.account
            best[key] = cand
        else:
            kept.account = kept.account or cand.account
    return list(best.values())


def _confidence(cand: Candidate, ruleset: RuleSet) -> float:
    return cand.confidence if cand.confidence is not None else ruleset.get(cand.rule_id).confidence


class DetectionEngine:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.file_rules = [r for r in ruleset.rules if r.scope == "file"]
        self.text_rules = [r for r in ruleset.rules if r.scope == "text"]
        self.tables = TableDetector(ruleset)

    def detect_file(self, info: FileInfo) -> list[Candidate]:
        """Credential stores recognised by name or magic bytes (their secret is the whole file)."""
        return [
            Candidate(rule_id=rule.id, secret="", location={}, context=f"{rule.name}: {info.name}")
            for rule in self.file_rules
            if file_rule_matches(rule, info)
        ]

    def detect_unit(self, info: FileInfo, unit: Unit) -> list[Candidate]:
        """Candidates in one TextBlock or Table; other Units (Embedded) yield nothing here."""
        return [self.reported_as(c) for c in dedupe(self.all_matches(info, unit), self.ruleset)]

    def reported_as(self, candidate: Candidate) -> Candidate:
        """A default or guessable password ("secret", "changeme") that passed the filters is reported under
        its own rule (credscan.detect.defaults), of the category of the rule that won the value."""
        derived = default_rule_id(self.ruleset.get(candidate.rule_id).category, candidate.secret)
        if derived is not None and derived in self.ruleset:
            candidate.rule_id = derived
        return candidate

    def all_matches(self, info: FileInfo, unit: Unit, trace: Trace | None = None) -> list[Candidate]:
        """Every rule's candidates before de-duplication (`rules test` checks each rule on its own).
        ``trace``: records why each text-rule match was taken or not (`rules explain`)."""
        if isinstance(unit, TextBlock):
            found = detect_block(self.text_rules, info, unit, trace)
            return found + [c for table in unit.tables for c in self.tables.detect_text_table(info, table)]
        if isinstance(unit, Table):
            texts = CellTexts(unit)  # the distinct cell texts, searched by both
            return self.tables.detect(info, unit, texts) + detect_cells(self.text_rules, info, unit, texts)
        return []
