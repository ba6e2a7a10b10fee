"""The disclosures checklist: each status with text that must and must not produce it."""

from __future__ import annotations

import time

import pytest

from tosaudit import disclosures as ds
from tosaudit import readability
from tosaudit.config import Config
from tosaudit.models import Document, Finding
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment


def ctx_for(text: str, source: str = "policy.txt") -> AuditContext:
    doc = Document(text=text, source=source, format="txt")
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = readability.analyse(
        [text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, Config())


def checklist(text: str, findings: list[Finding] | None = None, kind: str | None = None):
    ctx = ctx_for(text)
    kind = kind or ds.classify_kind(ctx)
    result, found = ds.check_disclosures(ctx, findings or [], kind)
    assert result is not None
    for item in result.values():  # every evidence span points into the text
        for e in item.get("evidence", []):
            assert 0 <= e["start"] < e["end"] <= len(text)
    return result, found, ctx


def clause_finding(category: str, start: int, end: int) -> Finding:
    """A clause finding of ``category`` over ``text[start:end]``, as the clause rules give."""
    return Finding(
        rule="CL900",
        name=category.replace("_", "-"),
        severity="warning",
        message="m",
        explanation="e",
        source="model",
        category=category,
        start=start,
        end=end,
    )


# ------------------------------------------------------------------------------ contact


@pytest.mark.parametrize(
    "text, channels",
    [
        ("Email us at help@acme.co.uk or call +44 20 7946 0321.", ["email", "phone"]),
        (
            "Write to Acme Ltd, 14 Orchard Lane, Bristol BS1 4QD, or use our contact form.",
            ["postal_address", "web_form"],
        ),
        ("Visit https://acme.example/support or chat with us in the app.", ["web_form", "chat"]),
        (
            "Acme Inc., 1600 Amphitheatre Parkway, Mountain View, CA 94043. Phone: (650) 253-0000.",
            ["phone", "postal_address"],
        ),
        (
            "Acme Oy, Keilaranta 7, 02150 Espoo, Finland. Questions: support@acme.fi",
            ["email", "postal_address"],
        ),
    ],
)
def test_contact_present_with_two_kinds_of_channel(text, channels):
    result, found, _ = checklist(text)
    assert result["contact"]["status"] == "present"
    assert result["contact"]["channels"] == channels
    assert not [f for f in found if f.rule in ("DS301", "DS302")]


def test_contact_partial_with_one_channel_and_message_says_what_to_add():
    result, found, _ = checklist(
        "Questions? Email privacy@kestrel.example any time.", kind="privacy"
    )
    assert result["contact"]["status"] == "partial"
    assert result["contact"]["channels"] == ["email"]
    [f] = [f for f in found if f.rule == "DS302"]
    assert "email" in f.message and "add another" in f.message
    assert f.message.endswith(
        "add another, such as a phone number, a postal address or a contact page."
    )
    assert f.start is None and f.severity == "info"


def test_contact_partial_never_suggests_the_channel_it_has():
    _, found, _ = checklist("Questions? Call us on 0113 496 0871 any time.", kind="refund")
    [f] = [f for f in found if f.rule == "DS302"]
    assert "(phone)" in f.message and "phone number" not in f.message
    assert "an email address" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "If you have any questions, please contact us.",
        "Get in touch with our privacy team. We will reply within 30 days.",
        "Our Customer Service department is happy to help.",
        "Send an email to [SUPPORT EMAIL] or write to contact@example.com.",  # placeholders
        "The service was launched on 12 May 2021 and has 2,500,000 users in 2021.",
        "Booking.com is a trading name of Booking.com B.V.",
    ],
)
def test_contact_missing_when_no_real_channel(text):
    result, found, _ = checklist(text, kind="privacy")
    assert result["contact"]["status"] == "missing", result["contact"]
    [f] = [f for f in found if f.rule == "DS301"]
    assert f.message.startswith("No way to contact you: add an email address, phone number")
    assert f.severity == "error"


def test_numbers_that_are_not_phones():
    result, _, _ = checklist(
        "Section 12.3.4 applies from 2021-05-01 to 01/06/2022; see page 1234567."
    )
    assert "phone" not in result["contact"]["channels"]


def test_contact_evidence_spans_name_the_channel():
    text = "Contact: help@acme.example or call us on 0117 496 0123."
    result, _, _ = checklist(text)
    got = {text[e["start"] : e["end"]] for e in result["contact"]["evidence"]}
    assert got == {"help@acme.example", "0117 496 0123"}


# ------------------------------------------------------------------------------ cancellation


