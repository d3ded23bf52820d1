"""Accuracy on the independent hold-out corpus (tests/corpus_holdout/generate.py).

The first corpus was written by the engineer who tuned the detector; this one was written by someone else
with other phrasing, layouts and languages, so it measures how detection generalises. Same bars as the
product is judged by: file-level F1 >= 0.95, >= 90 % of planted passwords found, >= 90 % of findings real.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from accuracy_scoring import evaluate

SEEDS = (4242, 99)


def _generator() -> ModuleType:
    """Loaded under its own name: tests/corpus/generate.py is imported as ``generate`` by test_accuracy."""
    path = Path(__file__).resolve().parent / "corpus_holdout" / "generate.py"
    spec = importlib.util.spec_from_file_location("holdout_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_holdout_corpus(tmp_path: Path, seed: int) -> None:
    labels = _generator().generate(tmp_path, seed)
    positives = sum(1 for s in labels.values() if s)
    assert len(labels) >= 120 and positives >= 50 and len(labels) - positives >= 50
    scores = evaluate(tmp_path, labels)
    print(f"hold-out seed {seed}: {len(labels)} files, {positives} with passwords: {scores}")
    assert scores.f1 >= 0.95, scores.detail()
    assert scores.recall >= 0.9, scores.detail()
    assert scores.precision >= 0.9, scores.detail()
