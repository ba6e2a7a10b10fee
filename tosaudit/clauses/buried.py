"""How hidden an unfavourable clause is: a 0..1 score from measurable signals, with reasons.

Signals (weights add up to more than 1; the score is capped):
- position: the clause sits past 70% of the text (readers stop before the end);
- small print: its font is smaller than the body text's median (PDF/DOCX layout only);
- all-caps wall: a long run of capitals, which studies show people read slower and skip;
- long paragraph: its paragraph has more than 150 words;
- heading: the section heading does not name the topic (auto-renewal under "Miscellaneous");
- not up front: the topic is not mentioned in the opening part or in any summary section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tosaudit.clauses.patterns import CategorySpec
from tosaudit.models import Sentence
from tosaudit.rules.base import AuditContext

WEIGHTS: dict[str, float] = {
    "position": 0.2,
    "small_print": 0.25,
    "all_caps": 0.15,
    "long_paragraph": 0.15,
    "heading": 0.15,
    "not_up_front": 0.2,
}
LATE_FRACTION = 0.7
LONG_PARAGRAPH_WORDS = 150
ALL_CAPS_MIN_LETTERS = 60
# Headings that announce a summary of the key terms.
_SUMMARY_HEADING = re.compile(
    r"\b(?:summary|key\s+terms|at\s+a\s+glance|highlights|overview|in\s+short|in\s+brief|"
    r"tl;?dr|the\s+basics|important|before\s+you\s+(?:start|begin|sign\s+up))\b",
    re.IGNORECASE,
)


@dataclass
class DocumentSignals:
    """Per-document facts computed once and shared by every clause's score."""

    up_front: str  # opening part plus every summary section
    font_starts: list[int]
    font_ends: np.ndarray
    font_sizes: np.ndarray
    body_font: float | None
    caps_spans: list[tuple[int, int]]
    paragraph_words: dict[int, int]
    # Per sentence: the score and reasons of the signals that do not depend on the category
    # (position, small print, all-caps wall, long paragraph); a sentence flagged for several
    # categories is measured once.
    sentence_parts: dict[int, tuple[float, tuple[str, ...]]] = field(default_factory=dict)
    # Per (category, section): whether the section heading names the category's topic.
    heading_names: dict[tuple[str, int], bool] = field(default_factory=dict)
    # ``up_front`` lower-cased ("" where its offsets or case folding differ), made once.
    up_front_lower: str | None = None


