"""The account a password belongs to, where the layout names it outside a "User: X" label: a sentence that
creates the account, and a PowerShell PSCredential built from the password's variable a few lines on. Each
case beside the lookalike that must not invent an account."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.model import TextBlock


def accounts(engine: DetectionEngine, text: str, name: str = "notes.txt") -> dict[str, str | None]:
    info = FileInfo(path=name, name=name, kind="text", head=b"", size=len(text))
    return {c.secret: c.account for c in engine.detect_unit(info, TextBlock(text=text, by_line=True))}


@pytest.mark.parametrize(
    ("text", "secret", "account"),
    [
        ("New user jdoe created, initial password: Welcome2024!x\n", "Welcome2024!x", "jdoe"),
        (
            "User account svc_backup has been created with password Qw3rty!Backup9\n",
            "Qw3rty!Backup9",
            "svc_backup",
        ),
        ("Benutzer m.mueller wurde angelegt, Kennwort: Sommer#2024x\n", "Sommer#2024x", "m.mueller"),
        (
            'Login "a.smith@contoso.com" created - temporary password: Tmp-7731-xyQ\n',
            "Tmp-7731-xyQ",
            "a.smith@contoso.com",
        ),
        # lookalikes: no account is named, none may be made up
        ("New user was created, initial password: Welcome2024!x\n", "Welcome2024!x", None),
        ("the user password is Abc123!xyzQ\n", "Abc123!xyzQ", None),
        ("User created. The password is Welcome2024!x\n", "Welcome2024!x", None),
    ],
)
def test_account_in_the_sentence(
    engine: DetectionEngine, text: str, secret: str, account: str | None
) -> None:
    assert accounts(engine, text) == {secret: account}


def test_pscredential_on_a_later_line_names_the_account(engine: DetectionEngine) -> None:
    script = (
        '$pw = ConvertTo-SecureString "Dep1oy!2024x" -AsPlainText -Force\n'
        "Write-Host 'connecting'\n"
        '$cred = New-Object System.Management.Automation.PSCredential("GLOBEX\\svc-deploy", $pw)\n'
    )
    assert accounts(engine, script, "deploy.ps1") == {"Dep1oy!2024x": "GLOBEX\\svc-deploy"}
    argument_list = script.replace(
        'PSCredential("GLOBEX\\svc-deploy", $pw)', "PSCredential -ArgumentList 'svc_sql', $pw"
    )
    assert accounts(engine, argument_list, "deploy.ps1") == {"Dep1oy!2024x": "svc_sql"}


def test_pscredential_of_another_variable_is_not_the_account(engine: DetectionEngine) -> None:
    script = (
        '$pw = ConvertTo-SecureString "Dep1oy!2024x" -AsPlainText -Force\n'
        '$cred = New-Object PSCredential("GLOBEX\\other", $otherPw)\n'
    )
    assert accounts(engine, script, "deploy.ps1") == {"Dep1oy!2024x": None}
    far = '$pw = ConvertTo-SecureString "Dep1oy!2024x" -AsPlainText -Force\n' + "\n" * 8
    far += '$cred = New-Object PSCredential("GLOBEX\\late", $pw)\n'
    assert accounts(engine, far, "deploy.ps1") == {"Dep1oy!2024x": None}  # too far to be sure


def test_a_password_equal_to_its_account_is_a_password(engine: DetectionEngine) -> None:
    """admin/admin, a router's factory login in a client's network notes: the password equals the account
    named above it and is reported with it; a value the pair's own rule names as the account is not."""
    notes = (
        "Netzwerkdokumentation Kunde Meier\n\nDer Router steht im Keller. Bitte nicht ausschalten.\n"
        "Router Login: admin\nPasswort: admin\nWLAN-Passwort: changeme\n"
    )
    assert accounts(engine, notes) == {"admin": "admin", "changeme": "admin"}
    assert accounts(engine, "Benutzer/Kennwort: jdoe/Fr33!Wind-2\n") == {"Fr33!Wind-2": "jdoe"}
