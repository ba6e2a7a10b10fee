"""Clause rules through the registry and the pipe: metadata, finding fields, config, speed."""

from __future__ import annotations

import time

import pytest

from tosaudit.api import audit_text
from tosaudit.clauses.detect import detect
from tosaudit.config import Config
from tosaudit.models import Document, Paragraph, Segmented, Sentence
from tosaudit.rules import registry
from tosaudit.rules.base import AuditContext

CATEGORIES = {
    "arbitration",
    "unilateral_change",
    "content_removal",
    "jurisdiction",
    "choice_of_law",
    "limitation_of_liability",
    "unilateral_termination",
    "contract_by_using",
    "auto_renewal",
    "no_refund",
    "fee_change",
    "class_action_waiver",
    "jury_trial_waiver",
    "indemnification",
    "broad_content_license",
    "data_sharing",
    "cancellation_hurdle",
    "privacy_included",
}

TOS = """Terms of Service

1. Using the service
By using the Service, you agree to be bound by these Terms.
We may change these Terms at any time without notice.

2. Payments
Your subscription will automatically renew each month until you cancel.
All fees are non-refundable.

3. Disputes
Any dispute arising out of these Terms will be resolved by binding arbitration.
You waive any right to participate in a class action lawsuit.
These Terms are governed by the laws of the State of Delaware.
"""


def test_every_category_is_registered_with_metadata() -> None:
    reg = registry()
    rules = [r for r in reg.values() if "clauses" in r.groups and r.scope == "sentence"]
    assert {r.category for r in rules} == CATEGORIES
    for r in rules:
        assert r.code.startswith("CL2") and r.name and r.explanation and r.why_it_matters
        assert r.groups == ("clauses", r.category)
        assert r.severity in ("warning", "error")
    assert {"CL290", "CL299"} <= set(reg)


def test_findings_carry_every_field() -> None:
    report = audit_text(TOS)
    found = {f.category: f for f in report.findings if f.category in CATEGORIES}
    for cat in (
        "contract_by_using",
        "unilateral_change",
        "auto_renewal",
        "no_refund",
        "arbitration",
        "class_action_waiver",
        "choice_of_law",
    ):
        assert cat in found, cat
    for f in found.values():
        assert TOS[f.start : f.end] == f.excerpt
        assert f.severity in ("warning", "error")
        assert 0.0 < f.confidence <= 1.0
        assert f.source in ("pattern", "model", "pattern+model")
        assert f.explanation and f.why_it_matters and f.summary.endswith(".")
        assert 0.0 <= f.buried["score"] <= 1.0 and isinstance(f.buried["reasons"], list)
        assert f.line is not None and f.section is not None
    assert found["unilateral_change"].severity == "error"  # "at any time without notice"
    assert found["choice_of_law"].summary == "The laws of the State of Delaware govern these terms."
    assert "17600" in found["auto_renewal"].why_it_matters


def test_fair_wording_is_not_flagged() -> None:
    report = audit_text(
        "You may cancel at any time in your account settings.\n\n"
        "We will never sell your personal information."
    )
    cats = {f.category for f in report.findings}
    assert not cats & {"cancellation_hurdle", "data_sharing"}


def test_config_can_ignore_clauses_and_turn_model_off() -> None:
    off = audit_text(TOS, Config(ignore=("clauses",)))
    assert not [f for f in off.findings if f.rule.startswith("CL")]
    one = audit_text(TOS, Config(ignore=("CL210",)))
    assert not [f for f in one.findings if f.category == "auto_renewal"]
    patterns_only = audit_text(TOS, Config(model=False))
    cl = [f for f in patterns_only.findings if f.category in CATEGORIES]
    assert cl and all(f.source == "pattern" for f in cl)


def _ctx(text: str) -> AuditContext:
    doc = Document(text=text, source="<hostile>", format="txt")
    seg = Segmented(doc, (), (Paragraph(0, len(text)),), (Sentence(0, len(text), -1, 0),))
    return AuditContext(doc, seg, None, Config())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "unit",
    [
        "we may change remove terminate the fees price law court arbitration liability ",
        "a" * 97 + " ",
        "BY USING RENEW REFUND CLASS JURY INDEMNIFY PERPETUAL SELL CANCEL PRIVACY ",
        # fair_if wording (courts/laws near "where you live"), repeated without punctuation
        "exclusive jurisdiction courts laws of the country where you have your court law ",
        "acme may be entitled to reject content posts may be subject to review removal of ",
        # the feedback-licence unless (a tempered gap) and continuous-billing / price wording
        "perpetual licence right feedback suggestions ideas licence postal photos ",
        "keep collecting your fee each month rolls over from month to month then-current price "
        "may be higher than turn off auto-renewal keep using after changes accept ",
    ],
)
def test_five_megabyte_sentence_stays_fast(unit: str) -> None:
    text = unit * (5_000_000 // len(unit))
    t0 = time.perf_counter()
    detect(_ctx(text))
    assert time.perf_counter() - t0 < 20.0


def test_clause_stage_speed_smoke() -> None:
    sentences = [
        "We may suspend or terminate your account at any time for any reason.",
        "Our team is happy to answer questions about the recipes on the site.",
        "In no event shall we be liable for indirect or consequential damages.",
        "You can find our office hours on the contact page of the website.",
    ] * 500
    ctx = _ctx("\n".join(sentences))
    pos, sents = 0, []
    for s in sentences:
        sents.append(Sentence(pos, pos + len(s), -1, 0))
        pos += len(s) + 1
    ctx = AuditContext(
        ctx.document,
        Segmented(ctx.document, (), (Paragraph(0, pos - 1),), tuple(sents)),
        None,
        Config(),
    )  # type: ignore[arg-type]
    detect(AuditContext(ctx.document, ctx.segmented, None, Config()))  # type: ignore[arg-type]
    t0 = time.perf_counter()
    hits = detect(ctx).hits
    rate = len(sentences) / (time.perf_counter() - t0)
    assert len(hits) >= 1000
    assert rate > 1500, f"{rate:.0f} sentences/s"
