"""Command line: argument parsing and dispatch only. ``main(argv) -> int``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from tosaudit import __version__
from tosaudit.api import audit_file
from tosaudit.config import Config, ConfigError, find_config, load_config_file
from tosaudit.formatters import FORMATTERS
from tosaudit.models import SEVERITY_RANK, Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _walk(paths: list[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
        else:
            yield p


def cmd_audit(args: argparse.Namespace) -> int:
    try:
        config = load_config_file(args.config) if args.config else find_config(args.paths[0])
    except ConfigError as exc:
        print(f"tosaudit: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.preset:
        config = config.with_preset(args.preset)
    report = Report(__version__)
    for path in _walk(args.paths):
        report.documents.append(_safe_audit(path, config))
    for d in report.documents:
        if d.error:
            print(f"{d.source}: error: {d.error}", file=sys.stderr)
    out = FORMATTERS[args.format](report, include_text=args.include_text)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    if any(d.error for d in report.documents):
        return EXIT_INPUT
    if args.fail_on:
        floor = SEVERITY_RANK[args.fail_on]
        if any(SEVERITY_RANK[f.severity] >= floor for d in report.documents for f in d.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _safe_audit(path: Path, config: Config):
    from tosaudit.models import DocumentReport

    try:
        return audit_file(path, config)
    except Exception as exc:  # a bug must not stop the batch or show a traceback
        return DocumentReport(source=str(path), error=f"internal error: {type(exc).__name__}: {exc}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tosaudit", description="Audit Terms of Service and policies.")
    parser.add_argument("--version", action="version", version=f"tosaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("audit", help="audit files or folders")
    a.add_argument("paths", nargs="+")
    a.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    a.add_argument("--output")
    a.add_argument("--include-text", action="store_true")
    a.add_argument("--fail-on", choices=list(SEVERITY_RANK))
    a.add_argument("--config")
    a.add_argument("--preset", choices=["plain", "florida", "ohio", "virginia"])
    a.set_defaults(func=cmd_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_INPUT
    return args.func(args)
