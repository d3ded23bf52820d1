"""Remediation guidance that points to the installation's vault (rules/remediation.toml)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from credscan.config import DEFAULT_VAULT_NAME


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    text = resources.files("credscan_rules").joinpath("remediation.toml").read_text(encoding="utf-8")
    categories: dict[str, Any] = tomllib.loads(text)["categories"]
    return categories


def vault_phrase(vault_name: str = DEFAULT_VAULT_NAME, vault_url: str | None = None) -> str:
    return f"{vault_name} ({vault_url})" if vault_url else vault_name


def category_guidance(category: str) -> tuple[str, list[str]]:
    """A category's summary and steps, with "{vault}" left in for the caller (the HTML report links it)."""
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