@pytest.mark.parametrize(
    "text",
    [
        "You can cancel at any time in Settings > Billing > Cancel plan.",
        "To cancel your subscription, go to your account page and click Cancel.",
        "You may cancel your membership by emailing cancel@gym.example.",
        "You can cancel at any time, in three ways:\n\n- In your account: go to Settings, then Plan.\n",
        "Orders can be cancelled until they ship: reply to your confirmation email with CANCEL.",
        "Buyers may cancel an order within one hour from the Orders page in their account.",
        'To turn off auto-renewal, go to Account > Membership and select "Cancel Membership".',
        "You may close your account at any time. To do so, visit the Privacy Centre and tap Delete.",
        "You can unsubscribe at any time by clicking the unsubscribe link in any newsletter.",
        # A form on the page counts as the way to cancel.
        "To cancel your subscription, complete and submit the form below.",
        "To cancel your order, complete the form below and submit it.",
        "If you want to cancel, please fill out the cancellation form.",
        "To cancel, fill in the cancellation form on our website.",
        "You can cancel your membership. Complete and submit the form below.",
        "To cancel, choose Cancel plan in Settings.",
    ],
)
def test_cancellation_instructions(text):
    result, found, _ = checklist(text, kind="terms")
    assert result["cancellation"]["status"] == "instructions", text
    assert not [f for f in found if f.rule in ("DS303", "DS304")]


@pytest.mark.parametrize(
    "text",
    [
        "You may cancel your subscription at any time.",
        "You can stop using our Services at any time, although we would be sorry to see you go.",
        "If you cancel your plan, you keep access until the end of the month.",
        "You may end your subscription whenever you like.",
        # A form that is not the way to cancel does not say how.
        "You may cancel your subscription. Complete your profile to get better recommendations.",
        "You may cancel your subscription at any time; the form of payment does not matter.",
        # Choosing to cancel is deciding, not a step ("choose Cancel on the Billing page").
        "If you choose to cancel your subscription, you will lose access to your files.",
        "The Customer reserves the right to cancel the subscription at any time.",
        "You have the right to terminate your account at any time.",
        # A cancellation page that never says "you": the plan's own cancellation.
        "All memberships require a 15 day notice prior to the bill date to process cancellation.",
    ],
)
def test_cancellation_mentioned_without_how(text):
    result, found, _ = checklist(text, kind="terms")
    assert result["cancellation"]["status"] == "mention_only", text
    [f] = [f for f in found if f.rule == "DS304"]
    assert "how" in f.message and f.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "We may terminate your account at any time if you break these rules.",
        "Acme reserves the right to delete your Account after 180 days of inactivity.",
        "We may, at our discretion, cancel your order and notify you by email.",
        "Skyscanner may terminate any agreement with you at any time upon notice to you and, "
        "if you have a log-in account, by cancelling your membership.",
        "Your account may be suspended by us if you misuse the service.",
        "Fees are charged monthly by direct debit.",
        # The right's holder acts, though the licence ended is the customer's.
        "Acme reserves the right, without notice and in its sole discretion, to terminate your "
        "license to use the Services.",
        "The Company shall have the right at any time to cancel your access to the Services.",
        "We may process the cancellation of memberships at our discretion.",
        "Cancellation of the contract by Acme requires 30 days' notice.",
    ],
)
def test_termination_by_the_company_alone_is_not_cancellation(text):
    result, found, _ = checklist(text, kind="terms")
    assert result["cancellation"]["status"] == "missing", text
    assert [f.rule for f in found if f.rule == "DS303"] == ["DS303"]


def test_auto_renewal_raises_cancellation_severity_and_says_why():
    text = "Your plan renews automatically each month until you cancel. You may cancel at any time."
    result, found, _ = checklist(text, kind="terms")
    assert result["auto_renewal"]["present"] is True
    [f] = [f for f in found if f.rule == "DS304"]
    assert f.severity == "error" and "renews automatically" in f.message


def test_auto_renewal_evidence_from_clause_findings():
    text = "Membership continues month to month. Prices may change."
    clause = clause_finding("auto_renewal", 0, 36)
    result, _, _ = checklist(text, findings=[clause], kind="terms")
    assert result["auto_renewal"] == {"present": True, "evidence": [{"start": 0, "end": 36}]}
    result, _, _ = checklist(text, kind="terms")
    assert result["auto_renewal"]["present"] is False


def test_privacy_policy_does_not_need_cancellation_or_refunds():
    text = (
        "Privacy Policy\n\nWe collect your email. Contact us at dpo@acme.example or call "
        "+1 555 0100 222."
    )
    result, found, _ = checklist(text)
    assert result["cancellation"]["required"] is False and result["refunds"]["required"] is False
    assert not [f for f in found if f.rule in ("DS303", "DS304", "DS305", "DS308")]


# ------------------------------------------------------------------------------ refunds


