"""Command line: argument parsing and dispatch only. ``main(argv) -> int``.

Commands: ``audit`` (files and folders, any output format, parallel or on Dask), ``rules``,
``explain CODE`` and ``diff OLD NEW``. Each command is a plain function returning an exit code.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import itertools
import json
import os
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from tosaudit import __version__
from tosaudit.config import PRESETS, Config, ConfigError, find_config_file, load_config_file
from tosaudit.formatters import WRITERS, Summary, Writer
from tosaudit.models import SEVERITY_RANK

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130

EXIT_CODES = """\
exit codes:
  0  every input was audited and no finding reached --fail-on
  1  a finding at or above --fail-on (default: never fail on findings)
  2  usage or configuration error, or an input that could not be read
     (each reported on stderr as "PATH: error: MESSAGE"; the other inputs are still audited)
"""


class _Err:
    """Where messages go: stderr, or through the progress bar's console while it is live."""

    def __init__(self) -> None:
        self.console: Any = None

    def __call__(self, message: str) -> None:
        if self.console is not None:
            self.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> int:
    print(f"tosaudit: error: {message}", file=sys.stderr)
    return EXIT_INPUT


def _split_codes(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out += [c.strip() for c in v.split(",") if c.strip()]
    return tuple(out)


def _load_config(args: argparse.Namespace, err: _Err) -> Config:
    """--config, else the nearest .tosaudit.toml / [tool.tosaudit] above the first path
    (or the working folder), then the command line's own settings on top."""
    if args.config:
        source: Path | None = Path(args.config)
        config = load_config_file(args.config)
    else:
        first = args.paths[0] if getattr(args, "paths", None) else "."
        source = find_config_file(first)
        config = load_config_file(source) if source else Config()
    if getattr(args, "verbose", False):
        err(f"tosaudit: config: {source or 'defaults'}")
    if args.preset:
        config = config.with_preset(args.preset)
    changes: dict[str, Any] = {}
    select, ignore = (
        _split_codes(getattr(args, "select", None)),
        _split_codes(getattr(args, "ignore", None)),
    )
    if select:
        changes["select"] = select  # the command line replaces the file's selection
    if ignore:
        changes["ignore"] = (*config.ignore, *ignore)
    if getattr(args, "rewrites", None) is not None:
        changes["rewrites"] = args.rewrites
    return dataclasses.replace(config, **changes) if changes else config


def _is_dir_target(output: str) -> bool:
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def _doc_output_name(source: str, ext: str, used: set[str]) -> str:
    """A file name for one document's report inside --output DIR, unique within the run."""
    stem = Path(source).name or "document"
    name = f"{stem}.{ext}"
    n = 2
    while name in used:
        name = f"{stem}-{n}.{ext}"
        n += 1
    used.add(name)
    return name


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=Console(stderr=True),
        transient=True,
    )


