"""diff_records: clause matching, readability change, disclosures gained and lost."""

from __future__ import annotations

from tosaudit.diff import diff_records, normalise, render_text


def _rec(source, clauses=(), disclosures=None, fre=50.0, letter="C"):
    return {
        "source": source,
        "grade": {"letter": letter, "score": 60.0},
        "readability": {"flesch_reading_ease": fre, "flesch_kincaid_grade": 10.0, "words": 100},
        "disclosures": disclosures,
        "findings": [
            {
                "rule": "CL",
                "category": c,
                "excerpt": t,
                "message": "m",
                "severity": "warning",
                "line": 1,
            }
            for c, t in clauses
        ],
    }


def test_normalise_ignores_case_punctuation_numbering_and_wrapping():
    assert normalise("4.2  We MAY,\nat any time — change these Terms.") == (
        "we may at any time change these terms"
    )


def test_clause_matching():
    old = _rec(
        "old",
        [
            ("arbitration", "Disputes go to binding arbitration in Delaware."),
            ("auto_renewal", "Your plan renews automatically every month."),
        ],
    )
    new = _rec(
        "new",
        [
            ("arbitration", "Disputes go to binding arbitration in New York."),
            ("auto_renewal", "YOUR PLAN RENEWS AUTOMATICALLY every month"),
            ("no_refund", "All fees are non-refundable."),
        ],
    )
    d = diff_records(old, new)
    # A one-place edit of the same clause is a near match; a new category is added.
    assert [c["category"] for c in d["clauses_added"]] == ["no_refund"]
    assert d["clauses_removed"] == []
    different = _rec("new", [("arbitration", "You may bring claims in small claims court.")])
    d = diff_records(old, different)
    assert [c["category"] for c in d["clauses_added"]] == ["arbitration"]
    assert sorted(c["category"] for c in d["clauses_removed"]) == ["arbitration", "auto_renewal"]


def test_disclosures_gained_lost_changed():
    old = _rec(
        "old",
        disclosures={
            "contact": {"status": "partial"},
            "cancellation": {"status": "instructions"},
            "auto_renewal": {"present": False},
            "refunds": {"status": "missing"},
        },
    )
    new = _rec(
        "new",
        fre=58.5,
        letter="B",
        disclosures={
            "contact": {"status": "present"},
            "cancellation": {"status": "mention_only"},
            "auto_renewal": {"present": True},
            "refunds": {"status": "missing"},
        },
    )
    d = diff_records(old, new)
    assert d["disclosures_gained"] == [{"item": "contact", "old": "partial", "new": "present"}]
    assert d["disclosures_lost"] == [
        {"item": "cancellation", "old": "instructions", "new": "mention_only"}
    ]
    assert d["disclosures_changed"] == [{"item": "auto_renewal", "old": "absent", "new": "present"}]
    assert d["readability"]["flesch_reading_ease"]["change"] == 8.5
    text = render_text(d)
    assert "Grade: C (60.0) -> B (60.0)" in text
    assert "Disclosures lost: cancellation (instructions -> mention_only)" in text
    assert "reading ease 50.0 -> 58.5 (+8.5)" in text


def test_missing_disclosures_on_either_side():
    d = diff_records(_rec("a"), _rec("b", disclosures={"contact": {"status": "present"}}))
    assert d["disclosures_gained"] == [{"item": "contact", "old": None, "new": "present"}]
