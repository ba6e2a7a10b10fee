"""The rewrite stage's exact shortcuts give what the full path gives.

* ``engine._steps`` keeps each step's result by step and input text, shared by the fallback
  candidates of one sentence: the same state as running every candidate's steps afresh.
* ``engine.rewrite_sentence`` does not build a fallback candidate whose text after the steps,
  split choice and change flag repeat one already tried: the same rewrite as trying them all.
* ``split._split_plain`` skips the ``_LEADS`` loop for ASCII text without any of
  ``_LEAD_WORDS``: no ``_LEADS`` pattern finds anything in such a text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from tosaudit.rewrite import engine
from tosaudit.rewrite import split as splitter
from tosaudit.rewrite.transforms import DocInfo

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HAND_MADE = [
    "The User shall not copy the Service, and the Company may terminate the account.",
    "Fees shall be charged by us and the User shall pay them within 30 days of notice.",
    "THE COMPANY SHALL NOT BE LIABLE FOR ANY DAMAGES ARISING HEREUNDER OR IN CONNECTION HEREWITH.",
    "We may collect your data, and share it with partners, provided that you consent to it.",
    "If you cancel, we will refund the fees paid for the remaining term of the subscription.",
    "The User agrees that the Company may, at its sole discretion, modify these Terms hereunder.",
    "Your content may be removed by us; however, you remain responsible for it at all times.",
    "You must not  use the Service ; we may suspend it , which may affect your data.",
    # Split, it fails a check; the same text after the steps, not split, passes: the candidate
    # without the split must not be passed over as a repeat of the one with it.
    "In the event that we divide your parcel into several deliveries, you will not be charged "
    "extra delivery fees for each delivery.",
]


def _documents() -> list[tuple[str, DocInfo]]:
    docs = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        docs.append((text, engine.doc_info(text, [(0, len(text))])))
    hand = " ".join(HAND_MADE) + ' (the "User") (the "Company", "we")'
    docs.append((" ".join(HAND_MADE), engine.doc_info(hand, [(0, len(hand))])))
    return docs


def _sentences() -> list[tuple[str, DocInfo]]:
    out = []
    for text, info in _documents():
        for s in re.split(r"(?<=[.;:])\s+(?=[A-Z(])", text):
            if len(s.split()) >= 4:
                out.append((s, info))
    return out


SENTENCES = _sentences()


def _full_path(text: str, info: DocInfo, grade_before: float | None) -> engine.Rewrite:
    """``rewrite_sentence`` as it was before the shortcuts: every fallback candidate built from
    scratch (a fresh memo each), none passed over before it is built."""
    if not engine.could_change(text, info):
        return engine.Rewrite(
            text, [text], " ", [], grade_before=grade_before or 0.0, grade_after=grade_before or 0.0
        )
    removable = set(info.parties)
    first: engine.Rewrite | None = None
    failed: engine.Rewrite | None = None
    seen: set[str] = set()
    for steps in engine._FALLBACKS:
        units, joiner, ops, flagged, hints = engine._candidate(text, info, steps, {})
        rw = engine.Rewrite(text, units, joiner, ops, flagged, [h["hint"] for h in hints])
        if first is None:
            first = rw
            if not rw.changed:
                break
        if not rw.changed or rw.text in seen:
            continue
        seen.add(rw.text)
        ok = engine.check_candidate(rw, info, grade_before, removable, quick=failed is not None)
        if ok:
            rw.flagged, rw.hints = first.flagged, first.hints
            return rw
        failed = failed or rw
    assert first is not None
    return failed or first


def _outcome(rw: engine.Rewrite) -> tuple[Any, ...]:
    return (rw.text, rw.units, rw.joiner, rw.changed, rw.record())


def test_corpus_has_every_kind_of_sentence() -> None:
    kinds = set()
    for text, info in SENTENCES:
        rw = engine.rewrite_sentence(text, info)
        kinds.add("verified" if rw.verified else "rejected" if rw.checks else "nothing")
    assert kinds == {"verified", "rejected", "nothing"}


def test_shared_step_memo_gives_each_candidates_own_state() -> None:
    hits = 0
    for text, info in SENTENCES:
        memo: dict[Any, Any] = {}
        for steps in engine._FALLBACKS:
            before = len(memo)
            shared = engine._steps(text, info, steps, memo)
            hits += len(memo) == before
            assert shared == engine._steps(text, info, steps, {}), (text, sorted(steps))
    assert hits > 0  # candidates did reuse steps run for another one


@pytest.mark.parametrize("grade", [None, 14.0])
def test_rewrite_sentence_equals_the_full_path(grade: float | None) -> None:
    for text, info in SENTENCES:
        assert _outcome(engine.rewrite_sentence(text, info, grade)) == _outcome(
            _full_path(text, info, grade)
        ), text


PIECES = [
    "if", "IF", "If", "which", "Which", "because", "otherwise", "such", "as", "for", "example",
    "e.g.", "including", "Including", "unless", "Unless", "we", "you", "may", "will", "is",
    "are", "the", "data", "not", "only", "of", "spam", "notify", "specific", "x",
    ",", ";", " ", "\n", "\t", ", ", "(", ")", ".",
]  # fmt: skip


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rnd.choice(PIECES) for _ in range(rnd.randint(1, 30))]
        out.append("".join(p if p.strip() in ("", ",", ";", ".") else f" {p}" for p in parts))
    return out


LEAD_TEXTS = [s for s, _ in SENTENCES] + _generated(5, 4000)


def test_lead_patterns_need_a_lead_word() -> None:
    found = 0
    for text in LEAD_TEXTS:
        if not text.isascii():
            continue
        find = splitter._finder(text)
        if any(next(iter(find(rx)), None) for rx, *_ in splitter._LEADS):
            found += 1
            low = text.lower()
            assert any(w in low for w in splitter._LEAD_WORDS), text
    assert found > 100


def test_split_plain_without_the_lead_gate_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    def splits() -> list[Any]:
        return [splitter._split_plain(t) for t in LEAD_TEXTS]

    gated = splits()
    # "" is in every text: the loop runs over every pattern, as without the shortcut.
    monkeypatch.setattr(splitter, "_LEAD_WORDS", ("",))
    assert gated == splits()
    assert any(s is not None for s in gated)
