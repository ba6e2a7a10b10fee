"""Each buried-clause signal, tested on its own, and the document-level up-front check."""

from __future__ import annotations

from tosaudit.api import audit_document, audit_text
from tosaudit.clauses.detect import detect
from tosaudit.models import Document, LayoutSpan

RENEWAL = "Your membership renews automatically every month until you cancel."
FILLER = (
    "We make recipes, tips and cooking videos available for members to watch and share "
    "with friends. "
)


def _renewal_hit(ctx):
    hits = [h for h in detect(ctx).hits if h.category == "auto_renewal"]
    assert len(hits) == 1
    return hits[0]


def _reasons(ctx) -> list[str]:
    return _renewal_hit(ctx).buried["reasons"]


def test_late_position_is_a_signal(make_ctx) -> None:
    late = make_ctx("\n\n".join([FILLER] * 30 + [RENEWAL]))
    early = make_ctx("\n\n".join([RENEWAL] + [FILLER] * 30))
    assert any("late in the document" in r for r in _reasons(late))
    assert not any("late in the document" in r for r in _reasons(early))


def test_small_print_from_layout(make_ctx) -> None:
    body = "\n\n".join([FILLER] * 5)
    text = body + "\n\n" + RENEWAL
    start = len(body) + 2
    layout = (
        LayoutSpan(0, len(body), page=1, font_size=11.0),
        LayoutSpan(start, len(text), page=1, font_size=7.0),
    )
    doc = Document(text=text, source="t.pdf", format="pdf", layout=layout)
    assert any("small print (7.0 pt; body text 11.0 pt)" in r for r in _reasons(make_ctx(doc)))
    same = (LayoutSpan(0, len(text), page=1, font_size=11.0),)
    doc2 = Document(text=text, source="t.pdf", format="pdf", layout=same)
    assert not any("small print" in r for r in _reasons(make_ctx(doc2)))


def test_all_caps_wall(make_ctx) -> None:
    caps = (
        "YOUR MEMBERSHIP RENEWS AUTOMATICALLY EVERY MONTH UNTIL YOU CANCEL AND WE WILL "
        "CHARGE THE CARD ON FILE."
    )
    assert any("capital letters" in r for r in _reasons(make_ctx(caps)))
    assert not any("capital letters" in r for r in _reasons(make_ctx(RENEWAL)))


def test_long_paragraph(make_ctx) -> None:
    long_para = FILLER * 12 + RENEWAL  # one paragraph of ~180 words
    assert any("long paragraph" in r for r in _reasons(make_ctx(long_para)))
    assert not any("long paragraph" in r for r in _reasons(make_ctx(FILLER + "\n\n" + RENEWAL)))


def test_heading_that_does_not_name_the_topic(make_ctx) -> None:
    misc = make_ctx(f"12. Miscellaneous\n\n{RENEWAL}")
    named = make_ctx(f"12. Automatic renewal\n\n{RENEWAL}")
    assert any('"12. Miscellaneous", which does not name the topic' in r for r in _reasons(misc))
    assert not any("heading" in r for r in _reasons(named))


def test_not_mentioned_up_front(make_ctx) -> None:
    hidden = make_ctx("\n\n".join([FILLER] * 40 + [RENEWAL]))
    rest = "\n\n".join([FILLER] * 40 + [RENEWAL])
    summary = make_ctx("Summary\n\nPlans renew each month.\n\n" + rest)
    assert any("not mentioned in the opening" in r for r in _reasons(hidden))
    assert not any("not mentioned in the opening" in r for r in _reasons(summary))


def test_score_adds_signals_and_stays_in_range(make_ctx) -> None:
    ctx = make_ctx(
        "1. Miscellaneous\n\n"
        + "\n\n".join([FILLER] * 40)
        + "\n\n"
        + FILLER * 12
        + RENEWAL.upper()
        + " AND WE WILL CHARGE THE CARD ON FILE EVERY MONTH."
    )
    hit = _renewal_hit(ctx)
    assert len(hit.buried["reasons"]) >= 4
    assert 0.0 < hit.buried["score"] <= 1.0
    plain = _renewal_hit(make_ctx(f"Automatic renewal\n\n{RENEWAL}"))
    assert plain.buried == {"score": 0.0, "reasons": []}


def test_document_finding_when_nothing_is_disclosed_up_front() -> None:
    hidden = audit_text("\n\n".join([FILLER] * 40 + [RENEWAL]))
    assert any(f.rule == "CL290" and f.start is None for f in hidden.findings)
    told = audit_text(
        "Key terms: your plan renews every month.\n\n" + "\n\n".join([FILLER] * 40 + [RENEWAL])
    )
    assert not any(f.rule == "CL290" for f in told.findings)
    none = audit_text("\n\n".join([FILLER] * 5))
    assert not any(f.rule == "CL290" for f in none.findings)


def test_buried_on_findings_of_pdf_document() -> None:
    text = FILLER + "\n\n" + RENEWAL
    doc = Document(
        text=text,
        source="t.pdf",
        format="pdf",
        layout=(LayoutSpan(0, len(text), page=2, font_size=10.0),),
    )
    report = audit_document(doc)
    f = next(f for f in report.findings if f.category == "auto_renewal")
    assert f.page == 2 and set(f.buried) == {"score", "reasons"}
