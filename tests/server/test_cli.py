"""`credscan server …` and `credscan agent enroll` mistakes: one clear line, exit 2, never a traceback
(in-process, about 4 s: each user add hashes a password with Argon2id)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from credscan.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "server", "init", "--dir", str(tmp_path / "srv"), "--listen", "127.0.0.1:9443")
    assert code == 0 and "SHA-256" in out
    return tmp_path / "srv" / "server.toml"


def test_init_writes_private_files_and_refuses_to_overwrite(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = config.parent
    for path in [folder, folder / "tls"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in [
        config,
        folder / "tls" / "server.key",
        folder / "tls" / "server.pem",
        folder / "credscan-server.db",
    ]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert 'public_url = "https://127.0.0.1:9443"' in config.read_text()
    code, _, err = run(capsys, "server", "init", "--dir", str(folder))
    assert code == 2 and "exists already" in err


@pytest.mark.parametrize(
    "args,message",
    [
        (["client", "add"], "give the client's name"),
        (["client", "add", "<script>"], "invalid client name"),
        (["enroll-token", "--client", "Nobody"], "no client named 'Nobody'"),
        (["enroll-token", "--client", "Acme", "--expires", "40d"], "between 1m and 30d"),
        (["enroll-token", "--client", "Acme", "--expires", "soon"], "invalid duration"),
        (["api-key", "create", "--user", "ghost"], "no user named 'ghost'"),
        (["agent", "revoke"], "give the agent id"),
        (["agent", "revoke", "99"], "no agent 99"),
    ],
)
def test_mistakes_are_one_line(
    config: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(capsys, "server", "client", "add", "Acme", "--config", str(config))
    code, _, err = run(capsys, "server", *args, "--config", str(config))
    assert code == 2 and message in err and "Traceback" not in err


def test_user_add_reads_the_password_from_stdin(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = run(
        capsys, "server", "user", "add", "bob", "--role", "admin", "--password-stdin", "--config", str(config)
    )
    assert code == 2 and "at least 12 characters" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    code, out, _ = run(
        capsys, "server", "user", "add", "bob", "--role", "admin", "--password-stdin", "--config", str(config)
    )
    assert code == 0 and "user bob added (admin)" in out
    code, out, err = run(capsys, "server", "api-key", "create", "--user", "bob", "--config", str(config))
    assert code == 0 and out.startswith("csk_") and "shown once" in err


def test_missing_or_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "server", "client", "list", "--config", str(tmp_path / "none.toml"))
    assert code == 2 and "credscan server init" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('[server]\ndatabase = "postgresql://u:hunter2@db/x"\n')
    code, _, err = run(capsys, "server", "client", "list", "--config", str(bad))
    assert code == 2 and "must not hold a password" in err and "hunter2" not in err
    bad.write_text('[server]\nlisten = "x"\ncolour = "blue"\n')
    code, _, err = run(capsys, "server", "client", "list", "--config", str(bad))
    assert code == 2 and "unknown key 'colour' in [server]" in err
    bad.write_text('[server]\ndatabase = "mysql://db/x"\n')
    code, _, err = run(capsys, "server", "client", "list", "--config", str(bad))
    assert code == 2 and "not supported" in err
    bad.write_text('[server]\n[scan]\nroots = ["/"]\n')  # an agent's table in a server file
    code, _, err = run(capsys, "server", "client", "list", "--config", str(bad))
    assert code == 2 and "holds only [server]" in err


def test_enroll_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agent = tmp_path / "agent.toml"
    agent.write_text(f'[state]\ndir = "{tmp_path / "state"}"\n')
    code, _, err = run(
        capsys, "agent", "enroll", "http://127.0.0.1:1", "--token", "cse_x", "--config", str(agent)
    )
    assert code == 2 and "must be https://" in err
    code, _, err = run(
        capsys, "agent", "enroll", "https://127.0.0.1:1", "--token", "cse_x", "--config", str(agent)
    )
    assert code == 2 and "cannot reach 127.0.0.1:1" in err
    agent.write_text(agent.read_text() + '[[forward]]\ntype = "credscan"\nurl = "https://x"\n')
    code, _, err = run(
        capsys, "agent", "enroll", "https://127.0.0.1:1", "--token", "cse_x", "--config", str(agent)
    )
    assert code == 2 and "already forwards to a credscan server" in err


def test_forwarder_needs_its_pin_and_credential(tmp_path: Path) -> None:
    from credscan.central.forward import build_forwarder
    from credscan.config import ForwardSection
    from credscan.errors import UserError

    def resolve(ref: str, where: str) -> str:
        return "csa_token"

    with pytest.raises(UserError, match="credential_file"):
        build_forwarder(ForwardSection("credscan", "https://x", name="s", ca_file="c.pem"), resolve)
    with pytest.raises(UserError, match="ca_file"):
        build_forwarder(ForwardSection("credscan", "https://x", name="s", token="env:X"), resolve)
    with pytest.raises(UserError, match="https://"):
        build_forwarder(ForwardSection("credscan", "http://x", name="s", token="env:X", ca_file="c"), resolve)
    with pytest.raises(UserError, match="not found"):
        build_forwarder(
            ForwardSection(
                "credscan",
                "https://x",
                name="s",
                ca_file="c",
                options={"credential_file": str(tmp_path / "k")},
            ),
            resolve,
        )
