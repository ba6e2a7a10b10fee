"""Punkt's decisions on ASCII text, with ``re`` in place of nltk's ``regex``, equal nltk's own."""

import string
import time

from hypothesis import example, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktToken
from punkt_pieces import ASCII_PIECES, BASE

from tosaudit.segment import (
    _TOKENIZER,
    _AsciiLanguageVars,
    _AsciiToken,
    _punkt_spans,
    sentence_spans,
)

_BASE = BASE

_PIECES = ASCII_PIECES

_ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=40)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@example("Inc. (Address:")
@example("U.S.C. \xa7")
@example("4.a.iv. We'll")
@example("Trip.. Please")
@example("a. .\x1c. b")
@settings(max_examples=1500, deadline=None)
def test_ascii_decisions_equal_nltk(text):
    for _match, context in _BASE._match_potential_end_contexts(text):
        if context.isascii():
            want = _BASE.text_contains_sentbreak(context)
            assert _TOKENIZER._ascii.text_contains_sentbreak(context) == want, context
            assert _TOKENIZER.text_contains_sentbreak(context) == want, context
    assert _punkt_spans(text) == list(_BASE.span_tokenize(text))


@given(_ASCII)
@settings(max_examples=1000, deadline=None)
def test_ascii_decisions_on_any_ascii_text(text):
    assert _TOKENIZER._ascii.text_contains_sentbreak(text) == _BASE.text_contains_sentbreak(text)


@given(st.one_of(_ASCII, st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)))
@settings(max_examples=1000, deadline=None)
def test_ascii_word_tokenizer_equals_nltks(text):
    for line in text.split("\n"):
        assert _AsciiLanguageVars().word_tokenize(line) == PunktLanguageVars().word_tokenize(line)


_TOKEN_PATTERNS = ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA")


@given(st.text(alphabet=string.printable[:-5] + "\x1c", max_size=8))
@settings(max_examples=1000, deadline=None)
def test_ascii_token_patterns_equal_nltks(tok):
    for name in _TOKEN_PATTERNS:
        ours, nltks = getattr(_AsciiToken, name), getattr(PunktToken, name)
        assert bool(ours.match(tok)) == bool(nltks.match(tok)), name
    assert _AsciiToken(tok).type == PunktToken(tok).type


def test_token_patterns_on_every_ascii_character():
    for code in range(128):
        for tok in (chr(code), chr(code) + ".", "a" + chr(code), "1" + chr(code) + "."):
            for name in _TOKEN_PATTERNS:
                ours, nltks = getattr(_AsciiToken, name), getattr(PunktToken, name)
                assert bool(ours.match(tok)) == bool(nltks.match(tok)), (name, tok)


def test_non_ascii_context_still_goes_to_nltk():
    # \w beyond ASCII may differ between the two engines: these stay with nltk's patterns.
    for context in ("na\u00efve. Next", "\u039f\u0394\u039f\u03a3. x", "a.\u00a0. b"):
        assert _TOKENIZER.text_contains_sentbreak(context) == _BASE.text_contains_sentbreak(context)


def test_hostile_ascii_contexts_are_linear():
    # One 5 MB "word" before an end mark reaches Punkt's own decision, now run by ``re``.
    for word in ("a," * 2_500_000, "a-" * 2_500_000, "-." * 2_500_000, "1" * 5_000_000):
        start = time.perf_counter()
        spans = sentence_spans(word + ". b")
        assert spans[0][0] == 0
        assert time.perf_counter() - start < 30