def cmd_audit(args: argparse.Namespace) -> int:
    """Audit every input, stream the reports into the chosen format, gate on --fail-on."""
    from tosaudit.batch import (
        BatchError,
        Keep,
        Output,
        Prepared,
        audit_bytes_safe,
        collect,
        prepare,
        prepared_stream,
    )

    err = _Err()
    try:
        config = _load_config(args, err)
    except ConfigError as exc:
        return _fail(str(exc))
    if args.scheduler and args.executor != "dask":
        return _fail("--scheduler needs --executor dask")
    if args.workers is not None and args.workers < 1:
        return _fail("--workers must be at least 1")
    exclude = (*config.exclude, *(args.exclude or ()))
    named = [p for p in args.paths if p != "-"]
    use_stdin = len(named) < len(args.paths)
    if len(args.paths) - len(named) > 1:
        return _fail("'-' (standard input) can be given only once")
    paths = collect(named, recursive=args.recursive, glob=args.glob, exclude=exclude)
    if not paths and not use_stdin:
        return _fail(f"no files to audit in {', '.join(args.paths)}")
    stdin_data: bytes | None = None
    if use_stdin:
        # Read it all before any output exists: a pipe can be read only once, and a size
        # over the limit is refused without holding more than limit + 1 bytes.
        try:
            stdin_data = sys.stdin.buffer.read(config.max_bytes + 1)
        except OSError as exc:
            return _fail(f"cannot read standard input: {exc.strerror or exc}")

    writer_cls: type[Writer] = WRITERS[args.format]
    keep = Keep(
        text=args.include_text or writer_cls.needs_text, sentences=writer_cls.needs_sentences
    )
    options: dict[str, Any] = {
        "target_grade": config.target_grade,
        "target_reading_ease": config.target_reading_ease,
        "base_dir": str(Path.cwd()),
    }
    if args.format == "sarif":
        from tosaudit.rules import describe_all
        from tosaudit.rules.data import load_rules

        options["rules"] = describe_all() + [
            r.describe() for r in load_rules(config.patterns, "config patterns")
        ]
    fail_on = args.fail_on or config.fail_on
    floor = SEVERITY_RANK[fail_on] if fail_on else None

    summary = Summary()
    failed_gate = False
    per_doc_dir = Path(args.output) if args.output and _is_dir_target(args.output) else None
    used_names: set[str] = set()
    show_progress = not args.quiet and len(paths) > 1 and sys.stderr.isatty()
    try:
        with ExitStack() as stack:
            out: IO[str] | None = None
            writer: Writer | None = None
            if per_doc_dir is not None:
                per_doc_dir.mkdir(parents=True, exist_ok=True)
            else:
                if args.output:
                    out = stack.enter_context(
                        open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
                    )
                else:
                    out = sys.stdout
                writer = writer_cls(out, **options)
                writer.start()
            # Workers build each record, and its text when the format encodes one record on
            # its own (JSON, JSON Lines): this process only writes them in order.
            output = Output(
                keep=keep,
                writer=writer_cls if writer is not None and writer_cls.encodes else None,
                options=options if writer is not None and writer_cls.encodes else {},
            )
            # After the output is open (a bad --output fails before any work starts) and
            # before the progress bar's thread exists (local workers are forked here).
            stream: Iterable[Prepared] = (
                prepared_stream(
                    paths,
                    config,
                    output=output,
                    workers=args.workers,
                    executor=args.executor,
                    scheduler=args.scheduler,
                )
                if paths
                else ()
            )
            if stdin_data is not None:
                # Standard input comes first in the output, whatever its place among PATHs.
                first = prepare(audit_bytes_safe(stdin_data, args.stdin_name, config, keep), output)
                stream = itertools.chain([first], stream)
            progress = _progress(show_progress)
            task = None
            if progress is not None:
                stack.enter_context(progress)
                err.console = progress.console
                task = progress.add_task("audit", total=len(paths) + use_stdin, current="")
            started = time.perf_counter()
            # The text report prints "PATH: error: MESSAGE" itself: on a terminal that shows
            # both streams, the stderr copy would print every error twice.
            errors_in_report = args.format == "text" and out is sys.stdout and out.isatty()
            for doc in stream:  # a lazy BatchError surfaces here
                summary.add(doc.record)
                if doc.error and not errors_in_report:
                    err(f"{doc.source}: error: {doc.error}")
                elif floor is not None and doc.worst >= floor:
                    failed_gate = True
                if args.verbose and not doc.error:
                    err(f"{doc.source}: {doc.findings} finding(s), {doc.seconds * 1000:.0f} ms")
                if writer is not None:
                    if doc.text is not None:
                        writer.add_encoded(doc.text)
                    else:
                        writer.add(doc.record)
                else:
                    assert per_doc_dir is not None
                    _write_one(per_doc_dir, writer_cls, options, doc.record, used_names)
                if progress is not None:
                    progress.update(task, advance=1, current=Path(doc.source).name)
            if writer is not None:
                writer.finish(summary.to_record())
            err.console = None
    except BatchError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # the reader of stdout went away: main() ends quietly
        raise
    except OSError as exc:  # the output file or folder cannot be written
        return _fail(f"cannot write {args.output or 'output'}: {exc.strerror or exc}")
    if not args.quiet:
        rate = summary.documents / max(time.perf_counter() - started, 1e-9)
        lines = summary.lines()
        if args.verbose:
            lines.append(f"{rate:.1f} documents/s")
        for line in lines:
            print(line, file=sys.stderr)
    if summary.failed:
        return EXIT_INPUT
    return EXIT_FINDINGS if failed_gate else EXIT_OK


def _write_one(
    folder: Path, writer_cls: type[Writer], options: dict, rec: dict, used: set[str]
) -> None:
    """One document's report as its own file in --output DIR."""
    name = _doc_output_name(rec["source"], writer_cls.extension, used)
    with open(folder / name, "w", encoding="utf-8", newline="") as fh:
        w = writer_cls(fh, **options)
        w.start()
        one = Summary()
        one.add(rec)
        w.add(rec)
        w.finish(one.to_record())


