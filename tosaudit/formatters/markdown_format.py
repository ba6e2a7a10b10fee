"""Markdown for pull-request comments: a summary table, then each document's findings."""

from __future__ import annotations

import re
from typing import Any

from tosaudit.formatters.common import (
    Writer,
    copy_spool,
    render_records,
    repeats_suggestion_above,
    spool,
)
from tosaudit.models import Report

MAX_FINDINGS = 50  # per document: a PR comment must stay readable (and under size limits)
MAX_EXCERPT = 240
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
# Markdown and HTML both render in PR comments: escape what either would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md_escape(text: str) -> str:
    """Text that GitHub-flavoured Markdown shows literally (no HTML, links or emphasis)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())  # one line: a newline would end a table cell or quote


def _excerpt(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    if len(text) > MAX_EXCERPT:
        text = text[: MAX_EXCERPT - 1] + "…"
    return md_escape(text)


class MarkdownWriter(Writer):
    """GitHub-flavoured Markdown; every piece of policy text is escaped."""

    name = "markdown"
    extension = "md"

    def start(self) -> None:
        self.rows: list[str] = []
        self.details = spool()

    def add(self, d: dict[str, Any]) -> None:
        src = md_escape(d["source"])
        if d.get("error"):
            self.rows.append(f"| {src} | – | – | – | – | ⚠️ {md_escape(d['error'])} |")
            return
        r = d.get("readability") or {}
        g = d.get("grade") or {}
        findings = d.get("findings", [])
        counts = {s: sum(1 for f in findings if f["severity"] == s) for s in _ICON}
        count_txt = " ".join(f"{_ICON[s]} {n}" for s, n in counts.items() if n) or "✅ 0"
        self.rows.append(
            f"| {src} | **{g.get('letter', '?')}** ({g.get('score', 0):.0f}) | "
            f"{r.get('flesch_reading_ease', 0):.1f} | {r.get('flesch_kincaid_grade', 0):.1f} | "
            f"{count_txt} | |"
        )
        if not findings:
            return
        w = self.details.write
        w(f"<details><summary><b>{src}</b>: {len(findings)} finding(s)</summary>\n\n")
        shown = findings[:MAX_FINDINGS]
        for f, repeated in zip(shown, repeats_suggestion_above(shown), strict=True):
            where = f"line {f['line']}" if f.get("line") else "whole document"
            if f.get("page"):
                where += f", page {f['page']}"
            w(
                f"- {_ICON[f['severity']]} **{f['severity']}** `{f['rule']}` {md_escape(f['name'])}"
                f" ({where}): {md_escape(f['message'])}\n"
            )
            if f.get("excerpt"):
                w(f"  > {_excerpt(f['excerpt'])}\n")
            if repeated:
                w("  - Suggestion: the same as above\n")
            elif f.get("suggestion"):
                w(f"  - Suggestion: {_excerpt(f['suggestion'])}\n")
        if len(findings) > MAX_FINDINGS:
            w(f"- … and {len(findings) - MAX_FINDINGS} more\n")
        w("\n</details>\n\n")

    def finish(self, summary: dict[str, Any]) -> None:
        o = self.out.write
        o("## tosaudit report\n\n")
        o(
            f"{summary['documents']} document(s), {summary['failed']} could not be read, "
            f"{summary['findings']} finding(s).\n\n"
        )
        o("| Document | Grade | Reading ease | Grade level | Findings | Error |\n")
        o("|---|---|---:|---:|---|---|\n")
        for row in self.rows:
            o(row + "\n")
        o("\n")
        copy_spool(self.details, self.out)
        o(f"<sub>tosaudit {md_escape(self.version)}</sub>\n")


def render(report: Report, **options: Any) -> str:
    records = [d.to_record() for d in report.documents]
    return render_records(MarkdownWriter, records, version=report.tosaudit_version, **options)