def test_refunds_present_and_missing():
    result, _, _ = checklist("All payments are non-refundable.", kind="terms")
    assert result["refunds"]["status"] == "present"
    result, _, _ = checklist("Return any item within 30 days of delivery.", kind="refund")
    assert result["refunds"]["status"] == "present"
    result, found, _ = checklist("Returns & Refunds\n\nWe hope you love your order.", kind="refund")
    assert result["refunds"]["status"] == "missing"
    assert [f.rule for f in found if f.rule == "DS305"] == ["DS305"]


def test_refunds_required_for_paid_terms_only():
    _, found, _ = checklist("Terms\n\nYou pay a monthly fee for the service.", kind="terms")
    assert "DS305" in {f.rule for f in found}
    _, found, _ = checklist("Terms\n\nThe service is free. Be kind to others.", kind="terms")
    assert "DS305" not in {f.rule for f in found}


# ------------------------------------------------------------------------------ dates, notice, law


@pytest.mark.parametrize(
    "text, value",
    [
        ("Last updated: 1 May 2024\n\nHello.", "1 May 2024"),
        ("Effective Date: May 19, 2018. Welcome.", "May 19, 2018"),
        ("_Last revised: 15 January 2025_", "15 January 2025"),
        ("Terms of Use. Last revised on 08/01/2020.", "08/01/2020"),
        ("Posted: 2021-01-23", "2021-01-23"),
    ],
)
def test_effective_date_value(text, value):
    result, _, _ = checklist(text)
    assert result["effective_date"]["status"] == "present"
    assert result["effective_date"]["value"] == value


def test_effective_date_missing_is_a_finding():
    result, found, _ = checklist("Terms\n\nBe kind. Founded in 2018.", kind="terms")
    assert result["effective_date"] == {
        "status": "missing",
        "value": None,
        "evidence": [],
        "required": True,
    }
    assert "DS306" in {f.rule for f in found}


@pytest.mark.parametrize(
    "text, status",
    [
        ("If we change these terms, we will email you at least 30 days before.", "present"),
        (
            "We may change these Terms. We will notify you 30 days before changes take effect.",
            "present",
        ),
        (
            "We may update this Privacy Policy and will post the new version with a new date.",
            "present",
        ),
        ("We may change these terms at any time without notice.", "missing"),
        ("We may modify these Terms at any time.", "missing"),
        # A date line is the effective date, not a way of hearing about changes.
        ("Terms of Service\n\nLast updated: 3 March 2026\n\nWe may revise these terms.", "missing"),
        ("Terms of Service\n\nEffective date: 1 May 2025.\n\nWelcome to Acme.", "missing"),
        (
            "Terms of Service\n\nLast updated: 3 March 2026\n\n"
            "If we change these terms, we will update the 'Last updated' date above.",
            "present",
        ),
    ],
)
def test_changes_notice(text, status):
    result, _, _ = checklist(text, kind="terms")
    assert result["changes_notice"]["status"] == status


@pytest.mark.parametrize(
    "text, status",
    [
        ("These Terms are governed by the laws of the State of Delaware.", "present"),
        ("The laws of Ireland apply to these terms.", "present"),
        ("Governing law: England and Wales.", "present"),
        ("You must obey all laws that apply to you.", "missing"),
        ("California law applies to this contract.", "present"),
        ("English law governs these terms and any dispute about them.", "present"),
        ("New York laws shall govern this Agreement.", "present"),
        ("Applicable law applies to your purchase.", "missing"),
        ("Local law may apply to you.", "missing"),
        ("Consumer law applies to your purchase as well.", "missing"),
    ],
)
def test_governing_law(text, status):
    result, _, _ = checklist(text, kind="terms")
    assert result["governing_law"]["status"] == status


def test_a_choice_of_law_clause_counts_as_governing_law():
    # "__Choice of Law.__": Markdown underscores leave no word boundary for the list's
    # patterns; the clause detection's finding is evidence enough.
    text = "__Choice of Law.__ The contract follows the rules of the place we are based."
    result, _, _ = checklist(text, kind="terms")
    assert result["governing_law"]["status"] == "missing"
    clause = clause_finding("choice_of_law", 0, len(text))
    result, found, _ = checklist(text, [clause], kind="terms")
    assert result["governing_law"]["status"] == "present"
    assert result["governing_law"]["evidence"] == [{"start": 0, "end": len(text)}]
    assert "DS308" not in [f.rule for f in found]


# ------------------------------------------------------------------------------ shape and rules


def test_schema_keys_and_statuses():
    result, _, _ = checklist("Terms of Service\n\nUse it well.")
    assert set(result) == {
        "contact",
        "cancellation",
        "refunds",
        "auto_renewal",
        "effective_date",
        "changes_notice",
        "governing_law",
    }
    assert set(result["contact"]) == {"status", "channels", "evidence", "required"}
    assert set(result["auto_renewal"]) == {"present", "evidence"}
    assert "value" in result["effective_date"]


