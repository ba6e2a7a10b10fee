"""A readable plain-text summary for the terminal, one block per document."""

from __future__ import annotations

import re
from typing import Any

from tosaudit.formatters.common import Writer, render_records, repeats_suggestion_above
from tosaudit.models import Report


def _one_line(text: str) -> str:
    """Runs of white space, line breaks included, as single spaces."""
    return " ".join(text.split())


# A line that opens a list item: a bullet, "(i)", "a)", "2." (bounded, so linear).
_ITEM = re.compile(
    r"[ \t]{0,40}(?:[\u2022\u2023\u25e6\u2043\u00b7*\u2013-]|\(?(?:[a-z]|[ivx]{1,6}|\d{1,3})[.)])\s"
)


def _suggestion_lines(text: str) -> list[str]:
    """A rewrite as terminal lines: hard-wrapped prose joined, list items kept one per line.

    The rewrite replaces ``text[start:end]``, so it keeps the source's line breaks; a wrapped
    paragraph reads as one line, while "(i) ... (ii) ..." items keep their own lines.
    """
    lines: list[str] = []
    new_line = True
    for raw in text.split("\n"):
        part = _one_line(raw)
        if not part:
            new_line = True  # a blank line ends the paragraph
            continue
        if new_line or not lines or _ITEM.match(raw):
            lines.append(part)
        else:
            lines[-1] += " " + part
        new_line = False
    return lines


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
        findings = d.get("findings", ())
        for f, repeated in zip(findings, repeats_suggestion_above(findings), strict=True):
            where = f"{src}:{f['line']}:{f['column']}" if f.get("line") else src
            page = f" (page {f['page']})" if f.get("page") else ""
            message = _one_line(f["message"])
            self.out.write(f"  {where}: {f['severity']}: {f['rule']} {message}{page}\n")
            if repeated:
                self.out.write("      suggestion: the same as above\n")
            elif f.get("suggestion"):
                first, *rest = _suggestion_lines(f["suggestion"]) or [""]
                self.out.write(f"      suggestion: {first}\n")
                for line in rest:
                    self.out.write(f"        {line}\n")
        self.out.flush()


def render(report: Report, **options: Any) -> str:
    records = [d.to_record() for d in report.documents]
    return render_records(TextWriter, records, version=report.tosaudit_version, **options)
