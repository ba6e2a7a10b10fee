"""The trigger rows of clause detection come from the needles present in the text only: the
same rows as folding and testing every sentence."""

from __future__ import annotations

import numpy as np

from tosaudit.clauses.detect import _rows_with, _trigger_plan, _triggered_rows
from tosaudit.clauses.patterns import load_specs
from tosaudit.config import Config
from tosaudit.models import Document
from tosaudit.readability import analyse
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment

SENTENCES = [
    "We may terminate your account at any time without notice.",
    "Any dispute will be settled by binding arbitration in Delaware.",
    "You can cancel your plan online at any time.",
    "We may change these terms at our sole discretion.",
    "Prices include VAT.",
]


def _ctx(text: str) -> AuditContext:
    doc = Document(text=text, source="t.txt", format="txt")
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = analyse(
        [text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, Config())


def test_rows_with_lists_present_needles_only_with_their_rows():
    text = " ".join(SENTENCES)
    ctx = _ctx(text)
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


def test_triggered_rows_match_folding_every_sentence():
    text = " ".join(SENTENCES) + " Third\n parties may get your data."
    ctx = _ctx(text)
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
