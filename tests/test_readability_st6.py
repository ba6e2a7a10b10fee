"""Shortcuts in readability counting equal the straightforward code they replace."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import readability


@given(st.lists(st.integers(-3, 20), min_size=1, max_size=30))
@settings(max_examples=1000, deadline=None)
def test_commonest_grade_is_counters(grades):
    assert readability._commonest(grades) == Counter(grades).most_common(1)[0][0]


def test_commonest_grade_keeps_the_first_of_equals():
    assert readability._commonest([7, 5, 5, 7]) == 7
    assert readability._commonest([5, 7, 7, 5, 9]) == 5


def test_shape_table_is_str_split_white_space():
    for c in range(256):
        assert (readability._SHAPE[c] == ord(" ")) == chr(c).isspace(), hex(c)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
@settings(max_examples=1000, deadline=None)
def test_ascii_tokens_and_characters_are_str_splits(text):
    tokens = text.split()
    got = readability.count_sentence(text)
    assert (got.tokens, got.chars) == (len(tokens), len("".join(tokens)))


@given(st.lists(st.sampled_from(["the", "Company", "don't", "42", "x_y", ",", " "]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_counts_from_cold_and_warm_word_caches_agree(words):
    text = " ".join(words)
    readability.clear_caches()
    cold = readability.count_sentence(text)
    assert readability.count_sentence(text) == cold
