"""The grade card: one letter A (plain and fair) to E, from four sub-scores the user can see.

Each sub-score is 0-100 and comes with one plain sentence saying what cost points, so an owner
knows what to fix first:

- readability: Flesch-Kincaid grade and Flesch Reading Ease against the chosen target (the
  plain-language target or a statutory preset), and the share of very long sentences;
- fairness: unfavourable clause types found (each type counted once, clearly unfair ones twice
  as heavy) and how buried the worst instance of each is;
- completeness: the disclosures checklist items the document kind needs (contact,
  cancellation, refunds, dates, ...), with extra weight on cancellation when it auto-renews;
- care: proofreading problems (placeholders, repeated words, broken cross-references, ...).

A part that could not be assessed (no disclosures checklist) is left out and the weights of the
others are scaled up, instead of giving free points.
"""

from __future__ import annotations

from typing import Any

from tosaudit.config import Config
from tosaudit.models import Finding

LETTERS = (("A", 85), ("B", 70), ("C", 55), ("D", 40), ("E", 0))
WEIGHTS: dict[str, float] = {
    "readability": 0.35,
    "fairness": 0.30,
    "completeness": 0.25,
    "care": 0.10,
}
LABELS: dict[str, str] = {
    "readability": "Readability",
    "fairness": "Fairness",
    "completeness": "Completeness",
    "care": "Care",
}
# Points lost per unit over target. A Flesch-Kincaid grade above target costs 12 points; a
# Reading Ease point below target costs 2 (Reading Ease moves roughly 6-10 points per grade, so
# the two penalties are on a similar scale and are averaged, not added: they measure one thing).
GRADE_PENALTY = 12.0
EASE_PENALTY = 2.0
# Up to 20 points for a document where many sentences are over the long-sentence limit
# (plain-language guidance: most sentences under 25 words).
LONG_SHARE_FREE = 0.10
LONG_SHARE_PENALTY = 40.0
LONG_SHARE_MAX = 20.0
# Fairness: each clause type counts once (weight 1, clearly unfair 2, up to half as much again
# when its worst instance is buried; clauses most customers expect count half) and each unit
# keeps 88% of the score: one type costs 12 points, ten still leave a score that tells a
# document with ten from one with twenty (a linear scale would sit at 0 for most real ToS).
CLAUSE_KEEP = 0.88
MILD_CATEGORIES: dict[str, float] = {"privacy_included": 0.5, "contract_by_using": 0.5}
# Completeness item weights; the checklist says per item whether the document kind requires it.
ITEM_WEIGHTS: dict[str, float] = {
    "contact": 3.0,
    "cancellation": 3.0,
    "refunds": 2.0,
    "effective_date": 1.0,
    "changes_notice": 1.0,
    "governing_law": 1.0,
}
STATUS_CREDIT: dict[str, float] = {
    "present": 1.0,
    "instructions": 1.0,
    "partial": 0.5,
    "mention_only": 0.4,
    "missing": 0.0,
}
CARE_PENALTY = {"error": 15.0, "warning": 10.0, "info": 4.0}


def letter_for(score: float) -> str:
    """The letter for a 0-100 score."""
    return next(letter for letter, floor in LETTERS if score >= floor)


def _clamp(x: float) -> float:
    return max(0.0, min(100.0, x))


def _readability(read: dict[str, Any], config: Config) -> tuple[float, str, dict[str, Any]]:
    fk = float(read.get("flesch_kincaid_grade") or 0.0)
    fre = float(read.get("flesch_reading_ease") or 0.0)
    long_share = float(read.get("long_sentence_share") or read.get("share_long_sentences") or 0.0)
    over = max(0.0, fk - config.target_grade)
    under = max(0.0, config.target_reading_ease - fre)
    base = (_clamp(100 - GRADE_PENALTY * over) + _clamp(100 - EASE_PENALTY * under)) / 2
    long_cost = min(LONG_SHARE_MAX, LONG_SHARE_PENALTY * max(0.0, long_share - LONG_SHARE_FREE))
    score = _clamp(base - long_cost)
    if not read.get("words"):
        return 100.0, "No prose to score.", {}
    if over == 0 and under == 0:
        why = (
            f"Meets the {config.preset} target: grade {fk:.1f} (target {config.target_grade:g}"
            f" or lower), reading ease {fre:.0f} (target {config.target_reading_ease:g}+)."
        )
    else:
        why = (
            f"Reads at grade {fk:.1f} (target {config.target_grade:g}) with reading ease "
            f"{fre:.0f} (target {config.target_reading_ease:g}+)."
        )
    if long_cost:
        why += f" {long_share:.0%} of sentences are over {config.long_sentence_words} words."
    details = {
        "flesch_kincaid_grade": fk,
        "flesch_reading_ease": fre,
        "target_grade": config.target_grade,
        "target_reading_ease": config.target_reading_ease,
        "long_sentence_share": long_share,
        "preset": config.preset,
    }
    return score, why, details


