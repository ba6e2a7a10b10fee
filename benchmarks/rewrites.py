"""Benchmark: verified plain rewrites over the CLAUDETTE full Terms of Service.

    .venv/bin/python benchmarks/rewrites.py [DOCS_FOLDER] [--misses N]

Prints, over every ``*.txt`` in the folder (default ../shared/data/claudette/docs):
- the share of sentences above grade 12 that get a verified rewrite (all of them, and those of
  at least 5 words, which is what RD101 flags);
- the mean Flesch-Kincaid drop of the offered rewrites;
- the whole-document grade before and after applying every suggestion (the plain version is
  audited again from scratch, so its grade is what a reader of the new text would get);
- how many rewrites the verification rejected;
- an independent re-check of every offered rewrite (its own extraction, not tosaudit's) for a
  lost number, date, amount or negation: this count must be 0;
- the audit time per document with and without rewrites, next to textstat's eight metrics;
- with ``--misses N``: why sentences above grade 12 get no rewrite (nothing to change, too
  short or long to try, or the checks that failed), and N of them at random (seed 0) with
  their reason, to see which transformations are missing.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from tosaudit.api import audit_text
from tosaudit.config import Config
from tosaudit.readability import textstat_reference
from tosaudit.rewrite.plain import plain_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT.parent / "shared" / "data" / "claudette" / "docs"

# Independent extraction (deliberately not tosaudit.rewrite.verify's code).
_DIGITS = re.compile(r"\d+")
_MONTHS = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|"
    r"aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_AMOUNT = re.compile(r"[$\u20ac\u00a3]|(?i:\b(?:usd|eur|gbp|dollars?|euros?)\b)")
_NEG = re.compile(
    r"(?i)\b(?:not|no|never|without|unless|except|nor|neither|none|nothing)\b"
    r"|n[\u2019']t\b|(?i:\bcannot\b)"
)


def _independent_losses(before: str, after: str) -> list[str]:
    losses = []
    for name, rx in (
        ("number", _DIGITS),
        ("date", _MONTHS),
        ("amount", _AMOUNT),
        ("negation", _NEG),
    ):
        b = Counter(m.lower() for m in rx.findall(before))
        a = Counter(m.lower() for m in rx.findall(after))
        if name == "negation":  # "cannot"/"can't" and "not" are the same negation
            b, a = Counter({"neg": sum(b.values())}), Counter({"neg": sum(a.values())})
        lost = b - a
        if lost:
            losses.append(f"{name}: {', '.join(sorted(lost.elements()))}")
    return losses


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    misses_wanted = 0
    if "--misses" in args:
        at = args.index("--misses")
        try:
            misses_wanted = int(args[at + 1])
        except (IndexError, ValueError):
            print("--misses needs a number", file=sys.stderr)
            return 2
        del args[at : at + 2]
    folder = Path(args[0]) if args else DEFAULT_DOCS
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        print(f"{folder}: no .txt documents", file=sys.stderr)
        return 2
    off = Config(rewrites=False)
    hard = hard5 = got = got5 = rejected = offered = 0
    drops: list[float] = []
    drops_hard: list[float] = []
    losses: list[tuple[str, str, list[str]]] = []
    rows = []
    misses: list[tuple[str, str, str]] = []  # (document, sentence, reason)
    t_rw = t_plain = t_ts = 0.0
    audit_text(paths[0].read_text(encoding="utf-8"))  # warm caches (syllables, tables)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        audit_text(text, off, source=path.name)  # warm the syllable cache for this document
        t0 = time.perf_counter()
        audit_text(text, off, source=path.name)
        t1 = time.perf_counter()
        report = audit_text(text, source=path.name)
        t2 = time.perf_counter()
        textstat_reference(text)
        t3 = time.perf_counter()
        t_plain += t1 - t0
        t_rw += t2 - t1
        t_ts += t3 - t2
        verified: dict[tuple[int, int], dict] = {}
        seen: dict[tuple[int, int], dict] = {}
        for f in report.findings:
            rw = (f.extra or {}).get("rewrite")
            if not rw or f.start is None or (f.start, f.end) in seen:
                continue
            seen[(f.start, f.end)] = rw
            if rw.get("rejected"):
                rejected += 1
            if f.suggestion and rw.get("verified"):
                verified[(f.start, f.end)] = rw
                offered += 1
                drops.append(rw["grade_before"] - rw["grade_after"])
                lost = _independent_losses(f.excerpt or "", f.suggestion)
                if lost:
                    losses.append((path.name, f.excerpt or "", lost))
        for s in report.sentences:
            if s["flesch_kincaid_grade"] <= 12:
                continue
            hard += 1
            hit = (s["start"], s["end"]) in verified
            got += hit
            if s["words"] >= 5:
                hard5 += 1
                got5 += hit
            if hit:
                rw = verified[(s["start"], s["end"])]
                drops_hard.append(rw["grade_before"] - rw["grade_after"])
            else:
                rec = seen.get((s["start"], s["end"]))
                if rec is None:
                    reason = "not tried (under 4 or over 250 words, or no finding)"
                elif rec.get("rejected"):
                    reason = "failed: " + ", ".join(rec.get("failed", []))
                else:
                    reason = "nothing to change"
                misses.append((path.name, text[s["start"] : s["end"]], reason))
        plain = plain_text(report)
        after = audit_text(plain, off, source=path.name)
        rows.append(
            (
                path.name,
                report.readability["flesch_kincaid_grade"],
                after.readability["flesch_kincaid_grade"],
                report.readability["flesch_reading_ease"],
                after.readability["flesch_reading_ease"],
                len(verified),
            )
        )

    print(f"documents: {len(paths)} ({folder})")
    print(
        f"{'document':24} {'FK before':>9} {'FK after':>9} {'FRE before':>10} {'FRE after':>9} "
        f"{'rewrites':>8}"
    )
    for name, g0, g1, e0, e1, n in rows:
        print(f"{name:24} {g0:9.2f} {g1:9.2f} {e0:10.2f} {e1:9.2f} {n:8d}")
    g0s = [r[1] for r in rows]
    g1s = [r[2] for r in rows]
    print(
        f"{'mean':24} {statistics.mean(g0s):9.2f} {statistics.mean(g1s):9.2f} "
        f"{statistics.mean(r[3] for r in rows):10.2f} {statistics.mean(r[4] for r in rows):9.2f}"
    )
    print()
    print(
        f"sentences above grade 12: {hard}; with a verified rewrite: {got} "
        f"({100 * got / max(hard, 1):.1f}%)"
    )
    print(
        f"  of them with >= 5 words (RD101): {hard5}; with a verified rewrite: {got5} "
        f"({100 * got5 / max(hard5, 1):.1f}%)"
    )
    print(
        f"offered rewrites: {offered}; mean Flesch-Kincaid drop: {statistics.mean(drops):.2f} "
        f"grades (median {statistics.median(drops):.2f})"
    )
    if drops_hard:
        print(f"  for sentences above grade 12: mean drop {statistics.mean(drops_hard):.2f} grades")
    print(f"rewrites rejected by verification (not offered): {rejected}")
    print(
        f"offered rewrites losing a number, date, amount or negation (independent check): "
        f"{len(losses)}"
    )
    for name, excerpt, lost in losses[:10]:
        print(f"  {name}: {lost}: {excerpt[:120]}")
    if misses_wanted:
        print()
        print(f"sentences above grade 12 without a verified rewrite: {len(misses)}")
        for reason, count in Counter(r for _, _, r in misses).most_common():
            print(f"  {count:5d}  {reason}")
        for name, sentence, reason in random.Random(0).sample(
            misses, min(misses_wanted, len(misses))
        ):
            print(f"- {name}: [{reason}] {' '.join(sentence.split())[:300]}")
    n = len(paths)
    print(
        f"time per document: audit {1000 * t_rw / n:.1f} ms, audit without rewrites "
        f"{1000 * t_plain / n:.1f} ms, textstat's eight metrics {1000 * t_ts / n:.1f} ms "
        f"(audit/textstat {t_rw / t_ts:.2f}x)"
    )
    return 1 if losses else 0


if __name__ == "__main__":
    raise SystemExit(main())
