"""Accuracy on the blind corpus (tests/corpus_blind/generate.py).

That corpus was written from SPEC §2, FORMATS.md and the fixture builders only, before its author read any
detector code or rule, then scored once as it was (the "before" figures in the README estimate what a
held-out corpus scores). The detector was then fixed with general changes; this test keeps the bars the
product is judged by: file-level F1 >= 0.95, >= 90 % of planted passwords found, >= 90 % of findings real.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from accuracy_scoring import evaluate

SEEDS = (1, 2)


def _generator() -> ModuleType:
    """Loaded under its own name: other corpora's generate.py modules are imported as well."""
    path = Path(__file__).resolve().parent / "corpus_blind" / "generate.py"
    spec = importlib.util.spec_from_file_location("blind_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_blind_corpus(tmp_path: Path, seed: int) -> None:
    labels = _generator().generate(tmp_path, seed)
    positives = sum(1 for s in labels.values() if s)
    assert len(labels) >= 150 and positives >= 70 and len(labels) - positives >= 70
    scores = evaluate(tmp_path, labels)
    print(f"blind seed {seed}: {len(labels)} files, {positives} with passwords: {scores}")
    assert scores.f1 >= 0.95, scores.detail()
    assert scores.recall >= 0.9, scores.detail()
    assert scores.precision >= 0.9, scores.detail()
