"""Accuracy of the whole pipeline on the generated MSP corpus (tests/corpus/generate.py).

Measured as the product is judged: file-level F1 (a file is flagged when it has any finding), share of
planted passwords found, and share of reported (file, secret) pairs that are planted passwords.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy_scoring import check_corpus

SEEDS = (20240301, 7)


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_generated_corpus(tmp_path: Path, seed: int) -> None:
    check_corpus("corpus", tmp_path, seed, min_files=60, min_each=30)
