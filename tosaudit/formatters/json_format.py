"""JSON: one object for the whole run (schema: docs/report-schema.md)."""

from __future__ import annotations

import json

from tosaudit.models import Report


def render(report: Report, include_text: bool = False, **_: object) -> str:
    return json.dumps(report.to_record(include_text=include_text), ensure_ascii=False, indent=2)
