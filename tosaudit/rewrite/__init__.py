"""Plain-language rewrites and their verification; the key-terms box.

``attach_suggestions`` rewrites every sentence above the target grade or with legalese, checks
each rewrite (``verify``) and offers only the ones that keep the meaning, as the ``suggestion``
of the sentence's finding. ``key_terms`` builds the summary box for the top of the policy.
The plain version of a whole document (Markdown, DOCX, diff) lives in ``tosaudit.rewrite.plain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tosaudit.models import Finding
from tosaudit.rewrite.engine import Rewrite, doc_info, rewrite_sentence
from tosaudit.rewrite.keyterms import key_terms
from tosaudit.rewrite.rules import LEGALESE, PLAINER
from tosaudit.rewrite.transforms import DocInfo, scan
from tosaudit.rules.base import AuditContext

__all__ = ["attach_suggestions", "key_terms", "rewrite_sentence", "sentence_rewrites"]

_SENTENCE_RULES = ("RD101", "RD102")
MIN_WORDS = 4
MAX_WORDS = 250


@dataclass
class _Tracked(DocInfo):
    """A document's ``DocInfo`` that notes whether its vocabulary (how the whole document
    writes words: ``cased``, ``acronyms``) was read since ``read_vocabulary`` was reset.

    A rewrite that never read it follows from the sentence, its grade, the parties and the
    defined terms alone, so another document with the same three can reuse it.
    """

    read_vocabulary: bool = False

    def _load(self) -> tuple[Any, ...]:
        self.read_vocabulary = True
        return super()._load()


@lru_cache(maxsize=2048)
def _shared_slot(
    sentence: str, grade: float, parties: tuple[tuple[str, str], ...], terms: frozenset[str]
) -> list[Rewrite]:
    """A slot (empty, or holding the rewrite) shared by every document that rewrites
    ``sentence`` at ``grade`` with the same parties (in their order: the party pattern
    depends on it) and defined terms, and whose rewrite did not read the vocabulary.

    The same document audited in several formats, or policies from one template, repeat most
    of their sentences. Bounded, and emptied with the other per-text caches.
    """
    return []


def sentence_rewrites(ctx: AuditContext) -> dict[int, Rewrite]:
    """Rewrite of each prose sentence (by its index in ``ctx.prose_sentences``) worth rewriting.

    Computed once per document and kept in ``ctx.cache``. Sentences at or below the target grade
    are rewritten only when they hold legalese, so easy sentences cost one table lookup per word.
    """
    cached = ctx.cache.get("rewrite.sentences")
    if cached is not None:
        return cached
    text = ctx.text
    prose = ctx.prose_sentences
    info = doc_info(text, [(s.start, s.end) for _, s in prose])
    ctx.cache["rewrite.info"] = info
    # The same facts, noting reads of the vocabulary (loaded once, through ``info``).
    tracked = _Tracked(info.parties, info.defined_terms, info._load)
    parties = tuple(info.parties.items())
    grades = ctx.readability.sentence_grades
    counts = ctx.readability.sentence_counts
    target = ctx.config.target_grade
    out: dict[int, Rewrite] = {}
    # A sentence repeated word for word (a notice in capitals, boilerplate) with the same grade
    # has the same rewrite: worked out once per document.
    done: dict[tuple[str, float], Rewrite] = {}
    for k, (_, s) in enumerate(prose):
        if not MIN_WORDS <= counts[k].words <= MAX_WORDS:
            # Fragments have nothing to rewrite; a sentence of hundreds of words needs a person
            # (its RD102 finding says so), and skipping it keeps the stage linear on hostile input.
            continue
        sentence = text[s.start : s.end]
        # "shall" first: a sentence with it is rewritten anyway, without this scan.
        if (
            grades[k] <= target
            and "shall" not in sentence.lower()
            and not any(h.entry.auto for h in scan(sentence))
        ):
            continue  # easy already, and no legalese that could be replaced
        key = (sentence, grades[k])
        rw = done.get(key)
        if rw is None:
            slot = _shared_slot(sentence, grades[k], parties, info.defined_terms)
            if slot:
                rw = slot[0]
            else:
                tracked.read_vocabulary = False
                rw = rewrite_sentence(sentence, tracked, grade_before=grades[k])
                if not tracked.read_vocabulary:
                    slot.append(rw)
            done[key] = rw
        out[k] = rw
    ctx.cache["rewrite.sentences"] = out
    return out


def _with_rewrite(f: Finding, rw: Rewrite, rec: dict[str, Any] | None = None) -> Finding:
    """``f`` with ``rw`` attached; ``rec``: ``rw.record()`` when the caller has it already."""
    if rec is None:
        rec = rw.record()
    suggestion = rw.text if rw.verified else None
    message = f.message
    if rw.verified and f"{rw.grade_after:.1f}" == f"{rw.grade_before:.1f}":
        # Plainer words that leave the grade where it was: "grade 9.1 -> 9.1" read as a no-op.
        message = f"{message} Plainer wording (grade {rw.grade_before:.1f} either way)."
    elif rw.verified:
        message = f"{message} Plainer version: grade {rw.grade_before:.1f} -> {rw.grade_after:.1f}."
    elif rw.changed:
        message = f"{message} (An automatic rewrite was not offered: it failed the meaning checks.)"
    # What dataclasses.replace gives, built without the frozen constructor's per-field
    # object.__setattr__ calls (measurable over thousands of findings): the fields come from a
    # Finding already built, so there is nothing to check again.
    new = object.__new__(Finding)
    fields = new.__dict__
    fields.update(vars(f))
    fields.update(suggestion=suggestion, message=message, extra={**f.extra, "rewrite": rec})
    return new


def _legalese_message(replaced: list[dict], flagged: list[dict]) -> str:
    """PL501's message: the words the suggestion replaces, then the flagged words it keeps as
    written (their plain word does not fit every use), so the finding and suggestion agree."""
    changed = dict.fromkeys(f"'{o['from']}'" if o.get("from") else "'shall'" for o in replaced)
    kept = [w for w in dict.fromkeys(f"'{o['from']}'" for o in flagged) if w not in changed]
    if not kept:
        return f"Legalese: {', '.join(changed)}."
    hand = f"to reword by hand: {', '.join(kept)}."
    if not changed:
        return f"Legalese {hand}"
    return f"Legalese: {', '.join(changed)}; {hand}"


def attach_suggestions(ctx: AuditContext, findings: list[Finding]) -> list[Finding]:
    """Findings with verified plain rewrites attached as ``suggestion`` where one exists."""
    rewrites = sentence_rewrites(ctx)
    if not rewrites:
        return findings
    span_to_k = {(s.start, s.end): k for k, (_, s) in enumerate(ctx.prose_sentences)}
    covered: set[int] = set()
    out: list[Finding] = []
    # The record of a rewrite attached to two findings (RD101 and RD102 on one long, hard
    # sentence) is built once: both findings hold the same record, as they already held the
    # same list of its operations. (Nothing changes a record once it is attached.)
    records: dict[int, dict[str, Any]] = {}
    for f in findings:
        k = span_to_k.get((f.start, f.end)) if f.rule in _SENTENCE_RULES else None
        if k is not None and k in rewrites:
            rec = records.get(k)
            if rec is None:
                rec = records[k] = rewrites[k].record()
            out.append(_with_rewrite(f, rewrites[k], rec))
            covered.add(k)
        else:
            out.append(f)
    cfg = ctx.config
    grades = ctx.readability.sentence_grades
    for k, rw in sorted(rewrites.items()):
        if k in covered:
            continue
        s = ctx.prose_sentences[k][1]
        replaced = [
            o for o in rw.ops if o["op"] in ("substitution", "doublet", "nominalisation", "shall")
        ]
        if (replaced or rw.flagged) and cfg.rule_enabled(LEGALESE.code, LEGALESE.groups):
            f = ctx.finding(LEGALESE, s.start, s.end, _legalese_message(replaced, rw.flagged))
            out.append(_with_rewrite(f, rw))
        elif (
            rw.verified
            and grades[k] > cfg.target_grade
            and cfg.rule_enabled(PLAINER.code, PLAINER.groups)
        ):
            f = ctx.finding(
                PLAINER,
                s.start,
                s.end,
                f"Grade {grades[k]:.1f} sentence (target {cfg.target_grade:g}).",
            )
            out.append(_with_rewrite(f, rw))
    return out
