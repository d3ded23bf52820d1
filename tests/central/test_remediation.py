"""Remediation guidance: each category names the vault and covers rotation, the file and its copies."""

from __future__ import annotations

import pytest

from credscan.remediation import render_remediation

CATEGORIES = [
    "plaintext-password",
    "password-export",
    "config-credential",
    "private-key",
    "credential-store",
    "api-token",
]


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_names_the_vault_and_the_essential_steps(category: str) -> None:
    text = render_remediation(category, "", "Contoso Keeper", "https://keeper.contoso.test")
    assert "Contoso Keeper (https://keeper.contoso.test)" in text
    lowered = text.lower()
    assert "rotate" in lowered or "revoke" in lowered or "replace the key" in lowered
    assert "backups" in lowered and "shadow copies" in lowered and "sync clients" in lowered
    assert "delete" in lowered or "remove" in lowered
    assert "1. " in text and "{vault}" not in text


def test_categories_get_different_guidance_and_rule_advice_is_kept() -> None:
    texts = {render_remediation(category, "", "V") for category in CATEGORIES}
    assert len(texts) == len(CATEGORIES)
    unattend = render_remediation(
        "config-credential", "Use LAPS; keep the answer file out of {vault}.", "V", None
    )
    assert "Use LAPS; keep the answer file out of V." in unattend
    assert "(None)" not in unattend


def test_unknown_category_falls_back_to_plaintext_guidance() -> None:
    assert render_remediation("something-new", "", "V") == render_remediation("plaintext-password", "", "V")
