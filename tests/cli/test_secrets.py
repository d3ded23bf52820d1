"""`credscan secrets set|delete`: real subprocesses against a real keyring backend (a JSON file) and none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from tests.support.paths import REPO

SECRET = "hec-Tok3n-9f8e7d6c5b4a"


class FileKeyring(KeyringBackend):
    """A keyring backend storing into $TEST_KEYRING_FILE, loaded by PYTHON_KEYRING_BACKEND in the child."""

    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        path = Path(os.environ["TEST_KEYRING_FILE"])
        return json.loads(path.read_text()) if path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        Path(os.environ["TEST_KEYRING_FILE"]).write_text(json.dumps(data))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", "secrets", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def file_backend(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CREDSCAN_NO_KEYRING", None)
    env["PYTHON_KEYRING_BACKEND"] = f"{__name__}.FileKeyring"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["TEST_KEYRING_FILE"] = str(tmp_path / "keyring.json")
    return env


def test_set_stores_under_service_credscan_and_prints_reference(file_backend: dict[str, str]) -> None:
    proc = run(["set", "hec-token"], file_backend, stdin=SECRET + "\n")
    assert proc.returncode == 0, proc.stderr
    assert '"keyring:credscan/hec-token"' in proc.stdout
    assert SECRET not in proc.stdout + proc.stderr
    stored = json.loads(Path(file_backend["TEST_KEYRING_FILE"]).read_text())
    assert stored == {"credscan/hec-token": SECRET}


def test_set_keeps_inner_spaces_and_strips_only_the_newline(file_backend: dict[str, str]) -> None:
    assert run(["set", "smb"], file_backend, stdin=" pass with spaces \r\n").returncode == 0
    stored = json.loads(Path(file_backend["TEST_KEYRING_FILE"]).read_text())
    assert stored["credscan/smb"] == " pass with spaces "


def test_delete_then_delete_again_is_a_user_error(file_backend: dict[str, str]) -> None:
    assert run(["set", "x1"], file_backend, stdin="value-123456\n").returncode == 0
    assert run(["delete", "x1"], file_backend).returncode == 0
    again = run(["delete", "x1"], file_backend)
    assert again.returncode == 2
    assert "Traceback" not in again.stderr and "cannot delete x1" in again.stderr


@pytest.mark.parametrize("name", ["", "../etc", "a b", "-x", "a/b"])
def test_bad_names_are_refused_before_reading(file_backend: dict[str, str], name: str) -> None:
    proc = run(["set", "--", name] if name.startswith("-") else ["set", name], file_backend, stdin="v\n")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert not Path(file_backend["TEST_KEYRING_FILE"]).exists()


def test_empty_value_stores_nothing(file_backend: dict[str, str]) -> None:
    proc = run(["set", "hec-token"], file_backend, stdin="\n")
    assert proc.returncode == 2 and "empty value" in proc.stderr
    assert not Path(file_backend["TEST_KEYRING_FILE"]).exists()


def test_headless_host_without_backend_explains_env_alternative(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    proc = run(["set", "hec-token"], env, stdin=SECRET + "\n")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "no OS keyring backend" in proc.stderr
    assert "env:CREDSCAN_HEC_TOKEN" in proc.stderr and "EnvironmentFile" in proc.stderr
    assert SECRET not in proc.stderr + proc.stdout


class PlaintextKeyring(FileKeyring):
    """Named like keyrings.alt.file.PlaintextKeyring: a backend that keeps secrets unencrypted."""


def test_plaintext_keyring_backend_is_refused_with_the_env_route(file_backend: dict[str, str]) -> None:
    env = dict(file_backend, PYTHON_KEYRING_BACKEND=f"{__name__}.PlaintextKeyring")
    proc = run(["set", "hec-token"], env, stdin=SECRET + "\n")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "unencrypted" in proc.stderr and "nothing stored" in proc.stderr
    assert "env:CREDSCAN_HEC_TOKEN" in proc.stderr and "chmod 600" in proc.stderr
    assert not Path(file_backend["TEST_KEYRING_FILE"]).exists()
    assert SECRET not in proc.stderr + proc.stdout


def test_plaintext_keyring_file_is_reported_as_a_credential_store(tmp_path: Path) -> None:
    """keyrings.alt's PlaintextKeyring file: INI sections per service, base64 values."""
    store = tmp_path / "home/jdoe/.local/share/python_keyring"
    store.mkdir(parents=True)
    (store / "keyring_pass.cfg").write_text("[credscan]\nhec-token = aGVjLVRvazNuLTlmOGU3ZDZjNWI0YQ==\n\n")
    (store / "crypted_pass.cfg").write_text("[keyring-setting]\npassword reference = ZW5jcnlwdGVk\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "credscan",
            "scan",
            "--format",
            "jsonl",
            "--no-progress",
            "--jobs",
            "0",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = [json.loads(line) for line in proc.stdout.splitlines()]
    stores = [f for f in found if f["rule_id"] == "store.python-plaintext-keyring"]
    assert [Path(f["path"]).name for f in stores] == ["keyring_pass.cfg"]
    assert stores[0]["category"] == "credential-store"
