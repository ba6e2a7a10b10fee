"""Punkt's break decision from the candidate tokens alone equals Punkt's full annotation."""

import time

from hypothesis import example, given, settings
from hypothesis import strategies as st
from punkt_pieces import BASE, PIECES

from tosaudit.segment import _TOKENIZER, _sentbreak_among_candidates, sentence_spans

_BASE = BASE

_PIECES = PIECES


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@example("Inc. Next")
@example("J. Bach")
@example("4. the")
@example("word.\n\nNext")
@example("word. \n")
@example("x.")
@example("a.\u00a0. b")
@settings(max_examples=2000, deadline=None)
def test_candidates_decide_as_punkt(text):
    want = _BASE.text_contains_sentbreak(text)
    assert _TOKENIZER.text_contains_sentbreak(text) == want, text
    assert _sentbreak_among_candidates(_TOKENIZER, text) == want, text  # nltk's own patterns
    if text.isascii():
        assert _sentbreak_among_candidates(_TOKENIZER._ascii, text) == want, text


def test_only_the_last_token_a_break_is_no_break():
    # Punkt ignores a break on the last token: nothing follows it.
    assert _TOKENIZER.text_contains_sentbreak("This is the end.") is False
    assert _TOKENIZER.text_contains_sentbreak("This is the end. And") is True


def test_a_million_short_tokens_before_one_mark():
    # '"a"a"a...' is a million tokens with one end mark: only that mark's tokens get annotated.
    # Punkt annotating every token took about 20 s on this input.
    text = '"a' * 2_500_000 + '." b. c'
    start = time.perf_counter()
    spans = sentence_spans(text)
    assert spans[0] == (0, len(text) - 5)
    assert time.perf_counter() - start < 10
