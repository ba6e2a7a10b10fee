"""Clause detection measured as a user gets it: every text goes through ``audit_text``.

Cross-validation grouped by company (case-insensitive ``doc`` name) over both the CLAUDETTE
sentence file and the 19 labelled documents: for each fold a model is trained with the same code
as ``make train`` on the other companies and injected with ``tosaudit.clauses.model.set_model``;
the fold's companies are then audited (documents as they are; the sentence file as one text per
company, one sentence a line). A labelled sentence counts as predicted for a category when a
finding of that category overlaps it. Prints per-category precision/recall/F1, micro- and
macro-F1 over the eight categories, and the clause stage's sentences per second.

    python benchmarks/clauses.py [--folds 5] [--data ../shared/data/claudette]
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosaudit import readability  # noqa: E402
from tosaudit.api import audit_text  # noqa: E402
from tosaudit.clauses import detect as detect_mod  # noqa: E402
from tosaudit.clauses.model import set_model  # noqa: E402
from tosaudit.config import Config  # noqa: E402
from tosaudit.models import Document  # noqa: E402
from tosaudit.rules.base import AuditContext  # noqa: E402
from tosaudit.segment import segment  # noqa: E402
from tosaudit.training.data import (  # noqa: E402
    CATEGORIES,
    DEFAULT_DATA,
    DataError,
    Example,
    LabelledDoc,
    load_all,
)
from tosaudit.training.train import _shuffled, train  # noqa: E402

Span = tuple[int, int, frozenset[str]]


def sentence_texts(examples: list[Example]) -> dict[str, tuple[str, list[Span]]]:
    """Each company's sentence-file sentences joined one per line, with their spans."""
    by: dict[str, list[Example]] = defaultdict(list)
    for e in examples:
        if e.origin == "sentences":
            by[e.group].append(e)
    out = {}
    for group, items in by.items():
        parts, spans, pos = [], [], 0
        for e in items:
            parts.append(e.text)
            spans.append((pos, pos + len(e.text), e.labels))
            pos += len(e.text) + 1
        out[group] = ("\n".join(parts), spans)
    return out


def predicted(text: str, spans: list[Span], config: Config) -> list[set[str]]:
    """Categories predicted for each labelled span (findings overlapping it)."""
    report = audit_text(text, config)
    starts = [s for s, _, _ in spans]
    pred: list[set[str]] = [set() for _ in spans]
    for f in report.findings:
        if f.category not in CATEGORIES or f.start is None or f.end is None:
            continue
        i = max(bisect.bisect_right(starts, f.start) - 1, 0)
        while i < len(spans) and spans[i][0] < f.end:
            s, e, _ = spans[i]
            if s < f.end and f.start < e:
                pred[i].add(f.category)
            i += 1
    return pred


def score(
    rows: list[tuple[frozenset[str], set[str]]],
) -> tuple[dict[str, tuple[int, int, int]], float, float]:
    """Per-category (tp, fp, fn), micro-F1 and macro-F1 over the eight categories."""
    counts = {}
    for c in CATEGORIES:
        tp = sum(1 for t, p in rows if c in t and c in p)
        fp = sum(1 for t, p in rows if c not in t and c in p)
        fn = sum(1 for t, p in rows if c in t and c not in p)
        counts[c] = (tp, fp, fn)
    f1s = [2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0 for tp, fp, fn in counts.values()]
    TP = sum(v[0] for v in counts.values())
    FP = sum(v[1] for v in counts.values())
    FN = sum(v[2] for v in counts.values())
    micro = 2 * TP / (2 * TP + FP + FN) if TP + FP + FN else 0.0
    return counts, micro, sum(f1s) / len(f1s)


def clause_stage_speed(texts: list[str], config: Config) -> tuple[int, float, float]:
    """(sentences, wall seconds, CPU seconds) of the clause stage alone over segmented texts.

    CPU time is this process's own time, so other work on a shared machine does not count.
    """
    ctxs = []
    for text in texts:
        seg = segment(Document(text=text, source="bench", format="txt"))
        prose = [s for s in seg.sentences if s.kind == "sentence"]
        read = readability.analyse(
            [text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
        )
        ctxs.append(AuditContext(seg.document, seg, read, config))
    n = sum(len(c.prose_sentences) for c in ctxs)
    t0, c0 = time.perf_counter(), time.process_time()
    for c in ctxs:
        detect_mod.detect(c)
    return n, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--speed-only", action="store_true", help="only time the clause stage")
    args = ap.parse_args(argv)
    try:
        examples, docs = load_all(args.data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = Config(rewrites=False)
    sent_texts = sentence_texts(examples)
    if args.speed_only:
        return _speed(docs, sent_texts, config)
    groups = sorted({e.group for e in examples})
    fold_of = {g: i % args.folds for i, g in enumerate(_shuffled(groups))}
    docs_by: dict[str, list[LabelledDoc]] = defaultdict(list)
    for d in docs:
        docs_by[d.group].append(d)
    rows: dict[str, list[tuple[frozenset[str], set[str]]]] = {"docs": [], "sentences": []}
    t_start = time.perf_counter()
    for f in range(args.folds):
        train_ex = [e for e in examples if fold_of[e.group] != f]
        test_groups = sorted(g for g in groups if fold_of[g] == f)
        model = train(train_ex)
        set_model(model)
        try:
            for g in test_groups:
                for d in docs_by.get(g, []):
                    spans = list(d.spans)
                    rows["docs"] += zip(
                        [s[2] for s in spans], predicted(d.text, spans, config), strict=True
                    )
                if g in sent_texts:
                    text, spans = sent_texts[g]
                    rows["sentences"] += zip(
                        [s[2] for s in spans], predicted(text, spans, config), strict=True
                    )
        finally:
            set_model(None)
        print(
            f"fold {f + 1}/{args.folds}: {len(test_groups)} companies held out "
            f"({time.perf_counter() - t_start:.0f}s)",
            file=sys.stderr,
        )

    all_rows = rows["docs"] + rows["sentences"]
    counts, micro, macro = score(all_rows)
    print(
        f"Clause detection, {args.folds}-fold cross-validation grouped by company "
        f"({len(groups)} companies; {len(rows['sentences'])} sentence-file sentences + "
        f"{len(rows['docs'])} document sentences), through audit_text"
    )
    print(f"{'category':26s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'support':>8s}")
    for c, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{c:26s} {p:6.3f} {r:6.3f} {f1:6.3f} {tp + fn:8d}")
    print(f"micro-F1 {micro:.3f}  macro-F1 {macro:.3f}  (all sentences)")
    for name in ("sentences", "docs"):
        _, mi, ma = score(rows[name])
        print(f"micro-F1 {mi:.3f}  macro-F1 {ma:.3f}  ({name} only)")

    return _speed(docs, sent_texts, config)


def _speed(
    docs: list[LabelledDoc], sent_texts: dict[str, tuple[str, list[Span]]], config: Config
) -> int:
    texts = [d.text for d in docs] + [t for t, _ in sent_texts.values()]
    # The shipped model, warmed up (loaded, caches filled) by one run before timing.
    clause_stage_speed(texts[:1], config)
    n, wall, cpu = clause_stage_speed(texts, config)
    print(
        f"clause stage: {n} sentences in {cpu:.2f}s CPU = {n / cpu:,.0f} sentences/s on one "
        f"core ({wall:.2f}s wall)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
