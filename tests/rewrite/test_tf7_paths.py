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


_SHOUTED = [
    "THE", "SOFTWARE", "ACME", "WIDGETS", "XYZ", "GDPR", "USD", "INC", "LTD", "LLC", "U", "S",
    "I", "A", "IV", "WE", "MAY", "NOT", "BE", "LIABLE", "TRIPADVISOR", "BY", "CAF\u00c9", "OF",
]  # fmt: skip
_SHOUTED_GAPS = [
    " ", " ", " ", ". ", "? ", "! ", ".", ", ", " (", ") ", "(", ")", "  ", "." + " " * 11,
    "." + " " * 12, ".\n", ' "', '" ', "-", "'", ", ", "; ", "\u00a0", "e.g. ", "www.x.com ",
]  # fmt: skip
_shouted = st.lists(
    st.tuples(st.sampled_from(_SHOUTED), st.sampled_from(_SHOUTED_GAPS)), min_size=4, max_size=24
).map(lambda pairs: "".join(w + g for w, g in pairs))
_INFO = tf.DocInfo(
    defined_terms=frozenset({"Software", "TripAdvisor", "Acme Widgets"}),
    _vocab=({"acme": "Acme", "tripadvisor": "TripAdvisor"}, frozenset({"XYZ", "IV"})),
)


def _sentence_case_reference(text: str, info: tf.DocInfo) -> str:
    """``sentence_case`` as it was: a match object per word, and the 12 characters before
    every word read for a sentence mark."""
    protected = tf.protected_spans(text)
    names = tf._company_name_starts(text)
    out: list[str] = []
    pos = 0
    for k, m in enumerate(tf.TOKEN.finditer(text)):
        start, end = m.span()
        out.append(text[pos:start])
        word = m.group(0)
        low = word.lower()
        if protected and tf._inside(protected, start, end):
            new = word
        elif len(word) <= 4 and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            new = low
        elif word in info.acronyms or word in tf.COMMON_ACRONYMS:
            new = word
        elif low in info.cased:
            new = info.cased[low]
        elif low == "i" or (len(word) == 1 and text[end : end + 1] == "."):
            new = word
        elif low in tf._LEGAL_FORMS:
            new = tf._LEGAL_FORMS[low]
        elif start in names:
            new = word[:1] + low[1:]
        else:
            new = low
        before = text[max(0, start - 12) : start].rstrip()
        if k == 0 or (
            before[-1:] in (".", "!", "?")
            and not tf._ABBREVIATION_END.search(before)
            and not tf._LEGAL_FORM_END.search(before)
        ):
            new = new[:1].upper() + new[1:]
        out.append(new)
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    for term in tf.ordered_terms(info.defined_terms):
        if term.lower() in text.lower():
            text = tf._respell(text, term)
    return text


@settings(max_examples=800, deadline=None)
@given(_shouted)
def test_sentence_case_is_the_word_by_word_reference(text: str) -> None:
    got, ops = tf.sentence_case(text, _INFO)
    if tf.is_all_caps(text):
        assert (got, ops) == (_sentence_case_reference(text, _INFO), [{"op": "sentence_case"}])
    else:
        assert (got, ops) == (text, [])


def test_sentence_case_reads_marks_twelve_characters_back() -> None:
    # The mark 12 characters before a word (11 spaces between) starts a sentence; 13 do not.
    for gap in (". ", "." + " " * 11, "." + " " * 12, "! \n ", "e.g. ", "U.S. ", "INC. "):
        text = f"WE MAY NOT BE LIABLE{gap}THE SOFTWARE MAY FAIL."
        assert tf.sentence_case(text, _INFO)[0] == _sentence_case_reference(text, _INFO), gap
    assert tf.sentence_case("WE MAY END IT." + " " * 11 + "THE END.", _INFO)[0].endswith("The end.")
    assert tf.sentence_case("WE MAY END IT." + " " * 12 + "THE END.", _INFO)[0].endswith("the end.")
