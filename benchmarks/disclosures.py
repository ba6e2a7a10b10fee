"""Disclosures checklist accuracy against hand labels: contact, cancellation, refunds, kind.

Usage: python benchmarks/disclosures.py [--verbose] [--corpus claudette|policies|samples]

Each labelled document (benchmarks/data/disclosures_labels.json) goes through ``audit_file``
exactly as a user runs it. Printed: accuracy of the contact status, of "has a contact channel"
(status not missing), of the cancellation status and of refunds; the document kind; and the
number of false "missing" (the checker says missing where the label says the information is
there). Documents live in three places: the 19 CLAUDETTE Terms of Service (read in place from
../shared/data/claudette/docs, never copied), benchmarks/data/policies and samples/.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tosaudit.api import audit_file

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "disclosures_labels.json"
FOLDERS = {
    "claudette": ROOT.parent / "shared" / "data" / "claudette" / "docs",
    "policies": ROOT / "benchmarks" / "data" / "policies",
    "samples": ROOT / "samples",
}
FIELDS = ("contact", "has_contact", "cancellation", "refunds", "kind")


def _predicted(report: object) -> dict[str, str]:
    d = report.disclosures  # type: ignore[attr-defined]
    return {
        "contact": d["contact"]["status"],
        "has_contact": str(d["contact"]["status"] != "missing"),
        "cancellation": d["cancellation"]["status"],
        "refunds": d["refunds"]["status"],
        "kind": report.kind,  # type: ignore[attr-defined]
    }


def _gold(label: dict[str, str]) -> dict[str, str]:
    return {
        "contact": label["contact"],
        "has_contact": str(label["contact"] != "missing"),
        "cancellation": label["cancellation"],
        "refunds": label["refunds"],
        "kind": label["kind"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every document's result")
    ap.add_argument(
        "--corpus", choices=sorted(FOLDERS), action="append", help="only these corpora (repeatable)"
    )
    args = ap.parse_args(argv)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    corpora = set(args.corpus or FOLDERS)

    right = {f: 0 for f in FIELDS}
    total = 0
    false_missing: list[str] = []
    wrong: list[str] = []
    per_corpus: dict[str, list[int]] = {}
    elapsed = 0.0
    for name, label in sorted(labels.items()):
        if label["corpus"] not in corpora:
            continue
        path = FOLDERS[label["corpus"]] / name
        if not path.exists():
            print(f"skip {name}: {path} not found")
            continue
        t0 = time.perf_counter()
        report = audit_file(path)
        elapsed += time.perf_counter() - t0
        if report.error:
            print(f"{name}: error: {report.error}")
            continue
        pred, gold = _predicted(report), _gold(label)
        total += 1
        stats = per_corpus.setdefault(label["corpus"], [0, 0, 0])
        stats[0] += 1
        stats[1] += pred["has_contact"] == gold["has_contact"]
        stats[2] += pred["cancellation"] == gold["cancellation"]
        for f in FIELDS:
            right[f] += pred[f] == gold[f]
            if pred[f] != gold[f] and f != "has_contact":
                wrong.append(f"  {name}: {f} predicted {pred[f]}, labelled {gold[f]}")
        for f in ("contact", "cancellation", "refunds"):
            if pred[f] == "missing" and gold[f] != "missing":
                false_missing.append(f"  {name}: {f} said missing, labelled {gold[f]}")
        if args.verbose:
            print(f"{name:<28} " + " ".join(f"{f}={pred[f]}" for f in FIELDS))

    if not total:
        print("no labelled documents found")
        return 1
    print(f"documents: {total} ({', '.join(f'{k} {v[0]}' for k, v in sorted(per_corpus.items()))})")
    names = {
        "has_contact": "has a contact channel",
        "contact": "contact status (present/partial/missing)",
        "cancellation": "cancellation status (instructions/mention_only/missing)",
        "refunds": "refunds (present/missing)",
        "kind": "document kind",
    }
    for f in ("has_contact", "contact", "cancellation", "refunds", "kind"):
        print(f"{names[f]:<58} {right[f]:>3}/{total}  {100 * right[f] / total:5.1f}%")
    for corpus, (n, contact_ok, cancel_ok) in sorted(per_corpus.items()):
        print(f"  {corpus:<10} has contact {contact_ok}/{n}, cancellation {cancel_ok}/{n}")
    print(f"false 'missing': {len(false_missing)}")
    for line in false_missing:
        print(line)
    if wrong:
        print("disagreements:")
        for line in wrong:
            print(line)
    print(f"audit time: {elapsed:.2f} s for {total} documents (whole pipe, cold caches first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
