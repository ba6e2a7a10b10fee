"""Document kind and the disclosures checklist (contact, cancellation, refunds, dates, ...).

Stub interface kept stable for the pipe; the completeness work fills it in.
"""

from __future__ import annotations

from typing import Any

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule

RULES: list[Rule] = []  # document-scope rules (metadata for `tosaudit rules`, SARIF)


def classify_kind(ctx: AuditContext) -> str:
    """terms, privacy, refund, cookie or other."""
    return "other"


def check_disclosures(
    ctx: AuditContext, findings: list[Finding], kind: str
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The disclosures checklist and a document-scope finding for each missing item."""
    return None, []
