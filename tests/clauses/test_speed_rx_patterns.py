"""Clause patterns skip sentences without their required literals, and answer as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tosaudit.clauses.patterns import load_specs, search
from tosaudit.ingest import ingest_file
from tosaudit.rules.base import AuditContext

CASES = yaml.safe_load((Path(__file__).with_name("clause_cases.yaml")).read_text(encoding="utf-8"))
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FIELDS = ("patterns", "unless", "error_if", "mild_if", "fair_if")


def test_every_category_pattern_has_needles() -> None:
    for spec in load_specs().values():
        assert spec.needles["patterns"], spec.category
        assert set(spec.needles) == {k for k in FIELDS if getattr(spec, k) is not None}


def test_needles_skip_a_sentence_without_them() -> None:
    spec = load_specs()["fee_change"]
    sentence = "The fee for each extra seat is 5 dollars a month."
    assert spec.triggered(sentence.lower())  # the trigger "fee" lets it through ...
    low = sentence.lower()
    # ... but every alternative lacks one of its needed words ("change", "increase", ...)
    assert all(not all(any(n in low for n in c) for c in conj) for conj in spec.needles["patterns"])
    assert spec.pattern_hit(sentence, 0, len(sentence)) is None


@pytest.mark.parametrize("category", sorted(CASES))
def test_every_must_match_case_holds_a_needle(category: str) -> None:
    spec = load_specs()[category]
    for sentence in CASES[category]["match"]:
        low = sentence.lower()
        assert any(
            all(any(n in low for n in c) for c in conj) for conj in spec.needles["patterns"]
        ), sentence


@pytest.mark.parametrize(
    "path", sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})
)
def test_prefiltered_search_equals_plain_search_on_samples(
    make_ctx: Callable[..., AuditContext], path: Path
) -> None:
    ctx = make_ctx(ingest_file(path))
    text = ctx.text
    checked = 0
    for _, s in ctx.prose_sentences:
        for spec in load_specs().values():
            for key in FIELDS:
                rx = getattr(spec, key)
                if rx is None:
                    continue
                plain = search(rx, text, s.start, s.end)
                gated = search(rx, text, s.start, s.end, spec.needles[key])
                assert (gated and gated.span()) == (plain and plain.span()), (key, s)
                checked += 1
    assert checked > 100
