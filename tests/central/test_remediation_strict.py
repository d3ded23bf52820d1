"""rules/remediation.toml: one template per finding category, each with exactly a summary and steps."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from credscan.errors import UserError
from credscan.model import CATEGORIES
from credscan.remediation import check_templates


def shipped() -> dict[str, Any]:
    return tomllib.loads(resources.files("credscan_rules").joinpath("remediation.toml").read_text("utf-8"))


def test_the_shipped_file_has_every_category() -> None:
    assert set(check_templates(shipped(), "remediation.toml")) == set(CATEGORIES)


def _without_category(data: dict[str, Any]) -> None:
    del data["categories"]["api-token"]


def _unknown_category(data: dict[str, Any]) -> None:
    data["categories"]["api-tokens"] = data["categories"]["api-token"]


def _misspelt_key(data: dict[str, Any]) -> None:
    data["categories"]["api-token"]["step"] = data["categories"]["api-token"].pop("steps")


def _stray_table(data: dict[str, Any]) -> None:
    data["category"] = {}


@pytest.mark.parametrize("spoil", [_without_category, _unknown_category, _misspelt_key, _stray_table])
def test_anything_that_would_be_ignored_or_fall_back_is_refused(spoil: Any) -> None:
    data = copy.deepcopy(shipped())
    spoil(data)
    with pytest.raises(UserError, match=r"remediation\.toml"):
        check_templates(data, "remediation.toml")
