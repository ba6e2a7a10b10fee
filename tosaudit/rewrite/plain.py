"""The plain version of a whole document: every verified suggestion applied.

All functions read a ``DocumentReport`` (its ``text`` and its findings' spans and suggestions),
so the CLI and the app export exactly what the audit verified:
``plain_text(report)``, ``to_markdown(report)``, ``to_docx_bytes(report)`` and ``diff(report)``.
"""

from __future__ import annotations

import difflib
import io
import re

from tosaudit.models import DocumentReport


class PlainVersionError(ValueError):
    """The report cannot give a plain version (an ingest error, or no text kept)."""


def _text(report: DocumentReport) -> str:
    if report.error:
        raise PlainVersionError(f"{report.source}: no plain version: {report.error}")
    if report.text is None:
        raise PlainVersionError(f"{report.source}: no plain version: the report keeps no text")
    return report.text


def edits(report: DocumentReport) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every verified suggestion, one per span, in text order."""
    spans: dict[tuple[int, int], str] = {}
    for f in report.findings:
        rw = f.extra.get("rewrite") if f.extra else None
        if f.suggestion and rw and rw.get("verified") and f.start is not None and f.end is not None:
            spans.setdefault((f.start, f.end), f.suggestion)
    out: list[tuple[int, int, str]] = []
    last = -1
    for (start, end), new in sorted(spans.items()):
        if start >= last:  # overlapping spans cannot both apply; keep the first
            out.append((start, end, new))
            last = end
    return out


def _apply(text: str, changes: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, new in changes:
        parts.append(text[pos:start])
        if "\n" in new:
            # A vertical list starts on its own line and ends its paragraph.
            if parts[-1] and not parts[-1].endswith("\n"):
                parts[-1] = parts[-1].rstrip(" \t") + "\n"
            parts.append(new)
            rest = text[end : end + 1]
            if rest and rest != "\n":
                parts.append("\n")
        else:
            parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def plain_text(report: DocumentReport) -> str:
    """The document's text with every verified suggestion applied."""
    text = _text(report)
    return _apply(text, edits(report))


def _heading_edits(report: DocumentReport, text: str) -> list[tuple[int, int, str]]:
    """Markdown heading marks for the section headings the audit found."""
    out = []
    for sec in report.sections:
        start, heading = sec.get("start"), sec.get("heading") or ""
        if not isinstance(start, int) or not heading or sec.get("level", 1) < 1:
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        line = text[start:line_end]
        if line.lstrip().startswith("#") or heading[:20] not in line:
            continue
        level = min(int(sec.get("level") or 1) + 1, 6)
        out.append((start, line_end, "#" * level + " " + line.strip()))
    return out


def to_markdown(report: DocumentReport, key_terms: bool = True) -> str:
    """The plain version as Markdown, headings marked, key-terms box on top."""
    text = _text(report)
    changes = edits(report)
    heads = [
        h
        for h in _heading_edits(report, text)
        if not any(s < h[1] and h[0] < e for s, e, _ in changes)
    ]
    body = _apply(text, sorted(changes + heads))
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    if key_terms and report.key_terms and report.key_terms.get("markdown"):
        return report.key_terms["markdown"].rstrip() + "\n\n" + body
    return body


def to_docx_bytes(report: DocumentReport, key_terms: bool = True) -> bytes:
    """The plain version as a Word document (python-docx), key-terms box first."""
    from docx import Document as DocxDocument

    md = to_markdown(report, key_terms=key_terms)
    doc = DocxDocument()
    for block in re.split(r"\n\s*\n", md):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        for line in lines:
            heading = re.match(r"(#{1,6})\s+(.*)", line)
            if heading:
                doc.add_heading(heading.group(2), level=min(len(heading.group(1)), 4))
            elif line.startswith("- "):
                p = doc.add_paragraph(style="List Bullet")
                _add_runs(p, line[2:])
            else:
                _add_runs(doc.add_paragraph(), line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _add_runs(paragraph, line: str) -> None:  # type: ignore[no-untyped-def]
    """Markdown **bold** as bold runs, the rest as plain text."""
    for k, part in enumerate(re.split(r"\*\*", line)):
        if part:
            paragraph.add_run(part).bold = k % 2 == 1


def _sentence_lines(text: str) -> list[str]:
    # Diff by sentence-sized lines, so a long paragraph shows which sentence changed.
    out: list[str] = []
    for line in text.splitlines():
        out.extend(re.split(r"(?<=[.!?;:])\s+(?=[A-Z(\"\u201c])", line) if line else [""])
    return out


def diff(report: DocumentReport, html: bool = False, context: int = 2) -> str:
    """What changed: a unified diff, or an HTML side-by-side table (``html=True``)."""
    before = _sentence_lines(_text(report))
    after = _sentence_lines(plain_text(report))
    if html:
        return difflib.HtmlDiff(wrapcolumn=80).make_file(
            before, after, "original", "plain version", context=True, numlines=context
        )
    return "\n".join(
        difflib.unified_diff(
            before,
            after,
            fromfile=f"{report.source} (original)",
            tofile=f"{report.source} (plain)",
            lineterm="",
            n=context,
        )
    )
