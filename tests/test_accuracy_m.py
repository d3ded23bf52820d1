"""Accuracy on blind corpus M (tests/corpus_m/generate.py).

Written from the definition of a finding (docs/detection.md), the format notes (docs/formats.md)
and the fixture builders only, before its author read any detector code
or rule: English-speaking (US/UK/AU) MSP documents — "Creds", "Login deets", "PW:", "pwd -", "Passcode",
"Access code"; IT Glue, Hudu, ConnectWise, Keeper and Dashlane CSV exports (with, without and with masked
password columns), PSA ticket notes, RMM script output, Microsoft 365 / Entra ID bulk-user CSVs, SQL install
notes, printer set-up sheets, alarm and door codes, voicemail PINs, new-hire texts, .ovpn / .pcf / .rdp,
PuTTY registry exports, docker-compose / .env, Ansible inventories, NAS set-up PDFs; look-alikes such as the
same documents without a secret, SOPs, reset guides, questionnaires, MFA decks and audit reports. Scored as
it was before any fix: file F1 0.959/0.959, password recall 0.889/0.889, precision 0.964/0.964 (seeds 1/2).
This test keeps the bars the product is judged by: file-level F1 >= 0.95, >= 90 % of planted passwords
found, >= 90 % of findings real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy_scoring import check_corpus

SEEDS = (1, 2)


@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_on_corpus_m(tmp_path: Path, seed: int) -> None:
    check_corpus("corpus_m", tmp_path, seed, min_files=130, min_each=60)
