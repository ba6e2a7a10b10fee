"""Buried scores kept per sentence and per (category, section) equal scores measured afresh."""

from __future__ import annotations

import dataclasses
import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.clauses import buried
from tosaudit.clauses.patterns import load_specs
from tosaudit.models import Document, LayoutSpan

FILLER = (
    "We make recipes, tips and cooking videos available for members to watch and share "
    "with friends and family at home. "
)
CAPS = (
    "WE MAY TERMINATE YOUR ACCOUNT AT ANY TIME WITHOUT NOTICE AND WE ARE NOT LIABLE FOR "
    "ANY LOSS OF DATA OR PROFITS."
)


def _text() -> str:
    return (
        "Summary\n\nYou may cancel at any time.\n\n"
        "Fees and renewal\n\n"
        "Your membership renews automatically every month until you cancel.\n\n"
        + (FILLER * 12)
        + "We may change the fees at any time.\n\n"
        + "Miscellaneous\n\n"
        + "\n\n".join([FILLER] * 20)
        + "\n\n"
        + CAPS
        + "\n\nWe may terminate or suspend your account and change these terms at any time."
    )


def test_cached_parts_equal_fresh_scores(make_ctx) -> None:
    text = _text()
    end = len(text)
    layout = (
        LayoutSpan(0, 2 * end // 3, page=1, font_size=11.0),
        LayoutSpan(2 * end // 3, end, page=1, font_size=7.0),
    )
    doc = Document(text=text, source="t.pdf", format="pdf", layout=layout)
    shared = make_ctx(doc)
    specs = list(load_specs().values())
    indices = [i for i, s in shared.prose_sentences]
    assert len(indices) > 20
    seen_reasons: set[str] = set()
    # Every category on every sentence: one context keeps its per-sentence parts, the other
    # is new for each call.
    for i in indices:
        for spec in specs:
            got = buried.score(shared, spec, i)
            assert got == buried.score(make_ctx(doc), spec, i)
            seen_reasons.update(r.split(" (")[0].split(' "')[0] for r in got["reasons"])
    sig = buried.document_signals(shared)
    assert len(sig.sentence_parts) == len(indices)
    # The text exercises every signal.
    assert any(r.startswith("appears late") for r in seen_reasons)
    assert any(r.startswith("set in small print") for r in seen_reasons)
    assert any(r.startswith("written as a wall") for r in seen_reasons)
    assert any(r.startswith("inside a long paragraph") for r in seen_reasons)
    assert any(r.startswith("under the heading") for r in seen_reasons)
    assert any(r.startswith("not mentioned") for r in seen_reasons)


def test_reasons_of_a_cached_sentence_are_not_shared(make_ctx) -> None:
    ctx = make_ctx(_text())
    spec = next(iter(load_specs().values()))
    i = ctx.prose_sentences[-1][0]
    first = buried.score(ctx, spec, i)
    first["reasons"].append("changed by a caller")
    assert "changed by a caller" not in buried.score(ctx, spec, i)["reasons"]


def _caps_reference(sample: str) -> bool:
    letters = [c for c in sample if c.isalpha()]
    return len(letters) >= buried.ALL_CAPS_MIN_LETTERS and sum(
        c.isupper() for c in letters
    ) >= 0.9 * len(letters)


@pytest.mark.parametrize("seed", range(40))
def test_caps_wall_of_ascii_and_other_text_equals_reference(make_ctx, seed) -> None:
    rng = random.Random(seed)
    alphabet = rng.choice(["AB a", "ABCD e.", "AAAAAAAAAb 1", "AÉ b", "ZZZZZZZZZZZZZZZZZZZz "])
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(50, 2600))).strip() + "."
    ctx = make_ctx(text)
    sig = buried.document_signals(ctx)
    for start, end in ((0, len(text)), (3, len(text) - 2), (0, min(len(text), 70))):
        assert buried._is_caps_wall(ctx, sig, start, end) == _caps_reference(
            text[start : min(end, start + 2000)]
        )


def test_fold_set_is_every_character_ignorecase_matches_to_another_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = set()
    for code in range(128, 0x110000):
        c = chr(code)
        # Matched case-blind by some ASCII letter, but not lowered to one.
        if letter.fullmatch(c) and not (len(c.lower()) == 1 and "a" <= c.lower() <= "z"):
            odd.add(c)
    assert odd == set(buried._FOLDS_UNLIKE_LOWER)


_TOPIC_PIECES = [
    "renew",
    "Renewal",
    "RENEWS",
    "law",
    "Laws",
    "x",
    " ",
    "-",
    "_",
    "é",
    "\u0130",
    "\u017f",
]


@given(st.lists(st.sampled_from(_TOPIC_PIECES), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_names_topic_equals_the_search(text) -> None:
    specs = list(load_specs().values())
    extra = dataclasses.replace(specs[0], topic=("renew", "law", "s"))
    sig = buried.DocumentSignals(text, [], np.zeros(0), np.zeros(0), None, [], {})
    for spec in [*specs, extra]:
        regex = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(t) for t in sorted(spec.topic, key=len, reverse=True))
            + r")(?!\w)",
            re.IGNORECASE,
        )
        spec = dataclasses.replace(spec, topic_regex=regex)
        assert buried._names_topic(sig, spec) == (regex.search(text) is not None)
