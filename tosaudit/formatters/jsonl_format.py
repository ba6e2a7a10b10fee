"""JSON Lines: one line per document, written and flushed as each document finishes."""

from __future__ import annotations

import json
from typing import Any

from tosaudit.formatters.common import Writer, render_records
from tosaudit.models import Report


class JsonlWriter(Writer):
    """Each line is a document record of the JSON schema plus ``tosaudit_version``."""

    name = "jsonl"
    extension = "jsonl"

    encodes = True

    def add(self, rec: dict[str, Any]) -> None:
        self.add_encoded(self.encode(rec))

    def encode(self, rec: dict[str, Any]) -> str:
        return json.dumps({"tosaudit_version": self.version, **rec}, ensure_ascii=False) + "\n"

    def add_encoded(self, text: str) -> None:
        self.out.write(text)
        # A consumer tailing the stream sees each document as soon as it is audited.
        self.out.flush()


def render(report: Report, include_text: bool = False, **options: Any) -> str:
    records = [d.to_record(include_text=include_text) for d in report.documents]
    return render_records(JsonlWriter, records, version=report.tosaudit_version, **options)
