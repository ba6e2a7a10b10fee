"""Combine patterns and the trained model into clause hits for one document (computed once).

For the eight labelled CLAUDETTE categories the model's margin decides, and a pattern match
adds a per-category bonus learnt in training: both agree ("pattern+model"), the model alone
("model") or a pattern the model half-supports ("pattern"). The other categories are found by
patterns only. Severity comes from the wording
(``error_if`` / ``mild_if``), the summary from the sentence, the buried score from the layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from typing import Any

import numpy as np

from tosaudit.clauses import buried
from tosaudit.clauses.features import MAX_CHARS
from tosaudit.clauses.model import ClauseModel, ModelError, get_model
from tosaudit.clauses.patterns import CategorySpec, load_specs, trigger_needle
from tosaudit.models import Sentence
from tosaudit.rules.base import AuditContext

# Fewer words than this is a heading or a fragment, not a clause.
MIN_WORDS = 4
PATTERN_CONFIDENCE = 0.8

# A sentence that states a liability without limiting it ("Member shall be liable to the
# Club", "we are liable for any lack of conformity") is not a limitation of liability, though
# the model's words ("liable", "damages") say so. In CLAUDETTE none of the 307 sentences that
# name liability, responsibility or accountability with none of these limiting words is
# labelled a limitation (2026-12-07, all companies), so the model alone (no pattern) does not
# flag such a sentence. Read on the model's own window (features.MAX_CHARS): linear and
# bounded on a hostile sentence.
_STATES_LIABILITY = re.compile(r"\b(?:liab|responsib|accountab)", re.IGNORECASE)
_LIMITS_LIABILITY = re.compile(
    r"\b(?:not|no|never|none|nor|neither|cannot|exclu\w*|limit\w*|disclaim\w*|waive\w*"
    r"|releas\w*|only|except\w*|maximum|exceed\w*|caps?|capped|sole|risks?|assumes?"
    r"|as[\s-]+is|without)\b"
    r"|n['\u2019]t\b",
    re.IGNORECASE,
)
# The customer's own right to end the contract ("You may terminate your account at any
# time") is not the company's unilateral termination. None of the 70 CLAUDETTE sentences with
# "you may/can ... terminate|cancel|close|delete|end|stop" and no company side (we, us, our,
# "reserves", "suspend", another subject that may terminate) is labelled one (2026-12-07).
_USER_ENDS = re.compile(
    r"\byou\s+(?:may|can|are\s+(?:free|entitled|able)\s+to|have\s+the\s+right\s+to)\s+"
    r"(?:[a-z]+\s+){0,3}?(?:terminat|cancel|close|delete|end\b|stop\b|discontinu|deactivat)",
    re.IGNORECASE,
)
_COMPANY_ENDS = re.compile(
    r"\b(?:we|us|our|reserves?|suspend\w*)\b"
    r"|\b(?!you\b)[a-z]+\s+(?:may|can|will|shall)\s+(?:[a-z]+\s+){0,3}?"
    r"(?:terminat|cancel|close|suspend|end\b|stop\b|discontinu|deactivat|disabl)",
    re.IGNORECASE,
)
# Ending or suspending the contract is not changing it: "We may terminate this License
# Agreement at any time without notice" reads to the model like a unilateral change (the
# same "we may ... at any time without notice"). Of the 432 CLAUDETTE sentences (sentence
# file and documents) that terminate or suspend with none of the change words below, 2 are
# labelled a unilateral change, both reducing storage (2026-12-07, all companies).
_ENDS_CONTRACT = re.compile(r"(?:terminat|suspend)", re.IGNORECASE)
_CHANGES_CONTRACT = re.compile(
    r"\b(?:chang|modif|amend|updat|revis|alter|add|remov|replac|discontinu|vary|varies"
    r"|reduc|new\s+version)",
    re.IGNORECASE,
)
# Per category, (wording that makes a model-only hit suspect, wording that keeps it): the
# model alone does not flag a sentence matching the first and not the second.
_MODEL_VETOES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "limitation_of_liability": (_STATES_LIABILITY, _LIMITS_LIABILITY),
    "unilateral_termination": (_USER_ENDS, _COMPANY_ENDS),
    "unilateral_change": (_ENDS_CONTRACT, _CHANGES_CONTRACT),
}


@dataclass(frozen=True)
class ClauseHit:
    """One unfavourable clause found in one sentence."""

    category: str
    sentence: int  # index into Segmented.sentences
    start: int
    end: int
    severity: str
    confidence: float
    source: str
    summary: str
    buried: dict[str, Any]


@dataclass
class Detection:
    """Every hit of a document, plus the model problem (if any) that forced patterns only."""

    hits: list[ClauseHit]
    model_error: str | None = None


def _model_margins(
    ctx: AuditContext, texts: list[str]
) -> tuple[ClauseModel | None, np.ndarray | None, str | None]:
    """(model, margins, error): margins is None when the model is off or failed to load."""
    if not ctx.config.model or not texts:
        return None, None, None
    try:
        model = get_model()
    except ModelError as exc:
        return None, None, str(exc)
    return model, _margins_by_sentence(model, texts), None


@lru_cache(maxsize=4096)
def _margin_slot(model: ClauseModel, sentence: str) -> list[list[float]]:
    """A slot (empty, or holding the sentence's row of margins) shared by every document
    that has ``sentence``: a policy in several formats, or policies from one template, repeat
    most of their sentences. Bounded, and emptied with the other per-text caches."""
    return []


def _margins_by_sentence(model: ClauseModel, texts: list[str]) -> np.ndarray:
    """``model.margins(texts)``, scoring only the sentences not scored before.

    The model scores each row on its own (its own TF-IDF and character rows, normalised
    alone), so a row is the same number whichever other sentences share its batch.
    """
    slots = [_margin_slot(model, t) for t in texts]
    todo = [i for i, slot in enumerate(slots) if not slot]
    if todo:
        fresh = model.margins([texts[i] for i in todo])
        for i, row in zip(todo, fresh.tolist(), strict=True):
            slots[i][:] = [row]
        if len(todo) == len(texts):
            return fresh  # nothing was cached: the batch is the answer
    return np.array([slot[0] for slot in slots], dtype=np.float64)


def detect(ctx: AuditContext) -> Detection:
    """All clause hits of the document (cached in ``ctx.cache['clauses']``)."""
    got = ctx.cache.get("clauses")
    if got is not None:
        return got
    text = ctx.text
    specs = load_specs()
    units = [(i, s) for i, s in ctx.prose_sentences if _enough_words(text, s.start, s.end)]
    model, margins, error = _model_margins(ctx, [text[s.start : s.end] for _, s in units])
    col = {c: k for k, c in enumerate(model.categories)} if model is not None else {}
    # Per category: (spec, model column or None, its pattern bonus). Margins become Python
    # floats once (tolist) rather than a numpy scalar lookup per sentence and category.
    plan = [
        (spec, k, float(model.pattern_bonus[k]) if model is not None and k is not None else 0.0)
        for spec in specs.values()
        for k in (col.get(spec.category),)
    ]
    rows = margins.tolist() if margins is not None else None
    triggered_rows = _triggered_rows(ctx, [spec for spec, _, _ in plan], units)
    # Per model column, the rows it flags (margin > 0, NaN included as ``~(m <= 0)`` has it):
    # one numpy pass over the whole matrix instead of a column slice and a scan per category.
    flagged: dict[int, list[int]] = {}
    if margins is not None:
        for c, r in zip(*(a.tolist() for a in np.nonzero((~(margins <= 0)).T)), strict=True):
            flagged.setdefault(c, []).append(r)
    # Only (sentence, category) pairs that a trigger or a positive model score makes possible:
    # any other pair is neither scanned by a pattern nor flagged by the model (_decide). They
    # are visited in sentence order, categories in file order, as hits are listed.
    pairs: list[tuple[int, int]] = []
    for j, (_spec, k, _bonus) in enumerate(plan):
        trig = triggered_rows[j]
        if trig is None:
            pairs += zip(range(len(units)), repeat(j))
            continue
        cand = set(trig)
        if k is not None:
            cand.update(flagged.get(k, ()))
        pairs += zip(cand, repeat(j))
    pairs.sort()
    hits: list[ClauseHit] = []
    for row, j in pairs:
        spec, k, bonus = plan[j]
        i, s = units[row]
        margin = rows[row][k] if k is not None and rows is not None else None
        if margin is not None and margin + bonus <= 0:
            continue  # even a pattern match could not lift it over the threshold (_decide)
        trig = triggered_rows[j]
        triggered = trig is None or row in trig
        if not triggered and (margin is None or margin <= 0):
            continue  # no pattern can match and the model does not flag it: _decide says no
        m = spec.pattern_hit(text, s.start, s.end) if triggered else None
        found = _decide(spec, m is not None, margin, bonus)
        if found is None or (m is None and spec.is_fair(text, s.start, s.end)):
            continue  # (a pattern match already passed the fair-wording test)
        if found[0] == "model" and _model_vetoed(spec.category, text, s.start, s.end):
            continue
        source, confidence = found
        hits.append(
            ClauseHit(
                category=spec.category,
                sentence=i,
                start=s.start,
                end=s.end,
                severity=spec.severity_of(text, s.start, s.end),
                confidence=round(confidence, 3),
                source=source,
                summary=spec.summarise(text, s.start, s.end),
                buried=buried.score(ctx, spec, i),
            )
        )
    det = Detection(hits, error)
    ctx.cache["clauses"] = det
    return det


def _triggered_rows(
    ctx: AuditContext, specs: list[CategorySpec], units: list[tuple[int, Sentence]]
) -> list[set[int] | None]:
    """Per spec, the rows of ``units`` whose sentence, lower-cased and space-normalised, holds
    one of its triggers (``CategorySpec.triggered``); None for a spec without triggers.

    Trigger occurrences come from the document's needle index (one Aho-Corasick pass for all
    checks) instead of testing every trigger on every sentence. The index holds offsets in the
    lower-cased text; they are the sentence's own when lowering keeps every character's length
    (else, and for a trigger that is not ASCII, each sentence is folded and tested).
    """
    text = ctx.text
    aligned = len(ctx.lower_text) == len(text)
    starts = np.fromiter((s.start for _, s in units), dtype=np.int64, count=len(units))
    ends = np.fromiter((s.end for _, s in units), dtype=np.int64, count=len(units))
    folded: dict[int, str] = {}  # rows folded so far (the fallback)

    def fold(row: int) -> str:
        got = folded.get(row)
        if got is None:
            s = units[row][1]
            got = folded[row] = " ".join(text[s.start : s.end].lower().split())
        return got

    lower = ctx.lower_text
    plan, indexed = _trigger_plan(tuple(spec.triggers for spec in specs))
    by_needle = _rows_with(ctx, list(indexed) if aligned else [], starts, ends)
    no_rows: frozenset[int] = frozenset()

    def rows_with(needle: str) -> Iterable[int]:
        # (a needle absent from the text has no entry)
        return by_needle.get(needle, no_rows)

    out: list[set[int] | None] = []
    for triggers in plan:
        if not triggers:
            out.append(None)
            continue
        found: set[int] = set()
        for trig, needle, spaced in triggers:
            if not aligned or needle is None:
                # Folding a sentence alone may differ from the whole text's lower case here.
                found.update(r for r in range(len(units)) if trig in fold(r))
            elif spaced is None:
                found.update(rows_with(needle))
            else:
                # "third parties": its longest word narrows the rows; in the folded sentence
                # the words are one space apart, in the text any run of white space.
                found.update(
                    r
                    for r in rows_with(needle)
                    if spaced.search(lower, units[r][1].start, units[r][1].end)
                )
        out.append(found)
    return out


# Per trigger: (trigger, needle looked up in the needle index or None when the trigger is not
# ASCII or has an empty word (then each sentence is folded and tested), the regex of a
# several-word trigger's words across any white space or None).
_Trigger = tuple[str, str | None, re.Pattern[str] | None]


@lru_cache(maxsize=1)
def _trigger_plan(
    triggers: tuple[tuple[str, ...], ...],
) -> tuple[tuple[tuple[_Trigger, ...], ...], tuple[str, ...]]:
    """Per spec (given by its triggers), how each trigger is looked for, and every needle to
    look up, sorted: derived from the shipped data once rather than per document."""
    plan = []
    for trigs in triggers:
        parts: list[_Trigger] = []
        for trig in trigs:
            words = trig.split(" ")
            if not trig.isascii() or not all(words):
                parts.append((trig, None, None))
            elif len(words) == 1:
                parts.append((trig, trig, None))
            else:
                spaced = re.compile(r"\s+".join(map(re.escape, words)))
                parts.append((trig, trigger_needle(trig), spaced))
        plan.append(tuple(parts))
    indexed = sorted({n for parts in plan for _, n, _ in parts if n is not None})
    return tuple(plan), tuple(indexed)


def _rows_with(
    ctx: AuditContext, needles: list[str], starts: np.ndarray, ends: np.ndarray
) -> dict[str, set[int]]:
    """Per needle that occurs in the text, the rows (sentences from ``starts``/``ends``, in
    text order) holding an occurrence of it that lies wholly inside the sentence; a needle
    that does not occur has no entry.

    Every needle's occurrences (from the needle index) are placed in their sentences with
    one binary search for all of them, not one numpy round per needle. Many of the
    triggers' sixty-odd needles do not occur in a short document: they are left out first,
    so that it does not pay an array slice and a set for each of them.
    """
    found = ctx.needles.folded
    hits = list(map(found, needles))
    if not all(hits):
        needles = list(compress(needles, hits))
        hits = list(filter(None, hits))
        if not hits:
            return {}
    counts = np.fromiter(map(len, hits), dtype=np.int64, count=len(hits))
    pos = np.fromiter(chain.from_iterable(hits), dtype=np.int64, count=int(counts.sum()))
    size = np.repeat(np.fromiter(map(len, needles), dtype=np.int64, count=len(needles)), counts)
    row = np.searchsorted(starts, pos, side="right") - 1
    ok = row >= 0
    ok[ok] = pos[ok] + size[ok] <= ends[row[ok]]
    row[~ok] = -1
    bounds = np.cumsum(counts).tolist()
    out: dict[str, set[int]] = {}
    lo = 0
    for needle, hi in zip(needles, bounds, strict=True):
        got = set(row[lo:hi].tolist())
        got.discard(-1)
        out[needle] = got
        lo = hi
    return out


def _model_vetoed(category: str, text: str, start: int, end: int) -> bool:
    """Whether the model alone must not flag this sentence for ``category`` (_MODEL_VETOES):
    a liability stated without limit, the customer's own right to end the contract, ending
    the contract read as changing it."""
    veto = _MODEL_VETOES.get(category)
    if veto is None:
        return False
    suspect, keep = veto
    window = text[start : min(end, start + MAX_CHARS)]
    return bool(suspect.search(window)) and not keep.search(window)


def _enough_words(text: str, start: int, end: int) -> bool:
    # Count at most MIN_WORDS spaces instead of splitting a possibly huge sentence.
    pos, seen = start, 0
    while seen < MIN_WORDS - 1:
        pos = text.find(" ", pos, end)
        if pos == -1:
            # Words may be apart by line breaks or tabs alone (text wrapped a word per line).
            runs = _WHITE_RUN.finditer(text, start, end)
            return sum(1 for _ in islice(runs, MIN_WORDS - 1)) >= MIN_WORDS - 1
        seen += 1
        pos += 1
    return True


_WHITE_RUN = re.compile(r"\s+")


def _decide(
    spec: CategorySpec, pattern: bool, margin: float | None, bonus: float = 0.0
) -> tuple[str, float] | None:
    """(source, confidence) when the sentence is a clause of this category, else None.

    ``margin`` is the model's score minus its threshold; a pattern match adds the category's
    learnt ``bonus``. Without a model score (category not modelled, or model off) patterns decide.
    """
    if margin is None:
        return ("pattern", PATTERN_CONFIDENCE) if pattern else None
    combined = margin + (bonus if pattern else 0.0)
    if combined <= 0:
        return None
    conf = float(ClauseModel.confidence(np.float64(combined)))
    if pattern and margin > 0:
        return "pattern+model", max(conf, 0.9)
    if margin > 0:
        return "model", conf
    return "pattern", conf
