"""Setext underlines, horizontal rules and pipe tables are layout, not sentences."""

from __future__ import annotations

from tosaudit.models import Document
from tosaudit.segment import segment

TEXT = (
    "Refunds\n"
    "=======\n"
    "\n"
    "We refund unused months within 14 days.\n"
    "\n"
    "| Plan | Refund window |\n"
    "|:-----|--------------:|\n"
    "| Basic \\| Lite | 14 days, in full. |\n"
    "\n"
    "* * *\n"
    "\n"
    "How to cancel\n"
    "-------------\n"
    "\n"
    "- Open Settings and press Cancel.\n"
    "-- Signed, the team.\n"
)


def _seg(text: str):
    return segment(Document(text=text, source="t.md", format="md"))


def test_setext_underlines_make_headings_with_their_level() -> None:
    seg = _seg(TEXT)
    assert [(s.heading, s.level) for s in seg.sections] == [
        ("Refunds", 1),
        ("How to cancel", 2),
    ]


def test_rules_and_the_table_dash_row_are_not_sentences() -> None:
    seg = _seg(TEXT)
    texts = [TEXT[s.start : s.end] for s in seg.sentences if s.kind == "sentence"]
    assert texts == [
        "We refund unused months within 14 days.",
        "Plan",
        "Refund window",
        "Basic \\| Lite",
        "14 days, in full.",
        "- Open Settings and press Cancel.",
        "-- Signed, the team.",
    ]


def test_each_table_cell_is_a_paragraph_at_its_offsets() -> None:
    seg = _seg(TEXT)
    cells = [TEXT[p.start : p.end] for p in seg.paragraphs if TEXT[p.start - 2 : p.start] == "| "]
    assert cells == ["Plan", "Refund window", "Basic \\| Lite", "14 days, in full."]


def test_a_line_with_more_bars_than_a_table_stays_one_paragraph() -> None:
    text = "|a" * 100 + "|\n"
    seg = _seg(text)
    assert [(p.start, p.end) for p in seg.paragraphs] == [(0, len(text) - 1)]


def test_two_dashes_or_a_dashed_sentence_stay_text() -> None:
    text = "Fees -- as listed -- apply.\n--\nSee below.\n"
    seg = _seg(text)
    texts = [text[s.start : s.end] for s in seg.sentences]
    assert "Fees -- as listed -- apply." in texts and any(t.startswith("--") for t in texts)
