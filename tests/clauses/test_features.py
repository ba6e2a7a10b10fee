"""Clause features: run-time scoring equals the training matrix, pooled characters, hostile input."""

from __future__ import annotations

import time

import numpy as np

from tosaudit.clauses.features import Subwords, Vectorizer, _csr_tfidf, tokens, word_features
from tosaudit.training.data import Example
from tosaudit.training.train import PARAMS, _fit, _matrix, build_vectorizer

TEXTS = [
    "Disputes go to binding arbitration in Delaware.",
    "We may terminate your account at any time, for any reason.",
    "These terms are governed by the laws of Ireland.",
    "We may change these terms at any time without notice.",
    "Contact support by email.",
    "...",
]


def _examples() -> list[Example]:
    labels = [{"arbitration"}, {"unilateral_termination"}, {"choice_of_law"}, set(), set(), set()]
    return [
        Example(f"c{g}", f"{t} {g}", frozenset(lab), "sentences")
        for g in range(3)
        for t, lab in zip(TEXTS, labels, strict=True)
    ]


def test_runtime_scores_equal_training_matrix() -> None:
    ex = _examples()
    params = {**PARAMS, "min_df": 1}
    model = _fit(ex, range(len(ex)), params)
    toks = [tokens(e.text) for e in ex]
    vec, sub = build_vectorizer(toks, 1, int(params["max_features"]))
    X = _matrix(vec, sub, toks, float(params["char_weight"]))
    assert model.subwords is not None
    # The character weight is folded into the run-time weights: undo it for the training matrix.
    nw = model.weights.shape[0]
    W = np.vstack([model.weights, model.subwords.weights / float(params["char_weight"])])
    expected = X @ W
    assert X.shape[1] > nw  # the character block is there
    np.testing.assert_allclose(
        model.decision([e.text for e in ex]), np.asarray(expected) + model.intercepts, atol=1e-4
    )


def test_pooled_characters_share_stems() -> None:
    sub = Subwords(["ter", "erm", "rmi", "min", " te", "ate", "ion"], np.ones(7), np.eye(7)[:, :2])
    a = sub.scores([tokens("terminate"), tokens("termination"), tokens("hello"), []])
    assert a.shape == (4, 2)
    assert a[0, 0] > 0 and a[1, 0] > 0  # shared n-grams score the same direction
    assert (a[2] == 0).all() and (a[3] == 0).all()
    # Punctuation is neither scored nor counted as a word.
    np.testing.assert_allclose(sub.scores([tokens("terminate , .")]), a[:1])


def test_hostile_sentence_is_fast() -> None:
    sub = Subwords(["abc"], np.ones(1), np.ones((1, 1)))
    text = "abcdef ghijkl " * 400_000  # 5.6 MB, no punctuation
    t0 = time.perf_counter()
    sub.scores([tokens(text)])
    assert time.perf_counter() - t0 < 2.0


def test_word_cache_is_bounded() -> None:
    sub = Subwords(["abc"], np.ones(1), np.ones((1, 1)))
    sub.MAX_CACHE = 50
    for i in range(10):
        sub.scores([[f"w{i}x{j}" for j in range(20)]])
    assert len(sub._index) <= 50


def test_clear_caches_forgets_word_projections() -> None:
    from tosaudit.clauses.model import clear_caches, get_model

    model = get_model()
    before = model.margins(["We may terminate your account at any time."])
    assert model.subwords is not None and model.subwords._index
    clear_caches()
    assert not model.subwords._index
    np.testing.assert_allclose(
        model.margins(["We may terminate your account at any time."]), before
    )


def _reference_csr(vec: Vectorizer, token_lists: list[list[str]]) -> tuple[np.ndarray, ...]:
    """The rows as training builds them: every 1-2 gram string looked up one by one."""
    ids: list[int] = []
    lengths: list[int] = []
    for toks in token_lists:
        got = [vec.words.get(f, -1) for f in word_features(toks)]
        ids += got
        lengths.append(len(got))
    return _csr_tfidf(ids, lengths, vec.n_features, vec.idf)


def test_vectorizer_ids_give_the_rows_of_string_lookups() -> None:
    words = ["we", "may", "we may", "terms", "change terms", "x", "x x", "end", "end we", "a  b"]
    vec = Vectorizer(words, np.linspace(1.0, 2.0, len(words)))
    lists = [
        "we may change terms".split(),
        "x x x we may".split(),
        [],
        "end".split(),  # "end we" spans two texts: never a bigram
        "we may we may unknown change terms x".split(),
        ["nothing", "known"],
    ]
    got = vec.transform_tokens(lists)
    for a, b in zip(got, _reference_csr(vec, lists), strict=True):
        np.testing.assert_array_equal(a, b)
    assert got[0][-1] == len(got[1])  # every text has its row


def test_shipped_vectorizer_matches_string_lookups_on_random_tokens() -> None:
    from tosaudit.clauses.model import get_model

    vec = get_model().vectorizer
    rng = np.random.default_rng(7)
    vocab = sorted({t for f in vec.words for t in f.split(" ")})[:3000] + ["zzq", ",", "."]
    lists = [list(rng.choice(vocab, size=int(rng.integers(0, 40)))) for _ in range(300)]
    for a, b in zip(vec.transform_tokens(lists), _reference_csr(vec, lists), strict=True):
        np.testing.assert_array_equal(a, b)


def test_tokens_map_quotes_only_in_non_ascii_text() -> None:
    assert tokens("We\u2019ll \u201cpay\u201d 12\u00a0\u20ac \u2013 now") == [
        "we",
        "'",
        "ll",
        '"',
        "pay",
        '"',
        "00",
        "\u20ac",
        "-",
        "now",
    ]
    assert tokens('We\'ll "pay" 12 - now') == ["we", "'", "ll", '"', "pay", '"', "00", "-", "now"]


def test_gram_keys_give_the_rows_of_string_lookups() -> None:
    from tosaudit.clauses.model import get_model

    sub = get_model().subwords
    assert sub is not None and sub._char_ids is not None  # the shipped model takes keys
    rng = np.random.default_rng(3)
    letters = list("abcdefghijklmnopqrstuvwxyz0'") + ["\u00e9", "\u00df", "\u4e2d", "\U0001f600"]
    words = ["".join(rng.choice(letters, size=int(rng.integers(1, 12)))) for _ in range(2000)]
    words += [",", ".", "", "x" * 90, "terminate", "na\u00efve", "\ud800ok", "stra\u00dfe"]
    for batch in (words, words[:1], [","], []):
        got = sub._word_rows_by_keys(batch)
        for a, b in zip(got, sub._word_rows_by_strings(batch), strict=True):
            np.testing.assert_array_equal(a, b)


def test_odd_gram_vocabulary_keeps_string_lookups() -> None:
    sub = Subwords(["ab", "abc"], np.ones(2), np.ones((2, 1)))  # a 2-gram: no keys
    assert sub._char_ids is None
    ptr, ind, data = sub.word_rows(["abc", ","])
    assert list(ptr) == [0, 1, 1] and list(ind) == [1]
