"""The rule interface and the audit context every rule reads from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from tosaudit.config import Config
from tosaudit.models import Document, Finding, Section, Segmented, Sentence, Severity
from tosaudit.readability import Readability


@dataclass
class AuditContext:
    """What the checks of one document may read: the text, its segments, its readability.

    Computed once by the pipe and shared by every rule; rules never re-segment or re-score.
    ``cache`` lets a rule keep work (a compiled pattern scan, model scores) for later rules.
    """

    document: Document
    segmented: Segmented
    readability: Readability
    config: Config
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def prose_sentences(self) -> tuple[tuple[int, Sentence], ...]:
        """(index, sentence) for real sentences (headings left out)."""
        return tuple((i, s) for i, s in enumerate(self.segmented.sentences) if s.kind == "sentence")

    def section_of(self, offset: int) -> Section | None:
        return self.segmented.section_at(offset)

    def finding(
        self,
        rule: Rule,
        start: int | None,
        end: int | None,
        message: str,
        **extra: Any,
    ) -> Finding:
        """A finding for ``rule`` over ``text[start:end]`` with line, column, page and section."""
        kw: dict[str, Any] = {
            "rule": rule.code,
            "name": rule.name,
            "severity": extra.pop("severity", rule.severity),
            "message": message,
            "explanation": extra.pop("explanation", rule.explanation),
            "source": extra.pop("source", rule.source),
            "category": extra.pop("category", rule.category),
            "why_it_matters": extra.pop("why_it_matters", rule.why_it_matters or None),
        }
        if start is not None and end is not None:
            doc = self.document
            line, col = doc.line_col(start)
            end_line, end_col = doc.line_col(end)
            sec = self.section_of(start)
            kw.update(
                start=start,
                end=end,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                page=doc.page_at(start),
                section=sec.heading if sec else None,
                excerpt=self.text[start:end],
            )
        kw.update(extra)
        return Finding(**kw)


class Rule:
    """A check with a stable code. Subclasses set the class attributes and write ``check``.

    The docstring of a rule class is its user documentation (``tosaudit explain CODE``).
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    groups: ClassVar[tuple[str, ...]] = ()
    severity: ClassVar[Severity] = "warning"
    scope: ClassVar[str] = "sentence"
    category: ClassVar[str | None] = None
    source: ClassVar[str] = "check"
    explanation: ClassVar[str] = ""
    why_it_matters: ClassVar[str] = ""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        raise NotImplementedError

    @property
    def doc(self) -> str:
        return (self.__doc__ or self.explanation or "").strip()

    def describe(self) -> dict[str, Any]:
        """The rule's metadata as a record (``tosaudit rules``, SARIF ``tool.driver.rules``)."""
        return {
            "code": self.code,
            "name": self.name,
            "groups": list(self.groups),
            "severity": self.severity,
            "scope": self.scope,
            "category": self.category,
            "description": self.explanation,
            "why_it_matters": self.why_it_matters,
            "documentation": self.doc,
        }
