"""Sentence spans kept per paragraph text (``segment._paragraph_spans``): a document
segmented after others that share its paragraphs gets the sentences it gets alone."""

from __future__ import annotations

import sys
from pathlib import Path

from tosaudit.models import Document
from tosaudit.segment import _TOKENIZER, _paragraph_spans, segment

ROOT = Path(__file__).resolve().parents[1]

PARA = "We may end the service. See Sec. 4 for details. Fees are due on the 1st. Refunds: none."


def _doc(text: str, name: str) -> Document:
    return Document(text=text, source=name, format="txt")


def test_shared_paragraphs_give_the_same_sentences_as_alone():
    first = "Terms\n\n" + PARA + "\n\nYou can cancel online.\n"
    second = "Privacy\n\nIntro line here.\n\n" + PARA + "\n"
    _paragraph_spans.cache_clear()
    alone = segment(_doc(second, "b.txt")).sentences
    _paragraph_spans.cache_clear()
    segment(_doc(first, "a.txt"))
    after = segment(_doc(second, "b.txt")).sentences
    assert after == alone
    para_at = second.index(PARA)
    spans = [(s.start - para_at, s.end - para_at) for s in after if s.start >= para_at]
    assert spans == list(_TOKENIZER.span_tokenize(PARA))


def test_paragraph_spans_are_punkt_spans_and_bounded():
    assert _paragraph_spans(PARA) == tuple(_TOKENIZER.span_tokenize(PARA))
    # The throughput benchmarks empty every bounded lru_cache before a cold pass.
    assert _paragraph_spans.cache_parameters()["maxsize"] > 1


def test_benchmarks_clear_it():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import throughput

    owners = {getattr(c, "__self__", None) for c in throughput._tosaudit_caches()}
    assert _paragraph_spans in owners
