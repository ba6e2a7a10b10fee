"""The records every stage passes on: Document, Section, Sentence, Finding, Report.

Every position is a ``start``/``end`` character offset into ``Document.text`` (Python string
indices, end exclusive). Nothing after ingest keeps its own copy of the text's coordinates.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal

Severity = Literal["info", "warning", "error"]
Scope = Literal["sentence", "section", "document"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class LayoutSpan:
    """A layout fact over ``text[start:end]``: page, font size, bold, all-caps, heading level."""

    start: int
    end: int
    page: int | None = None
    font_size: float | None = None
    bold: bool = False
    all_caps: bool = False
    heading_level: int | None = None


@dataclass(frozen=True)
class Document:
    """One input as a single plain text plus layout spans over it.

    ``headings`` are heading spans the format itself knows (HTML ``<h2>``, DOCX heading
    styles, PDF large bold lines); segmentation adds the ones found in plain text.
    """

    text: str
    source: str
    format: str
    layout: tuple[LayoutSpan, ...] = ()
    headings: tuple[LayoutSpan, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts (line 1 starts at 0)."""
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    @cached_property
    def _page_index(self) -> tuple[list[int], list[int]]:
        spans = sorted((s.start, s.page) for s in self.layout if s.page is not None)
        return [s for s, _ in spans], [p for _, p in spans]

    def page_at(self, offset: int) -> int | None:
        """Page number (1-based) of a character offset, for paged formats."""
        starts, pages = self._page_index
        if not starts:
            return None
        idx = bisect.bisect_right(starts, offset) - 1
        return pages[max(idx, 0)]

    @property
    def is_paged(self) -> bool:
        return bool(self._page_index[0])


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text it governs: ``text[start:end]`` includes the heading line."""

    heading: str
    level: int
    start: int
    end: int
    heading_start: int
    heading_end: int
    number: str | None = None  # "5", "4.2", "IV": used to resolve cross-references


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]``; ``section`` indexes ``Segmented.sections`` (or -1).

    ``kind`` is "sentence" or "heading": headings are units of text for clause detection and
    segmentation, but not sentences for readability.
    """

    start: int
    end: int
    section: int = -1
    paragraph: int = -1
    kind: str = "sentence"


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class Segmented:
    """A document split into sections, paragraphs and sentences (all offsets into its text)."""

    document: Document
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing an offset."""
        idx = bisect.bisect_right(self._section_starts, offset) - 1
        while idx >= 0:
            sec = self.sections[idx]
            if sec.start <= offset < max(sec.end, sec.start + 1):
                return sec
            idx -= 1
        return None


def _copy_json(value: Any) -> Any:
    """A copy of nested dicts, lists and tuples (as ``asdict`` makes them); leaves as they are."""
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_copy_json(v) for v in value)
    return value


@dataclass(frozen=True)
class Finding:
    """One problem found, positioned by offsets into the document text (None: document scope)."""

    rule: str
    name: str
    severity: Severity
    message: str
    explanation: str
    source: str  # "readability", "pattern", "model", "pattern+model", "check"
    category: str | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    section: str | None = None
    excerpt: str | None = None
    suggestion: str | None = None
    confidence: float | None = None
    why_it_matters: str | None = None
    summary: str | None = None
    buried: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict; the schema lives in docs/report-schema.md.

        Same result as ``dataclasses.asdict`` (nested dicts and lists copied, so the record
        never aliases the finding), about five times faster: ``asdict`` deep-copies every
        field through a generic recursion, which dominated writing a batch's JSON.
        """
        state = self.__dict__
        rec = {name: state[name] for name in _FINDING_FIELDS}  # field order, as asdict
        for key in ("buried", "extra"):
            value = rec[key]
            if value is not None:
                rec[key] = _copy_json(value)
        if not rec["extra"]:
            rec.pop("extra")
        return rec


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass
class DocumentReport:
    """Everything the audit computed for one input (or the error that stopped it)."""

    source: str
    error: str | None = None
    format: str | None = None
    text_length: int = 0
    content_hash: str | None = None
    kind: str | None = None
    readability: dict[str, Any] | None = None
    sections: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    disclosures: dict[str, Any] | None = None
    key_terms: dict[str, Any] | None = None
    grade: dict[str, Any] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    text: str | None = None  # kept in memory; written to JSON only with --include-text

    def to_record(self, include_text: bool = False, include_sentences: bool = False) -> dict:
        rec: dict[str, Any] = {
            "source": self.source,
            "error": self.error,
            "format": self.format,
            "text_length": self.text_length,
            "content_hash": self.content_hash,
            "kind": self.kind,
            "grade": self.grade,
            "readability": self.readability,
            "sections": self.sections,
            "disclosures": self.disclosures,
            "key_terms": self.key_terms,
            "findings": [f.to_record() for f in self.findings],
        }
        if include_sentences:
            rec["sentences"] = self.sentences
        if include_text:
            rec["text"] = self.text
        return rec

    @property
    def worst_severity(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)


@dataclass
class Report:
    """The result of one audit run: one DocumentReport per input, in input order."""

    tosaudit_version: str
    documents: list[DocumentReport] = field(default_factory=list)

    def to_record(self, include_text: bool = False, include_sentences: bool = False) -> dict:
        return {
            "tosaudit_version": self.tosaudit_version,
            "documents": [
                d.to_record(include_text=include_text, include_sentences=include_sentences)
                for d in self.documents
            ],
        }
