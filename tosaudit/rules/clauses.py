"""Unfavourable-clause rules: one rule per category (CL201-CL218) plus the document-level
"not disclosed up front" check (CL290). Built from ``rules/data/clauses.yaml``; the shared work
(patterns, model scores, buried scores) runs once per document in :mod:`tosaudit.clauses.detect`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tosaudit.clauses.buried import mentioned_up_front
from tosaudit.clauses.detect import detect
from tosaudit.clauses.patterns import CategorySpec, load_specs
from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule

_LEVEL = {"warning": "Potentially unfair", "error": "Clearly unfair"}


class ClauseRule(Rule):
    """Flags sentences that are unfavourable clauses of one category."""

    scope = "sentence"
    source = "pattern+model"

    def __init__(self, spec: CategorySpec) -> None:
        self.spec = spec
        self.code = spec.code
        self.name = spec.name
        self.category = spec.category
        self.groups = ("clauses", spec.category)
        self.severity = spec.severity  # type: ignore[assignment]
        self.explanation = spec.explanation
        self.why_it_matters = spec.why_it_matters
        self.source = "pattern+model" if spec.model else "pattern"

    @property
    def doc(self) -> str:
        how = (
            "wording patterns (rules/data/clauses.yaml) combined with the trained clause model"
            if self.spec.model
            else "wording patterns (rules/data/clauses.yaml)"
        )
        return (
            f"{self.explanation}\n\nFound by {how}. Severity: warning = potentially unfair, "
            "error = clearly unfair wording (e.g. no notice, sole discretion)."
        )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        for hit in detect(ctx).hits:
            if hit.category != self.category:
                continue
            yield ctx.finding(
                self,
                hit.start,
                hit.end,
                f"{_LEVEL.get(hit.severity, 'Unfavourable')} clause ({self.spec.title}): "
                f"{hit.summary}",
                severity=hit.severity,
                source=hit.source,
                confidence=hit.confidence,
                summary=hit.summary,
                buried=hit.buried,
            )


class UndisclosedClausesRule(Rule):
    """Unfavourable terms exist but none of them is mentioned in the opening part or a summary.

    Customers decide from the first screen; terms they would not like should be pointed out up
    front (EU Directive 93/13/EEC art. 5 plain and intelligible language; California Bus. & Prof.
    Code 17602 "clear and conspicuous" disclosure of automatic renewal terms).
    """

    code = "CL290"
    name = "unfavourable-terms-not-up-front"
    groups = ("clauses", "buried")
    severity = "warning"
    scope = "document"
    source = "check"
    explanation = (
        "The terms contain clauses a customer may not like, but the opening part and "
        "any summary mention none of them."
    )
    why_it_matters = (
        "EU Directive 93/13/EEC art. 5 (plain, intelligible terms) and the 'clear "
        "and conspicuous' disclosure rules of California Bus. & Prof. Code 17602."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        det = detect(ctx)
        specs = load_specs()
        cats = sorted({h.category for h in det.hits})
        enabled = [c for c in cats if ctx.config.rule_enabled(specs[c].code, ("clauses", c))]
        if not enabled:
            return
        if any(mentioned_up_front(ctx, specs[c]) for c in enabled):
            return
        names = ", ".join(specs[c].title for c in enabled)
        yield ctx.finding(
            self,
            None,
            None,
            f"Unfavourable terms ({names}) are not mentioned in the opening part or any summary.",
            extra={"categories": enabled},
        )


class ClauseModelRule(Rule):
    """The trained clause model could not be loaded, so only patterns were used."""

    code = "CL299"
    name = "clause-model-unavailable"
    groups = ("clauses",)
    severity = "info"
    scope = "document"
    source = "check"
    explanation = "The trained clause model was unavailable; clause detection used patterns only."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        err = detect(ctx).model_error
        if err:
            yield ctx.finding(self, None, None, f"Clause model unavailable: {err}")


RULES: list[Rule] = [
    *(ClauseRule(spec) for spec in load_specs().values()),
    UndisclosedClausesRule(),
    ClauseModelRule(),
]
