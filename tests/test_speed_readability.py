"""The fast paths of sentence counting (ASCII byte removal, small packed sums in chunks) count
exactly what the straightforward per-word loop counts."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_readability import _reference_counts

from tosaudit import readability

# Every ASCII character (controls, \x1c-\x1f which str.split treats as white space, all the
# punctuation) and words with apostrophes that textstat keeps or drops.
_ASCII_PIECES = [chr(c) for c in range(128)] + [
    "the",
    "Company",
    "indemnification",
    "don't",
    "we'll",
    "O'Neil's",
    "'tis",
    "rock'n'roll",
    "users'",
    "42",
    "x_y",
    " ",
    " ",
]


def test_ascii_punctuation_set_is_the_patterns():
    want = {chr(c) for c in range(128) if re.fullmatch(r"[^\w\s']", chr(c))}
    assert {chr(b) for b in readability._ASCII_PUNCT} == want


@given(st.lists(st.sampled_from(_ASCII_PIECES), max_size=80).map("".join))
@settings(max_examples=600, deadline=None)
def test_ascii_sentences_equal_reference(text):
    assert readability.count_sentence(text) == _reference_counts(text)


@pytest.mark.parametrize("n", [4094, 4095, 4096, 9000])
def test_sentences_past_one_chunk_equal_reference(n):
    # Every word is hard and long: a chunk too large would carry one field into the next.
    words = ["indemnification", "unenforceable", "arbitration"]
    text = " ".join(words[i % len(words)] for i in range(n)) + "."
    readability.clear_caches()
    got = readability.count_sentence(text)
    assert got == _reference_counts(text)
    assert got.words == got.dc_hard == got.polysyllables == n


def test_huge_word_syllables_do_not_disturb_the_flags():
    text = "cat " + "b" * 500_000 + " indemnification dog"
    assert readability.count_sentence(text) == _reference_counts(text)


def test_counts_are_immutable_and_add_field_by_field():
    a = readability.Counts(sentences=1, words=10, syllables=15, lw_words=10, lw_sentences=1)
    b = readability.Counts(sentences=1, words=5, syllables=6, lw_words=5, lw_sentences=1)
    with pytest.raises(AttributeError):
        a.words = 3  # type: ignore[misc]
    total = a + b
    assert isinstance(total, readability.Counts)
    assert (total.sentences, total.words, total.syllables, total.lw_words) == (2, 15, 21, 15)
    assert repr(readability.Counts(words=2)).startswith("Counts(sentences=0, words=2, ")


def test_cmu_syllables_count_stress_digits():
    readability.clear_caches()
    readability.syllables("warm")  # loads the dictionary
    for word in ("indemnification", "the", "arbitration", "fire", "hour"):
        entry = readability._CMU[word]
        assert readability.syllables(word) == sum(1 for p in entry[0] if p[-1].isdigit())
