"""Per-sentence margins shared across documents: the same numbers as scoring each document
alone."""

from __future__ import annotations

import numpy as np

from tosaudit.clauses.detect import (
    _margin_slot,
    _margins_by_sentence,
)
from tosaudit.clauses.model import get_model


def test_margins_by_sentence_equal_one_batch_whatever_was_scored_before(mixed_sentences):
    sentences = mixed_sentences
    model = get_model()
    _margin_slot.cache_clear()
    whole = model.margins(sentences)
    assert np.array_equal(_margins_by_sentence(model, sentences[1:3]), whole[1:3])
    # Some rows cached (1, 2), others not, one repeated: each row as the batch gives it.
    mixed = [sentences[2], sentences[0], sentences[1], sentences[4], sentences[0]]
    got = _margins_by_sentence(model, mixed)
    assert got.shape == (5, len(model.categories))
    assert np.array_equal(got, whole[[2, 0, 1, 4, 0]])
    # All cached now.
    assert np.array_equal(_margins_by_sentence(model, sentences), whole)
