"""Session-6 shortcuts in ``transforms`` give what the plain computations give.

``_passives`` finds the auxiliaries with substring searches for " aux " in a padded copy of the
lower-cased letter runs, and looks for a modal only when the text has a "be" run, for a form of
"have" only when it has a "been" run. Hypothesis mixes auxiliaries, their neighbours and
separators (joiners, underscores, non-ASCII letters and spaces) so that every rule is tried.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import _PASSIVE, is_participle

_WORDS = [
    "is", "IS", "Is", "be", "BE", "been", "am", "are", "was", "were", "will", "shall", "may",
    "must", "can", "could", "should", "would", "might", "has", "have", "had", "not", "paid",
    "used", "charged", "newly", "by", "us", "x", "this", "island", "bee", "beens", "mayor",
    "\u00e9", "caf\u00e9", "\u017fhall", "\u0131s",
]  # fmt: skip
_GAPS = [" ", " ", "  ", "\t", "\n", "", "-", "/", "'", "_", "3", ", ", ".", "\u00a0", "\u2014"]

_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=30).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


def _reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PASSIVE.finditer(text) if is_participle(m.group(6))]


@settings(max_examples=600, deadline=None)
@given(_texts)
def test_passives_are_the_full_search(text: str) -> None:
    assert [m.span() for m in tf._passives.__wrapped__(text)] == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abeimnorstuwy \t-'_\u00e9", max_size=60))
def test_passives_are_the_full_search_on_any_letters(text: str) -> None:
    assert [m.span() for m in tf._passives.__wrapped__(text)] == _reference(text)


def test_modal_and_have_need_be_and_been() -> None:
    # The gates: a modal counts only before a "be" run, "have" only before a "been" run.
    assert tf._passives.__wrapped__("It will charged, it has paid, it beens used.") == ()
    text = "It WILL NOT BE charged; it Has\tBeen paid; it is used."
    found = tf._passives.__wrapped__(text)
    assert [m.group(0) for m in found] == ["WILL NOT BE charged", "Has\tBeen paid", "is used"]
    assert [m.span() for m in found] == _reference(text)


def _reference_all_caps(text: str) -> bool:
    """``is_all_caps`` with both letter counts always taken."""
    upper = sum("A" <= c <= "Z" for c in text)
    lower = sum("a" <= c <= "z" for c in text)
    return not (upper + lower < 12 or upper <= 4 * lower or len(text.split()) < 4)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh .,3\u00e9\u00c9\n", max_size=80))
def test_all_caps_shortcut_is_the_full_count(text: str) -> None:
    assert tf.is_all_caps.__wrapped__(text) == _reference_all_caps(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcXYZ-'/_ \u2019\u00e9.,", max_size=60))
def test_word_starts_are_the_token_starts(text: str) -> None:
    for lower in (True, False):
        got_words, got_starts = tf._word_starts(text.encode("ascii", "replace").decode(), lower)
        ascii_text = text.encode("ascii", "replace").decode()
        toks = list(tf.TOKEN.finditer(ascii_text))
        assert got_starts == [m.start() for m in toks]
        assert got_words == [m.group(0).lower() if lower else m.group(0) for m in toks]
