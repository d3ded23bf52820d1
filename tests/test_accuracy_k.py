"""Accuracy on blind corpus K (tests/corpus_k/generate.py).

Written from SPEC §2, FORMATS.md and the fixture builders only, before its author read any detector code
or rule: long noisy handbooks, minutes, mail threads, 500-row inventories and logs with one credential,
fresh phrasings ("Zugang: x - y", "Login x Pass y", "admin -> y", Wi-Fi handouts, PIN/PUK sheets, header
and footer, speaker notes) and office look-alikes. Scored as it was before any fix: file F1 0.864/0.871,
password recall 0.827/0.820, precision 0.867/0.848 (seeds 1/2). This test keeps the bars the product is
judged by: file-level F1 >= 0.95, >= 90 % of planted passwords found, >= 90 % of findings real.
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
    path = Path(__file__).resolve().parent / "corpus_k" / "generate.py"
    spec = importlib.util.spec_from_file_location("corpus_k_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_corpus_k(tmp_path: Path, seed: int) -> None:
    labels = _generator().generate(tmp_path, seed)
    positives = sum(1 for s in labels.values() if s)
    assert len(labels) >= 150 and positives >= 70 and len(labels) - positives >= 70
    scores = evaluate(tmp_path, labels)
    print(f"corpus K seed {seed}: {len(labels)} files, {positives} with passwords: {scores}")
    assert scores.f1 >= 0.95, scores.detail()
    assert scores.recall >= 0.9, scores.detail()
    assert scores.precision >= 0.9, scores.detail()
