"""Accuracy on blind corpus L (tests/corpus_l/generate.py).

Written from the definition of a finding (docs/detection.md), the format notes (docs/formats.md)
and the fixture builders only, before its author read any detector code
or rule: small-office and MSP documents in eleven languages — a dental practice's sheet with a merged
title and "s.o." / "alt: X / neu: Y" cells, running-text IT notes, French "Identifiant | Code", Spanish,
Italian, Dutch, Polish, Nordic, Czech and Portuguese lists, OneNote bullet exports ("Router: admin – X"),
OCR'd scans, Teams chats as text and HTML, onboarding .msg/.eml, logon scripts, unattend, a German KeePass
export, browser exports; look-alikes such as "siehe Tresor" lists, policies, change logs, audit reports,
GPO reports, tender envelopes ("Kennwort: <project>"), licence keys and templates. Scored as it was before
any fix: file F1 0.886/0.886, password recall 0.792/0.786, precision 0.910/0.903 (seeds 1/2). This test
keeps the bars the product is judged by: file-level F1 >= 0.95, >= 90 % of planted passwords found,
>= 90 % of findings real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy_scoring import check_corpus

SEEDS = (1, 2)


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_corpus_l(tmp_path: Path, seed: int) -> None:
    check_corpus("corpus_l", tmp_path, seed, min_files=150, min_each=70)
