"""Cancellation wording and requirements found in the review of unseen policies."""

from __future__ import annotations

import pytest

from tosaudit.api import audit_text

RENEWS = "Your plan renews automatically each month. "


def _cancellation(text: str) -> str:
    return audit_text(text).disclosures["cancellation"]["status"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Email help@shop.example to cancel.",
        "Please call us on 555-0100 to end your membership.",
        "Write to support@shop.example to cancel your subscription.",
    ],
)
def test_an_instruction_with_cancel_as_its_purpose_says_how(sentence: str) -> None:
    assert _cancellation(RENEWS + sentence) == "instructions"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please note that we may need to cancel orders. Email help@shop.example with questions.",
        "Contact help@shop.example and we will try to cancel your order.",
    ],
)
def test_the_company_cancelling_is_not_an_instruction(sentence: str) -> None:
    assert _cancellation(RENEWS + sentence) == "missing"


def test_missing_cancellation_message_leads_with_the_finding() -> None:
    rep = audit_text(RENEWS + "Email help@shop.example with questions.")
    f = next(f for f in rep.findings if f.rule == "DS303")
    assert f.message.startswith("No cancellation terms: ")
    assert f.message.endswith("(California's automatic renewal law).")


DATED = " Email help@shop.example. Last updated: 1 March 2026."


@pytest.mark.parametrize(
    ("source", "body", "required"),
    [
        ("returns.txt", "You may return unworn items within 30 days for a refund.", False),
        ("cancellation-policy.txt", "Refunds are given within 14 days.", True),
        ("refunds.txt", "Your membership fee is refunded within 14 days of joining.", True),
        ("refunds.txt", "Bookings are refunded in full up to 48 hours before.", True),
    ],
)
def test_a_refund_policy_needs_cancellation_only_for_what_goes_on(
    source: str, body: str, required: bool
) -> None:
    rep = audit_text("Refunds and returns\n\n" + body + DATED, source=source)
    assert rep.kind == "refund"
    assert rep.disclosures["cancellation"]["required"] is required
    assert any(f.rule == "DS303" for f in rep.findings) is required