def opening_end(ctx: AuditContext) -> int:
    """Where the opening part ends: the first tenth of the text, 1,000 to 4,000 characters."""
    n = len(ctx.text)
    return min(n, max(1000, min(4000, n // 10)))


def document_signals(ctx: AuditContext) -> DocumentSignals:
    """The shared facts (cached in ``ctx.cache``)."""
    got = ctx.cache.get("clauses.buried")
    if got is not None:
        return got
    text = ctx.text
    parts = [text[: opening_end(ctx)]]
    for sec in ctx.segmented.sections:
        if _SUMMARY_HEADING.search(sec.heading):
            parts.append(text[sec.start : min(sec.end, sec.start + 20_000)])
    spans = sorted((s for s in ctx.document.layout if s.font_size), key=lambda s: s.start)
    starts = [s.start for s in spans]
    ends = np.array([s.end for s in spans], dtype=np.int64)
    sizes = np.array([s.font_size for s in spans], dtype=np.float64)
    body: float | None = None
    if len(spans):
        # Character-weighted median: the size most of the text is set in.
        lengths = np.maximum(ends - np.array(starts), 1)
        order = np.argsort(sizes)
        cum = np.cumsum(lengths[order])
        body = float(sizes[order][np.searchsorted(cum, cum[-1] / 2)])
    caps = [(s.start, s.end) for s in ctx.document.layout if s.all_caps]
    sig = DocumentSignals(" ".join(parts), starts, ends, sizes, body, sorted(caps), {})
    ctx.cache["clauses.buried"] = sig
    return sig


def _font_size(sig: DocumentSignals, start: int, end: int) -> float | None:
    """Character-weighted mean font size of the layout spans overlapping ``[start, end)``."""
    if not sig.font_starts:
        return None
    i = max(bisect.bisect_right(sig.font_starts, start) - 1, 0)
    j = bisect.bisect_left(sig.font_starts, end)
    total = weight = 0.0
    for k in range(i, j):
        a = max(sig.font_starts[k], start)
        b = min(int(sig.font_ends[k]), end)
        if b > a:
            total += sig.font_sizes[k] * (b - a)
            weight += b - a
    return total / weight if weight else None


def caps_covered(
    spans: list[tuple[int, int]], start: int, end: int, most: int | None = None
) -> int:
    """Characters of ``[start, end)`` set in an all-caps font, from the sorted all-caps layout
    spans (``DocumentSignals.caps_spans``); ``most`` bounds how many spans are read."""
    i = max(bisect.bisect_right(spans, (start, 1 << 62)) - 1, 0)
    covered = 0
    for a, b in spans[i : None if most is None else i + most]:
        if a >= end:
            break
        covered += max(0, min(b, end) - max(a, start))
    return covered


def _is_caps_wall(ctx: AuditContext, sig: DocumentSignals, start: int, end: int) -> bool:
    if caps_covered(sig.caps_spans, start, end, 50) >= 0.5 * (end - start):
        return True
    sample = ctx.text[start : min(end, start + 2000)]
    if sample.isascii():
        # str.isalpha and str.isupper of an ASCII character are A-Z/a-z and A-Z: the counts
        # come from two byte translations instead of a call per character.
        raw = sample.encode("ascii")
        n_letters = len(raw.translate(None, _ASCII_NOT_LETTERS))
        if n_letters < ALL_CAPS_MIN_LETTERS:
            return False
        n_upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        return n_upper >= 0.9 * n_letters
    letters = list(filter(str.isalpha, sample))  # C-level loops over up to 2000 characters
    if len(letters) < ALL_CAPS_MIN_LETTERS:
        return False
    upper = sum(map(str.isupper, letters))
    return upper >= 0.9 * len(letters)


# Byte sets deleted to count an ASCII sample's letters and capitals (see _is_caps_wall).
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_UPPER = bytes(c for c in range(128) if chr(c).isupper())


def paragraph_words(ctx: AuditContext, sig: DocumentSignals, index: int) -> int:
    """Words of paragraph ``index``, counted once per document."""
    words = sig.paragraph_words.get(index)
    if words is None:
        p = ctx.segmented.paragraphs[index]
        words = sig.paragraph_words[index] = len(ctx.text[p.start : p.end].split())
    return words


def score(ctx: AuditContext, spec: CategorySpec, sentence_index: int) -> dict[str, Any]:
    """``{"score": 0..1, "reasons": [...]}`` for the clause in one sentence."""
    sig = document_signals(ctx)
    sent = ctx.segmented.sentences[sentence_index]
    parts = sig.sentence_parts.get(sentence_index)
    if parts is None:
        parts = sig.sentence_parts[sentence_index] = _sentence_parts(ctx, sig, sent)
    total, fixed = parts
    reasons = list(fixed)
    if 0 <= sent.section < len(ctx.segmented.sections):
        heading = ctx.segmented.sections[sent.section].heading
        key = (spec.category, sent.section)
        names = sig.heading_names.get(key)
        if names is None:
            names = sig.heading_names[key] = spec.topic_regex.search(heading) is not None
        if not names:
            total += WEIGHTS["heading"]
            reasons.append(f'under the heading "{heading[:80]}", which does not name the topic')
    if not mentioned_up_front(ctx, spec):
        total += WEIGHTS["not_up_front"]
        reasons.append("not mentioned in the opening section or any summary")
    return {"score": round(min(total, 1.0), 2), "reasons": reasons}


def _sentence_parts(
    ctx: AuditContext, sig: DocumentSignals, sent: Sentence
) -> tuple[float, tuple[str, ...]]:
    """Score and reasons of one sentence's category-independent signals, in ``score``'s order."""
    start, end = sent.start, sent.end
    n = max(len(ctx.text), 1)
    reasons: list[str] = []
    total = 0.0
    where = start / n
    if where > LATE_FRACTION:
        total += WEIGHTS["position"]
        reasons.append(f"appears late in the document ({where:.0%} of the way through)")
    if sig.body_font is not None:
        size = _font_size(sig, start, end)
        if size is not None and size < sig.body_font - 0.25:
            total += WEIGHTS["small_print"]
            reasons.append(f"set in small print ({size:.1f} pt; body text {sig.body_font:.1f} pt)")
    if _is_caps_wall(ctx, sig, start, end):
        total += WEIGHTS["all_caps"]
        reasons.append("written as a wall of capital letters, which is hard to read")
    if sent.paragraph >= 0:
        words = paragraph_words(ctx, sig, sent.paragraph)
        if words > LONG_PARAGRAPH_WORDS:
            total += WEIGHTS["long_paragraph"]
            reasons.append(f"inside a long paragraph ({words} words)")
    return total, tuple(reasons)


def mentioned_up_front(ctx: AuditContext, spec: CategorySpec) -> bool:
    """Whether the opening part or a summary section names the category's topic."""
    sig = document_signals(ctx)
    key = f"clauses.upfront.{spec.category}"
    got = ctx.cache.get(key)
    if got is None:
        got = ctx.cache[key] = _names_topic(sig, spec)
    return got


# Characters that IGNORECASE matches to an ASCII letter although lowering does not give that
# letter (a test checks every code point).
_FOLDS_UNLIKE_LOWER = ("\u017f", "\u0131", "\u0130")


def _names_topic(sig: DocumentSignals, spec: CategorySpec) -> bool:
    """``spec.topic_regex.search(sig.up_front)`` as a bool, trying the pattern only where the
    lower-cased text holds one of the (lower-case) topics: the pattern's case-blind search
    tries its look-behind and every topic at each character of the opening part."""
    text = sig.up_front
    low = sig.up_front_lower
    if low is None:
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in _FOLDS_UNLIKE_LOWER):
            low = ""  # offsets would not carry over, or case folding finds more: plain search
        sig.up_front_lower = low
    regex = spec.topic_regex
    if not low or not all(t.isascii() for t in spec.topic):
        return regex.search(text) is not None
    for topic in spec.topic:
        pos = low.find(topic)
        while pos != -1:
            if regex.match(text, pos):  # the look-behind still sees the character before
                return True
            pos = low.find(topic, pos + 1)
    return False