def test_empty_text_has_no_checklist():
    ctx = ctx_for("   ")
    assert ds.check_disclosures(ctx, [], "other") == (None, [])


def test_rules_are_listed_with_codes_and_docs():
    from tosaudit.rules import describe_all

    codes = [r.code for r in ds.RULES]
    assert codes == [f"DS30{i}" for i in range(1, 9)]
    described = {d["code"]: d for d in describe_all()}
    for code in codes:
        assert described[code]["scope"] == "document" and described[code]["documentation"]


@pytest.mark.parametrize("chunk", ["word ", "a.com", "1 2 ", "x@y ", "you may cancel "])
def test_linear_on_a_5_mb_sentence(chunk):
    text = chunk * (5_000_000 // len(chunk))
    ctx = ctx_for("placeholder")
    # one unit spanning the whole text: the worst case for sentence-level patterns
    doc = Document(text=text, source="big.txt", format="txt")
    from tosaudit.models import Paragraph, Segmented, Sentence

    seg = Segmented(doc, (), (Paragraph(0, len(text)),), (Sentence(0, len(text), -1, 0),))
    ctx = AuditContext(doc, seg, ctx.readability, Config())
    t0 = time.perf_counter()
    ds.check_disclosures(ctx, [], ds.classify_kind(ctx))
    assert time.perf_counter() - t0 < 15


@pytest.mark.parametrize(
    "text, number",
    [
        ("You can reach our team at help@acme.example or on 0113 496 0871.", "0113 496 0871"),
        ("Our members' desk: help@acme.example, 020 7946 0321.", "020 7946 0321"),
        ("Questions go to help@acme.example or 555-201-0147.", "555-201-0147"),
        ("Service client : aide@acme.example ou 01 23 45 67 89.", "01 23 45 67 89"),
    ],
)
def test_numbers_grouped_like_phones_need_no_cue_word(text, number):
    result, _, _ = checklist(text)
    assert result["contact"]["channels"] == ["email", "phone"]
    spans = [e for e in result["contact"]["evidence"] if e["channel"] == "phone"]
    assert [text[e["start"] : e["end"]] for e in spans] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Ltd is registered in England under company number 01234567.",
        "Invoice 2024-0001 covers the period 2024-01-01 to 2024-12-31.",
        "The book (ISBN 978-3-16-148410-0) is sold at 12.99 per copy.",
        "Clause 0113 496 applies.",  # too few digits for a national number
    ],
)
def test_grouped_numbers_that_are_not_phones(text):
    result, _, _ = checklist(text)
    assert "phone" not in result["contact"]["channels"]


def test_contact_evidence_carries_its_channel():
    text = "Acme Inc., 2200 Market Street, Suite 410, Wilmington, DE 19801. Email: hi@acme.example."
    result, _, _ = checklist(text)
    by_channel = {e["channel"]: text[e["start"] : e["end"]] for e in result["contact"]["evidence"]}
    # The address is quoted from its numbered street, not from the later "Suite 410,".
    assert by_channel == {
        "email": "hi@acme.example",
        "postal_address": "2200 Market Street, Suite 410, Wilmington, DE 19801",
    }


def test_reimbursement_counts_as_refund_terms_only_when_money_goes_back_to_the_customer():
    must = [
        "If the service is unavailable, we will reimburse you within 14 days.",
        "You will be reimbursed within 30 days of cancelling.",
        "You may request reimbursement of the subscription fee within 14 days.",
        "Reimbursement of any unused fees is made to the original card.",
    ]
    must_not = [
        "You will reimburse our reasonable costs of collection.",
        "You are not entitled to compensation or reimbursement of any kind for your Feedback.",
        "You agree to reimburse the Company for any legal costs it incurs.",
    ]
    for text in must:
        result, _, _ = checklist(text, kind="terms")
        assert result["refunds"]["status"] == "present", text
    for text in must_not:
        result, _, _ = checklist(text, kind="terms")
        assert result["refunds"]["status"] == "missing", text


@pytest.mark.parametrize(
    "text, channels",
    [
        ("For help, visit our Help Centre.", ["web_form"]),
        ("Please contact us through the Customer Service contact form.", ["web_form"]),
        ("Our Help Centre answers most questions.", ["web_form"]),
        ("Learn more in the Instagram Help Centre.", ["web_form"]),
        # A product that happens to be called a help centre is not a way to reach anyone.
        ("That includes Acme (all versions) and Acme Help Center, whether in a browser.", []),
    ],
)
def test_a_help_page_counts_where_the_reader_is_sent_to_it(text, channels):
    result, _, _ = checklist(text, kind="terms")
    assert result["contact"]["channels"] == channels
