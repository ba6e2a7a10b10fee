"""Session-7 shortcuts in ``transforms`` give what the plain computations give.

``protected_spans`` answers "none" for an ASCII sentence whose only mark (quotation mark, "@",
".", ":" or code character) is its final full stop, without running any pattern; ``Tokens``
(``ascii_tokens``) works out the word offsets only when they are read, and the legalese scan
reads them only when a phrase may go on or was found. Hypothesis mixes words, legalese phrases,
marks and separators so that every branch is tried.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import transforms as tf

_WORDS = [
    "www", "WWW", "http", "https", "example", "com", "co", "uk", "de", "io", "x", "y", "we",
    "may", "prior", "to", "in", "order", "lieu", "of", "null", "and", "void", "pursuant",
    "hereof", "terminate", "the", "Agreement", "a", "b", "caf\u00e9", "I",
]  # fmt: skip
_GAPS = [
    " ", " ", ", ", ".", ". ", "@", ":", "://", "::", "()", "(", ")", '"', '" ', "`", "_", "{",
    "}", "<", ">", "=", "\\", "|", "-", "'", "/", "\t", "\n", "", "\u201c", "\u201d", "3",
]  # fmt: skip

_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=24).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


def _protected_reference(text: str) -> tuple[tuple[int, int], ...]:
    """Every pattern of ``protected_spans`` over the whole text, in its order."""
    spans: list[tuple[int, int]] = []
    for rx in (tf._QUOTED, tf._URL, tf._EMAIL, tf._DOMAIN, tf._CODE):
        spans.extend(m.span() for m in rx.finditer(text))
    return tuple(spans)


@settings(max_examples=800, deadline=None)
@given(_texts)
def test_protected_spans_are_every_pattern(text: str) -> None:
    assert tf.protected_spans.__wrapped__(text) == _protected_reference(text)


def test_a_final_full_stop_is_the_only_mark_passed_over() -> None:
    # A full stop that is not the last character may start a URL or a domain.
    for text in ("Go to www.example", "Go to example.com", "We may end it."):
        assert tf.protected_spans.__wrapped__(text) == _protected_reference(text)
    assert tf.protected_spans.__wrapped__("Go to www.example")
    assert tf.protected_spans.__wrapped__("We may end it.") == ()
    assert tf.protected_spans.__wrapped__('He said "no".') == ((8, 12),)


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_tokens_are_the_token_words_and_offsets(text: str) -> None:
    text = text.encode("ascii", "replace").decode()
    toks = tf.Tokens(text)
    found = list(tf.TOKEN.finditer(text))
    assert toks.lows == [m.group(0).lower() for m in found]
    # Unpacked (as the readers of ``ascii_tokens`` do) and read as attributes, in either order.
    lows, starts = tf.Tokens(text)
    assert (lows, starts) == (toks.lows, [m.start() for m in found])
    assert toks.starts == starts and toks.starts is toks.starts
    assert tf._word_starts(text) == (lows, starts)
    assert tf._word_starts(text, lower=False) == ([m.group(0) for m in found], starts)


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_ascii_scan_is_the_regex_scan(text: str) -> None:
    text = text.encode("ascii", "replace").decode()
    tf.ascii_tokens.cache_clear()  # a fresh analysis: offsets not read yet
    assert tf._scan_ascii(text) == tf._scan_any(text)
