"""The cheap pre-checks in front of the phone and postcode patterns never hide a match."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import disclosures as D

_PIECES = [
    "1",
    "12",
    "123",
    "2018",
    "02150",
    "90210",
    "+",
    "00",
    "(",
    ")",
    "-",
    ".",
    " ",
    "  ",
    "\n",
    ", ",
    "\u2011",
    "\u2013",
    "CA",
    "SW1A",
    "1AA",
    "K1A",
    "0B1",
    "D02",
    "X285",
    "Dublin",
    "Espoo",
    "Berlin",
    "D-",
    "Box",
    "P.O.",
    "tel",
    "call",
    "x",
    "/",
    "\u0663",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_core_patterns_are_necessary(text):
    if D._PHONE.search(text):
        assert D._PHONE_CORE.search(text)
    if D._POSTCODE.search(text):
        assert D._POSTCODE_CORE.search(text)
    # The digit-led core finds whatever the plain one finds, in any stretch of the text.
    plain = re.compile(r"\d{4}|[A-Z]\d|Dublin")
    for a in range(len(text) + 1):
        if plain.search(text, a):
            assert D._POSTCODE_CORE.search(text, a)
    if D._PO_BOX.search(text):
        assert "box" in text.lower()


def test_contact_channels_still_found():
    from tosaudit.api import audit_text

    text = (
        "Contact us.\n\nCall us on +44 20 7946 0958 any day.\n\n"
        "Write to Acme Ltd, 1 High Street, London SW1A 1AA.\n\n"
        "Or write to P.O. Box 1234, Springfield, IL 62704.\n\n"
        "It has 30 days and Section 5 but no number."
    )
    contact = audit_text(text).disclosures["contact"]
    assert set(contact["channels"]) >= {"phone", "postal_address"}
    spans = [text[e["start"] : e["end"]] for e in contact["evidence"]]
    assert any("7946" in s for s in spans)
    assert any("Box 1234" in s for s in spans)
    assert any("SW1A 1AA" in s for s in spans)
    assert not any(s.startswith("30") for s in spans)


def test_word_start_stems_stay_linear_on_a_5_mb_sentence():
    """Stems inside words ("xend", "disclose") are each skipped with one str.find."""
    import time

    from tosaudit.config import Config
    from tosaudit.models import Document, Paragraph, Segmented, Sentence
    from tosaudit.readability import analyse
    from tosaudit.rules.base import AuditContext

    text = "xendxclosxchang " * (5_000_000 // 16)
    doc = Document(text=text, source="big.txt", format="txt")
    seg = Segmented(doc, (), (Paragraph(0, len(text)),), (Sentence(0, len(text), -1, 0),))
    ctx = AuditContext(doc, seg, analyse([], [], 0), Config())
    t0 = time.perf_counter()
    assert D.find_cancellation(ctx, [])["status"] == "missing"
    assert D.find_changes_notice(ctx)["status"] == "missing"
    assert time.perf_counter() - t0 < 15
