"""The model's shortcuts (each distinct token looked up once, quote mapping by str.replace)
score exactly as looking every occurrence up does."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.clauses import features
from tosaudit.clauses.features import sparse_dot, token_index, tokens
from tosaudit.clauses.model import get_model

TEXTS = [
    "Disputes go to binding arbitration in Delaware, and the arbitration is final.",
    "We may terminate your account at any time, for any reason, at any time.",
    "\u201cWe\u201d may change these terms \u2013 at any time \u2014 without notice\u00a0to you.",
    "You\u2019re bound by the 2024 terms; ΟΔΟΣ naïve İstanbul.",
    "...",
    "",
    "Contact support by email. Contact support by phone.",
]


@given(st.lists(st.sampled_from(["a", "b", "the", ",", "x", "", "Ω"]), max_size=50))
def test_token_index(flat):
    uniq, inv = token_index(flat)
    assert uniq == list(dict.fromkeys(flat))
    assert [uniq[i] for i in inv.tolist()] == flat
    assert inv.dtype == np.int64


@given(
    st.one_of(
        st.text(alphabet="ab ,.\u2019\u2018\u201c\u201d\u2013\u2014\u00a0'\"-9\u0130", max_size=40),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=60),
        st.text(alphabet="AbZ 0123456789_.\u0663", max_size=40),
    )
)
@settings(max_examples=600)
def test_tokens_equal_the_reference(text):
    want = re.compile(r"[^\W_]+|[^\w\s]|_").findall(
        re.sub(r"\d", "0", text[: features.MAX_CHARS].translate(features._QUOTES).lower())
    )
    assert tokens(text) == want


def _per_occurrence(texts: list[str]) -> np.ndarray:
    """Scores with every token occurrence looked up on its own, one text at a time."""
    model = get_model()
    sub = model.subwords
    assert sub is not None
    rows = []
    for text in texts:
        toks = tokens(text)
        ids = np.fromiter(
            (model.vectorizer._token_ids.get(t, -1) for t in toks), dtype=np.int64, count=len(toks)
        )
        ptr, ind, data = model.vectorizer.transform_ids(ids, [len(toks)])
        word = sparse_dot(ptr, ind, data, model.weights) + model.intercepts
        table = np.asarray([int(sub.table_rows([t])[0]) for t in toks], dtype=np.int64)
        rows.append(word + sub.scores_rows(table, [len(toks)]))
    return np.vstack(rows)


def test_decision_equals_looking_up_each_occurrence():
    model = get_model()
    got = model.decision(TEXTS)
    np.testing.assert_allclose(got, _per_occurrence(TEXTS), rtol=0, atol=1e-12)
    # Cold and warm character projections score the same.
    model.subwords.clear()
    np.testing.assert_array_equal(model.decision(TEXTS), got)
