"""Clause detection: the trigger prefilter and the candidate pairs give what testing every
sentence against every category gives."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tosaudit.clauses import buried
from tosaudit.clauses.detect import (
    ClauseHit,
    _decide,
    _enough_words,
    _model_vetoed,
    _triggered_rows,
    detect,
)
from tosaudit.clauses.model import get_model
from tosaudit.clauses.patterns import load_specs
from tosaudit.ingest import ingest_file
from tosaudit.rules.base import AuditContext

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((Path(__file__).with_name("clause_cases.yaml")).read_text(encoding="utf-8"))
CASE_TEXT = "\n\n".join(
    s for rec in CASES.values() for kind in ("match", "no_match", "fair") for s in rec.get(kind, [])
)
# White space runs inside multi-word triggers, triggers cut by a sentence end, upper case.
SPACING = (
    "We may sell it to Third\n\t parties for Their   own use. We may TAKE\u00a0DOWN posts. "
    "Prices are AS\nIS. The fee. Change. Arbitra\ntion applies. By using it you agree.\n\n"
    "By continuing your use of\u2003the service you accept the changes."
)
NEUTRAL = "Our offices open from nine to five on weekdays and shut on holidays for all."


def _units(ctx: AuditContext) -> list:
    text = ctx.text
    return [(i, s) for i, s in ctx.prose_sentences if _enough_words(text, s.start, s.end)]


def _texts() -> list[str]:
    samples = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.md"))
    return [
        CASE_TEXT,
        SPACING,
        # "İ" grows when lowered: offsets in the lower-cased text move, and "MODİFY" folds
        # to "modi\u0307fy" (holding "modi") while the aligned lower case keeps "modİfy".
        f" {NEUTRAL} ".join(
            (
                "\u0130" * 40 + " starts here now.",
                "We may sell it to third parties for their own use.",
                "Prices are given as is to all.",
                "We MOD\u0130FY the terms here.",
                "By continuing your use of the service you accept.",
            )
        ),
        "\u03a3\u0391\u03a3 " + SPACING,  # final sigma: lowering depends on the neighbours
        *(ingest_file(p).text for p in samples),
    ]


@pytest.mark.parametrize("index", range(6))
def test_triggered_rows_equal_testing_each_sentence(
    make_ctx: Callable[..., AuditContext], index: int
) -> None:
    text = _texts()[index]
    ctx = make_ctx(text)
    units = _units(ctx)
    specs = list(load_specs().values())
    # A category without triggers (every sentence), one with a non-ASCII trigger and one with
    # a doubled space (never in a folded sentence) take the per-sentence path.
    specs += [
        dataclasses.replace(specs[0], triggers=()),
        dataclasses.replace(specs[0], triggers=("\u2019s", "parties for", "modi")),
        dataclasses.replace(specs[0], triggers=("third  parties", "take down")),
    ]
    expected = []
    for spec in specs:
        folded = [" ".join(text[s.start : s.end].lower().split()) for _, s in units]
        rows = {r for r, f in enumerate(folded) if spec.triggered(f)}
        expected.append(rows if spec.triggers else None)
    got = _triggered_rows(ctx, specs, units)
    assert got == expected
    assert any(got[:-3])  # the texts do trigger categories


def _every_pair(ctx: AuditContext) -> list[ClauseHit]:
    """Detection as it was written first: every sentence against every category."""
    text = ctx.text
    units = _units(ctx)
    model = get_model()
    margins = model.margins([text[s.start : s.end] for _, s in units]).tolist()
    col = {c: k for k, c in enumerate(model.categories)}
    hits = []
    for row, (i, s) in enumerate(units):
        folded = " ".join(text[s.start : s.end].lower().split())
        for spec in load_specs().values():
            k = col.get(spec.category)
            bonus = float(model.pattern_bonus[k]) if k is not None else 0.0
            margin = margins[row][k] if k is not None else None
            triggered = spec.triggered(folded)
            m = spec.pattern_hit(text, s.start, s.end) if triggered else None
            found = _decide(spec, m is not None, margin, bonus)
            if found is None or (m is None and spec.is_fair(text, s.start, s.end)):
                continue
            if found[0] == "model" and _model_vetoed(spec.category, text, s.start, s.end):
                continue
            hits.append(
                ClauseHit(
                    spec.category,
                    i,
                    s.start,
                    s.end,
                    spec.severity_of(text, s.start, s.end),
                    round(found[1], 3),
                    found[0],
                    spec.summarise(text, s.start, s.end),
                    buried.score(ctx, spec, i),
                )
            )
    return hits


@pytest.mark.parametrize("index", range(6))
def test_detect_equals_every_pair(make_ctx: Callable[..., AuditContext], index: int) -> None:
    ctx = make_ctx(_texts()[index])
    hits = detect(ctx).hits
    assert hits == _every_pair(make_ctx(_texts()[index]))
    if index == 0:
        assert len(hits) > 50


def test_words_apart_by_line_breaks_alone_count_as_words() -> None:
    words = "We may not be held liable for any loss of data on our servers".split()
    for sep in (" ", "\n", "\t"):
        text = sep.join(words)
        assert _enough_words(text, 0, len(text)), repr(sep)
    short = "We\nmay"
    assert not _enough_words(short, 0, len(short))
