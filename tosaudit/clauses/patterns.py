"""Clause categories as data: metadata, patterns, severity cues and plain-language summaries.

Everything comes from ``tosaudit/rules/data/clauses.yaml`` so legal reviewers can read and extend
the wording without Python. Patterns run per sentence; long sentences are scanned in overlapping
windows so a 5 MB run-on "sentence" costs the same per character as normal text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tosaudit.rules.prefilter import Gate, gate, may_pass

DATA_FILE = "clauses.yaml"
# Pattern gaps are at most ~120 characters, so windows overlapping by 400 miss nothing.
WINDOW = 4000
OVERLAP = 400


class ClauseDataError(ValueError):
    """The clause data file is malformed; the message names the category and key."""


def _compile(items: Iterable[str], where: str) -> re.Pattern[str] | None:
    items = list(items)
    if not items:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in items), re.IGNORECASE)
    except re.error as exc:
        raise ClauseDataError(f"{DATA_FILE}: {where}: bad pattern ({exc})") from None


def search(
    regex: re.Pattern[str] | None,
    text: str,
    start: int,
    end: int,
    needles: Gate | None = None,
) -> re.Match[str] | None:
    """First match of ``regex`` in ``text[start:end]``, scanning long spans in windows.

    ``needles`` (the regex's ``prefilter.gate``) skip the scan when the span lacks the words
    every match needs: the case-insensitive alternations are the costliest part of clause
    detection, and most triggered sentences cannot match.
    """
    if regex is None or not may_pass(needles, text, start, end):
        return None
    if end - start <= WINDOW + OVERLAP:
        return regex.search(text, start, end)
    pos = start
    while pos < end:
        m = regex.search(text, pos, min(end, pos + WINDOW + OVERLAP))
        if m:
            return m
        pos += WINDOW
    return None


@dataclass(frozen=True)
class CategorySpec:
    """One clause category: how to find it and how to explain it."""

    category: str
    code: str
    name: str
    severity: str
    explanation: str
    why_it_matters: str
    summary: str
    summary_with: dict[str, str]
    topic: tuple[str, ...]
    model: bool
    patterns: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    error_if: re.Pattern[str] | None
    mild_if: re.Pattern[str] | None
    extract: tuple[re.Pattern[str], ...]
    topic_regex: re.Pattern[str]
    triggers: tuple[str, ...] = ()
    fair_if: re.Pattern[str] | None = None
    # Per regex field name ("patterns", "unless", ...): its prefilter gate.
    needles: dict[str, Gate | None] = field(default_factory=dict, compare=False)

    def _search(self, key: str, text: str, start: int, end: int) -> re.Match[str] | None:
        """``search`` with the regex field ``key`` and its needles."""
        return search(getattr(self, key), text, start, end, self.needles.get(key))

    @property
    def title(self) -> str:
        return self.category.replace("_", " ")

    def triggered(self, folded: str) -> bool:
        """Whether a lower-cased, space-normalised sentence contains any trigger substring."""
        # map over the bound __contains__ keeps the loop in C (this runs per sentence and
        # category, hundreds of thousands of times per corpus).
        return not self.triggers or any(map(folded.__contains__, self.triggers))

    def pattern_hit(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """A pattern match in the sentence, unless fair wording rules it out."""
        m = self._search("patterns", text, start, end)
        if m is None or self._search("unless", text, start, end) or self.is_fair(text, start, end):
            return None
        return m

    def is_fair(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence has wording CLAUDETTE rates clearly fair (level 1) for this
        category: then neither the patterns nor the model flag it."""
        return self.fair_if is not None and self._search("fair_if", text, start, end) is not None

    def severity_of(self, text: str, start: int, end: int) -> str:
        """error for clearly unfair wording, softened to warning by notice periods or reasons."""
        if self._search("mild_if", text, start, end):
            return "warning"
        if self._search("error_if", text, start, end):
            return "error"
        return self.severity

    def summarise(self, text: str, start: int, end: int) -> str:
        """The one-sentence plain summary of this clause (slots filled from the sentence)."""
        # A trailing space lets name patterns that expect one after each word end the sentence.
        sentence = text[start : min(end, start + WINDOW)] + " "
        for regex in self.extract:
            # Extractors are case-sensitive where they look for proper names.
            m = regex.search(sentence)
            if not m:
                continue
            for slot, value in m.groupdict().items():
                template = self.summary_with.get(slot)
                if value and template:
                    clean = " ".join(value.split()).strip(" ,.;").removesuffix(" of").strip()
                    if slot in _COMMON_NOUN_SLOTS:
                        # "Shipping costs" opened its sentence, "SHIPPING COSTS" shouted,
                        # "Early Termination" was a heading's title case.
                        whole = clean.isupper() or clean.istitle()  # "Early Termination"
                        clean = clean.lower() if whole else clean[:1].lower() + clean[1:]
                    if clean:
                        return template.format(**{slot: clean})
        return self.summary


# Slots filled with a common noun phrase that may open its sentence: lower-cased in the summary.
_COMMON_NOUN_SLOTS = frozenset({"what", "fee", "way"})


def _spec(category: str, rec: dict[str, Any]) -> CategorySpec:
    for key in ("code", "name", "explanation", "why_it_matters", "summary"):
        if not rec.get(key):
            raise ClauseDataError(f"{DATA_FILE}: category {category} lacks {key}")
    if not rec.get("patterns"):
        raise ClauseDataError(f"{DATA_FILE}: category {category} has no patterns")
    topic = tuple(str(t).lower() for t in rec.get("topic", ()) or (category.replace("_", " "),))
    topic_regex = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(t) for t in sorted(topic, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    extract = []
    for i, p in enumerate(rec.get("extract", ())):
        # Named-entity slots ({law}, {place}) need case to find capitalised names.
        flags = 0 if re.search(r"\[A-Z\]", p) else re.IGNORECASE
        try:
            extract.append(re.compile(p, flags))
        except re.error as exc:
            raise ClauseDataError(f"{DATA_FILE}: {category}.extract[{i}]: {exc}") from None
    regexes = {
        key: _compile(rec.get(key, ()), f"{category}.{key}")
        for key in ("patterns", "unless", "error_if", "mild_if", "fair_if")
    }
    return CategorySpec(
        category=category,
        code=rec["code"],
        name=rec["name"],
        severity=rec.get("severity", "warning"),
        explanation=" ".join(rec["explanation"].split()),
        why_it_matters=" ".join(rec["why_it_matters"].split()),
        summary=rec["summary"],
        summary_with=dict(rec.get("summary_with", {})),
        topic=topic,
        model=bool(rec.get("model", False)),
        patterns=regexes["patterns"],
        unless=regexes["unless"],
        error_if=regexes["error_if"],
        mild_if=regexes["mild_if"],
        extract=tuple(extract),
        topic_regex=topic_regex,
        triggers=tuple(str(t).lower() for t in rec.get("triggers", ())),
        fair_if=regexes["fair_if"],
        needles={key: gate(rx.pattern, rx.flags) for key, rx in regexes.items() if rx is not None},
    )


def trigger_needle(trigger: str) -> str:
    """The literal looked up in the document's needle index for one trigger: the trigger
    itself, or for "third parties" its longest word (whitespace varies in the text, and a
    sentence holding the trigger holds that word)."""
    return max(trigger.split(" "), key=len)


def needles() -> frozenset[str]:
    """The needle of every trigger of the shipped categories (lower case)."""
    return frozenset(trigger_needle(t) for spec in load_specs().values() for t in spec.triggers)


@lru_cache(maxsize=1)
def load_specs() -> dict[str, CategorySpec]:
    """Every clause category of the shipped data file, in file order (parsed once)."""
    path = resources.files("tosaudit.rules") / "data" / DATA_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cats = data.get("categories")
    if not isinstance(cats, dict) or not cats:
        raise ClauseDataError(f"{DATA_FILE}: no categories")
    return {name: _spec(name, rec) for name, rec in cats.items()}
