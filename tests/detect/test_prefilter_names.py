"""The text rules a file's name and kind allow are cached per class of names, not per name
(credscan.detect.prefilter.NameClasses): the cached answer must be the rules' own name/kind test. ~1 s."""

from __future__ import annotations

import os
import random

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.prefilter import NameClasses
from credscan.detect.prose import prefilter_for, rule_applies
from credscan.detect.rules import RuleSet

KINDS = ("text", "csv", "xlsx", "eml")
CRAFTED = [
    "passwords.txt", "My Passwort Liste.TXT", "Kennwörter.xlsx", "unattend.xml", ".git-credentials",
    "vault.kdbx", "server-pw.txt", "deploy.ps1", "config.json", "README.md", "note-00001.txt",
    "note-00002.txt", "mot de passe.txt", "id_rsa", "web.config", "x.PY", "settings.py.example",
]  # fmt: skip


def _real_names(limit: int = 400) -> list[str]:
    names: list[str] = []
    for _, _, files in os.walk("/usr/share/doc"):
        names.extend(files)
        if len(names) >= limit:
            break
    return names[:limit]


def test_cached_rules_are_the_rules_own_name_and_kind_test() -> None:
    rules = DetectionEngine(RuleSet.load(())).text_rules
    prefilter = prefilter_for(rules)
    infos = [
        FileInfo(path=name, name=name, kind=kind, head=b"", size=1)
        for name in [*CRAFTED, *_real_names()]
        for kind in KINDS
    ]
    random.Random(3).shuffle(infos)
    for info in [*infos, *infos]:  # the second round answers from the cache
        expected = tuple(rule for rule in rules if rule_applies(rule, info))
        cached = tuple(gate.rule for gate in prefilter._applicable(info).gates)
        assert cached == expected, (info.name, info.kind)


def test_names_without_a_glob_share_one_class() -> None:
    rules = RuleSet.load(()).rules
    classes = NameClasses(rules)
    assert classes.of("note-00001.txt") == classes.of("note-09999.txt") == ()
    assert classes.of("Passwords.TXT") != ()
    assert classes.of("Passwords.TXT") == classes.of("passwords.txt")
