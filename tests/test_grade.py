"""The grade card: sub-scores move with what they measure, and each says why."""

from __future__ import annotations

import pytest

from tosaudit.config import Config
from tosaudit.grade import grade_card, letter_for
from tosaudit.models import Finding

PLAIN_READ = {
    "flesch_kincaid_grade": 6.0,
    "flesch_reading_ease": 70.0,
    "words": 500,
    "long_sentence_share": 0.02,
}
HARD_READ = {
    "flesch_kincaid_grade": 14.0,
    "flesch_reading_ease": 30.0,
    "words": 500,
    "long_sentence_share": 0.5,
}
ALL_PRESENT = {
    "contact": {"status": "present", "required": True},
    "cancellation": {"status": "instructions", "required": True},
    "refunds": {"status": "present", "required": True},
    "auto_renewal": {"present": False},
    "effective_date": {"status": "present", "required": True},
}


def clause(cat: str, sev: str = "warning", buried: float = 0.0, start: int | None = 0) -> Finding:
    return Finding(
        rule="CL210",
        name=cat,
        severity=sev,
        message="m",
        explanation="e",
        source="pattern",
        category=cat,
        start=start,
        end=None if start is None else 5,
        buried={"score": buried, "reasons": []},
    )


def card(read=PLAIN_READ, findings=(), disclosures=ALL_PRESENT, config=None):
    return grade_card(read, list(findings), disclosures, config or Config())


def test_plain_fair_complete_is_a() -> None:
    g = card()
    assert g["letter"] == "A" and g["score"] == 100.0
    assert g["explanations"]["fairness"] == "No unfavourable clauses found."
    assert g["summary"] == "Plain, fair and complete: keep it that way."


def test_hard_text_loses_readability_and_says_why() -> None:
    g = card(read=HARD_READ)
    assert g["parts"]["readability"] < 40
    assert "grade 14.0 (target 8)" in g["explanations"]["readability"]
    assert "50% of sentences are over 25 words" in g["explanations"]["readability"]
    assert g["summary"].startswith("Biggest gain: readability.")


def test_statutory_preset_is_more_lenient_than_plain() -> None:
    plain = card(read=HARD_READ)["parts"]["readability"]
    florida = card(read=HARD_READ, config=Config().with_preset("florida"))["parts"]["readability"]
    assert florida > plain


def test_fairness_counts_each_kind_once_and_weighs_severity_and_burial() -> None:
    one = card(findings=[clause("arbitration")])["parts"]["fairness"]
    same_kind_twice = card(findings=[clause("arbitration")] * 2)["parts"]["fairness"]
    two_kinds = card(findings=[clause("arbitration"), clause("auto_renewal")])["parts"]["fairness"]
    clearly = card(findings=[clause("arbitration", "error")])["parts"]["fairness"]
    buried = card(findings=[clause("arbitration", buried=1.0)])["parts"]["fairness"]
    mild = card(findings=[clause("privacy_included")])["parts"]["fairness"]
    assert one == same_kind_twice == 88.0
    assert two_kinds < one and clearly < one and buried < one and mild > one
    many = card(findings=[clause(f"c{i}") for i in range(10)])["parts"]["fairness"]
    assert 0 < many < 40  # still tells 10 kinds from 20
    assert card(findings=[clause(f"c{i}") for i in range(20)])["parts"]["fairness"] < many


def test_document_scope_or_non_clause_findings_do_not_cost_fairness() -> None:
    g = card(
        findings=[
            clause("arbitration", start=None),
            Finding(
                rule="RD101",
                name="hard",
                severity="warning",
                message="m",
                explanation="e",
                source="readability",
                start=0,
                end=4,
            ),
        ]
    )
    assert g["parts"]["fairness"] == 100.0


def test_completeness_partial_missing_and_auto_renewal() -> None:
    d = {
        **ALL_PRESENT,
        "contact": {"status": "partial", "required": True},
        "cancellation": {"status": "missing", "required": True},
    }
    g = card(disclosures=d)
    assert g["parts"]["completeness"] < 70
    assert g["explanations"]["completeness"] == (
        "Weak or missing: contact (partial), cancellation (missing)."
    )
    renews = card(disclosures={**d, "auto_renewal": {"present": True}})
    assert renews["parts"]["completeness"] < g["parts"]["completeness"]
    not_needed = {**ALL_PRESENT, "refunds": {"status": "missing", "required": False}}
    assert card(disclosures=not_needed)["parts"]["completeness"] == 100.0


def test_no_checklist_is_not_assessed_and_weights_rescale() -> None:
    g = card(disclosures=None)
    assert "completeness" not in g["parts"] and g["not_assessed"] == ["completeness"]
    assert sum(g["weights"].values()) == pytest.approx(1.0, abs=1e-3)


def test_care_counts_proofreading_findings() -> None:
    pr = Finding(
        rule="PR101",
        name="placeholder-text",
        severity="error",
        message="m",
        explanation="e",
        source="pattern",
        start=0,
        end=3,
    )
    g = card(findings=[pr, pr])
    assert g["parts"]["care"] == 70.0
    assert g["explanations"]["care"] == "2 proofreading problems: placeholder text."


@pytest.mark.parametrize(
    ("score", "letter"),
    [(100, "A"), (85, "A"), (84.9, "B"), (70, "B"), (55, "C"), (40, "D"), (39.9, "E"), (0, "E")],
)
def test_letters(score: float, letter: str) -> None:
    assert letter_for(score) == letter
