"""Clause detection and disclosures on held-out real Terms of Service nobody tuned to.

Usage: python benchmarks/unseen.py [--verbose]

The documents and their blind hand labels live in benchmarks/data/unseen (see its README). Each
document's text goes through ``audit_text`` with the shipped model and default configuration,
exactly as a user gets it, so every finding's offsets index the saved file. Scoring per CLAUDETTE
category:

- a labelled sentence overlapped by at least one finding of its category is a true positive;
- a labelled sentence with no overlapping finding of its category is a false negative;
- a finding that overlaps no labelled sentence of its category is a false positive (once per
  finding, so two findings on the same unlabelled sentence are two false positives).

Printed: per-category precision, recall, F1 and support; micro-F1; macro-F1 over the categories
with support > 0 (the ones without support are named); and the disclosures status accuracy
(contact, cancellation, refunds) of ``audit_file`` against disclosures.json. ``--verbose`` also
prints every false positive and false negative with a short excerpt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosaudit.api import audit_file, audit_text  # noqa: E402
from tosaudit.training.data import CATEGORIES  # noqa: E402  (the 8 CLAUDETTE categories)

DATA = ROOT / "benchmarks" / "data" / "unseen"
DISCLOSURE_FIELDS = ("contact", "cancellation", "refunds")


@dataclass
class Label:
    """One hand-labelled sentence: its span and the categories at level 2 or 3."""

    start: int
    end: int
    labels: frozenset[str]


@dataclass
class Tally:
    """Counts and the errors behind them, per category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)


def load_labels(path: Path) -> list[Label]:
    """Read a ``.labels.jsonl`` file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Label(row["start"], row["end"], frozenset(row["labels"])))
    return out


def documents() -> list[tuple[str, Path]]:
    """(name, path) of every labelled document, sorted by name."""
    return [(p.stem, p) for p in sorted(DATA.glob("*.md")) if p.name != "README.md"]


def excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    """A one-line excerpt of ``text[start:end]``, shortened in the middle."""
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[: width - 25] + " ... " + s[-20:]


def score_document(
    name: str, text: str, labels: list[Label], findings: list, tallies: dict[str, Tally]
) -> None:
    """Add one document's TP/FP/FN per category to ``tallies``."""
    spans = [
        (f.start, f.end, f.category, f.rule)
        for f in findings
        if f.category in CATEGORIES and f.start is not None and f.end is not None
    ]
    for cat in CATEGORIES:
        t = tallies[cat]
        gold = [lab for lab in labels if cat in lab.labels]
        mine = [(s, e, rule) for s, e, c, rule in spans if c == cat]
        for lab in gold:
            if any(s < lab.end and lab.start < e for s, e, _ in mine):
                t.tp += 1
            else:
                t.fn += 1
                t.errors.append(f"FN {name}@{lab.start}: {excerpt(text, lab.start, lab.end)}")
        for s, e, rule in mine:
            if not any(s < lab.end and lab.start < e for lab in gold):
                t.fp += 1
                t.errors.append(f"FP {name}@{s} {rule}: {excerpt(text, s, e)}")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def disclosures_accuracy(verbose: bool) -> None:
    """Print status accuracy of the disclosures checklist against disclosures.json."""
    gold = json.loads((DATA / "disclosures.json").read_text(encoding="utf-8"))["documents"]
    right = dict.fromkeys(DISCLOSURE_FIELDS, 0)
    wrong: list[str] = []
    for fname, label in sorted(gold.items()):
        report = audit_file(DATA / fname)
        if report.error:
            print(f"  {fname}: error: {report.error}")
            continue
        got = {k: report.disclosures[k]["status"] for k in DISCLOSURE_FIELDS}
        for k in DISCLOSURE_FIELDS:
            ok = got[k] == label[k]
            right[k] += ok
            if not ok:
                wrong.append(f"  WRONG {fname} {k}: predicted {got[k]}, labelled {label[k]}")
    n = len(gold)
    print(f"disclosures (audit_file, {n} documents):")
    for k in DISCLOSURE_FIELDS:
        print(f"  {k:14s} {right[k]}/{n} = {right[k] / n:.2f}")
    if verbose:
        print("\n".join(wrong))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every FP and FN with an excerpt")
    args = ap.parse_args(argv)
    docs = documents()
    if not docs:
        print(f"no documents in {DATA}", file=sys.stderr)
        return 2
    tallies = {c: Tally() for c in CATEGORIES}
    n_sent = 0
    for name, path in docs:
        text = path.read_text(encoding="utf-8")
        labels = load_labels(path.with_name(f"{name}.labels.jsonl"))
        n_sent += sum(1 for lab in labels if lab.labels)
        report = audit_text(text, source=path.name)
        if report.error:
            print(f"{name}: error: {report.error}", file=sys.stderr)
            return 1
        score_document(name, text, labels, report.findings, tallies)

    print(
        f"unseen Terms of Service, {dt.date.today().isoformat()}: {len(docs)} documents "
        f"({', '.join(n for n, _ in docs)}), {n_sent} sentences labelled unfair (level 2/3), "
        "through audit_text"
    )
    print(
        f"{'category':26s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'support':>8s} "
        f"{'TP':>4s} {'FP':>4s} {'FN':>4s}"
    )
    f1s, none = [], []
    for cat in CATEGORIES:
        t = tallies[cat]
        p, r, f = prf(t.tp, t.fp, t.fn)
        support = t.tp + t.fn
        if support:
            f1s.append(f)
        else:
            none.append(cat)
        if not support and not t.fp:
            print(f"{cat:26s} {'-':>6s} {'-':>6s} {'-':>6s} {0:8d} {0:4d} {0:4d} {0:4d}")
            continue
        print(f"{cat:26s} {p:6.3f} {r:6.3f} {f:6.3f} {support:8d} {t.tp:4d} {t.fp:4d} {t.fn:4d}")
    tp = sum(t.tp for t in tallies.values())
    fp = sum(t.fp for t in tallies.values())
    fn = sum(t.fn for t in tallies.values())
    mp, mr, mf = prf(tp, fp, fn)
    print(f"micro: precision {mp:.3f} recall {mr:.3f} F1 {mf:.3f}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    print(
        f"macro-F1 {macro:.3f} over {len(f1s)} categories with support"
        + (f" (no support: {', '.join(none)})" if none else "")
    )
    disclosures_accuracy(args.verbose)
    if args.verbose:
        for cat in CATEGORIES:
            for line in tallies[cat].errors:
                print(f"  [{cat}] {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
