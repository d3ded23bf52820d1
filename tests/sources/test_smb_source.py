"""SmbSource, share listing and the srvsvc decoder against a real Samba server on loopback."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from collections.abc import Iterator

import pytest

from credscan.errors import UserError
from credscan.model import FileError, FileRef, Skipped, WalkOptions
from credscan.sources.smb import SmbSource, list_shares, parse_smb_url
from credscan.sources.srvsvc import RpcError, parse_share_enum_response
from tests.support.services import free_port
from tests.support.smbserver import SambaServer, requires_samba

SECRET_TEXT = "vpn password: Vpn-Pa55-w0rd-7\n"


@pytest.fixture(scope="module")
def tree(samba_server: SambaServer) -> Iterator[SambaServer]:
    """clients/: a.txt, sub/b.txt, sub/loop -> .., big.bin (over the cap), locked/ (root only), skip/x.txt"""
    root = samba_server.share_dir("clients")
    (root / "a.txt").write_text(SECRET_TEXT)
    (root / "sub").mkdir()
    (root / "sub" / "b.txt").write_text("nothing here\n")
    (root / "sub" / "loop").symlink_to("..")
    (root / "big.bin").write_bytes(b"z" * 5000)
    (root / "locked").mkdir(mode=0o700)
    (root / "locked" / "hidden.txt").write_text("password: Locked-Pa55!\n")
    (root / "skip").mkdir()
    (root / "skip" / "x.txt").write_text("x")
    for path in [
        root / "a.txt",
        root / "sub",
        root / "sub" / "b.txt",
        root / "skip",
        root / "skip" / "x.txt",
    ]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield samba_server


def options(server: SambaServer, **extra: str) -> dict[str, str]:
    os.environ["CREDSCAN_TEST_SMB_PW"] = server.password
    return {"user": server.user, "password_ref": "env:CREDSCAN_TEST_SMB_PW", **extra}


pytestmark = requires_samba


def test_walk_lists_files_with_smb_paths_and_reports_what_it_left_out(tree: SambaServer) -> None:
    source = SmbSource(tree.url("clients"), options(tree))
    entries = list(source.walk(WalkOptions(max_file_size=4000, excludes=("**/skip/**",))))
    base = tree.url("clients")
    refs = {e.path: e for e in entries if isinstance(e, FileRef)}
    assert set(refs) == {f"{base}/a.txt", f"{base}/sub/b.txt"}
    a = refs[f"{base}/a.txt"]
    assert a.size == len(SECRET_TEXT) and a.source == base and a.file_id.isdigit()
    assert a.owner is None  # not asked during the walk: a round trip per file
    access = source.access(a)
    assert access.owner is not None and access.owner.endswith("\\root")  # named by the server's LSA
    assert access.exposure is not None and access.exposure["level"] == "everyone"  # mode 0644: Everyone reads
    assert abs(a.mtime - (tree.share_dir("clients") / "a.txt").stat().st_mtime) < 0.01
    skipped = {e.path: e.reason for e in entries if isinstance(e, Skipped)}
    assert skipped[f"{base}/big.bin"] == "too large"
    assert skipped[f"{base}/skip"] == "excluded"
    assert skipped[f"{base}/sub/loop"] == "symlink loop"  # the loop is entered zero times
    errors = {e.path: e.error for e in entries if isinstance(e, FileError)}
    assert errors == {f"{base}/locked": "cannot list folder: access denied"}
    with source.open(a) as stream:
        assert stream.read() == SECRET_TEXT.encode()
        stream.seek(4)
        assert stream.read(8) == SECRET_TEXT.encode()[4:12]


def test_a_folder_and_a_single_file_can_be_targets(tree: SambaServer) -> None:
    sub = list(SmbSource(tree.url("clients", "sub"), options(tree)).walk(WalkOptions()))
    files = [e for e in sub if isinstance(e, FileRef)]
    assert files[0].path == tree.url("clients", "sub/b.txt")
    # Samba resolves sub/loop -> .. on the server: the share root is entered once, and no folder twice
    assert len({f.file_id for f in files}) == len(files)
    single = list(SmbSource(tree.url("clients", "a.txt"), options(tree)).walk(WalkOptions()))
    assert len(single) == 1 and isinstance(single[0], FileRef) and single[0].size == len(SECRET_TEXT)


def test_encryption_is_required_by_default(tree: SambaServer) -> None:
    source = SmbSource(tree.url("clients"), options(tree))
    sessions = [s for c in source._cache.values() for s in c.session_table.values()]
    assert sessions and all(s.encrypt_data for s in sessions)


@pytest.mark.parametrize(
    ("target", "opts", "message"),
    [
        (
            "clients",
            {"password_ref": "env:CREDSCAN_TEST_BAD_PW"},
            "cannot log on to {url} as {user}: wrong user name or password",
        ),
        ("nosuch", {}, "cannot read {url} as {user}: share not found"),
        ("clients/nodir", {}, "cannot read {url} as {user}: not found"),
        ("clients/locked", {}, "cannot list {url} as {user}: access denied"),
    ],
)
def test_fatal_problems_are_one_line_user_errors(
    tree: SambaServer, target: str, opts: dict[str, str], message: str
) -> None:
    os.environ["CREDSCAN_TEST_BAD_PW"] = "Wrong-Pa55"
    url = tree.url(*target.split("/", 1))
    with pytest.raises(UserError) as info:
        list(SmbSource(url, options(tree, **opts)).walk(WalkOptions()))
    text = str(info.value)
    assert text == message.format(url=url, user=tree.user)
    assert tree.password not in text and "Wrong-Pa55" not in text and "\n" not in text


def test_connection_refused_is_a_user_error() -> None:
    with pytest.raises(UserError, match=r"^cannot connect to smb://127\.0\.0\.1:1/x: connection refused$"):
        SmbSource("smb://127.0.0.1:1/x", {"user": "u"})


def test_closed_port_says_connection_refused_not_a_logon_failure() -> None:
    """No --smb-user: the message used to blame a Kerberos logon that was never attempted."""
    port = free_port()
    for command in (["shares", f"smb://127.0.0.1:{port}"], ["scan", f"smb://127.0.0.1:{port}/clients"]):
        done = subprocess.run(
            [sys.executable, "-m", "credscan", *command], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2
        assert done.stderr == f"credscan: error: cannot connect to {command[1]}: connection refused\n"
        assert "Kerberos" not in done.stderr and "logon" not in done.stderr


def test_share_listing_marks_admin_shares_and_access(tree: SambaServer) -> None:
    shares = {s.info.name: s for s in list_shares(tree.url(), options(tree))}
    assert {"clients", "archive", "IPC$"} <= set(shares)
    assert shares["clients"].readable is True and not shares["clients"].admin
    assert shares["clients"].url == tree.url("clients")
    assert shares["IPC$"].admin and shares["IPC$"].info.type == "ipc"


@pytest.mark.parametrize(
    ("url", "parsed"),
    [
        ("smb://srv/share", ("srv", 445, "share", "")),
        ("SMB://srv:4445/share/a/b%20c#1/", ("srv", 4445, "share", "a/b%20c#1")),
        ("smb://[fe80::1]:446/s", ("fe80::1", 446, "s", "")),
        ("smb://srv\\share\\dir", ("srv", 445, "share", "dir")),
    ],
)
def test_url_parsing(url: str, parsed: tuple[str, int, str, str]) -> None:
    target = parse_smb_url(url)
    assert (target.server, target.port, target.share, target.folder) == parsed


@pytest.mark.parametrize(
    "url", ["smb://u:Secret-PW@srv/share", "smb://srv:99999/s", "smb://srv", "smb://srv/s/../x", "smb:///s"]
)
def test_bad_urls_are_refused_without_echoing_credentials(url: str) -> None:
    with pytest.raises(UserError) as info:
        parse_smb_url(url)
    assert "Secret-PW" not in str(info.value)


def test_display_paths_omit_the_default_port() -> None:
    assert parse_smb_url("smb://srv:445/share/x").url("x/y.txt") == "smb://srv/share/x/y.txt"
    assert parse_smb_url("smb://srv:4445/share").url("y.txt") == "smb://srv:4445/share/y.txt"


def _share_enum_stub(names: list[str], count_override: int | None = None) -> bytes:
    def string(text: str) -> bytes:
        raw = (text + "\0").encode("utf-16-le")
        chars = len(raw) // 2
        data = struct.pack("<III", chars, 0, chars) + raw
        return data + b"\0" * (-len(data) % 4)

    count = len(names) if count_override is None else count_override
    out = struct.pack("<IIIII", 1, 1, 0x20000, len(names), 0x20004) + struct.pack("<I", count)
    out += b"".join(
        struct.pack("<III", 0x20008, 0x80000003 if n.endswith("$") else 0, 0x2000C) for n in names
    )
    out += b"".join(string(n) + string("remark") for n in names)
    return out + struct.pack("<III", len(names), 0, 0)


def test_share_enum_decoder_reads_names_and_refuses_garbage() -> None:
    shares = parse_share_enum_response(_share_enum_stub(["docs", "C$"]))
    assert [(s.name, s.type, s.special, s.remark) for s in shares] == [
        ("docs", "disk", False, "remark"),
        ("C$", "ipc", True, "remark"),
    ]
    with pytest.raises(RpcError):
        parse_share_enum_response(_share_enum_stub(["docs"], count_override=2**30))
    with pytest.raises(RpcError):
        parse_share_enum_response(_share_enum_stub(["docs"])[:40])
    with pytest.raises(RpcError):
        parse_share_enum_response(b"\xff" * 7)


def test_sources_pickle_without_secrets(tree: SambaServer) -> None:
    import pickle

    source = SmbSource(tree.url("clients"), options(tree))
    data = pickle.dumps(source)
    assert tree.password.encode() not in data
    clone = pickle.loads(data)
    ref = next(e for e in clone.walk(WalkOptions()) if isinstance(e, FileRef) and e.path.endswith("a.txt"))
    assert clone.open(ref).read() == SECRET_TEXT.encode()
