"""The records passed between pipeline stages (credscan/model.py)."""

from __future__ import annotations

import dataclasses
import pickle

from credscan.model import FileRef, FileResult, ScanOptions, WalkOptions


def test_the_smb_password_stays_in_source_options_and_never_reaches_the_walk() -> None:
    """Workers need the password (ScanOptions is pickled to them); a walk never does: no field of
    WalkOptions may carry it, or it would travel and sit where nobody reads it."""
    options = ScanOptions(jobs=0, source_options={"user": "CORP\\scan", "password": "S3cret-smb!"})
    walk = options.walk_options()
    assert "S3cret-smb!" not in repr(walk) and "S3cret-smb!" not in repr(dataclasses.astuple(walk))
    assert {field.name for field in dataclasses.fields(WalkOptions)} == {
        "excludes",
        "max_file_size",
        "follow_symlinks",
    }
    assert pickle.loads(pickle.dumps(options)).source_options["password"] == "S3cret-smb!"


def test_a_file_result_pickles_between_worker_and_parent() -> None:
    result = FileResult(FileRef(path="/srv/a.txt", size=3, mtime=1.0))
    assert pickle.loads(pickle.dumps(result)) == result
