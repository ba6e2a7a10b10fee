"""Error analysis for clause detection: the grouped cross-validation of ``clauses.py``, but
printing every false positive and false negative instead of only the scores.

For each labelled sentence that was wrongly flagged or missed it prints the category, where it
came from (sentence file or document), which side fired (pattern / model / pattern+model), the
labelled text and our segmented sentence(s) overlapping it (when they differ), plus the CLAUDETTE
level of the category when the documents give one (level 1 = annotated as fair).

    python benchmarks/clause_errors.py [--category arbitration] [--limit 40] [--folds 5]
    python benchmarks/clause_errors.py --summary      # counts of error kinds only
    python benchmarks/clause_errors.py --agreement    # how consistent the labels themselves are
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from clauses import sentence_texts  # noqa: E402

from tosaudit.api import audit_text  # noqa: E402
from tosaudit.clauses.features import tokens  # noqa: E402
from tosaudit.clauses.model import set_model  # noqa: E402
from tosaudit.config import Config  # noqa: E402
from tosaudit.models import Document  # noqa: E402
from tosaudit.segment import segment  # noqa: E402
from tosaudit.training.data import (  # noqa: E402
    CATEGORIES,
    DEFAULT_DATA,
    Example,
    LabelledDoc,
    load_all,
)
from tosaudit.training.train import _shuffled, train  # noqa: E402


def label_agreement(examples: list[Example]) -> dict[str, tuple[int, int]]:
    """Per category, (both, only one) over sentences of one company found word-for-word in both
    the sentence file and a document: how consistently the data itself labels the same wording.

    2*both / (2*both + only_one) is the F1 of one annotation measured against the other, a
    practical ceiling for any model scored against these labels.
    """
    norm = {}
    for e in examples:
        if e.origin == "sentences":
            norm.setdefault((e.group, " ".join(tokens(e.text))), e.labels)
    out = {c: (0, 0) for c in CATEGORIES}
    for e in examples:
        other = norm.get((e.group, " ".join(tokens(e.text)))) if e.origin == "docs" else None
        if other is None:
            continue
        for c in CATEGORIES:
            a, b = c in e.labels, c in other
            if a or b:
                both, one = out[c]
                out[c] = (both + (a and b), one + (a != b))
    return out


def print_agreement(examples: list[Example]) -> None:
    """Print the label self-agreement table (see :func:`label_agreement`)."""
    agree = label_agreement(examples)
    print("Label self-agreement on identical sentences (sentence file vs document, same company)")
    tb = to = 0
    f1s = []
    for c, (both, one) in agree.items():
        f1 = 2 * both / (2 * both + one) if both + one else 0.0
        f1s.append(f1)
        tb, to = tb + both, to + one
        print(f"  {c:26s} both {both:3d}  only one {one:3d}  F1 {f1:.3f}")
    print(
        f"  micro-F1 {2 * tb / (2 * tb + to):.3f}  macro-F1 {sum(f1s) / len(f1s):.3f}"
        " (one annotation scored against the other)"
    )


def doc_levels(data: Path, name: str) -> list[dict[str, int]]:
    """The per-span ``levels`` dicts of one document's labels file (level 1 = fair)."""
    out = []
    with (data / "docs" / f"{name}.labels.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line).get("levels", {}))
    return out


def analyse(text: str, spans, config: Config) -> list[dict]:
    """One record per labelled span: truth, predicted categories with sources, our sentences."""
    report = audit_text(text, config)
    seg = segment(Document(text=text, source="x", format="txt"))
    sents = [(s.start, s.end) for s in seg.sentences]
    recs = []
    for s, e, labels in spans:
        recs.append(
            {
                "start": s,
                "end": e,
                "truth": set(labels),
                "pred": defaultdict(set),
                "ours": [text[a:b] for a, b in sents if a < e and s < b],
                "text": text[s:e],
            }
        )
    starts = [r["start"] for r in recs]
    import bisect

    for f in report.findings:
        if f.category not in CATEGORIES or f.start is None:
            continue
        i = max(bisect.bisect_right(starts, f.start) - 1, 0)
        while i < len(recs) and recs[i]["start"] < f.end:
            r = recs[i]
            if r["start"] < f.end and f.start < r["end"]:
                r["pred"][f.category].add(f.source)
            i += 1
    return recs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--category", default=None)
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--dump", type=Path, default=None, help="write all records as JSONL")
    ap.add_argument("--agreement", action="store_true", help="only the label self-agreement")
    args = ap.parse_args(argv)
    examples, docs = load_all(args.data)
    print_agreement(examples)
    if args.agreement:
        return 0
    config = Config(rewrites=False)
    sent_texts = sentence_texts(examples)
    groups = sorted({e.group for e in examples})
    fold_of = {g: i % args.folds for i, g in enumerate(_shuffled(groups))}
    docs_by: dict[str, list[LabelledDoc]] = defaultdict(list)
    for d in docs:
        docs_by[d.group].append(d)
    recs: list[dict] = []
    for f in range(args.folds):
        set_model(train([e for e in examples if fold_of[e.group] != f]))
        try:
            for g in sorted(g for g in groups if fold_of[g] == f):
                for d in docs_by.get(g, []):
                    levels = doc_levels(args.data, d.name)
                    for r, lv in zip(analyse(d.text, d.spans, config), levels, strict=True):
                        r.update(origin="docs", group=g, levels=lv)
                        recs.append(r)
                if g in sent_texts:
                    text, spans = sent_texts[g]
                    for r in analyse(text, spans, config):
                        r.update(origin="sentences", group=g, levels={})
                        recs.append(r)
        finally:
            set_model(None)
        print(f"fold {f + 1}/{args.folds} done", file=sys.stderr)

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(
                    json.dumps(
                        {
                            **r,
                            "truth": sorted(r["truth"]),
                            "pred": {k: sorted(v) for k, v in r["pred"].items()},
                        }
                    )
                    + "\n"
                )
    kinds: Counter[tuple[str, str, str]] = Counter()
    for c in CATEGORIES:
        if args.category and c != args.category:
            continue
        shown = 0
        for r in recs:
            t, p = c in r["truth"], c in r["pred"]
            if t == p:
                continue
            kind = "FN" if t else "FP"
            src = ",".join(sorted(r["pred"].get(c, ()))) or "-"
            lvl = r["levels"].get(c)
            multi = len(r["ours"]) != 1 or r["ours"][0].strip() != r["text"].strip()
            kinds[(c, kind, f"{r['origin']}/{src}/lvl{lvl}/{'seg' if multi else 'same'}")] += 1
            if args.summary or shown >= args.limit:
                continue
            shown += 1
            print(f"[{c} {kind}] {r['origin']}:{r['group']} src={src} level={lvl}")
            print(f"    label: {r['text'][:400]!r}")
            if multi:
                for o in r["ours"][:3]:
                    print(f"    ours : {o[:400]!r}")
    for k, n in sorted(kinds.items()):
        print(f"{n:5d}  {' '.join(k)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
