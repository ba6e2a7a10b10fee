"""The grade card: one letter A (plain and fair) to E, from sub-scores the user can see."""

from __future__ import annotations

from typing import Any

from tosaudit.config import Config
from tosaudit.models import Finding

LETTERS = (("A", 85), ("B", 70), ("C", 55), ("D", 40), ("E", 0))


def grade_card(
    readability: dict[str, Any],
    findings: list[Finding],
    disclosures: dict[str, Any] | None,
    config: Config,
) -> dict[str, Any]:
    """Score readability, fairness, completeness and care (each 0-100), then a letter."""
    fre = readability.get("flesch_reading_ease", 0.0)
    fk = readability.get("flesch_kincaid_grade", 0.0)
    # 100 at or under target; 10 points lost per grade above it; same idea for reading ease.
    read_score = max(0.0, min(100.0, 100 - 10 * max(0.0, fk - config.target_grade)
                              - max(0.0, config.target_reading_ease - fre)))
    clause = [f for f in findings if f.category]
    unfair = sum(2 if f.severity == "error" else 1 for f in clause)
    fairness = max(0.0, 100 - 8 * unfair)
    if disclosures:
        items = [v for v in disclosures.values() if isinstance(v, dict) and "status" in v]
        good = sum(1 for v in items if v["status"] in ("present", "instructions"))
        completeness = 100 * good / len(items) if items else 100.0
    else:
        completeness = 100.0
    care_hits = sum(1 for f in findings if "proofreading" in f.rule.lower() or f.rule.startswith("PR"))
    care = max(0.0, 100 - 15 * care_hits)
    parts = {
        "readability": round(read_score, 1),
        "fairness": round(fairness, 1),
        "completeness": round(completeness, 1),
        "care": round(care, 1),
    }
    weights = {"readability": 0.35, "fairness": 0.3, "completeness": 0.25, "care": 0.1}
    score = sum(parts[k] * w for k, w in weights.items())
    letter = next(letter for letter, floor in LETTERS if score >= floor)
    return {"letter": letter, "score": round(score, 1), "parts": parts, "weights": weights}
