"""The code-literal judgement (credscan.detect.syntax.value_form) on SQL statements and program source:
each literal form that holds a password beside the expression that looks like it and names none.
Pure string work, a few milliseconds."""

from __future__ import annotations

import pytest

from credscan.detect.syntax import segments, value_form


def judge(line: str, label: str, value: str) -> bool:
    """Is ``value`` (its first occurrence after ``label``) a literal in this line of code?"""
    label_at = line.index(label)
    start = line.index(value, label_at + len(label))
    return value_form(line, label_at, start, start + len(value), "code").holds


@pytest.mark.parametrize(
    ("line", "label", "value", "literal"),
    [
        # SQL: a doubled quote stays inside its literal; N'…' is a literal; keywords may follow one
        ("CREATE USER r IDENTIFIED BY 'it''s-R3port';", "IDENTIFIED BY", "'it''s-R3port'", True),
        ("CREATE USER r IDENTIFIED BY 'it''s-R3port' || x;", "IDENTIFIED BY", "'it", False),
        (
            "CREATE LOGIN s WITH PASSWORD = N'Sql#Login2024', X = 1;",
            "PASSWORD",
            "N'Sql#Login2024'",
            True,
        ),
        (
            "CREATE ROLE r PASSWORD 'Rep0rt!ng24' VALID UNTIL 'x';",
            "PASSWORD",
            "'Rep0rt!ng24'",
            True,
        ),
        ("password = 'Rep0rt!ng24' if remote else local", "password", "'Rep0rt!ng24'", False),
        ("password = 'Rep0rt!ng24' % args", "password", "'Rep0rt!ng24'", False),
        # Oracle's password as a bare identifier, only in an SQL statement
        (
            "create user s identified by Tiger42 default tablespace t;",
            "identified by",
            "Tiger42",
            True,
        ),
        ("ALTER USER scott IDENTIFIED BY Tiger42;", "IDENTIFIED BY", "Tiger42", True),
        ("create user scott identified by :new_password;", "identified by", ":new_password", False),
        ("ALTER USER scott IDENTIFIED BY &new_pw;", "IDENTIFIED BY", "&new_pw", False),
        ("ALTER USER scott IDENTIFIED BY pkg.pw;", "IDENTIFIED BY", "pkg.pw", False),
        ("user = identified by Tiger42", "identified by", "Tiger42", False),
        ("password = Tiger42", "password", "Tiger42", False),
        # the password half of a "user:password" literal, nothing else inside a literal
        (
            'setopt(h, CURLOPT_USERPWD, "backup:Bk#Curl2024");',
            "USERPWD",
            "Bk#Curl2024",
            True,
        ),
        (
            'setopt(h, CURLOPT_USERPWD, "backup:Bk#Curl2024 x");',
            "USERPWD",
            "Bk#Curl2024",
            False,
        ),
        ('password = "the key: Bk#Curl2024"', "password", "Bk#Curl2024", False),
        (
            'setopt(h, CURLOPT_PASSWORD, L"Bk#Curl2024");',
            "PASSWORD",
            'L"Bk#Curl2024"',
            True,
        ),
        # a literal compared in a condition that opens a block (Go, Rust, Swift)
        ('if creds.Secret != "open-sesame" {', "Secret", '"open-sesame"', True),
        ('if creds.Secret != "open-" + suffix {', "Secret", '"open-"', False),
    ],
)
def test_value_form(line: str, label: str, value: str, literal: bool) -> None:
    assert judge(line, label, value) is literal


def test_doubled_quote_is_one_literal_and_adjacent_literals_stay_apart() -> None:
    strings = [p for p in segments("x = 'it''s' + 'a' 'b'", "code") if p.kind == "string"]
    assert [(p.start, p.end) for p in strings] == [(4, 11), (14, 17), (18, 21)]
