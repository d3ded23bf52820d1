"""Remediation guidance that points to the installation's vault (rules/remediation.toml)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from credscan.config import DEFAULT_VAULT_NAME
from credscan.errors import UserError
from credscan.model import CATEGORIES

TEMPLATE_KEYS = frozenset({"summary", "steps"})


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    text = resources.files("credscan_rules").joinpath("remediation.toml").read_text(encoding="utf-8")
    return check_templates(tomllib.loads(text), "remediation.toml")


def check_templates(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The [categories.*] tables, exactly one per finding category, each with a summary and steps: a
    missing category, an unknown one or a misspelt key is an error when the file is loaded, not guidance
    that silently falls back to another category's or is never shown."""
    categories = data.get("categories")
    if set(data) != {"categories"} or not isinstance(categories, dict):
        raise UserError(f"{source}: holds one table, [categories.<category>], per finding category")
    missing = [category for category in CATEGORIES if category not in categories]
    unknown = sorted(set(categories) - set(CATEGORIES))
    if missing or unknown:
        raise UserError(f"{source}: missing categories {missing}, unknown categories {unknown}")
    for category, template in categories.items():
        if not isinstance(template, dict) or set(template) != TEMPLATE_KEYS:
            raise UserError(f"{source}: [categories.{category}] needs exactly the keys summary and steps")
    return categories


def vault_phrase(vault_name: str = DEFAULT_VAULT_NAME, vault_url: str | None = None) -> str:
    return f"{vault_name} ({vault_url})" if vault_url else vault_name


def category_guidance(category: str) -> tuple[str, list[str]]:
    """A category's summary and steps, with "{vault}" left in for the caller (the HTML report links it). A
    category this version does not know (a finding stored by another version) gets the plaintext guidance."""
    template = _templates().get(category) or _templates()["plaintext-password"]
    return str(template["summary"]), [str(step) for step in template["steps"]]


def render_remediation(
    category: str,
    rule_advice: str = "",
    vault_name: str = DEFAULT_VAULT_NAME,
    vault_url: str | None = None,
) -> str:
    """One paragraph: what the finding means, then numbered steps naming the vault."""
    summary, templates = category_guidance(category)
    vault = vault_phrase(vault_name, vault_url)
    parts = [summary]
    if rule_advice:
        parts.append(rule_advice.replace("{vault}", vault))
    steps = [step.replace("{vault}", vault) for step in templates]
    parts.extend(f"{n}. {step}" for n, step in enumerate(steps, 1))
    return " ".join(parts)
