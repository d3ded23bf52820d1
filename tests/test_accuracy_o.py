"""Accuracy on blind corpus O (tests/corpus_o/generate.py): every table layout, and the notes beside them.

Written from issue 13, the contract and the fixture builders only, before its author read any detector code or
rule: hidden columns, asset exports 45–70 columns wide, title and merged group-header rows above the header,
side-by-side key/value blocks, account and password in one cell with any separator, header labels with
qualifiers and abbreviations in ten languages (xlsx with hidden sheets, xls, ods, csv), headerless vault and
browser exports, bulk-user upload CSVs, BitLocker recovery keys, TOTP seeds; technician notes with arrows,
verb-last sentences, parentheses and dashes inside labels, a password below a URL and an account, a file
named after the password it holds. Look-alikes: training records, ticket exports, redacted values,
package-summary TSVs, help tag indexes, AD "PasswordLastSet" exports, empty bulk-user templates.

Scored as it was before any fix (seeds 1/2): file F1 0.748/0.758, password recall 0.550/0.553, precision
0.045/0.045 (3,236 false findings from two tag files and one package list). After the issue 13 work:
F1 1.000/1.000, recall 0.993/0.996, precision 1.000/0.996. The bars are the issue's targets: file F1 >= 0.97,
>= 90 % of planted passwords found, >= 95 % of findings real. The classes other areas own (cell comments,
PDF tables, text boxes, device configs, code that passes a variable) are written by ``generate_others`` and
measured by ``python tests/corpus_o/generate.py``, not held to these bars here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy_scoring import check_corpus

SEEDS = (1, 2)
BARS = (0.97, 0.9, 0.95)


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_corpus_o(tmp_path: Path, seed: int) -> None:
    check_corpus("corpus_o", tmp_path, seed, min_files=110, min_each=50, bars=BARS)
