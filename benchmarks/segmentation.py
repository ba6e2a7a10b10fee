"""Sentence-boundary precision, recall and F1 against CLAUDETTE's annotated documents.

Usage: python benchmarks/segmentation.py [DOCS_DIR]   (default ../shared/data/claudette/docs)

A boundary is the (start, end) pair of a unit after trimming white space; the annotators split
headings and list lines into their own units, so tosaudit's headings count as units too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tosaudit.models import Document
from tosaudit.segment import segment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "claudette" / "docs"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else DEFAULT
    tp = fp = fn = 0
    chars = 0
    elapsed = 0.0
    print(f"{'document':<18} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold_rows = [json.loads(x) for x in txt.with_suffix(".labels.jsonl").open()]
        gold_starts = {_trim(text, g["start"], g["end"])[0] for g in gold_rows}
        gold_ends = {_trim(text, g["start"], g["end"])[1] for g in gold_rows}
        t0 = time.perf_counter()
        seg = segment(Document(text, txt.name, "txt"))
        elapsed += time.perf_counter() - t0
        chars += len(text)
        found_starts = {s.start for s in seg.sentences}
        found_ends = {s.end for s in seg.sentences}
        # A boundary is right when a unit starts (or ends) exactly where a gold unit does.
        d_tp = len(found_starts & gold_starts) + len(found_ends & gold_ends)
        d_fp = len(found_starts - gold_starts) + len(found_ends - gold_ends)
        d_fn = len(gold_starts - found_starts) + len(gold_ends - found_ends)
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        p = d_tp / (d_tp + d_fp) if d_tp + d_fp else 0.0
        r = d_tp / (d_tp + d_fn) if d_tp + d_fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{txt.stem:<18} {len(gold_rows):>5} {len(seg.sentences):>5} {p:6.3f} {r:6.3f} {f:6.3f}"
        )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"\nboundary precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"segmentation speed {chars / elapsed / 1e6:.2f} M chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
