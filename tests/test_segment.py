import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from punkt_pieces import PIECES

from tosaudit.models import Document
from tosaudit.segment import heading_level, segment


def _sentences(text: str) -> list[str]:
    seg = segment(Document(text, "t", "txt"))
    return [text[s.start : s.end] for s in seg.sentences if s.kind == "sentence"]


def test_legal_abbreviations_do_not_split():
    text = (
        "Acme Inc. is based in the U.S. and follows Sec. 4 of the Act, e.g. the rules in "
        "Art. 5 (see Smith v. Jones). We may change these terms, i.e. at any time. No. 3 applies."
    )
    got = _sentences(text)
    assert got == [
        "Acme Inc. is based in the U.S. and follows Sec. 4 of the Act, e.g. the rules in "
        "Art. 5 (see Smith v. Jones).",
        "We may change these terms, i.e. at any time.",
        "No. 3 applies.",
    ]


def test_headings_become_sections():
    text = (
        "# Terms\n\n1. Introduction\nWelcome to Acme. We sell shoes.\n\n"
        "SECTION 5 PAYMENTS\nPay us.\n"
    )
    seg = segment(Document(text, "t", "md"))
    heads = [s.heading for s in seg.sections]
    assert heads == ["Terms", "1. Introduction", "SECTION 5 PAYMENTS"]
    assert seg.sections[1].number == "1"
    assert seg.sections[2].number == "5"
    pay = next(s for s in seg.sentences if text[s.start : s.end] == "Pay us.")
    assert seg.sections[pay.section].heading == "SECTION 5 PAYMENTS"


def test_numbered_list_item_is_not_a_heading():
    assert (
        heading_level("1. You must be at least 18 years old to create an account with us.") is None
    )
    assert heading_level("1.2 Fees and payment") is not None
    assert heading_level("ARTICLE IV - TERMINATION") is not None
    assert heading_level("LIMITATION OF LIABILITY") is not None
    assert heading_level("WE ARE NOT LIABLE FOR ANY DAMAGES WHATSOEVER ARISING FROM USE.") is None


def test_offsets_point_into_text():
    text = "Hello there.\r\nThis is a test.  And another one!\n\n\nLast line"
    seg = segment(Document(text, "t", "txt"))
    for s in seg.sentences:
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        assert s.end > s.start


def test_soft_wrapped_paragraph_is_one_block():
    text = (
        "We may suspend or terminate your account at any time for any reason and without\n"
        "notice to you, including if we believe that you have breached these terms of\n"
        "service.\n"
    )
    assert len(_sentences(text)) == 1


def test_hostile_five_megabyte_sentence_is_fast():
    text = "lorem ipsum dolor " * 300_000  # 5.4 MB, no punctuation, no newline
    t0 = time.perf_counter()
    seg = segment(Document(text, "t", "txt"))
    assert time.perf_counter() - t0 < 5
    assert len(seg.sentences) == 1


def test_title_case_heading_between_paragraphs():
    text = (
        "Welcome to our service. Please read these terms.\n"
        "Using our Services\n"
        "You must follow any policies made available to you within the Services.\n"
    )
    seg = segment(Document(text, "t", "txt"))
    assert [s.heading for s in seg.sections] == ["Using our Services"]


def test_wrapped_title_case_fragment_is_not_a_heading():
    text = (
        "Some products are covered by separate agreements that you accept when you use\n"
        "Google Drive and Google Photos, which\n"
        "are described in their own terms and policies that apply to those products too.\n"
    )
    seg = segment(Document(text, "t", "txt"))
    assert seg.sections == ()


def test_short_heading_and_wrapped_caps_line():
    text = (
        "Who we are\n"
        "We are a small shoe shop in Leeds.\n\n"
        "IN NO EVENT SHALL THE COMPANY BE LIABLE FOR ANY DAMAGES WHATSOEVER, WHETHER IN\n"
        "CONTRACT OR TORT\n"
        "OR OTHERWISE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES AND LOSSES.\n"
    )
    seg = segment(Document(text, "t", "txt"))
    assert [s.heading for s in seg.sections] == ["Who we are"]


_PIECES = PIECES


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_fast_sentence_breaks_equal_punkt(text):
    """The shortcut for plain "word. Next" breaks decides exactly as Punkt itself does."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from tosaudit.segment import _TOKENIZER

    base = PunktSentenceTokenizer(_TOKENIZER._params)
    assert list(_TOKENIZER.span_tokenize(text)) == list(base.span_tokenize(text))
    for _match, context in base._match_potential_end_contexts(text):
        assert _TOKENIZER.text_contains_sentbreak(context) == base.text_contains_sentbreak(context)


@pytest.mark.parametrize(
    "context, expected",
    [
        ("services. You", True),
        ("services.\nYou", True),
        ("Inc. You", False),  # abbreviation
        ("A. Smith", False),  # an initial
        ("really? yes", True),
        ("e.g. you", False),  # abbreviation, whatever follows
    ],
)
def test_sentence_break_decisions(context, expected):
    from tosaudit.segment import _TOKENIZER

    assert _TOKENIZER.text_contains_sentbreak(context) is expected


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_sentence_spans_equal_punkt(text):
    """The one-sentence shortcut (no end character before the last one) gives Punkt's spans."""
    from tosaudit.segment import _TOKENIZER, sentence_spans

    assert sentence_spans(text) == list(_TOKENIZER.span_tokenize(text))
    assert sentence_spans(text + ".") == list(_TOKENIZER.span_tokenize(text + "."))


@pytest.mark.parametrize(
    "para",
    ["We may end it.", "No end mark here", "Ends with a bracket.)", "  \u00a0", "It ends!", "a."],
)
def test_one_sentence_paragraphs(para):
    from tosaudit.segment import _TOKENIZER, sentence_spans

    assert sentence_spans(para) == list(_TOKENIZER.span_tokenize(para))
