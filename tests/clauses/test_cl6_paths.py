"""Faster paths of clause scoring (branch cl6) give exactly what the slower ones they replace
give: the ASCII tokeniser, the stable-sort unique count and the sorted-key lookup."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.clauses import features
from tosaudit.clauses.features import _find, sparse_dot, tokens, tokens_flat, unique_counts

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=80)


@given(ASCII)
@settings(max_examples=800)
def test_ascii_tokeniser_equals_the_unicode_one(text):
    low = text.lower()
    assert features._ASCII_TOKEN.findall(low) == features._TOKEN.findall(low)


def test_ascii_tokeniser_on_every_ascii_character():
    for code in range(128):
        low = chr(code).lower()
        for text in (low, f"ab{low}cd", low * 3, f"{low} x_{low}9"):
            assert features._ASCII_TOKEN.findall(text) == features._TOKEN.findall(text), code


@given(ASCII)
def test_tokens_of_ascii_text_use_the_unicode_rules(text):
    import re

    want = features._TOKEN.findall(re.sub(r"\d", "0", text[: features.MAX_CHARS].lower()))
    assert tokens(text) == want


@given(st.lists(st.integers(min_value=0, max_value=2**40), max_size=200))
def test_unique_counts_equals_np_unique(values):
    keys = np.asarray(values, dtype=np.int64)
    want_keys, want_counts = np.unique(keys, return_counts=True)
    got_keys, got_counts = unique_counts(keys)
    np.testing.assert_array_equal(got_keys, want_keys)
    np.testing.assert_array_equal(got_counts, want_counts)
    assert got_keys.dtype == want_keys.dtype and got_counts.dtype == want_counts.dtype


@given(
    st.lists(st.integers(min_value=0, max_value=1000), unique=True, min_size=1, max_size=60),
    st.lists(st.integers(min_value=-5, max_value=1010), max_size=60),
)
def test_find_locates_exactly_the_keys(keys, queries):
    sorted_keys = np.asarray(sorted(keys), dtype=np.int64)
    at, hit = _find(sorted_keys, np.asarray(queries, dtype=np.int64))
    assert hit.tolist() == [q in keys for q in queries]
    assert sorted_keys[at[hit]].tolist() == [q for q in queries if q in keys]


@given(
    st.lists(st.integers(min_value=0, max_value=6), max_size=12),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_sparse_dot_with_widened_weights_is_bit_identical(lengths, seed):
    rng = np.random.default_rng(seed)
    weights = rng.standard_normal((9, 3)).astype(np.float32)
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    ind = rng.integers(0, 9, int(ptr[-1]))
    data = rng.random(int(ptr[-1]))
    # The reference: fancy indexing of the float32 weights, as scoring did before.
    contrib = weights[ind] * data[:, None]
    want = np.zeros((len(lengths), 3))
    nonempty = np.diff(ptr) > 0
    if len(ind):
        want[nonempty] = np.add.reduceat(contrib, ptr[:-1][nonempty], axis=0)
    for w in (weights, weights.astype(np.float64)):
        np.testing.assert_array_equal(sparse_dot(ptr, ind, data, w), want)


TEXT_PARTS = st.sampled_from(
    [
        "We may",
        " terminate",
        "\n",
        "\r\n",
        "\t",
        "\x1c",
        "\x00",
        "_",
        "a_b",
        "Ab12",
        ", ",
        "(x)",
        "\u2019s",
        "ΟΔΟΣ",
        "İ",
        "\u0663",
        "..",
        " ",
        "'",
        "\x7f",
        "€",
    ]
)


@given(
    st.one_of(
        st.lists(st.lists(TEXT_PARTS, max_size=12).map("".join), max_size=8),
        st.lists(ASCII, max_size=6),  # any ASCII texts
    )
)
@settings(max_examples=1000)
def test_tokens_flat_equals_tokens_of_each_text(texts):
    flat, lengths = tokens_flat(texts)
    per_text = [tokens(t) for t in texts]
    assert lengths == [len(t) for t in per_text]
    assert flat == [tok for toks in per_text for tok in toks]


def test_tokens_flat_cuts_long_texts_like_tokens():
    long = "word, " * 2000 + "tail"
    texts = [long, "Short one.", long + "\u2019"]
    flat, lengths = tokens_flat(texts)
    assert lengths == [len(tokens(t)) for t in texts]
    assert flat == [tok for t in texts for tok in tokens(t)]
