"""A software version or a version range is no password (filter version_value, and a table's "name |
version" row): what counts as one, what does not, and hostile values answered at once."""

from __future__ import annotations

import time

import pytest

from credscan.detect.cellshape import software_version


@pytest.mark.parametrize(
    "value",
    ["1.0.0.dev14", "0.1a0", "0.1.0a1.post1", "2.54.1", "v3.62.0", "1.2.3-rc1", "^7.0.4", "~1.2", "~> 3.1",
     "==1.4.1", ">=2.0, <3.0", "^1.2 || ^2.0", ">=1.0 <2.0", "1.x", "2.4.*"],
)  # fmt: skip
def test_versions_and_ranges(value: str) -> None:
    assert software_version(value)


@pytest.mark.parametrize(
    "value", ["12.5", "1.2", "4711", "^7", "1-Sommer", "^Sommer2024", ">=Sommer", "Sommer.2024"]
)
def test_passwords_and_numbers_are_no_versions(value: str) -> None:
    assert not software_version(value)


@pytest.mark.parametrize(
    "value",
    ["^1.2" + " " * 20_000 + "x", "1.2.3" + ".4" * 50_000 + "!", "^1.2 " + "|| ^1.2 " * 5_000 + "x"],
    ids=["blanks", "dots", "alternatives"],
)
def test_hostile_values_are_answered_at_once(value: str) -> None:
    """A run of blanks between two parts once made the range pattern backtrack for minutes."""
    started = time.monotonic()
    assert not software_version(value)
    assert time.monotonic() - started < 0.5
