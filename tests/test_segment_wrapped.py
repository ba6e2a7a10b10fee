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


# Text copied from some web pages: every word on its own line, sentences and all.
_WORDS = (
    "Privacy Policy. When you use our web site services, you trust us with your information. "
    "This Privacy Policy is meant to help you understand what data we collect, why we collect "
    "it, and what we do with it. Remember, you can find controls to manage your information."
)


def test_a_word_per_line_text_reads_as_sentences_not_headings() -> None:
    text = "# Privacy\n\n" + "\n".join(_WORDS.split()) + "\n"
    doc = Document(text=text, source="t.txt", format="txt")
    seg = segment(doc)
    assert [s.heading for s in seg.sections] == ["Privacy"]  # a "#" heading still counts
    texts = [" ".join(text[s.start : s.end].split()) for s in seg.sentences if s.kind == "sentence"]
    assert texts == [
        "Privacy Policy.",
        "When you use our web site services, you trust us with your information.",
        "This Privacy Policy is meant to help you understand what data we collect, why we "
        "collect it, and what we do with it.",
        "Remember, you can find controls to manage your information.",
    ]


def test_short_lines_of_a_few_words_are_not_a_word_per_line_text() -> None:
    # A list of short titles keeps its headings: most lines have more than one word.
    text = "".join(f"Section Title {i}\n\nShort text of item {i}.\n\n" for i in range(20))
    doc = Document(text=text, source="t.txt", format="txt")
    assert len(segment(doc).sections) == 20


def test_a_date_line_is_not_a_section_heading() -> None:
    text = (
        "Terms of Use\n\nLast Updated March 20, 2023\n\nThese terms apply to you and to your "
        "use of the service.\n\nPricing Plans\n\nWe offer two plans for you and your team.\n"
    )
    assert _headings(text) == ["Terms of Use", "Pricing Plans"]
