"""CSV: one row per finding (and one per document that could not be read)."""

from __future__ import annotations

import csv
from typing import Any

from tosaudit.formatters.common import Writer, render_records
from tosaudit.models import Report

COLUMNS = (
    "document",
    "rule",
    "name",
    "category",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "page",
    "section",
    "start",
    "end",
    "message",
    "excerpt",
    "suggestion",
    "explanation",
    "confidence",
    "source",
    "error",
)
# Spreadsheets run a cell that starts with one of these as a formula; a hostile policy must
# not be able to do that to whoever opens the CSV (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = ("section", "message", "excerpt", "suggestion", "explanation", "document")


def _cell_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class CsvWriter(Writer):
    """RFC 4180 CSV with a header row; text cells that look like formulas get a leading '."""

    name = "csv"
    extension = "csv"

    def start(self) -> None:
        self.w = csv.DictWriter(self.out, fieldnames=COLUMNS, lineterminator="\n")
        self.w.writeheader()

    def add(self, rec: dict[str, Any]) -> None:
        if rec.get("error"):
            self.w.writerow({"document": _cell_safe(rec["source"]), "error": rec["error"]})
            return
        for f in rec.get("findings", ()):
            row = {k: f.get(k) for k in COLUMNS if k in f}
            row["source"] = f.get("source")
            row["document"] = rec["source"]
            for k in _TEXT_COLUMNS:
                row[k] = _cell_safe(row.get(k))
            self.w.writerow(row)


def render(report: Report, **options: Any) -> str:
    records = [d.to_record() for d in report.documents]
    return render_records(CsvWriter, records, version=report.tosaudit_version, **options)
