"""Accuracy of the whole pipeline on the generated MSP corpus (tests/corpus/generate.py).

Measured as the product is judged: file-level F1 (a file is flagged when it has any finding), share of
planted passwords found, and share of reported (file, secret) pairs that are planted passwords.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

from accuracy_scoring import evaluate
from generate import generate

SEEDS = (20240301, 7)


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
