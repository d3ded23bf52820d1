"""Accuracy of the whole pipeline on every labelled corpus (tests/accuracy/corpus*/): generate a seed, scan
it with the real pipeline, hold the corpus's bars (its bars.toml). One test id per corpus and seed, so a
failure names the corpus; docs/accuracy.md describes each corpus and the history of its round."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy.scoring import CORPORA, check_corpus, load_bars

CASES = [
    pytest.param(corpus, seed, id=f"{corpus}-seed{seed}")
    for corpus in CORPORA
    for seed in load_bars(corpus).seeds
]


@pytest.mark.parametrize(("corpus", "seed"), CASES)
def test_accuracy(tmp_path: Path, corpus: str, seed: int) -> None:
    check_corpus(corpus, tmp_path, seed, load_bars(corpus))
