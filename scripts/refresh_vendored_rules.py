#!/usr/bin/env python3
"""Refresh a vendored rule set (Nosey Parker's YAML rules, Apache-2.0) from a checkout of its repository.

    python3 scripts/refresh_vendored_rules.py --from CHECKOUT [--commit SHA] [--out rules/vendor/noseyparker]

Copies ``crates/noseyparker/data/default/builtin/rules/*.yml`` (or, for a checkout of another project in
the same schema, ``--rules-dir``) into OUT, copies the upstream LICENSE next to them and writes NOTICE.md
(source, commit, licence, date). Then it loads OUT with credscan's own loader and runs every rule's
examples through the real engine, printing what was loaded, what was skipped and why, and which upstream
examples credscan deliberately does not report (placeholders, documentation dummies, hashes): review them
before committing the refreshed folder. Exit 1 when a vendored negative example is reported (a false
positive the upstream set does not have) or nothing could be loaded.

Nothing is downloaded: the checkout is obtained separately (git clone, or the project's release archive).
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_RULES_DIR = "crates/noseyparker/data/default/builtin/rules"
NOTICE = """# Vendored rules: {name}

`*.yml` in this folder are the built-in rules of {name} ({url}), {commit_line}copied on {date} by
`scripts/refresh_vendored_rules.py`. They are loaded natively by `credscan/detect/vendored.py`; see
docs/detection.md ("Vendored rule set").

    Copyright 2022 Praetorian Security, Inc <https://praetorian.com>.
    Licensed under the Apache License, Version 2.0 (LICENSE in this folder).
    Distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND.

The files are unmodified. Loaded: {loaded} rules; skipped: {skipped} (identifiers, password hashes, regex
syntax Python lacks; `credscan rules list` names each with its reason).
"""


def _commit(checkout: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def copy_rules(checkout: Path, rules_dir: str, out: Path) -> list[Path]:
    """Replace OUT's *.yml with the checkout's; copy its LICENSE. Returns the copied files."""
    source = checkout / rules_dir
    files = sorted(source.glob("*.yml"))
    if not files:
        raise SystemExit(f"no *.yml rules in {source}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yml"):
        old.unlink()
    for path in files:
        shutil.copyfile(path, out / path.name)
    license_file = next(
        (checkout / n for n in ("LICENSE", "LICENSE.txt", "LICENSE-APACHE") if (checkout / n).is_file()), None
    )
    if license_file is None:
        raise SystemExit(f"no LICENSE in {checkout}: refusing to vendor without the licence text")
    shutil.copyfile(license_file, out / "LICENSE")
    return [out / path.name for path in files]


def check(out: Path) -> tuple[int, int, list[str], list[str]]:
    """Load OUT and run its examples: (loaded, skipped, examples not reported, negatives reported)."""
    from credscan.commands.rules import _fires
    from credscan.detect.engine import DetectionEngine
    from credscan.detect.rules import RuleSet

    ruleset = RuleSet.load([out])
    engine = DetectionEngine(ruleset)
    vendored = [r for r in ruleset.rules if str(r.source).startswith(str(out))]
    misses, false_positives = [], []
    for rule in vendored:
        misses += [f"{rule.id}: {e[:70]!r}" for e in rule.examples if not _fires(engine, rule, e)]
        false_positives += [
            f"{rule.id}: {e[:70]!r}" for e in rule.negative_examples if _fires(engine, rule, e)
        ]
    for skipped in ruleset.skipped:
        print(f"skipped {skipped.id}: {skipped.reason}")
    return len(vendored), len(ruleset.skipped), misses, false_positives


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--from", dest="checkout", type=Path, required=True, help="a checkout of the rule set's repository"
    )
    parser.add_argument(
        "--rules-dir", default=DEFAULT_RULES_DIR, help=f"rules folder in it (default {DEFAULT_RULES_DIR})"
    )
    parser.add_argument("--out", type=Path, default=REPO / "rules" / "vendor" / "noseyparker")
    parser.add_argument("--commit", help="the checkout's commit (default: git rev-parse HEAD)")
    parser.add_argument("--name", default="Nosey Parker")
    parser.add_argument("--url", default="https://github.com/praetorian-inc/noseyparker")
    args = parser.parse_args(argv)

    copied = copy_rules(args.checkout, args.rules_dir, args.out)
    loaded, skipped, misses, false_positives = check(args.out)
    commit = args.commit or _commit(args.checkout)
    (args.out / "NOTICE.md").write_text(
        NOTICE.format(
            name=args.name,
            url=args.url,
            commit_line=f"commit {commit}, " if commit else "",
            date=datetime.date.today().isoformat(),
            loaded=loaded,
            skipped=skipped,
        ),
        encoding="utf-8",
    )
    print(f"{len(copied)} files -> {args.out}: {loaded} rules loaded, {skipped} skipped")
    print(
        f"{len(misses)} upstream examples not reported by credscan (review: placeholders, dummies, hashes):"
    )
    for line in misses:
        print(f"  {line}")
    for line in false_positives:
        print(f"NEGATIVE EXAMPLE REPORTED {line}")
    return 1 if false_positives or not loaded else 0


if __name__ == "__main__":
    raise SystemExit(main())
