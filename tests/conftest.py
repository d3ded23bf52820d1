"""Fixtures shared by many test modules."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.rules import RuleSet


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The real detection engine with the shipped rule packs, compiled once per test session."""
    return DetectionEngine(RuleSet.load())
