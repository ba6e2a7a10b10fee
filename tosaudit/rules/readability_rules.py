"""Readability rules: hard sentences, long sentences, sections and documents above target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tosaudit.clauses.buried import caps_covered, document_signals, paragraph_words
from tosaudit.models import Finding
from tosaudit.rewrite.verify import fk_grade
from tosaudit.rules.base import AuditContext, Rule

# Web and e-mail addresses, one white-space-free token each: one "word" of many syllables to
# the grade formulas. Matched per token (split at C speed), so each character is read once.
# Opening marks bounded: unbounded, one call scanned a whole run of brackets (tokens are
# matched at many positions, so that made a 5 MB run of "(" quadratic).
_ADDRESS = re.compile(
    r"[(\[<\"'\u201c]{0,4}(?:(?:https?://|www\.)\S"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
    r"|[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}/)"
)


def _is_address(token: str) -> bool:
    return ("/" in token or "@" in token or "www." in token) and bool(_ADDRESS.match(token))


def _grade_without_links(sentence: str) -> float | None:
    """The sentence's Flesch-Kincaid grade with each address read as one short word, or None
    when it holds no address."""
    tokens = sentence.split()
    plain = ["link" if _is_address(t) else t for t in tokens]
    if plain == tokens:
        return None
    return fk_grade([" ".join(plain)])


class HardSentence(Rule):
    """A sentence whose Flesch-Kincaid grade is above the hard-sentence grade (default 12).

    Readers with a high-school education struggle with it. Split it, use shorter everyday words,
    and put the person who acts first ("you must", "we will").
    """

    code = "RD101"
    name = "hard-sentence"
    groups = ("readability",)
    severity = "warning"
    source = "readability"
    explanation = (
        "This sentence needs more than a high-school reading level. Many customers will skim it "
        "or misread it."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        limit = ctx.config.hard_sentence_grade
        target = f"{ctx.config.target_grade:g}"
        finding = ctx.finding
        read = ctx.readability
        # One pass over three parallel sequences (thousands of sentences per document).
        for (_, s), grade, c in zip(
            ctx.prose_sentences, read.sentence_grades, read.sentence_counts, strict=True
        ):
            if grade > limit and c.words >= 5:
                sentence = ctx.text[s.start : s.end]
                # Every address holds "@", "/" or "www.": most hard sentences stop there.
                if "@" in sentence or "/" in sentence or "www." in sentence:
                    plain = _grade_without_links(sentence)
                    if plain is not None and plain <= limit:
                        # "Our policy is at www.acme.example/privacy-policy." is not hard to
                        # read: only its address counts as a many-syllable word.
                        continue
                yield finding(
                    self,
                    s.start,
                    s.end,
                    f"Hard sentence: grade {grade:.1f} (target {target}).",
                    extra={"grade": grade, "words": c.words},
                )


class LongSentence(Rule):
    """A sentence longer than the very-long limit (default 40 words).

    Plain-language guidelines aim for an average of 15 to 20 words and rarely more than 25.
    """

    code = "RD102"
    name = "very-long-sentence"
    groups = ("readability",)
    severity = "warning"
    source = "readability"
    explanation = "Very long sentences are hard to follow: readers lose track of who must do what."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        limit = ctx.config.very_long_sentence_words
        read = ctx.readability
        for (_, s), grade, c in zip(
            ctx.prose_sentences, read.sentence_grades, read.sentence_counts, strict=True
        ):
            if c.words > limit:
                yield ctx.finding(
                    self,
                    s.start,
                    s.end,
                    f"Very long sentence: {c.words} words (limit {limit}).",
                    extra={"words": c.words, "grade": grade},
                )


class SectionAboveTarget(Rule):
    """A section whose Flesch-Kincaid grade is above the target grade (default 8)."""

    code = "RD103"
    name = "section-above-target"
    groups = ("readability",)
    severity = "info"
    scope = "section"
    source = "readability"
    explanation = (
        "This section reads above the target level; most adults read comfortably at grade 8."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        target = ctx.config.target_grade
        for sec, m in zip(ctx.segmented.sections, ctx.readability.sections, strict=True):
            if m["words"] >= 30 and m["flesch_kincaid_grade"] > target:
                yield ctx.finding(
                    self,
                    sec.heading_start,
                    sec.heading_end,
                    f'Section "{sec.heading[:60]}" reads at grade {m["flesch_kincaid_grade"]:.1f} '
                    f"(target {target:g}).",
                    extra={
                        "grade": m["flesch_kincaid_grade"],
                        "reading_ease": m["flesch_reading_ease"],
                    },
                )


class DocumentBelowTarget(Rule):
    """The whole document's Flesch Reading Ease is below the target (plain 60, or statutory)."""

    code = "RD104"
    name = "document-below-reading-ease"
    groups = ("readability",)
    severity = "warning"
    scope = "document"
    source = "readability"
    explanation = (
        "The document as a whole is harder to read than the target. Statutory presets (Florida 45, "
        "Ohio 40, Virginia 50) are legal minimums for some consumer documents."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        cfg = ctx.config
        fre = ctx.readability.document["flesch_reading_ease"]
        if ctx.readability.document["words"] >= 30 and fre < cfg.target_reading_ease:
            severity = "error" if cfg.preset != "plain" else "warning"
            yield ctx.finding(
                self,
                None,
                None,
                f"Reading ease {fre:.1f} is below the {cfg.preset} target of "
                f"{cfg.target_reading_ease:g}.",
                severity=severity,
            )


class CapitalsParagraph(Rule):
    """A passage of 25 words or more written in capitals (or set in an all-caps font).

    Text in capitals is read more slowly than normal text, and readers skim walls of it: the
    terms written that way, often the disclaimers and limits of liability, are the ones
    customers miss. Write it in normal case; use bold, a larger size or a box for emphasis.
    """

    code = "RD105"
    name = "capitals-passage"
    groups = ("readability",)
    severity = "info"
    scope = "section"
    source = "readability"
    explanation = (
        "Capitals are slower to read and readers skim them, so the terms written this way are "
        "the ones customers miss. Use normal case, with bold or a box for emphasis."
    )
    why_it_matters = (
        "US law asks for some terms (warranty disclaimers, UCC 2-316) to be conspicuous: bold "
        "type, a larger size or a box does that without capitals."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        sig = document_signals(ctx)  # the all-caps font spans, shared with the buried score
        run: list[tuple[int, int, int]] = []  # consecutive shouted paragraphs: start, end, words

        def close() -> Iterator[Finding]:
            words = sum(w for _, _, w in run)
            if words >= CAPITALS_MIN_WORDS:
                start, end = run[0][0], run[-1][1]
                yield ctx.finding(
                    self,
                    start,
                    end,
                    f"{words} words in capitals: write them in normal case and use bold or a "
                    "box for emphasis.",
                    extra={"words": words},
                )
            run.clear()

        for i, p in enumerate(ctx.segmented.paragraphs):
            if _shouted(text[p.start : p.end]) or caps_covered(
                sig.caps_spans, p.start, p.end
            ) >= 0.8 * (p.end - p.start):
                run.append((p.start, p.end, paragraph_words(ctx, sig, i)))
            elif run:
                yield from close()
        if run:
            yield from close()


# A shouted passage this long is a wall; a capitalised heading or short notice is not.
CAPITALS_MIN_WORDS = 25


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))


def _shouted(chunk: str) -> bool:
    """Mostly capitals: at least four upper-case letters to each lower-case one."""
    # English letters counted by deleting them at C speed (curly quotes and other non-ASCII
    # characters dropped first); most paragraphs stop after the first count.
    raw = chunk.encode("ascii", "ignore")
    lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
    if 4 * lower > len(raw) - lower:
        return False  # too few other characters left for the capitals
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    return upper >= 20 and upper >= 4 * lower


RULES: list[Rule] = [
    HardSentence(),
    LongSentence(),
    SectionAboveTarget(),
    DocumentBelowTarget(),
    CapitalsParagraph(),
]
