"""Readability rules: hard sentences, long sentences, sections and documents above target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tosaudit.models import Finding
from tosaudit.readability import count_sentence
from tosaudit.rules.base import AuditContext, Rule

# Web addresses and e-mail addresses: one "word" of many syllables to the grade formulas.
# Each alternative starts only where a word starts, so a 5 MB run of letters is one quick scan.
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]{1,2000}"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
    r"|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}/[^\s<>\"]{0,2000}"
)


def _grade_without_links(sentence: str) -> float:
    """The sentence's Flesch-Kincaid grade with each address read as one short word."""
    c = count_sentence(_LINK.sub("link", sentence))
    if not c.words:
        return 0.0
    return 0.39 * c.words / max(c.sentences, 1) + 11.8 * c.syllables / c.words - 15.59


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
                if _LINK.search(ctx.text, s.start, s.end) and (
                    _grade_without_links(ctx.text[s.start : s.end]) <= limit
                ):
                    # "Our policy is at www.acme.example/privacy-policy." is not hard to read:
                    # only its address counts as a many-syllable word.
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


RULES: list[Rule] = [HardSentence(), LongSentence(), SectionAboveTarget(), DocumentBelowTarget()]
