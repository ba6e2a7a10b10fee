"""Plain-language rewrites and their verification; the key-terms box.

Stub interface kept stable for the pipe; the rewrites work fills it in.
"""

from __future__ import annotations

from typing import Any

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext


def attach_suggestions(ctx: AuditContext, findings: list[Finding]) -> list[Finding]:
    """Findings with verified plain rewrites attached as ``suggestion`` where one exists."""
    return findings


def key_terms(
    ctx: AuditContext, findings: list[Finding], disclosures: dict[str, Any] | None
) -> dict[str, Any] | None:
    """A short plain summary of the unfavourable terms and how to contact and cancel."""
    return None
