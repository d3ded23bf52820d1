"""`credscan scan PATH...`: scan on demand and print a report (reference: docs/scanning.md).

The command is a short pipeline so that later options slot in without touching the rest:
    options (flags over --config) -> run_scan -> filter findings (--baseline) -> write one output format
Exit codes: 0 no findings, 1 findings, 2 usage or fatal error (UserError, handled by credscan.cli),
130 interrupted (Ctrl+C), 143 stopped by SIGTERM; an interrupted scan writes no report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from credscan.baseline import Baseline, load_baseline
from credscan.commands.shares import (
    add_all_shares_arguments,
    add_smb_arguments,
    expand_all_shares,
    smb_options_from_args,
)
from credscan.config import DEFAULT_VAULT_NAME, Config, check_ocr_languages, load_config, parse_size
from credscan.console import Console
from credscan.errors import Terminated, UserError
from credscan.keys import load_fingerprint_key
from credscan.limits import DEFAULT_LIMITS
from credscan.model import SEVERITIES, ScanOptions, ScanResult
from credscan.output.interface import FORMATS, OutputContext, get_format, open_output
from credscan.output.table import summary_line as table_summary
from credscan.progress import Progress
from credscan.report.rmm import summary_line
from credscan.sources.excludes import unreachable_patterns
from credscan.sources.identity import tidy_target
from credscan.statedir import default_state_dir

EXIT_CLEAN = 0
EXIT_FINDINGS = 1


def _int_at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return value

    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="scan files, folders and smb:// shares for credentials",
        description="Scan files, folders and smb:// shares for passwords and other credentials. "
        "Exit code: 0 no findings, 1 findings, 2 usage or fatal error, 130 interrupted (Ctrl+C), "
        "143 stopped (SIGTERM).",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, folders or smb://server/share[/folder]"
    )
    parser.add_argument(
        "--format", choices=FORMATS.names(), default="table", help="output format (default: table)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (mode 0600)")
    parser.add_argument("--show-secrets", action="store_true", help="print plaintext secrets (never logged)")
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not in FILE (a baseline or a json report)"
    )
    parser.add_argument("--summary", action="store_true", help="print one CREDSCAN status=… line (RMM)")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour the table by severity (auto: on a terminal, unless NO_COLOR is set)",
    )  # fmt: skip
    add_scan_options(parser)
    parser.set_defaults(handler=run)


def add_scan_options(parser: argparse.ArgumentParser) -> None:
    """What to scan and how: shared with `baseline create`, which runs the same scan."""
    parser.add_argument(
        "--jobs",
        type=_non_negative_int,
        metavar="N",
        help="worker processes (default: CPU cores; 0: in this process, no time budget, for debugging)",
    )
    parser.add_argument(
        "--file-timeout",
        type=_positive_int,
        metavar="SECONDS",
        help=f"abandon a file that takes longer (default: {DEFAULT_LIMITS.file_timeout_s:g})",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="TOML config: [scan] exclude/max_file_size/jobs, vault"
    )
    parser.add_argument(
        "--rules",
        metavar="DIR",
        action="append",
        default=[],
        help="extra rule pack folder (*.toml; *.yml in Nosey Parker's schema)",
    )
    parser.add_argument(
        "--min-severity", choices=list(reversed(SEVERITIES)), default="info", help="drop findings below LEVEL"
    )
    parser.add_argument(
        "--exclude", metavar="GLOB", action="append", default=[],
        help="leave out files and folders matching GLOB (repeatable; case-insensitive; relative to each "
        "PATH, e.g. '**/Archive/**' or '*.iso', or an absolute path pattern)",
    )  # fmt: skip
    parser.add_argument("--max-file-size", metavar="SIZE", help="skip larger files (e.g. 200MB)")
    archives = parser.add_mutually_exclusive_group()
    archives.add_argument(
        "--archives",
        action="store_true",
        help="read tar files and .gz/.bz2/.xz compressed files (the default) over a config's archives=false",
    )
    archives.add_argument(
        "--no-archives",
        action="store_true",
        help="skip tar files and .gz/.bz2/.xz compressed files (zip and 7z are still read)",
    )
    parser.add_argument(
        "--no-ocr", action="store_true", help="do not read text from images (image files are skipped)"
    )
    parser.add_argument(
        "--ocr-languages",
        metavar="LANGS",
        help='Tesseract languages for OCR, e.g. "eng+deu" (default: eng; each needs its language data)',
    )
    parser.add_argument("--follow-symlinks", action="store_true", help="follow symbolic links (loop-safe)")
    add_smb_arguments(parser, reading=True)
    add_all_shares_arguments(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument(
        "-q", "--quiet", action="store_true", help="only errors on stderr: no progress, summary or warnings"
    )
    verbosity.add_argument(
        "-v", "--verbose", action="store_true", help="also list every skipped and unreadable file on stderr"
    )


def build_options(args: argparse.Namespace, config: Config | None) -> ScanOptions:
    """Command-line flags win over the config file, which wins over the defaults."""
    limits = DEFAULT_LIMITS
    if args.max_file_size is not None:
        limits = replace(limits, max_file_size=parse_size(args.max_file_size))
    elif config is not None:
        limits = replace(limits, max_file_size=config.scan.max_file_size)
    if args.file_timeout is not None:
        limits = replace(limits, file_timeout_s=float(args.file_timeout))
    elif config is not None:
        limits = replace(limits, file_timeout_s=config.scan.file_timeout_s)
    if args.archives or args.no_archives:
        limits = replace(limits, archives=args.archives)
    elif config is not None:
        limits = replace(limits, archives=config.scan.archives)
    if args.no_ocr:
        limits = replace(limits, ocr=False)
    elif config is not None:
        limits = replace(limits, ocr=config.scan.ocr)
    if args.ocr_languages is not None:
        limits = replace(limits, ocr_languages=check_ocr_languages(args.ocr_languages, "--ocr-languages"))
    elif config is not None:
        limits = replace(limits, ocr_languages=config.scan.ocr_languages)
    jobs = args.jobs if args.jobs is not None else (config.scan.jobs if config is not None else None)
    if jobs is None:
        jobs = os.cpu_count() or 1
    excludes = (config.scan.exclude if config is not None else []) + list(args.exclude)
    rules_dirs = tuple(Path(d) for d in args.rules)
    for folder in rules_dirs:
        if not folder.is_dir():
            raise UserError(f"rules folder not found: {folder}")
    return ScanOptions(
        jobs=jobs,
        limits=limits,
        excludes=tuple(excludes),
        follow_symlinks=args.follow_symlinks,
        rules_dirs=rules_dirs,
        show_secrets=args.show_secrets,
        min_severity=args.min_severity,
        vault_name=config.remediation.vault_name if config is not None else DEFAULT_VAULT_NAME,
        vault_url=config.remediation.vault_url if config is not None else None,
        fingerprint_key=load_fingerprint_key(default_state_dir()).key,
        source_options=smb_options_from_args(args, config),
    )


def filter_findings(result: ScanResult, baseline: Baseline | None) -> ScanResult:
    """--baseline drops accepted findings (the stats keep counting what the scan saw)."""
    if baseline is None:
        return result
    kept, _ = baseline.split(result.findings)
    return replace(result, findings=kept)


def _output_context(args: argparse.Namespace, targets: list[str], options: ScanOptions) -> OutputContext:
    to_terminal = args.output in (None, "-") and sys.stdout.isatty()
    return OutputContext(
        show_secrets=args.show_secrets,
        roots=tuple(targets),
        color=_use_color(args.color, to_terminal),
        width=shutil.get_terminal_size().columns if to_terminal else None,
        vault_name=options.vault_name,
        vault_url=options.vault_url,
    )


def _use_color(choice: str, to_terminal: bool) -> bool:
    if choice == "auto":
        return to_terminal and not os.environ.get("NO_COLOR")
    return choice == "always"


def warn_about_excludes(console: Console, options: ScanOptions, targets: list[str]) -> None:
    for pattern in unreachable_patterns(options.excludes, targets):
        console.warn(
            f"exclude {pattern!r} is an absolute path outside every PATH scanned: it excludes nothing"
        )


def run(args: argparse.Namespace) -> int:
    from credscan.scan import run_scan  # the pipeline is loaded only when a scan runs, not for --help

    console = Console.from_args(args)
    config = load_config(args.config) if args.config else None
    targets = list(args.paths) or (list(config.scan.roots) if config is not None else [])
    if not targets:
        raise UserError("no PATH given: name the files, folders or smb:// shares to scan")
    baseline = load_baseline(Path(args.baseline)) if args.baseline else None
    options = build_options(args, config)
    targets = [tidy_target(target) for target in expand_all_shares(targets, args, options.source_options)]
    output_format = get_format(args.format)
    _check_writable(args.output)
    warn_about_excludes(console, options, targets)
    console.detail(f"scanning {', '.join(targets)} with {options.jobs} worker(s)")
    to_file = args.output not in (None, "-")
    writing = False
    try:
        progress = Progress.for_terminal(enabled=not args.no_progress and not args.quiet)
        scanned = run_scan(targets, options, progress)
        result = filter_findings(scanned, baseline)
        console.problems(result.stats)
        console.nothing_scanned(result.stats, targets)
        if not args.summary or to_file:  # --summary alone: only its line
            writing = True
            with open_output(args.output) as out:
                output_format.write(result, out, _output_context(args, targets, options))
            writing = False
            if to_file:
                console.info(f"wrote {args.output}: {table_summary(result.stats, result.findings)}")
        if args.summary:
            baselined = len(scanned.findings) - len(result.findings)
            print(summary_line(result.findings, result.stats, baselined), flush=True)
    except BrokenPipeError:  # `credscan scan … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
    except (KeyboardInterrupt, Terminated):
        if to_file:
            _say_nothing_written(args.output, partial=writing)
        raise
    return EXIT_FINDINGS if result.findings else EXIT_CLEAN


def _say_nothing_written(path: str, partial: bool) -> None:
    """An interrupted scan has no report: say so, and remove a report cut off while it was being written."""
    if partial and os.path.isfile(path):
        with suppress(OSError):
            os.unlink(path)
        print(f"credscan: the incomplete {path} was removed; nothing was written", file=sys.stderr)
    else:
        print(f"credscan: nothing was written to {path}", file=sys.stderr)


def _check_writable(path: str | None) -> None:
    """An unwritable -o must fail before an hour of scanning, not after."""
    if path in (None, "-"):
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UserError(f"cannot write {path}: no such folder {folder}")
    if not os.access(folder, os.W_OK) and not os.access(path, os.W_OK):
        raise UserError(f"cannot write {path}: permission denied")
