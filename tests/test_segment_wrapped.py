"""Hard-wrapped plain text: the first line of a numbered clause is not a section heading."""

from __future__ import annotations

from tosaudit.models import Document
from tosaudit.segment import segment

WRAPPED = (
    "15. GENERAL\n"
    "\n"
    "15.1 This Agreement is governed by the laws of the State of Illinois. Questions\n"
    "may be directed to members@greenline.example.\n"
    "\n"
    "15.2 Club may assign this Agreement to any successor or affiliate without your\n"
    "consent and without notice to you.\n"
    "\n"
    "15.3 Members who pay annually receive the discounts shown in the Price List\n"
    "Schedule attached to this Agreement.\n"
)


def _headings(text: str) -> list[str]:
    return [s.heading for s in segment(Document(text=text, source="t.txt", format="txt")).sections]


def test_wrapped_clause_first_lines_are_not_headings() -> None:
    assert _headings(WRAPPED) == ["15. GENERAL"]


def test_wrapped_clause_reads_as_one_sentence() -> None:
    doc = Document(text=WRAPPED, source="t.txt", format="txt")
    texts = [doc.text[s.start : s.end] for s in segment(doc).sentences if s.kind == "sentence"]
    assert (
        "15.2 Club may assign this Agreement to any successor or affiliate without your\n"
        "consent and without notice to you."
    ) in texts


def test_numbered_heading_followed_by_its_text_stays_a_heading() -> None:
    text = "1. Introduction\nThese terms govern your use of the service.\n\n2. Fees\nFees are due monthly.\n"
    assert _headings(text) == ["1. Introduction", "2. Fees"]


def test_all_caps_and_markdown_headings_followed_by_text_stay() -> None:
    text = "# Refunds\nwe refund unused months.\n\nGENERAL PROVISIONS\nThese terms are the whole agreement.\n"
    assert _headings(text) == ["Refunds", "GENERAL PROVISIONS"]


def test_heading_before_a_blank_line_stays_whatever_its_length() -> None:
    text = "12.4 Termination of the Agreement by the Club for any reason\n\nThe Club may end it.\n"
    assert _headings(text) == ["12.4 Termination of the Agreement by the Club for any reason"]
