"""Plain-language rules whose findings the rewrite stage creates (metadata for the registry)."""

from __future__ import annotations

from collections.abc import Iterable

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule


class Legalese(Rule):
    """A sentence uses legalese that has a plain-English equivalent.

    Words such as "prior to", "pursuant to", "hereinafter" or "shall" come from a curated table
    of more than 200 entries, each with the plain-language guideline it comes from (US Federal
    Plain Language Guidelines, Plain English Campaign, SEC Plain English Handbook, Garner, UK
    Office of the Parliamentary Counsel). When a rewrite passes every meaning check it is the
    finding's suggestion; otherwise the finding lists the words to reconsider.
    """

    code = "PL501"
    name = "legalese"
    groups = ("plain-language",)
    severity = "info"
    source = "pattern"
    explanation = (
        "Old legal words make customers stop and guess. Everyday words say the same thing."
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return ()  # created by tosaudit.rewrite.attach_suggestions, sentence by sentence


class PlainerSentence(Rule):
    """A sentence above the target grade has a verified plainer version.

    Only sentences whose rewrite keeps every number, date, amount, negation, modal verb, defined
    term and name, and reads at a lower Flesch-Kincaid grade, get this finding.
    """

    code = "PL502"
    name = "plainer-sentence"
    groups = ("plain-language",)
    severity = "info"
    source = "check"
    explanation = "This sentence reads above the target level; a plainer version is suggested."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return ()  # created by tosaudit.rewrite.attach_suggestions


LEGALESE = Legalese()
PLAINER = PlainerSentence()
RULES: list[Rule] = [LEGALESE, PLAINER]
