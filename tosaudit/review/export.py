"""Reviewed findings as records, CSV and JSON: one row per finding with its decision."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from tosaudit.models import DocumentReport
from tosaudit.review.store import Decision, FindingKey

CSV_COLUMNS: tuple[str, ...] = (
    "document",
    "content_hash",
    "rule",
    "name",
    "category",
    "severity",
    "status",
    "reviewer",
    "comment",
    "decided_at",
    "line",
    "column",
    "page",
    "section",
    "start",
    "end",
    "excerpt",
    "message",
    "suggestion",
)


def reviewed_records(
    report: DocumentReport, decisions: dict[FindingKey, Decision]
) -> list[dict[str, Any]]:
    """Each finding of a report with its review status ("pending" when undecided)."""
    rows = []
    for f in report.findings:
        d = decisions.get(FindingKey.of(f))
        rows.append(
            {
                "document": report.source,
                "content_hash": report.content_hash,
                "rule": f.rule,
                "name": f.name,
                "category": f.category,
                "severity": f.severity,
                "status": d.status if d else "pending",
                "reviewer": d.reviewer if d else None,
                "comment": d.comment if d else None,
                "decided_at": d.decided_at if d else None,
                "line": f.line,
                "column": f.column,
                "page": f.page,
                "section": f.section,
                "start": f.start,
                "end": f.end,
                "excerpt": f.excerpt,
                "message": f.message,
                "suggestion": f.suggestion,
            }
        )
    return rows


def _cell(value: Any) -> Any:
    # Spreadsheet apps run cells that start with = + - @ as formulas: a policy excerpt must
    # never become one (CSV injection), so such text cells get a leading apostrophe.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def to_csv(records: list[dict[str, Any]]) -> str:
    """Records as CSV with a header row (formula-looking text is neutralised)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: _cell(rec.get(k)) for k in CSV_COLUMNS})
    return buf.getvalue()


def to_json(report: DocumentReport, records: list[dict[str, Any]]) -> str:
    """The reviewed findings of one document as a JSON object."""
    from tosaudit import __version__

    counts: dict[str, int] = {}
    for rec in records:
        counts[rec["status"]] = counts.get(rec["status"], 0) + 1
    return json.dumps(
        {
            "tosaudit_version": __version__,
            "document": report.source,
            "content_hash": report.content_hash,
            "grade": report.grade,
            "review_summary": counts,
            "findings": records,
        },
        indent=2,
        ensure_ascii=False,
    )
