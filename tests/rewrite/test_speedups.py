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
    assert [m.group(0) for m in find(splitter._IF_BARE)] == [
        m.group(0) for m in splitter._IF_BARE.finditer(EDGE[0])
    ]
    assert list(splitter._finder(EDGE[1])(splitter._IF))  # ", \u0130F " matches with IGNORECASE


def test_split_literals_stay_fast_on_hostile_input():
    text = "word " * 1_000_000  # 5 MB, no punctuation, none of the literals
    start = time.perf_counter()
    find = splitter._finder(text)
    for rx in splitter._NEEDLES:
        list(find(rx))
    assert time.perf_counter() - start < 5


def _protected_reference(text: str) -> tuple[tuple[int, int], ...]:
    """protected_spans without its substring shortcuts: every pattern over every text."""
    from tosaudit.rewrite import transforms as tf

    spans: list[tuple[int, int]] = []
    for rx in (tf._QUOTED, tf._URL, tf._EMAIL, tf._DOMAIN, tf._CODE):
        spans.extend(m.span() for m in rx.finditer(text))
    return tuple(sorted(spans))


DOMAIN_EDGE = [
    "Write to help.example.COM or visit Example.Co.UK today.",
    "See example.\u212aom here.",  # Kelvin sign: IGNORECASE folds it to "k"
    "Version 1.5 of the U.S. terms, e.g. this one.",
    'Mail x@y.de, see www.z.io/a_b and "quoted text" with `code` and a::b().',
]


def test_protected_spans_shortcuts_find_every_span():
    from tosaudit.rewrite import transforms as tf

    for text in [*EDGE, *DOMAIN_EDGE, *corpus_sentences()]:
        assert tuple(sorted(tf.protected_spans.__wrapped__(text))) == _protected_reference(text), (
            text
        )


def test_domain_literal_gate_keeps_case_folded_domains():
    from tosaudit.rewrite import transforms as tf

    assert tf.protected_spans.__wrapped__(DOMAIN_EDGE[0])
    # Non-ASCII text always gets the full pass (the Kelvin sign case-folds to "k").
    assert tf.protected_spans.__wrapped__(DOMAIN_EDGE[1]) == _protected_reference(DOMAIN_EDGE[1])


@pytest.mark.parametrize("n", [1, 4, 12])
def test_fewer_words_matches_a_full_count(n: int):
    from tosaudit.rewrite import engine
    from tosaudit.rewrite.transforms import TOKEN

    for text in [*EDGE, *corpus_sentences()[:2000]]:
        expected = len(TOKEN.findall(text)) < n
        assert engine._fewer_words(text, n) is expected
        assert splitter._fewer_words(text, n) is expected


def test_scan_offsets_are_those_of_the_words():
    from tosaudit.rewrite.transforms import TOKEN, scan

    for text in [*EDGE, *corpus_sentences()]:
        hits = scan.__wrapped__(text)
        starts = {m.start() for m in TOKEN.finditer(text)}
        ends = {m.end() for m in TOKEN.finditer(text)}
        for h in hits:
            assert h.start in starts and h.end in ends, text
            # The words found, joined as the table writes its phrases, are the entry's phrase.
            span = text[h.start : h.end]
            words = TOKEN.findall(span.lower())
            seps = [sep.strip() for sep in re.findall(r"[^A-Za-z'\u2019/-]+", span)]
            key = words[0]
            for word, sep in zip(words[1:], seps, strict=False):
                key += f"{sep} {word}" if sep else f" {word}"
            assert key == h.entry.phrase, (text, span)


def test_a_repeated_sentence_is_rewritten_once_with_the_same_result():
    from tosaudit.api import audit_text
    from tosaudit.rewrite import engine

    sentence = (
        "Notwithstanding anything to the contrary, the Company shall be entitled to terminate "
        "your account in the event that you fail to pay any fees prior to the due date."
    )
    text = f"{sentence}\n\nWe sell shoes online.\n\n{sentence}\n"
    calls: list[str] = []
    original = engine.rewrite_sentence

    def counting(t: str, *args, **kwargs):
        calls.append(t)
        return original(t, *args, **kwargs)

    import tosaudit.rewrite as rewrite_pkg

    rewrite_pkg.rewrite_sentence = counting
    try:
        report = audit_text(text)
    finally:
        rewrite_pkg.rewrite_sentence = original
    assert calls.count(sentence) == 1
    suggested = [f for f in report.findings if f.suggestion and f.excerpt == sentence]
    assert {f.start for f in suggested} == {0, text.rindex(sentence)}
    assert len({f.suggestion for f in suggested}) == 1
    assert len({repr(f.extra["rewrite"]) for f in suggested}) == 1
