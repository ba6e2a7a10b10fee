"""Segmentation shortcuts give exactly what NLTK's Punkt gives."""

import string
import time
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from punkt_pieces import BASE, PIECES

from tosaudit import segment as seg_mod
from tosaudit.ingest import SUFFIXES, ingest_file
from tosaudit.segment import (
    _CLOSERS,
    _PERIOD_CONTEXT,
    _REALIGN,
    _REALIGNED,
    _TOKENIZER,
    _last_space,
    _punkt_spans,
    segment,
    sentence_spans,
)

_BASE = BASE

_PIECES = PIECES


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
# Found by this test: \x1c is white space to ``re`` but part of a token to Punkt.
@example("word.\x1c...?")
@settings(max_examples=1500, deadline=None)
def test_punkt_spans_equal_punkt(text):
    assert _punkt_spans(text) == list(_BASE.span_tokenize(text))
    assert sentence_spans(text) == list(_BASE.span_tokenize(text))


@given(
    st.lists(st.sampled_from(_PIECES[:14]), min_size=1, max_size=4).map("".join),
    st.sampled_from(sorted(_CLOSERS)),
    st.sampled_from(".?!"),
    st.sampled_from([" ", "\n", "  ", "\u00a0", "\t"]),
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join),
)
@settings(max_examples=600, deadline=None)
def test_closer_before_end_mark_is_a_break_as_in_punkt(word, closer, mark, space, rest):
    text = f"First {word}{closer}{mark}{space}Next{rest} end."
    assert _punkt_spans(text) == list(_BASE.span_tokenize(text))


def _candidates(regex, text):
    return [
        (m.start(), m.end(), m.group("after_tok"), m.group("next_tok"), m.start("next_tok"))
        for m in regex.finditer(text)
    ]


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
@settings(max_examples=1000, deadline=None)
def test_candidate_breaks_equal_nltks_pattern(text):
    nltk_pattern = _TOKENIZER._lang_vars.period_context_re()
    assert _candidates(_PERIOD_CONTEXT, text) == _candidates(nltk_pattern, text)


def test_candidate_pattern_white_space_is_the_regex_modules():
    nltk_pattern = _TOKENIZER._lang_vars.period_context_re()
    for code in range(0x3100):
        text = f"a.{chr(code)}b c.{chr(code)}"
        assert _candidates(_PERIOD_CONTEXT, text) == _candidates(nltk_pattern, text), hex(code)


def test_realigned_characters_are_those_the_pattern_starts_with():
    starts = {chr(c) for c in range(0x3000) if _REALIGN.match(chr(c))}
    assert starts == _REALIGNED


@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\u00a0ab.", max_size=30), st.data())
def test_last_space_is_punkts_search(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    want = _BASE._get_last_whitespace_index(text[lo:hi])
    got = _last_space(text, lo, hi)
    # Punkt reports the index inside the slice, 0 also meaning "none".
    assert (got - lo if got > lo else 0) == want
    assert got == -1 or (lo <= got < hi and text[got] in string.whitespace)


def test_corpus_paragraphs_equal_punkt():
    """Every paragraph of the shipped samples splits as Punkt splits it."""
    root = Path(__file__).resolve().parents[1] / "samples"
    paths = [p for p in sorted(root.iterdir()) if p.suffix in SUFFIXES and "README" not in p.name]
    assert paths
    n = 0
    for path in paths:
        doc = ingest_file(path)
        for p in segment(doc).paragraphs:
            para = doc.text[p.start : p.end]
            assert sentence_spans(para) == list(_BASE.span_tokenize(para))
            n += 1
    assert n > 50


def test_module_tokenizer_is_punkt_with_legal_abbreviations():
    assert seg_mod.LEGAL_ABBREVIATIONS <= _TOKENIZER._params.abbrev_types


def test_hostile_run_of_candidate_breaks_is_linear():
    # 300,000 candidates ("a." is an initial, never a break): nltk's own span_tokenize gives
    # up with a TimeoutError after 5 s; each repeated context is decided once here.
    text = "a. " * 300_000
    assert _punkt_spans(text[:3000]) == list(_BASE.span_tokenize(text[:3000]))
    t0 = time.perf_counter()
    assert sentence_spans(text) == [(0, len(text.rstrip()))]
    assert time.perf_counter() - t0 < 10
