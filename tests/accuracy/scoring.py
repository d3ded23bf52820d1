"""Scoring of the accuracy test: scan a labelled corpus with the real pipeline and measure it.

Measured as the product is judged: file-level F1 (a file is flagged when it has any finding), share of
planted passwords found (recall), and share of reported (file, secret) pairs that are planted (precision).
Every corpus is a folder beside this module with a ``generate.py`` (``generate(out_dir, seed)`` returns the
labels) and a ``bars.toml`` (the seeds and the bars the test holds it to).
"""

from __future__ import annotations

import importlib.util
import tomllib
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


HERE = Path(__file__).resolve().parent

CORPORA = sorted(path.parent.name for path in HERE.glob("*/generate.py"))
"""Every corpus folder; each must have a bars.toml (a missing one fails collection, not silently)."""


@dataclass(frozen=True)
class Bars:
    """What one corpus is held to (its bars.toml): the seeds scanned, the least size of the generated
    corpus, and the file-level F1, share of passwords found and share of findings real."""

    seeds: tuple[int, ...]
    min_files: int
    min_each: int
    f1: float
    recall: float
    precision: float


def load_bars(folder: str) -> Bars:
    """tests/accuracy/<folder>/bars.toml; an unknown or missing key is an error."""
    data = tomllib.loads((HERE / folder / "bars.toml").read_text())
    seeds = data.pop("seeds")
    return Bars(seeds=tuple(seeds), **data)


def load_generator(folder: str) -> ModuleType:
    """tests/accuracy/<folder>/generate.py, loaded under its own module name (every corpus has one)."""
    path = HERE / folder / "generate.py"
    spec = importlib.util.spec_from_file_location(f"{folder}_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_corpus(folder: str, out_dir: Path, seed: int, bars: Bars) -> None:
    """Generate one seed of a corpus, check its size, scan it and assert the three bars (file F1, share of
    passwords found, share of findings real)."""
    labels: Labels = load_generator(folder).generate(out_dir, seed)
    positives = sum(1 for secrets in labels.values() if secrets)
    assert len(labels) >= bars.min_files
    assert positives >= bars.min_each and len(labels) - positives >= bars.min_each
    scores = evaluate(out_dir, labels)
    print(f"{folder} seed {seed}: {len(labels)} files, {positives} with passwords: {scores}")
    assert scores.f1 >= bars.f1, scores.detail()
    assert scores.recall >= bars.recall, scores.detail()
    assert scores.precision >= bars.precision, scores.detail()
