"""Values that stand for a password without being one, each beside the real password that looks like it.

Found among Nosey Parker's negative examples (tests/data/vendor): a Ruby interpolation, an HTML-escaped
placeholder, an environment look-up, an AWS resource name and a CSS selector assigned to a password name.
Each case is scanned in the syntax it comes from (about 1 s for the file).
"""

from __future__ import annotations

from functools import cache

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.model import TextBlock


@cache
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


def secrets(name: str, text: str) -> set[str]:
    info = FileInfo(path=name, name=name, kind="text", head=text.encode()[:64], size=len(text))
    return {f.secret or "" for f in engine().detect_unit(info, TextBlock(text=text, by_line=True))}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("report.rb", 'text << "User=#{username}, "\ntext << "Password=#{password}, "\n'),
        ("config.json", '{"user": "svc", "password": "&lt;YOURPASSWORD&gt;"}\n'),
        ("notes.txt", "username = env.PERKEEP_TEST_USERNAME\npassword = env.PERKEEP_TEST_PASSWORD\n"),
        ("main.tf", 'IAMUserChangePassword = "arn:aws:iam::aws:policy/IAMUserChangePassword"\n'),
        ("login.js", 'this.addPassword = "#add-password";\n'),
    ],
)
def test_stand_in_is_no_finding(name: str, text: str) -> None:
    assert secrets(name, text) == set()


@pytest.mark.parametrize(
    ("name", "text", "secret"),
    [
        ("report.rb", 'text << "Password=#Kx9{rb}2, "\n', "#Kx9{rb}2"),
        ("config.json", '{"user": "svc", "password": "Gr4n&lt;te!"}\n', "Gr4n&lt;te!"),
        ("notes.txt", "username = svc_backup\npassword = env.Winter2024!\n", "env.Winter2024!"),
        ("main.tf", 'db_password = "arn-Wolke7!Tal"\n', "arn-Wolke7!Tal"),
        ("login.js", 'this.adminPassword = "#add-pa55word";\n', "#add-pa55word"),
    ],
)
def test_real_password_of_the_same_shape_is_found(name: str, text: str, secret: str) -> None:
    assert secret in secrets(name, text)
