"""Scoring shared by the accuracy tests: scan a labelled corpus with the real pipeline and measure it.

Measured as the product is judged: file-level F1 (a file is flagged when it has any finding), share of
planted passwords found (recall), and share of reported (file, secret) pairs that are planted (precision).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from credscan.model import ScanOptions
from credscan.scan import run_scan

Labels = dict[str, list[str]]
"""{file name: planted passwords}; an empty list marks a look-alike without a secret."""


@dataclass
class Scores:
    f1: float
    recall: float
    precision: float
    missed: list[tuple[str, str]]
    false: list[tuple[str, str]]
    false_files: list[str]
    missed_files: list[str]

    def __str__(self) -> str:
        return f"file F1={self.f1:.3f} password recall={self.recall:.3f} precision={self.precision:.3f}"

    def detail(self) -> str:
        """Every miss and every false positive, for assertion messages (secrets of a test corpus only)."""
        return (
            f"{self}\nmissed files={self.missed_files}\nfalse files={self.false_files}\n"
            f"missed={self.missed}\nfalse={self.false}"
        )


def evaluate(corpus: Path, labels: Labels) -> Scores:
    options = ScanOptions(jobs=1, show_secrets=True, fingerprint_key=b"accuracy-test-key-0123456789")
    result = run_scan([str(corpus)], options)
    reported: dict[str, set[str]] = {}
    for finding in result.findings:
        name = Path(finding.path.split("!")[0]).name
        reported.setdefault(name, set()).add(finding.secret or "")
    tp_files = sum(1 for n, s in labels.items() if s and n in reported)
    fp_files = sorted(n for n, s in labels.items() if not s and n in reported)
    fn_files = sorted(n for n, s in labels.items() if s and n not in reported)
    f1 = 2 * tp_files / max(1, 2 * tp_files + len(fp_files) + len(fn_files))
    planted = {(n, p) for n, s in labels.items() for p in s}
    found = {(n, p) for n, secrets in reported.items() if n in labels for p in secrets}
    missed = sorted(planted - found)
    false = sorted(found - planted)
    return Scores(
        f1=f1,
        recall=1 - len(missed) / max(1, len(planted)),
        precision=(len(found) - len(false)) / max(1, len(found)),
        missed=missed,
        false=false,
        false_files=fp_files,
        missed_files=fn_files,
    )


F1_BAR, RECALL_BAR, PRECISION_BAR = 0.95, 0.9, 0.9
"""The bars the product is judged by (issue 2): file-level F1, planted passwords found, findings real."""


def load_generator(folder: str) -> ModuleType:
    """tests/<folder>/generate.py, loaded under its own module name (every corpus has a generate.py)."""
    path = Path(__file__).resolve().parent / folder / "generate.py"
    spec = importlib.util.spec_from_file_location(f"{folder}_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_corpus(
    folder: str,
    out_dir: Path,
    seed: int,
    min_files: int,
    min_each: int,
    bars: tuple[float, float, float] = (F1_BAR, RECALL_BAR, PRECISION_BAR),
) -> None:
    """Generate one seed of a corpus, check its size, scan it and assert the three bars (file F1, share of
    passwords found, share of findings real; a corpus may hold the product to higher ones)."""
    f1_bar, recall_bar, precision_bar = bars
    labels: Labels = load_generator(folder).generate(out_dir, seed)
    positives = sum(1 for secrets in labels.values() if secrets)
    assert len(labels) >= min_files and positives >= min_each and len(labels) - positives >= min_each
    scores = evaluate(out_dir, labels)
    print(f"{folder} seed {seed}: {len(labels)} files, {positives} with passwords: {scores}")
    assert scores.f1 >= f1_bar, scores.detail()
    assert scores.recall >= recall_bar, scores.detail()
    assert scores.precision >= precision_bar, scores.detail()
