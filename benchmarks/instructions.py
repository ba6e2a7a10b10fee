"""Instructions, not seconds: one cold pass of textstat's eight metrics and of the full audit.

    .venv/bin/python benchmarks/instructions.py CORPUS_DIR

The same two sides as ``throughput.py`` (same texts, same caches emptied before the pass), each
counted by valgrind's callgrind. Wall time on a shared machine swings by more than the 1.5x
margin from one run to the next; instruction counts repeat to within a few parts in a
million, so they show whether a change made the audit cheaper. They are not seconds: a pass
with more cache misses or branches takes longer for the same count.

Each side is counted as (set-up + pass) minus (set-up alone), in three child processes under
valgrind with ``PYTHONHASHSEED=0``. Needs valgrind (Debian package ``valgrind``); takes a few
minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput as tp  # noqa: E402  (the benchmark next to this file)

from tosaudit.config import Config  # noqa: E402
from tosaudit.ingest import ingest_file  # noqa: E402

_COLLECTED = re.compile(r"Collected : (\d+)")
MODES = ("setup", "textstat", "audit")


def child(mode: str, corpus: Path) -> None:
    """Set up as ``throughput.py`` does, then run one cold pass of ``mode`` (none for setup)."""
    config = Config()
    docs = [ingest_file(p, config) for p in tp.collect(corpus)]
    texts = [d.text for d in docs]
    clears = tp._textstat_caches() + tp._tosaudit_caches()
    # Imports and shipped-data loaders, as the benchmark's first pass has them.
    tp.run_textstat(texts[:1])
    tp.run_audit(docs[:1], config)
    tp.clear_caches(clears)
    if mode == "textstat":
        tp.run_textstat(texts)
    elif mode == "audit":
        tp.run_audit(docs, config)


def count(mode: str, corpus: Path, valgrind: str) -> int:
    """Instructions callgrind collected for one child process of ``mode``."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        cmd = [
            valgrind,
            "--tool=callgrind",
            f"--callgrind-out-file={Path(tmp) / 'cg.out'}",
            sys.executable,
            __file__,
            "--child",
            mode,
            str(corpus),
        ]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    found = _COLLECTED.search(run.stderr)
    if run.returncode != 0 or found is None:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"error: the {mode} pass under valgrind failed: {last}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.corpus)
        return 0
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("error: valgrind is not installed (Debian package valgrind)", file=sys.stderr)
        return 2
    if not tp.collect(args.corpus):
        print(f"error: no policy files under {args.corpus}", file=sys.stderr)
        return 2
    totals = {mode: count(mode, args.corpus, valgrind) for mode in MODES}
    textstat = totals["textstat"] - totals["setup"]
    audit = totals["audit"] - totals["setup"]
    print(f"corpus: {args.corpus}  files: {len(tp.collect(args.corpus))}")
    print(f"set-up alone:          {totals['setup']:>16,} instructions")
    print(f"textstat, 8 metrics:   {textstat:>16,} instructions")
    print(f"tosaudit full audit:   {audit:>16,} instructions")
    print(f"ratio full audit / textstat (instructions): {audit / textstat:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
