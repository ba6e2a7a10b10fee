"""A readable plain-text summary for the terminal, one block per document."""

from __future__ import annotations

from typing import Any

from tosaudit.formatters.common import Writer, render_records
from tosaudit.models import Report


def _one_line(text: str) -> str:
    """Runs of white space, line breaks included, as single spaces."""
    return " ".join(text.split())


class TextWriter(Writer):
    """``SOURCE: grade ...`` then ``SOURCE:LINE:COL: severity: RULE message`` per finding."""

    name = "text"
    extension = "txt"

    def add(self, d: dict[str, Any]) -> None:
        src = d["source"]
        if d.get("error"):
            self.out.write(f"{src}: error: {d['error']}\n")
            return
        r = d.get("readability") or {}
        g = d.get("grade") or {}
        self.out.write(
            f"{src}: grade {g.get('letter', '?')} ({g.get('score', 0):.0f}/100), "
            f"{d.get('kind') or 'document'}, {r.get('words', 0)} words, reading ease "
            f"{r.get('flesch_reading_ease', 0):.1f}, grade level "
            f"{r.get('flesch_kincaid_grade', 0):.1f}\n"
        )
        for f in d.get("findings", ()):
            where = f"{src}:{f['line']}:{f['column']}" if f.get("line") else src
            page = f" (page {f['page']})" if f.get("page") else ""
            message = _one_line(f["message"])
            self.out.write(f"  {where}: {f['severity']}: {f['rule']} {message}{page}\n")
            if f.get("suggestion"):
                # A rewrite of a hard-wrapped sentence keeps its line breaks (it replaces
                # text[start:end]); on the terminal it must stay one indented line.
                self.out.write(f"      suggestion: {_one_line(f['suggestion'])}\n")
        self.out.flush()


def render(report: Report, **options: Any) -> str:
    records = [d.to_record() for d in report.documents]
    return render_records(TextWriter, records, version=report.tosaudit_version, **options)
