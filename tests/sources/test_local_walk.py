"""The local walk: regular files only, symlinks, loops, FIFOs, excludes, size cap, unreadable folders."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from credscan.errors import UserError
from credscan.limits import Limits
from credscan.model import FileRef, ScanOptions, Skipped, WalkEntry
from credscan.scan import walk_targets
from credscan.sources import open_file
from credscan.sources.excludes import ExcludeMatcher, unreachable_patterns
from credscan.sources.local import SOURCE_KEY_FOLLOW, open_regular_file


def walk(root: Path | str, **options: object) -> list[WalkEntry]:
    return list(walk_targets([str(root)], ScanOptions(**options)))  # type: ignore[arg-type]


def refs(entries: list[WalkEntry]) -> dict[str, FileRef]:
    return {e.path: e for e in entries if isinstance(e, FileRef)}


def skipped(entries: list[WalkEntry]) -> dict[str, str]:
    return {e.path: e.reason for e in entries if isinstance(e, Skipped)}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "notes.txt").write_text("hello")
    (tmp_path / "top.txt").write_text("x" * 100)
    return tmp_path


def test_lists_regular_files_with_stat_metadata(tree: Path) -> None:
    entries = walk(tree)
    found = refs(entries)
    assert set(found) == {str(tree / "a" / "b" / "notes.txt"), str(tree / "top.txt")}
    top = found[str(tree / "top.txt")]
    st = os.stat(tree / "top.txt")
    assert (top.size, top.mtime, top.owner) == (100, st.st_mtime, pwd.getpwuid(st.st_uid).pw_name)
    assert top.file_id == f"{st.st_dev}:{st.st_ino}"


def test_walk_order_is_deterministic(tree: Path) -> None:
    for name in ("z.txt", "m.txt", "c.txt"):
        (tree / "a" / name).write_text("x")
    assert [e.path for e in walk(tree)] == [e.path for e in walk(tree)]
    paths = [e.path for e in walk(tree) if os.path.dirname(e.path) == str(tree / "a")]
    assert paths == sorted(paths)


def test_single_file_target(tree: Path) -> None:
    assert list(refs(walk(tree / "top.txt"))) == [str(tree / "top.txt")]


def test_missing_target_is_a_user_error_before_any_entry(tree: Path) -> None:
    with pytest.raises(UserError, match="no such file or directory: /no/such/path"):
        walk_targets([str(tree), "/no/such/path"], ScanOptions())


def test_symlinks_are_skipped_by_default(tree: Path) -> None:
    (tree / "link.txt").symlink_to(tree / "top.txt")
    (tree / "linkdir").symlink_to(tree / "a")
    (tree / "dangling").symlink_to(tree / "nowhere")
    entries = walk(tree)
    assert skipped(entries)[str(tree / "link.txt")] == "symlink"
    assert skipped(entries)[str(tree / "linkdir")] == "symlink"
    assert skipped(entries)[str(tree / "dangling")] == "symlink"
    assert str(tree / "linkdir" / "b" / "notes.txt") not in refs(entries)


def test_followed_symlink_loop_terminates(tree: Path) -> None:
    (tree / "a" / "b" / "loop").symlink_to(tree)
    (tree / "a" / "self").symlink_to(".")
    (tree / "link.txt").symlink_to(tree / "top.txt")
    entries = walk(tree, follow_symlinks=True)
    assert skipped(entries)[str(tree / "a" / "b" / "loop")] == "symlink loop"
    assert skipped(entries)[str(tree / "a" / "self")] == "symlink loop"
    link = refs(entries)[str(tree / "link.txt")]
    assert link.source == SOURCE_KEY_FOLLOW
    with open_file(link, ScanOptions()) as stream:
        assert stream.read() == b"x" * 100


def test_followed_symlinked_folder_is_walked_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    root = tmp_path / "root"
    root.mkdir()
    (root / "l1").symlink_to(outside)
    (root / "l2").symlink_to(outside)
    entries = walk(root, follow_symlinks=True)
    assert list(refs(entries)) == [str(root / "l1" / "secret.txt")]
    assert skipped(entries)[str(root / "l2")] == "symlink loop"


@pytest.mark.timeout(10)
def test_fifo_named_like_a_password_file_is_skipped_not_opened(tree: Path) -> None:
    os.mkfifo(tree / "passwords.txt")
    entries = walk(tree)
    assert skipped(entries)[str(tree / "passwords.txt")] == "not a regular file"


@pytest.mark.timeout(10)
def test_open_refuses_a_fifo_swapped_in_after_the_walk(tree: Path) -> None:
    ref = refs(walk(tree))[str(tree / "top.txt")]
    (tree / "top.txt").unlink()
    os.mkfifo(tree / "top.txt")
    with pytest.raises(OSError, match="not a regular file"):
        open_file(ref, ScanOptions())


def test_open_does_not_follow_a_symlink_swapped_in_after_the_walk(tree: Path) -> None:
    ref = refs(walk(tree))[str(tree / "top.txt")]
    (tree / "top.txt").unlink()
    (tree / "top.txt").symlink_to("/etc/passwd")
    with pytest.raises(OSError):
        open_regular_file(ref.path)


def test_open_leaves_access_time_alone(tree: Path) -> None:
    path = tree / "top.txt"
    os.utime(path, (1_000_000, 2_000_000))
    with open_regular_file(str(path)) as stream:
        stream.read()
    assert os.stat(path).st_atime == 1_000_000


def test_excludes_files_and_prunes_folders(tree: Path) -> None:
    (tree / "~$Passwords.xlsx").write_text("lock")
    (tree / "a" / "~$Doc.docx").write_text("lock")
    snap = tree / "vol" / ".snapshot" / "hourly"
    snap.mkdir(parents=True)
    (snap / "passwords.txt").write_text("old")
    (tree / "a" / "disk.iso").write_text("iso")
    entries = walk(tree, excludes=("**/~$*", "**/.snapshot/**", "*.iso"))
    gone = skipped(entries)
    assert gone[str(tree / "~$Passwords.xlsx")] == "excluded"
    assert gone[str(tree / "a" / "~$Doc.docx")] == "excluded"
    assert gone[str(tree / "a" / "disk.iso")] == "excluded"
    assert gone[str(tree / "vol" / ".snapshot")] == "excluded"
    assert not any(".snapshot/" in path for path in refs(entries))
    assert str(tree / "top.txt") in refs(entries)


def test_exclude_matches_full_path_too(tree: Path) -> None:
    entries = walk(tree, excludes=(str(tree / "a") + "/**",))
    assert skipped(entries)[str(tree / "a")] == "excluded"
    assert list(refs(entries)) == [str(tree / "top.txt")]


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        ("*.iso", "deep/down/x.iso", False, True),
        ("*.iso", "deep/x.isox", False, False),
        ("a/*.txt", "a/b/c.txt", False, False),
        ("a/**/c.txt", "a/c.txt", False, True),
        ("a/**/c.txt", "a/b/d/c.txt", False, True),
        ("**/node_modules", "x/node_modules", True, True),
        ("[!a]*.txt", "b.txt", False, True),
        ("[!a]*.txt", "a.txt", False, False),
        ("[unclosed", "[unclosed", False, True),
    ],
)
def test_glob_dialect(pattern: str, path: str, is_dir: bool, expected: bool) -> None:
    assert ExcludeMatcher([pattern]).excluded("/root/" + path, path, is_dir) is expected


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("*.XLSX", "clients/Passwords.xlsx"),
        ("**/archive/**", "Clients/ARCHIVE/old.txt"),
        ("~$*", "~$DOC.DOCX"),
    ],
)
def test_excludes_ignore_case(pattern: str, path: str) -> None:
    """On SMB and Windows shares Passwords.XLSX and passwords.xlsx are one file: patterns ignore case."""
    assert ExcludeMatcher([pattern]).excluded("/srv/" + path, path)


def test_absolute_pattern_matches_however_the_root_was_typed(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree.parent)
    pattern = str(tree / "a") + "/**"
    for root in (tree.name, f"./{tree.name}", f"{tree.name}/../{tree.name}"):
        entries = walk(root, excludes=(pattern,))
        assert [Path(path).name for path in refs(entries)] == ["top.txt"], root
    windows = ExcludeMatcher(["D:\\Shares\\Archive\\**"])
    assert windows.excluded("D:/Shares/archive/x.xlsx", "archive/x.xlsx")


def test_unreachable_absolute_patterns_are_named(tree: Path) -> None:
    inside, outside = str(tree / "a") + "/**", "/elsewhere/**"
    assert unreachable_patterns([inside, outside, "*.iso", "**/x/**"], [str(tree)]) == [outside]
    assert unreachable_patterns([str(tree.parent) + "/*/a/**"], [str(tree)]) == []  # a root below it
    assert unreachable_patterns([outside], ["smb://fs01/share"]) == []  # remote roots: not judged


def test_max_file_size(tree: Path) -> None:
    entries = walk(tree, limits=Limits(max_file_size=10))
    assert skipped(entries)[str(tree / "top.txt")] == "too large"
    assert str(tree / "a" / "b" / "notes.txt") in refs(entries)


def test_non_utf8_file_name_is_listed_and_opened(tree: Path) -> None:
    raw = os.fsencode(str(tree)) + b"/pass\xffwords.txt"
    with open(raw, "wb") as handle:
        handle.write(b"data")
    name = str(tree) + "/pass\\xffwords.txt"  # the display form (credscan.pathnames)
    ref = refs(walk(tree))[name]
    with open_file(ref, ScanOptions()) as stream:
        assert stream.read() == b"data"


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """pytest's tmp_path is private to root; the unprivileged walker needs to reach the tree."""
    folder = Path(tempfile.mkdtemp(prefix="credscan-walk-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _walk_as(uid: int, gid: int, root: Path) -> list[dict[str, str]]:
    """Walk in a forked child that dropped root (root ignores permissions: chmod 000 means nothing to it)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_end)
            os.setgid(gid)
            os.setuid(uid)
            entries = [
                {
                    "type": type(e).__name__,
                    "path": e.path,
                    "why": getattr(e, "error", getattr(e, "reason", "")),
                }
                for e in walk(root)
            ]
            os.write(write_end, json.dumps(entries).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)  # type: ignore[no-any-return]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop to an unprivileged user")
def test_unreadable_folder_and_file_are_errors_and_the_walk_goes_on(world_readable_dir: Path) -> None:
    root = world_readable_dir
    (root / "closed").mkdir()
    (root / "closed" / "hidden.txt").write_text("x")
    (root / "closed").chmod(0o000)
    (root / "open.txt").write_text("fine")
    (root / "open.txt").chmod(0o644)
    (root / "private.txt").write_text("no")
    (root / "private.txt").chmod(0o600)
    nobody = pwd.getpwnam("nobody")
    entries = _walk_as(nobody.pw_uid, nobody.pw_gid, root)
    by_path = {e["path"]: e for e in entries}
    assert by_path[str(root / "closed")]["type"] == "FileError"
    assert "permission denied" in by_path[str(root / "closed")]["why"].lower()
    assert by_path[str(root / "open.txt")]["type"] == "FileRef"
    # listed (stat works), and the open in the worker reports the error for that file alone
    assert by_path[str(root / "private.txt")]["type"] == "FileRef"
