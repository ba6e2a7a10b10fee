"""Every clause category: sentences its patterns must match, must not match, and severities."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tosaudit.clauses.patterns import load_specs

CASES = yaml.safe_load((Path(__file__).with_name("clause_cases.yaml")).read_text(encoding="utf-8"))


def _hit(category: str, sentence: str) -> bool:
    spec = load_specs()[category]
    folded = " ".join(sentence.lower().split())
    return spec.triggered(folded) and spec.pattern_hit(sentence, 0, len(sentence)) is not None


def _params(kind: str) -> list[tuple[str, str]]:
    return [(cat, s) for cat, rec in CASES.items() for s in rec.get(kind, [])]


def test_every_category_has_cases() -> None:
    assert set(CASES) == set(load_specs())
    for cat, rec in CASES.items():
        assert len(rec["match"]) >= 2 and len(rec["no_match"]) >= 2, cat


@pytest.mark.parametrize(("category", "sentence"), _params("match"))
def test_pattern_matches(category: str, sentence: str) -> None:
    assert _hit(category, sentence)


@pytest.mark.parametrize(("category", "sentence"), _params("no_match"))
def test_pattern_does_not_match(category: str, sentence: str) -> None:
    assert not _hit(category, sentence)


@pytest.mark.parametrize(
    ("category", "sentence", "severity"),
    [(c, s, sev) for c, rec in CASES.items() for s, sev in rec.get("severity", {}).items()],
)
def test_severity_from_wording(category: str, sentence: str, severity: str) -> None:
    assert _hit(category, sentence)
    assert load_specs()[category].severity_of(sentence, 0, len(sentence)) == severity


def test_notice_is_milder_than_no_notice() -> None:
    spec = load_specs()["unilateral_change"]
    harsh = "We may change these Terms at any time without notice."
    mild = "We may change these Terms; we will notify you 30 days before changes."
    assert spec.severity_of(harsh, 0, len(harsh)) == "error"
    assert spec.severity_of(mild, 0, len(mild)) == "warning"


def test_summaries_fill_slots() -> None:
    specs = load_specs()
    law = "These Terms are governed by the laws of the State of California, without regard to it."
    assert specs["choice_of_law"].summarise(law, 0, len(law)) == (
        "The laws of the State of California govern these terms."
    )
    venue = specs["jurisdiction"]
    for sentence, place in [
        (
            "You agree to the exclusive venue of the courts located in the City and County of "
            "San Francisco, California.",
            "the City and County of San Francisco, California",
        ),
        ("Claims must be brought in the courts of England and Wales.", "England and Wales"),
        (
            "Claims shall be brought in the courts of the State of New York, and You waive any "
            "objection to venue.",
            "the State of New York",
        ),
    ]:
        assert venue.summarise(sentence, 0, len(sentence)) == (
            f"Court cases must be brought in the courts of {place}, which may be far from you."
        )
    vague = "You submit to the exclusive jurisdiction of the courts of competent jurisdiction."
    assert venue.summarise(vague, 0, len(vague)) == venue.summary
    renew = "Your membership renews automatically each month until you cancel."
    assert "each month" in specs["auto_renewal"].summarise(renew, 0, len(renew))
    change = "We may change these terms to reflect changes in the law."
    assert specs["unilateral_change"].summarise(change, 0, len(change)) == (
        "The company can change these terms or the service on its own."
    )
    by_using = "We may change these terms; your continued use of the app means you accept them."
    assert "using the service afterwards means you accept" in specs["unilateral_change"].summarise(
        by_using, 0, len(by_using)
    )
    keep = "If you keep using the app after a revision takes effect, you accept the new terms."
    assert "afterwards means you accept" in specs["unilateral_change"].summarise(keep, 0, len(keep))
    fee = specs["fee_change"]
    notice = "We may increase our fees upon 14 days' notice by email."
    assert fee.summarise(notice, 0, len(notice)) == (
        "The company can raise its prices or fees after giving 14 days' notice."
    )
    later = "We will tell you at least 30 days before any price increase applies."
    assert "30 days' notice" in fee.summarise(later, 0, len(later))
    renew = "Your plan renews at our then-current rates."
    assert "may be higher" in fee.summarise(renew, 0, len(renew))
    refund_days = "Prices may change; refunds are available within 14 days of purchase."
    assert fee.summarise(refund_days, 0, len(refund_days)) == fee.summary
    keep = specs["no_refund"]
    for sentence, summary in [
        ("Original shipping fees are non-refundable.", "No refund of original shipping fees."),
        ("SHIPPING COSTS ARE NON-REFUNDABLE.", "No refund of shipping costs."),
        ("Your deposit will be non-refundable if you cancel.", "No refund of your deposit."),
        ("All fees are non-refundable.", keep.summary),  # everything, not a part
        (
            "Items returned to us AFTER 30 days and WITHOUT contacting us will NOT be refunded.",
            "No refund after 30 days.",
        ),
        ("No refunds are given outside the 14-day window.", "No refund after 14 days."),
    ]:
        assert keep.summarise(sentence, 0, len(sentence)) == summary
    hurdle = specs["cancellation_hurdle"]
    for sentence, summary in [
        (
            "Cancelling before the end of the term requires an Early Termination Fee of $100.",
            "Leaving costs a fee (the early termination fee).",
        ),
        (
            "This form serves as your 30-day written cancellation notice.",
            "You must give 30 days' notice to cancel.",
        ),
        (
            "Cancellation requires sixty (60) days written notice.",
            "You must give sixty days' notice to cancel.",
        ),
        (
            "To cancel, you must write to us by certified mail.",
            "You can only cancel by certified mail.",
        ),
        ("You must cancel in person at the front desk.", "You can only cancel in person."),
        ("To cancel you must call us.", hurdle.summary),
    ]:
        assert hurdle.summarise(sentence, 0, len(sentence)) == summary
    plain = "We may sell your personal information."
    assert "may be sold" in specs["data_sharing"].summarise(plain, 0, len(plain))
    shared = "We share your personal data with partners for their own marketing."
    assert specs["data_sharing"].summarise(shared, 0, len(shared)) == specs["data_sharing"].summary
    assert "sold" not in specs["data_sharing"].summary


def test_specs_have_codes_and_texts() -> None:
    specs = load_specs()
    codes = [s.code for s in specs.values()]
    assert len(set(codes)) == len(codes) == 18
    for s in specs.values():
        assert s.explanation and s.why_it_matters and s.summary.endswith(".")


FAIR = [(cat, s) for cat, rec in CASES.items() for s in rec.get("fair", [])]


@pytest.mark.parametrize(("category", "sentence"), FAIR)
def test_fair_wording_is_not_flagged_by_patterns_or_model(category: str, sentence: str) -> None:
    from tosaudit.api import audit_text

    spec = load_specs()[category]
    assert spec.is_fair(sentence, 0, len(sentence))
    assert not _hit(category, sentence)
    assert category not in {f.category for f in audit_text(sentence).findings}


@pytest.mark.parametrize(("category", "sentence"), _params("match"))
def test_unfair_wording_is_not_fair(category: str, sentence: str) -> None:
    assert not load_specs()[category].is_fair(sentence, 0, len(sentence))


def test_fair_cases_exist() -> None:
    assert {c for c, _ in FAIR} >= {"jurisdiction", "choice_of_law"}


@pytest.mark.parametrize(
    "sentence",
    [
        "We may terminate this license at any time.",
        "Acme may terminate this license at any time for any reason.",
    ],
)
def test_termination_is_not_a_unilateral_change(sentence: str) -> None:
    """Ending a licence is CL207 only: the change pattern (and the model) must not read the
    licence's "terminate" as a change of the terms (CL202)."""
    from tosaudit.api import audit_text

    found = {f.category for f in audit_text(sentence).findings}
    assert "unilateral_termination" in found
    assert "unilateral_change" not in found