def cmd_rules(args: argparse.Namespace) -> int:
    """List every rule: code, name, category, severity, description."""
    from tosaudit.rules import describe_all

    rules = describe_all()
    if args.format == "json":
        print(json.dumps(rules, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max((len(r["name"]) for r in rules), default=4)
    print(f"{'CODE':<8} {'NAME':<{width}} {'SEVERITY':<8} {'CATEGORY':<22} DESCRIPTION")
    for r in rules:
        print(
            f"{r['code']:<8} {r['name']:<{width}} {r['severity']:<8} "
            f"{(r['category'] or '-'):<22} {' '.join((r['description'] or '').split())}"
        )
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """Print one rule's documentation."""
    from tosaudit.rules import describe_all

    rules = describe_all()
    want = args.code.strip().lower()
    match = [r for r in rules if r["code"].lower() == want or r["name"].lower() == want]
    if not match:
        close = [r["code"] for r in rules if r["code"].lower().startswith(want[:2])]
        hint = f" (codes starting like it: {', '.join(close[:10])})" if close else ""
        return _fail(f"unknown rule '{args.code}'{hint}; `tosaudit rules` lists them all")
    r = match[0]
    print(f"{r['code']} {r['name']}")
    print(
        f"severity: {r['severity']}   scope: {r['scope']}   "
        f"category: {r['category'] or '-'}   groups: {', '.join(r['groups']) or '-'}"
    )
    print()
    doc = r["documentation"] or r["description"] or ""
    print(inspect.cleandoc(doc))
    if r.get("why_it_matters"):
        print(f"\nWhy it matters: {r['why_it_matters']}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two versions of a policy."""
    from tosaudit.batch import Keep, audit_path_safe
    from tosaudit.diff import diff_records, render_text

    err = _Err()
    args.paths = [args.old]
    try:
        config = _load_config(args, err)
    except ConfigError as exc:
        return _fail(str(exc))
    old, new = (audit_path_safe(p, config, Keep()) for p in (args.old, args.new))
    bad = [d for d in (old, new) if d.error]
    for d in bad:
        err(f"{d.source}: error: {d.error}")
    if bad:
        return EXIT_INPUT
    d = diff_records(old.to_record(), new.to_record())
    if args.format == "json":
        print(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(d))
    if args.fail_on_added and (d["clauses_added"] or d["disclosures_lost"]):
        return EXIT_FINDINGS
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tosaudit",
        description="Audit Terms of Service and policies for plain language, unfavourable "
        "clauses and missing information.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tosaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser(
        "audit",
        help="audit files or folders",
        description="Audit policy files. Folders are walked (recursively unless\n"
        "--no-recursive) for .txt .md .html .pdf .docx files, or the files --glob matches;\n"
        "files named explicitly are always audited. Reports come out in input order.\n"
        "Settings come from --config, else the nearest .tosaudit.toml or pyproject.toml\n"
        "[tool.tosaudit] above the first PATH; command-line options override them.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files or folders to audit; '-' reads one document from standard input",
    )
    a.add_argument(
        "--stdin-name",
        default="<stdin>",
        metavar="NAME",
        help="the name standard input is reported under (default: <stdin>); its suffix, "
        "if any, is a hint for the format, which is otherwise sniffed from the content",
    )
    a.add_argument(
        "--recursive",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="walk sub-folders of the folders given (default: yes)",
    )
    a.add_argument(
        "--glob",
        metavar="PATTERN",
        help="in folders, audit only files matching PATTERN (e.g. '*terms*.md')",
    )
    a.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        help="skip paths matching PATTERN (repeatable; adds to the config's exclude)",
    )
    a.add_argument(
        "--format", choices=list(WRITERS), default="text", help="output format (default: text)"
    )
    a.add_argument(
        "--output",
        metavar="FILE|DIR",
        help="write the report to FILE, or one report per document into DIR "
        "(an existing folder or a path ending in /); default: standard output",
    )
    a.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="documents audited in parallel (default: the CPU count)",
    )
    a.add_argument(
        "--fail-on",
        choices=list(SEVERITY_RANK),
        help="exit 1 when a finding has this severity or worse",
    )
    a.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, code prefixes or groups, comma-separated",
    )
    a.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="skip these rules: codes, code prefixes or groups, comma-separated",
    )
    a.add_argument(
        "--config",
        metavar="FILE",
        help="a .tosaudit.toml or pyproject.toml (default: the nearest one above the first PATH)",
    )
    a.add_argument(
        "--preset",
        choices=list(PRESETS),
        help="readability targets: plain (grade 8, ease 60) or a statutory minimum",
    )
    a.add_argument(
        "--rewrites",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="suggest verified plain rewrites (default: yes, or the config's 'rewrites'); "
        "--no-rewrites makes a CI gate about twice as fast",
    )
    a.add_argument(
        "--include-text",
        action="store_true",
        help="put each document's extracted text in json/jsonl output",
    )
    noise = a.add_mutually_exclusive_group()
    noise.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar and no summary (errors are still printed)",
    )
    noise.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print the config used and each document's timing",
    )
    a.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="local processes, or a Dask distributed cluster (tosaudit[dask])",
    )
    a.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default with "
        "--executor dask: a local cluster)",
    )
    a.set_defaults(func=cmd_audit)

    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.set_defaults(func=cmd_rules)

    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("code", metavar="CODE", help="rule code or name, e.g. RD101")
    e.set_defaults(func=cmd_explain)

    d = sub.add_parser(
        "diff",
        help="what changed between two versions of a policy",
        description="Unfavourable clauses added and removed, readability change,\n"
        "disclosures gained and lost between OLD and NEW.",
        epilog=EXIT_CODES.replace("--fail-on", "--fail-on-added"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument("old", metavar="OLD")
    d.add_argument("new", metavar="NEW")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.add_argument("--config", metavar="FILE")
    d.add_argument("--preset", choices=list(PRESETS))
    d.add_argument(
        "--fail-on-added",
        action="store_true",
        help="exit 1 when NEW adds an unfavourable clause or loses a disclosure",
    )
    d.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (never raises for bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version exit 0; usage errors exit 2
        return EXIT_OK if not exc.code else EXIT_INPUT
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("tosaudit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tosaudit audit ... | head`: the reader went away, not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # a bug outside any one document: one line, never a traceback
        print(f"tosaudit: error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INPUT
