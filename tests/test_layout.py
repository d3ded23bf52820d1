"""The test tree is laid out like the package, so the tests of a feature are found by its name: every test
module sits in a folder named after an area of credscan (tests/detect/, tests/extract/, …), every folder is a
package (two areas may each have a test_html.py), helpers live in tests/support/, and no test module is
named after the accuracy round or corpus that prompted it (docs/accuracy.md keeps that history)."""

from __future__ import annotations

import re

from tests.support.paths import TESTS

AREAS = {
    "accuracy": "labelled corpora, their bars and the real-content gate",
    "agent": "agent/ and the agent commands",
    "central": "credscan/central (store, event log, outbox, forwarders)",
    "cli": "credscan/cli.py and credscan/commands",
    "detect": "credscan/detect: detection behaviour, one file per feature",
    "extract": "credscan/extract and file typing, one file per format family",
    "output": "credscan/output",
    "report": "credscan/report",
    "scan": "the scan pipeline: scan, filescan, workers, findings, baselines, ids",
    "security": "leak-proofing, hostile input, memory bounds, fuzzing",
    "server": "credscan/server",
    "sources": "credscan/sources: local walk, SMB, exposure",
}
ROOT_MODULES = {"test_docs.py", "test_layout.py", "test_import_graph.py", "test_registries.py"}
"""Checks of the whole repository: its documentation, this layout, its import graph, its extension points."""
NAMED_AFTER_A_ROUND = re.compile(
    r"test_(?:\w+_)?(?:corpus|blind|holdout|round)(?:_\w+)?\.py|test_\w+_[a-z]\.py"
)


def test_every_test_module_lives_in_an_area_folder_and_is_named_after_a_feature() -> None:
    misplaced = []
    for path in sorted(TESTS.rglob("test_*.py")):
        parts = path.relative_to(TESTS).parts
        in_area = len(parts) == 2 and parts[0] in AREAS
        if not (in_area or (len(parts) == 1 and parts[0] in ROOT_MODULES)) or NAMED_AFTER_A_ROUND.fullmatch(
            parts[-1]
        ):
            misplaced.append("/".join(parts))
    assert misplaced == [], f"put test modules in one of {sorted(AREAS)}, named after the feature they test"
    missing = [area for area in sorted(AREAS) if not (TESTS / area / "__init__.py").is_file()]
    missing += [] if (TESTS / "support" / "__init__.py").is_file() else ["support"]
    assert missing == [], "every test folder is a package (test modules of two areas may share a name)"
