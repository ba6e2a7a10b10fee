"""The trigger rows of clause detection come from the needles present in the text only: the
same rows as folding and testing every sentence."""

from __future__ import annotations

import numpy as np

from tosaudit.clauses.detect import _rows_with, _trigger_plan, _triggered_rows
from tosaudit.clauses.patterns import load_specs


def test_rows_with_lists_present_needles_only_with_their_rows(make_ctx, mixed_sentences):
    text = " ".join(mixed_sentences)
    ctx = make_ctx(text)
    units = list(ctx.prose_sentences)
    starts = np.array([s.start for _, s in units], dtype=np.int64)
    ends = np.array([s.end for _, s in units], dtype=np.int64)
    _, indexed = _trigger_plan(tuple(spec.triggers for spec in load_specs().values()))
    got = _rows_with(ctx, list(indexed), starts, ends)
    low = text.lower()
    for needle in indexed:
        rows = {
            r
            for r, (_, s) in enumerate(units)
            if any(
                s.start <= p and p + len(needle) <= s.end
                for p in range(len(low))
                if low.startswith(needle, p)
            )
        }
        assert got.get(needle, set()) == rows, needle
        # A needle that does not occur has no entry (not an empty one).
        assert (needle in got) == (needle in low), needle
    assert _rows_with(ctx, ["zzzqqq"], starts, ends) == {}


def test_triggered_rows_match_folding_every_sentence(make_ctx, mixed_sentences):
    text = " ".join(mixed_sentences) + " Third\n parties may get your data."
    ctx = make_ctx(text)
    units = list(ctx.prose_sentences)
    specs = list(load_specs().values())
    got = _triggered_rows(ctx, specs, units)
    for spec, rows in zip(specs, got, strict=True):
        if not spec.triggers:
            assert rows is None
            continue
        want = {
            r
            for r, (_, s) in enumerate(units)
            if spec.triggered(" ".join(text[s.start : s.end].lower().split()))
        }
        assert rows == want, spec.category
