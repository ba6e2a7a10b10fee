"""Shortcuts of the rewrite stage decide exactly what the full code decides.

Each test runs both paths over every sentence of the labelled corpus (when it is present) and
over hand-made edge cases (non-ASCII case folding, hostile input).
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import pytest

from tosaudit.rewrite import split as splitter

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "claudette" / "docs"
EDGE = [
    "We may end it \u0131f you break these Terms.",  # dotless i: IGNORECASE matches "if"
    "We may end it, \u0130F you break these Terms, unless PROV\u0130DED otherwise.",
    "You may cancel, \u017fuch as online; or by mail, includ\u0131ng by phone.",
    "We collect data, which is stored; provided that you agree, and we may share it.",
    "WE MAY END IT, IF YOU BREAK THESE TERMS, BECAUSE OTHERWISE, IN WHICH CASE we stop.",
    "",
    "no split points at all here",
]


@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[str, ...]:
    """Every prose sentence of the corpus documents (empty when the data is not there)."""
    from tosaudit.models import Document
    from tosaudit.segment import segment

    out: list[str] = []
    if not CORPUS.is_dir():
        return ()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        seg = segment(Document(text=text, source=path.name, format="txt"))
        out.extend(text[s.start : s.end] for s in seg.sentences if s.kind == "sentence")
    return tuple(out)


def _texts() -> list[str]:
    return [*EDGE, *corpus_sentences()]


def test_corpus_is_read_when_present():
    if CORPUS.is_dir():
        assert len(corpus_sentences()) > 3000


@pytest.mark.parametrize("rx", list(splitter._NEEDLES), ids=lambda rx: rx.pattern[:30])
def test_split_pattern_literals_skip_only_texts_without_matches(rx: re.Pattern[str]):
    for text in _texts():
        fast = [m.span() for m in splitter._finder(text)(rx)]
        assert fast == [m.span() for m in rx.finditer(text)], text


def test_split_literals_catch_non_ascii_case_folding():
    find = splitter._finder(EDGE[0])
    assert [m.group(0) for m in find(splitter._IF_BARE)] == [m.group(0) for m in splitter._IF_BARE.finditer(EDGE[0])]
    assert list(splitter._finder(EDGE[1])(splitter._IF))  # ", \u0130F " matches with IGNORECASE


def test_split_literals_stay_fast_on_hostile_input():
    text = "word " * 1_000_000  # 5 MB, no punctuation, none of the literals
    start = time.perf_counter()
    find = splitter._finder(text)
    for rx in splitter._NEEDLES:
        list(find(rx))
    assert time.perf_counter() - start < 5
