"""The rule interface and the audit context every rule reads from."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from tosaudit.config import Config
from tosaudit.models import Document, Finding, Section, Segmented, Sentence, Severity
from tosaudit.readability import Readability
from tosaudit.rules.needles import NeedleIndex


def _finding_factory() -> Callable[[dict[str, Any]], Finding]:
    """A constructor of Finding from a complete keyword dict, equal to ``Finding(**kw)``.

    Finding is a frozen dataclass with 22 fields: its generated ``__init__`` sets each one
    through ``object.__setattr__`` (about 6 us a finding, measured; an audit makes thousands).
    Filling the new instance's ``__dict__`` in one update gives the same object in under 1 us.
    Whenever that shortcut would not be the same (a ``__post_init__``, slots, an unknown or
    missing keyword), ``Finding(**kw)`` itself runs, with its own errors.
    """
    fields = dataclasses.fields(Finding)
    names = frozenset(f.name for f in fields)
    required = frozenset(
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = {
        f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING
    }
    plain = (
        not hasattr(Finding, "__post_init__")
        and "__slots__" not in vars(Finding)
        and all(f.init for f in fields)
    )

    def make(kw: dict[str, Any]) -> Finding:
        if not plain or not names.issuperset(kw) or not required.issubset(kw):
            return Finding(**kw)
        obj = object.__new__(Finding)
        state = obj.__dict__
        state.update(defaults)
        for name, factory in factories.items():
            if name not in kw:
                state[name] = factory()
        state.update(kw)
        return obj

    return make


new_finding = _finding_factory()


_FIELDS = dataclasses.fields(Finding)
_FINDING_NAMES = frozenset(f.name for f in _FIELDS)
_FINDING_FACTORIES = tuple(
    (f.name, f.default_factory) for f in _FIELDS if f.default_factory is not dataclasses.MISSING
)
# The fast path fills ``__dict__`` directly; only valid while Finding has no __post_init__,
# no slots and every field in __init__ (checked once, as new_finding does).
_PLAIN_FINDING = (
    not hasattr(Finding, "__post_init__")
    and "__slots__" not in vars(Finding)
    and all(f.init for f in _FIELDS)
)


def _finding_base(rule: Rule) -> dict[str, Any]:
    """The fields every finding of ``rule`` starts from: Finding's defaults and the rule's own.

    Fields with a default factory are left out (each finding gets a fresh one).
    """
    base = {f.name: f.default for f in _FIELDS if f.default is not dataclasses.MISSING}
    base.update(_rule_fields(rule))
    return base


def _rule_fields(rule: Rule) -> dict[str, Any]:
    """The Finding fields a rule gives every one of its findings."""
    return {
        "rule": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "explanation": rule.explanation,
        "source": rule.source,
        "category": rule.category,
        "why_it_matters": rule.why_it_matters or None,
    }


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
    def lower_text(self) -> str:
        """``text.lower()``, computed once for every check that searches case-insensitively.

        A few characters ("İ") grow when lowered: callers that need offsets to carry over
        compare lengths first.
        """
        return self.document.text.lower()

    @cached_property
    def lower_aligned(self) -> str:
        """The text lower-cased without moving any offset (computed once).

        ``lower_text`` itself when lowering keeps the length; otherwise each character is
        lowered alone, and those that would grow ("İ") stay as they are.
        """
        low = self.lower_text
        text = self.document.text
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return low

    @cached_property
    def needles(self) -> NeedleIndex:
        """Offsets of every literal the checks look for, from one pass over the text."""
        return NeedleIndex(self.document.text, self.lower_aligned)

    @cached_property
    def prose_sentences(self) -> tuple[tuple[int, Sentence], ...]:
        """(index, sentence) for real sentences (headings left out)."""
        return tuple((i, s) for i, s in enumerate(self.segmented.sentences) if s.kind == "sentence")

    def section_of(self, offset: int) -> Section | None:
        return self.segmented.section_at(offset)

    @cached_property
    def _finding_bases(self) -> dict[int, tuple[Rule, dict[str, Any]]]:
        """Per rule (by id, the rule kept alive beside it): its findings' constant fields."""
        return {}

    @cached_property
    def _section_names(self) -> dict[int, str | None]:
        """Heading of the innermost section at an offset, per offset asked (rules share them)."""
        return {}

    @cached_property
    def _paged(self) -> bool:
        return self.document.is_paged

    def finding(
        self,
        rule: Rule,
        start: int | None,
        end: int | None,
        message: str,
        **extra: Any,
    ) -> Finding:
        """A finding for ``rule`` over ``text[start:end]`` with line, column, page and section."""
        if not _PLAIN_FINDING or (extra and not _FINDING_NAMES.issuperset(extra)):
            return self._finding_slow(rule, start, end, message, extra)
        entry = self._finding_bases.get(id(rule))
        if entry is None or entry[0] is not rule:
            entry = (rule, _finding_base(rule))
            self._finding_bases[id(rule)] = entry
        # Finding(**kw) without its generated __init__ (one object.__setattr__ per field, about
        # 6 us a finding): the defaults and the rule's fields are copied in one go.
        state = entry[1].copy()
        state["message"] = message
        if start is not None and end is not None:
            self._fill_span(state, start, end)
        if extra:
            # Overrides of the rule's severity, explanation, source, category or
            # why_it_matters, and any other Finding field.
            state.update(extra)
        for name, factory in _FINDING_FACTORIES:
            if name not in state:
                state[name] = factory()
        obj = object.__new__(Finding)
        object.__setattr__(obj, "__dict__", state)  # the copy above is this finding's own
        return obj

    def _finding_slow(
        self, rule: Rule, start: int | None, end: int | None, message: str, extra: dict[str, Any]
    ) -> Finding:
        """``finding`` through ``Finding(**kw)`` (unknown keywords raise its own TypeError)."""
        kw = _rule_fields(rule)
        kw["message"] = message
        if start is not None and end is not None:
            self._fill_span(kw, start, end)
        kw.update(extra)
        return new_finding(kw)

    def _fill_span(self, out: dict[str, Any], start: int, end: int) -> None:
        """The span's fields: offsets, line and column of both ends, page, section, excerpt."""
        doc = self.document
        starts = doc.line_starts
        li = bisect_right(starts, start) - 1
        le = bisect_right(starts, end) - 1
        out["start"] = start
        out["end"] = end
        out["line"] = li + 1
        out["column"] = start - starts[li] + 1
        out["end_line"] = le + 1
        out["end_column"] = end - starts[le] + 1
        out["page"] = doc.page_at(start) if self._paged else None
        names = self._section_names
        if start in names:
            out["section"] = names[start]
        else:
            sec = self.segmented.section_at(start)
            out["section"] = names[start] = sec.heading if sec else None
        out["excerpt"] = doc.text[start:end]


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
