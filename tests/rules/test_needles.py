"""The needle index gives what one str.find loop per literal gives, from one pass."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import disclosures
from tosaudit.api import audit_file
from tosaudit.rules import proofreading
from tosaudit.rules.needles import NeedleIndex, find_all, shipped_needles

_PIECES = ["ab", "a", "b", "aba", "ba", "AB", "x", " ", "\U0001f600", "\u0130", "end", "\n"]
_NEEDLES = frozenset({"ab", "a", "aba", "bab", "b a", "end", "\U0001f600a"})


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_folded_equals_find_loop_with_overlaps(text):
    folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    index = NeedleIndex(text, folded, _NEEDLES)
    for needle in _NEEDLES:
        assert index.folded(needle) == find_all(folded, needle), needle
    for needle in ("AB", "Ab", "a", "\u0130", "end"):
        assert index.exact(needle) == find_all(text, needle), needle


def test_a_literal_outside_the_automaton_is_still_found():
    index = NeedleIndex("one two one", "one two one", frozenset({"two"}))
    assert index.folded("one") == [0, 8]
    assert index.folded("two") == [4]


def test_the_folded_text_must_keep_every_offset():
    with pytest.raises(ValueError, match="as long as the text"):
        NeedleIndex("\u0130x", "\u0130x".lower())


def test_every_literal_the_checks_ask_for_is_in_the_automaton(monkeypatch):
    # A literal missing from the shipped set costs a whole-text scan again: catch it here.
    asked: set[str] = set()
    folded, exact = NeedleIndex.folded, NeedleIndex.exact
    monkeypatch.setattr(NeedleIndex, "folded", lambda s, n: asked.add(n) or folded(s, n))
    monkeypatch.setattr(NeedleIndex, "exact", lambda s, n: asked.add(n.lower()) or exact(s, n))
    for name in ("plain-terms.txt", "template-placeholders.txt", "dense-legalese.txt"):
        audit_file(f"samples/{name}")
    assert asked
    assert asked <= shipped_needles(), sorted(asked - shipped_needles())


def test_shipped_needles_come_from_both_modules():
    needles = shipped_needles()
    assert set(disclosures.needles()) <= needles
    assert {n.lower() for n in proofreading.needles()} <= needles


def test_index_stays_linear_on_a_5_mb_run():
    text = ("endendend cancel refund " * (5_000_000 // 24))[:5_000_000]
    t = time.perf_counter()
    index = NeedleIndex(text, text)
    assert len(index.folded("end")) > 500_000
    assert time.perf_counter() - t < 20
