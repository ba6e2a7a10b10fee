from tosaudit.api import audit_text
from tosaudit.models import Finding
from tosaudit.rewrite.keyterms import key_terms

TEXT = (
    "Your plan renews each month. Email help@acme.com or call 555-0100. "
    "To cancel, open Settings > Plan and press Cancel."
)


class _Ctx:
    text = TEXT


def _clause(category: str, summary: str, start: int, end: int, conf: float = 0.9) -> Finding:
    return Finding(
        rule="CL" + category[:3],
        name=category,
        severity="warning",
        message="m",
        explanation="e",
        source="pattern",
        category=category,
        start=start,
        end=end,
        summary=summary,
        confidence=conf,
    )


def test_box_from_clauses_and_disclosures():
    findings = [
        _clause("arbitration", "Disputes go to private arbitration, not court.", 0, 5),
        _clause("auto_renewal", "Your plan renews every month until you cancel.", 0, 27),
        _clause("arbitration", "A weaker duplicate.", 10, 12, conf=0.2),
        Finding(
            rule="RD101",
            name="hard",
            severity="warning",
            message="m",
            explanation="e",
            source="readability",
            start=0,
            end=5,
        ),
    ]
    email = TEXT.index("help@acme.com")
    cancel = TEXT.index("To cancel")
    disclosures = {
        "contact": {
            "status": "present",
            "channels": ["email", "phone"],
            "evidence": [{"start": email, "end": email + 13}],
        },
        "cancellation": {
            "status": "instructions",
            "evidence": [{"start": cancel, "end": len(TEXT)}],
        },
        "refunds": {"status": "missing", "evidence": []},
        "auto_renewal": {"present": True, "evidence": [{"start": 0, "end": 27}]},
    }
    box = key_terms(_Ctx(), findings, disclosures)
    topics = [i["topic"] for i in box["items"]]
    assert topics == ["Renewal", "Disputes", "Cancelling", "Refunds", "Contact"]
    assert box["items"][1]["text"] == "Disputes go to private arbitration, not court."
    assert box["items"][2]["text"].startswith("How to cancel: To cancel, open Settings")
    # Evidence without a channel (an older report): the channels are named, not quoted.
    assert box["items"][4]["text"] == "Contact us by e-mail or phone."
    assert box["items"][4]["start"] == email
    md = box["markdown"]
    assert md.startswith("## Key terms\n")
    assert "- **Renewal:** Your plan renews every month until you cancel." in md


def test_contact_quotes_one_value_per_channel():
    email = TEXT.index("help@acme.com")
    phone = TEXT.index("555-0100")
    disclosures = {
        "contact": {
            "status": "present",
            "channels": ["email", "phone", "postal_address"],
            "evidence": [
                {"start": email, "end": email + 13, "channel": "email"},
                {"start": phone, "end": phone + 8, "channel": "phone"},
                {"start": phone, "end": phone + 3, "channel": "phone"},
            ],
        }
    }
    box = key_terms(_Ctx(), [], disclosures)
    (item,) = box["items"]
    assert item["text"] == "Email help@acme.com; call 555-0100; by post."
    assert (item["start"], item["end"]) == (email, email + 13)


def test_contact_from_a_real_audit_quotes_the_phone():
    text = (
        "Questions? Email care@example.co.uk or ring 0113 496 0871. "
        "You can also write to us at 51 Hawthorn Road, Leeds LS6 2AB."
    )
    box = audit_text(text).key_terms
    contact = [i for i in box["items"] if i["topic"] == "Contact"]
    assert contact, box
    assert "call 0113 496 0871" in contact[0]["text"]
    assert "write to 51 Hawthorn Road, Leeds LS6 2AB" in contact[0]["text"]


def test_statuses_without_evidence():
    box = key_terms(
        None,
        [],
        {
            "cancellation": {"status": "mention_only"},
            "contact": {"status": "missing", "channels": []},
            "auto_renewal": {"present": True},
        },
    )
    texts = [i["text"] for i in box["items"]]
    assert texts == [
        "Your plan renews automatically until you cancel.",
        "You may cancel, but these terms do not say how.",
        "These terms give no way to contact the business.",
    ]


def test_nothing_to_say_gives_none():
    assert key_terms(None, [], None) is None
    assert key_terms(None, [], {"contact": {"status": "present", "channels": []}}) is None


def test_pipe_fills_key_terms():
    report = audit_text("Terms\n\nEmail us at help@acme.com with questions about your plan.\n")
    assert report.key_terms is None or report.key_terms["markdown"].startswith("## Key terms")


def test_every_clause_category_has_a_topic():
    from tosaudit.clauses.patterns import load_specs
    from tosaudit.rewrite.keyterms import TOPICS

    assert set(load_specs()) <= set(TOPICS)


def test_subscription_terms_each_get_a_line():
    text = (
        "We may increase our fees upon 14 days' notice by email. "
        "You agree to indemnify and hold us harmless from any claims arising out of your use. "
        "YOU WAIVE ANY RIGHT TO A JURY TRIAL AND TO PARTICIPATE IN A CLASS ACTION."
    )
    topics = [i["topic"] for i in audit_text(text).key_terms["items"]]
    for topic in ("Price changes", "Covering our costs", "Class actions", "Jury trial"):
        assert topic in topics, topics
    assert topics.index("Price changes") < topics.index("Class actions")


def test_markdown_links_and_bold_show_as_their_text():
    text = (
        "You can **always** [cancel your Account at any time](/articles/cancel) by going "
        "into your Settings. Email [help@acme.com](mailto:help@acme.com) with questions."
    )
    box = audit_text(text).key_terms
    items = {i["topic"]: i["text"] for i in box["items"]}
    assert items["Cancelling"] == (
        "How to cancel: You can always cancel your Account at any time by going into your Settings."
    )
    assert "](" not in items["Contact"] and "help@acme.com" in items["Contact"]


def test_gaps_only_where_the_document_needs_the_item():
    needed = {
        "cancellation": {"status": "missing", "required": True},
        "refunds": {"status": "missing", "required": True},
    }
    texts = [i["text"] for i in key_terms(None, [], needed)["items"]]
    assert texts == [
        "These terms do not say how to cancel.",
        "These terms do not say whether you can get a refund.",
    ]
    not_needed = {
        "cancellation": {"status": "missing", "required": False},
        "refunds": {"status": "missing", "required": False},
        "contact": {"status": "missing", "channels": []},
    }
    texts = [i["text"] for i in key_terms(None, [], not_needed)["items"]]
    assert texts == ["These terms give no way to contact the business."]
    # A shop's return policy: nothing to cancel, so no "Cancelling" line.
    shop = audit_text(
        "Returns\n\nYou may return unused items within 30 days for a refund. "
        "Email returns@shop.example to start a return.\n"
    )
    assert shop.kind == "refund"
    assert "Cancelling" not in [i["topic"] for i in shop.key_terms["items"]]


def test_evidence_in_capitals_is_quoted_in_sentence_case():
    text = (
        "CANCELLATION RIGHT. YOU MAY CANCEL THIS AGREEMENT AT ANY TIME BY EMAILING "
        "CANCEL@GYM.EXAMPLE WITH YOUR MEMBER NUMBER."
    )
    box = audit_text(text).key_terms
    [cancel] = [i["text"] for i in box["items"] if i["topic"] == "Cancelling"]
    assert cancel == (
        "How to cancel: You may cancel this agreement at any time by emailing "
        "cancel@gym.example with your member number."
    )