def is_clause_finding(f: Finding) -> bool:
    """An unfavourable-clause finding: it has a clause category and a span in the text."""
    return bool(f.category) and f.start is not None and f.rule.startswith("CL")


def _fairness(findings: list[Finding]) -> tuple[float, str, dict[str, Any]]:
    worst: dict[str, float] = {}
    buried_types: set[str] = set()
    for f in findings:
        if not is_clause_finding(f):
            continue
        buried = float((f.buried or {}).get("score") or 0.0)
        cat = str(f.category)
        weight = (2.0 if f.severity == "error" else 1.0) * (1 + 0.5 * buried)
        weight *= MILD_CATEGORIES.get(cat, 1.0)
        worst[cat] = max(worst.get(cat, 0.0), weight)
        if buried >= 0.5:
            buried_types.add(cat)
    score = _clamp(100 * CLAUSE_KEEP ** sum(worst.values()))
    if not worst:
        why = "No unfavourable clauses found."
    else:
        names = ", ".join(c.replace("_", " ") for c in sorted(worst, key=worst.get, reverse=True))
        why = f"{len(worst)} kind{'s' if len(worst) != 1 else ''} of unfavourable clause: {names}."
        if buried_types:
            why += f" {len(buried_types)} of them well hidden (late, small print or misfiled)."
    weights = {k: round(v, 3) for k, v in sorted(worst.items())}
    return score, why, {"categories": weights, "buried": sorted(buried_types)}


def _completeness(disclosures: dict[str, Any] | None) -> tuple[float | None, str, dict[str, Any]]:
    if not disclosures:
        return None, "Not assessed: no disclosures checklist for this document.", {}
    got = total = 0.0
    missing: list[str] = []
    for name, item in disclosures.items():
        if not isinstance(item, dict) or "status" not in item or not item.get("required", True):
            continue
        w = ITEM_WEIGHTS.get(name, 1.0)
        auto_renews = bool((disclosures.get("auto_renewal") or {}).get("present"))
        if name == "cancellation" and auto_renews:
            w *= 2  # automatic renewal laws want the way to cancel spelled out
        credit = STATUS_CREDIT.get(str(item["status"]), 0.0)
        got += w * credit
        total += w
        if credit < 1:
            missing.append(f"{name.replace('_', ' ')} ({item['status'].replace('_', ' ')})")
    if not total:
        return None, "Not assessed: nothing in the checklist applies to this kind of document.", {}
    why = (
        "Everything customers need is there."
        if not missing
        else "Weak or missing: " + (", ".join(missing) + ".")
    )
    return _clamp(100 * got / total), why, {"missing": missing}


def _care(findings: list[Finding]) -> tuple[float, str, dict[str, Any]]:
    hits = [f for f in findings if f.rule.startswith("PR")]
    cost = sum(CARE_PENALTY.get(f.severity, 5.0) for f in hits)
    names = sorted({f.name.replace("-", " ") for f in hits})
    why = (
        "No proofreading problems found."
        if not hits
        else f"{len(hits)} proofreading problem{'s' if len(hits) != 1 else ''}: "
        + ", ".join(names)
        + "."
    )
    return _clamp(100 - cost), why, {"problems": len(hits)}


def grade_card(
    readability: dict[str, Any],
    findings: list[Finding],
    disclosures: dict[str, Any] | None,
    config: Config,
) -> dict[str, Any]:
    """Score readability, fairness, completeness and care (each 0-100), then a letter.

    Returns ``letter``, ``score``, ``parts`` (sub-score by name, the parts assessed),
    ``weights`` (as applied), ``explanations`` (one sentence per part), ``details`` and
    ``summary`` (the biggest drag on the grade, in words).
    """
    results: dict[str, tuple[float | None, str, dict[str, Any]]] = {
        "readability": _readability(readability or {}, config),
        "fairness": _fairness(findings),
        "completeness": _completeness(disclosures),
        "care": _care(findings),
    }
    assessed = {k: v for k, v in results.items() if v[0] is not None}
    total_w = sum(WEIGHTS[k] for k in assessed)
    weights = {k: round(WEIGHTS[k] / total_w, 4) for k in assessed}
    parts = {k: round(float(v[0]), 1) for k, v in assessed.items()}  # type: ignore[arg-type]
    score = round(sum(parts[k] * weights[k] for k in parts), 1)
    letter = letter_for(score)
    # The biggest drag: the part that lost the most weighted points.
    drag = max(parts, key=lambda k: (100 - parts[k]) * weights[k])
    if parts[drag] >= 85:
        summary = "Plain, fair and complete: keep it that way."
    else:
        summary = f"Biggest gain: {LABELS[drag].lower()}. {results[drag][1]}"
    return {
        "letter": letter,
        "score": score,
        "parts": parts,
        "weights": weights,
        "explanations": {k: v[1] for k, v in results.items()},
        "details": {k: v[2] for k, v in results.items()},
        "not_assessed": sorted(set(results) - set(assessed)),
        "summary": summary,
    }
