"""JSON: one object for the whole run (schema: docs/report-schema.md), written as it streams."""

from __future__ import annotations

import json
from typing import Any

from tosaudit.formatters.common import Writer, render_records
from tosaudit.models import Report


class JsonWriter(Writer):
    """``{"tosaudit_version", "documents": [...], "summary"}``; documents are written one by one."""

    name = "json"
    extension = "json"

    def start(self) -> None:
        self.out.write("{\n")
        self.out.write(f'  "tosaudit_version": {json.dumps(self.version)},\n  "documents": [')
        self._first = True

    encodes = True

    def add(self, rec: dict[str, Any]) -> None:
        self.add_encoded(self.encode(rec))

    def encode(self, rec: dict[str, Any]) -> str:
        body = json.dumps(rec, ensure_ascii=False, indent=2)
        # JSON strings never hold a raw newline, so indenting line by line is safe.
        return "\n".join("    " + line for line in body.split("\n"))

    def add_encoded(self, text: str) -> None:
        self.out.write(("\n" if self._first else ",\n") + text)
        self._first = False

    def finish(self, summary: dict[str, Any]) -> None:
        self.out.write(("" if self._first else "\n  ") + "],\n")
        body = json.dumps(summary, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.out.write(f'  "summary": {body}\n}}\n')


def render(report: Report, include_text: bool = False, **options: Any) -> str:
    """The whole report as one JSON document."""
    records = [d.to_record(include_text=include_text) for d in report.documents]
    return render_records(JsonWriter, records, version=report.tosaudit_version, **options)
