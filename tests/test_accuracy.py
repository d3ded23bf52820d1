"""Accuracy of the whole pipeline on the generated MSP corpus (tests/corpus/generate.py).

Measured as the product is judged: file-level F1 (a file is flagged when it has any finding), share of
planted passwords found, and share of reported (file, secret) pairs that are planted passwords.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

from generate import generate

from credscan.scan import ScanOptions, run_scan

SEEDS = (20240301, 7)


@dataclass
class Scores:
    f1: float
    recall: float
    precision: float
    missed: list[tuple[str, str]]
    false: list[tuple[str, str]]
    false_files: list[str]

    def __str__(self) -> str:
        return f"file F1={self.f1:.3f} password recall={self.recall:.3f} precision={self.precision:.3f}"


def evaluate(corpus: Path, labels: dict[str, list[str]]) -> Scores:
    options = ScanOptions(jobs=1, show_secrets=True, fingerprint_key=b"accuracy-test-key-0123456789")
    result = run_scan([str(corpus)], options)
    reported: dict[str, set[str]] = {}
    for finding in result.findings:
        name = Path(finding.path.split("!")[0]).name
        reported.setdefault(name, set()).add(finding.secret or "")
    tp_files = sum(1 for n, s in labels.items() if s and n in reported)
    fp_files = [n for n, s in labels.items() if not s and n in reported]
    fn_files = sum(1 for n, s in labels.items() if s and n not in reported)
    f1 = 2 * tp_files / (2 * tp_files + len(fp_files) + fn_files)
    planted = {(n, p) for n, s in labels.items() for p in s}
    found = {(n, p) for n, secrets in reported.items() for p in secrets}
    missed = sorted(planted - found)
    false = sorted(found - planted)
    return Scores(
        f1=f1,
        recall=1 - len(missed) / len(planted),
        precision=(len(found) - len(false)) / max(1, len(found)),
        missed=missed,
        false=false,
        false_files=fp_files,
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_generated_corpus(tmp_path: Path, seed: int) -> None:
    labels = generate(tmp_path, seed)
    assert len(labels) >= 60 and sum(1 for s in labels.values() if s) >= 30
    scores = evaluate(tmp_path, labels)
    print(f"seed {seed}: {scores}")
    detail = f"{scores}; missed={scores.missed}; false={[(n, len(s)) for n, s in scores.false]}"
    assert scores.f1 >= 0.95, detail
    assert scores.recall >= 0.9, detail
    assert scores.precision >= 0.9, detail
