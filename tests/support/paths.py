"""Where things are, for tests that read repository files or start subprocesses on this checkout."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
"""The tests/ package."""

REPO = TESTS.parent
"""The checkout under test (on sys.path for subprocesses that import ``tests.support``)."""

DATA = TESTS / "data"
"""Files the tests read: vendored third-party suites and schemas (with their licence and NOTICE)."""
