"""Plain-Python services the app's pages call; no Streamlit here, so tests can call them directly.

The library computes; these functions only select, arrange and escape what a ``DocumentReport``
already holds (findings, sentences, disclosures, grade) for display or download.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tosaudit import __version__
from tosaudit.api import audit_bytes
from tosaudit.config import Config
from tosaudit.models import SEVERITY_RANK, DocumentReport, Finding, Report
from tosaudit.review import STATUS_LABELS, Decision, FindingKey, reviewed_records, to_csv, to_json

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "samples"
SAMPLE_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")
UPLOAD_TYPES = ["pdf", "docx", "html", "htm", "md", "markdown", "txt"]
SEVERITY_LABELS = {"error": "Clearly unfair / serious", "warning": "Warning", "info": "Note"}


def digest(data: bytes) -> str:
    """SHA-256 of uploaded bytes: the cache key for an audit."""
    return hashlib.sha256(data).hexdigest()


def audit_upload(data: bytes, name: str, config: Config) -> DocumentReport:
    """Audit one upload; any failure becomes the report's one-line ``error``, never a traceback."""
    try:
        return audit_bytes(data, name, config)
    except Exception as exc:  # a bug must not stop the other uploads (same as the CLI)
        return DocumentReport(source=name, error=f"internal error: {type(exc).__name__}: {exc}")


def error_line(report: DocumentReport) -> str:
    """The error exactly as the CLI prints it: ``SOURCE: error: MESSAGE``."""
    return f"{report.source}: error: {report.error}"


def list_samples(folder: Path = SAMPLES_DIR) -> list[Path]:
    """The sample policies shipped with the project, by name (not the folder's README)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in SAMPLE_SUFFIXES
        and not p.name.lower().startswith("readme")
    )


def size_limit_message(config: Config) -> str:
    """The upload size limit in words (shown next to the uploader)."""
    return f"Files up to {config.max_bytes / 1024 / 1024:.0f} MB (the max_bytes setting)."


# ---------------------------------------------------------------- findings and review


def finding_id(f: Finding) -> str:
    """A stable id for a finding: rule and span (the review store's key)."""
    return FindingKey.of(f).id


# Findings without a clause category are grouped by their rule family (code prefix).
RULE_FAMILIES = {
    "RD": "readability",
    "PL": "plain_language",
    "PR": "proofreading",
    "DS": "missing_information",
}


def finding_group(f: Finding) -> str:
    """The finding's clause category, else its rule family (readability, proofreading, ...)."""
    if f.category:
        return f.category
    return RULE_FAMILIES.get(f.rule[:2].upper(), "other")


def category_label(category: str | None) -> str:
    """A category or family id as words ("auto_renewal" -> "Auto renewal")."""
    return category.replace("_", " ").capitalize() if category else "Other"


def finding_rows(
    report: DocumentReport, decisions: dict[FindingKey, Decision] | None = None
) -> list[dict[str, Any]]:
    """One table row per finding with its review status."""
    decisions = decisions or {}
    rows = []
    for f in report.findings:
        d = decisions.get(FindingKey.of(f))
        buried = (f.buried or {}).get("score")
        rows.append(
            {
                "id": finding_id(f),
                "severity": f.severity,
                "category": finding_group(f),
                "rule": f.rule,
                "name": f.name,
                "status": d.status if d else "pending",
                "page": f.page,
                "line": f.line,
                "where": location(f),
                "message": f.message,
                "finding": f.name.replace("-", " "),
                "excerpt": shorten(f.excerpt or f.message, 160),
                "buried": None if buried is None else round(float(buried), 2),
                "reviewer": d.reviewer if d else "",
                "comment": d.comment if d else "",
            }
        )
    return rows


def location(f: Finding) -> str:
    """Where a finding is, for a table cell: "page 3, line 73", "line 9" or "whole document"
    (a table shows an empty page or line as "None")."""
    parts = [f"page {f.page}" if f.page else "", f"line {f.line}" if f.line else ""]
    return ", ".join(p for p in parts if p) or "whole document"


def filter_rows(
    rows: list[dict[str, Any]],
    categories: Iterable[str] = (),
    severities: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Rows matching every non-empty filter."""
    cats, sevs, stats = set(categories), set(severities), set(statuses)
    return [
        r
        for r in rows
        if (not cats or r["category"] in cats)
        and (not sevs or r["severity"] in sevs)
        and (not stats or r["status"] in stats)
    ]


def review_progress(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many findings have each status."""
    out = dict.fromkeys(STATUS_LABELS, 0)
    for r in rows:
        out[r["status"]] = out.get(r["status"], 0) + 1
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md_escape(text: str) -> str:
    """Text safe inside Streamlit Markdown: every Markdown, directive and LaTeX sign escaped.

    Document text must show as written: a policy saying ``![x](http://tracker)`` or
    ``:red[...]`` must not become an image or a coloured directive in the app.
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- highlighted document

_SEV_ORDER = ("error", "warning", "info")


def _segments(text: str, findings: list[Finding]) -> list[tuple[int, int, list[int]]]:
    """The text cut at every finding boundary: (start, end, indexes of covering findings)."""
    try:  # the HTML formatter owns this computation; reuse it so both views agree
        from tosaudit.formatters.html_format import highlight_segments

        segs = highlight_segments(
            text,
            [
                {
                    "start": f.start,
                    "end": f.end,
                    "severity": f.severity,
                    "rule": f.rule,
                    "message": f.message,
                }
                for f in findings
            ],
        )
        out, pos = [], 0
        for s in segs:
            out.append((pos, pos + len(s["text"]), list(s["findings"])))
            pos += len(s["text"])
        return out
    except ImportError:  # pragma: no cover - formatter missing in a partial install
        points = sorted(
            {
                0,
                len(text),
                *(f.start for f in findings if f.start is not None),
                *(f.end for f in findings if f.end is not None),
            }
        )
        return [
            (
                a,
                b,
                [
                    i
                    for i, f in enumerate(findings)
                    if f.start is not None and f.end is not None and f.start <= a and b <= f.end
                ],
            )
            for a, b in zip(points, points[1:], strict=False)
            if b > a
        ]


def _page_starts(report: DocumentReport) -> list[tuple[int, int]]:
    """(offset, page) where each new page's first sentence starts (PDFs only)."""
    out: list[tuple[int, int]] = []
    last = None
    for s in report.sentences:
        page = s.get("page")
        if page is not None and page != last:
            out.append((int(s["start"]), int(page)))
            last = page
    return out


def highlighted_html(
    report: DocumentReport,
    selected: str | None = None,
    categories: Iterable[str] = (),
    severities: Iterable[str] = (),
) -> str:
    """The document text as escaped HTML with findings wrapped in ``<mark>`` by severity.

    Every piece of document text goes through ``html.escape``: an uploaded policy containing
    ``<script>`` shows as text and runs nothing. Page numbers of PDFs appear as markers.
    """
    text = report.text or ""
    cats, sevs = set(categories), set(severities)
    shown = [
        f
        for f in report.findings
        if f.start is not None
        and f.end is not None
        and f.end > f.start
        and (not cats or finding_group(f) in cats)
        and (not sevs or f.severity in sevs)
    ]
    pages = _page_starts(report)
    parts: list[str] = []
    if pages:  # text before the first sentence (title, headings) sits on the first page
        parts.append(_page_marker(pages[0][1]))
    page_iter = iter(pages[1:])
    next_page = next(page_iter, None)
    for a, b, ids in _segments(text, shown):
        piece_start = a
        # A page break can fall inside a segment: split the piece there.
        while next_page is not None and next_page[0] < b:
            cut = max(next_page[0], piece_start)
            if cut > piece_start:
                parts.append(_piece(text[piece_start:cut], [shown[i] for i in ids], selected))
            parts.append(_page_marker(next_page[1]))
            piece_start = cut
            next_page = next(page_iter, None)
        parts.append(_piece(text[piece_start:b], [shown[i] for i in ids], selected))
    return '<div class="ta-doc">' + "".join(parts) + "</div>"


def _page_marker(page: int) -> str:
    return f'<span class="ta-page" data-page="{page}">Page {page}</span>'


def _piece(chunk: str, covering: list[Finding], selected: str | None) -> str:
    if not chunk:
        return ""
    escaped = html.escape(chunk)
    if not covering:
        return escaped
    # Clause findings take the colour: they are what an owner most needs to see.
    top = max(covering, key=lambda f: (f.category is not None, SEVERITY_RANK[f.severity]))
    ids = [finding_id(f) for f in covering]
    classes = ["ta-mark", f"ta-{top.severity}"]
    if top.category:
        classes.append("ta-clause")
        classes.append("ta-cat-" + re.sub(r"[^a-z0-9_]", "", top.category.lower()))
    if selected and selected in ids:
        classes.append("ta-selected")
    title = "; ".join(f"{f.rule} {f.name}: {f.message}" for f in covering[:4])
    return (
        f'<mark class="{" ".join(classes)}" data-findings="{html.escape(" ".join(ids))}" '
        f'title="{html.escape(title)}">{escaped}</mark>'
    )


DOC_CSS = """
<style>
.ta-doc{white-space:pre-wrap;font-family:Georgia,'Times New Roman',serif;font-size:15px;
 line-height:1.65;max-height:70vh;overflow-y:auto;padding:1.2rem 1.4rem;border:1px solid #e3e6ea;
 border-radius:10px;background:#fff;color:#1f2937}
.ta-mark{border-radius:3px;padding:0 1px}
.ta-info{background:#eef2ff}
.ta-warning{background:#fff4cc}
.ta-error{background:#ffd9d6}
.ta-clause{border-bottom:2px solid #c2410c}
.ta-clause.ta-error{border-bottom-color:#b91c1c}
.ta-selected{outline:3px solid #2563eb;outline-offset:1px}
.ta-page{display:block;margin:1rem 0 .4rem;font:600 12px system-ui,sans-serif;color:#6b7280;
 border-top:1px dashed #cbd5e1;padding-top:.3rem}
.ta-legend span{display:inline-block;margin-right:1rem;padding:0 .4rem;border-radius:3px;
 font:13px system-ui,sans-serif}
</style>
"""

LEGEND_HTML = (
    '<div class="ta-legend"><span class="ta-error">Serious / clearly unfair</span>'
    '<span class="ta-warning">Warning</span><span class="ta-info">Note</span>'
    '<span class="ta-clause" style="background:#fff">Underlined: unfavourable clause</span></div>'
)


# ---------------------------------------------------------------- report page


def disclosure_items(disclosures: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The checklist as rows: item, state (ok / warn / bad / n/a) and what to add."""
    advice = {
        "contact": "Add at least two ways to reach you: an email address, a phone number, a "
        "postal address or a contact page.",
        "cancellation": "Say exactly how to cancel: which page or button, which address, and "
        "when it takes effect. Offer online cancellation for online sign-ups.",
        "refunds": "State whether and when customers get a refund, and how to ask for one.",
        "effective_date": 'Add the date these terms take effect ("Last updated: ...").',
        "changes_notice": "Say how and how far in advance you tell customers about changes.",
        "governing_law": "Name the law that governs the terms.",
        "auto_renewal": "Renewal terms must be clear and conspicuous, next to the price, with "
        "the way to cancel.",
    }
    out = []
    for key, v in (disclosures or {}).items():
        if not isinstance(v, dict):
            continue
        label = key.replace("_", " ").capitalize()
        if "status" in v:
            status = str(v["status"])
            required = bool(v.get("required", True))
            if status in ("present", "instructions"):
                state = "ok"
            elif not required:
                state = "n/a"
            else:
                state = "warn" if status in ("partial", "mention_only") else "bad"
        elif "present" in v:
            status = "yes" if v["present"] else "no"
            state = "warn" if v["present"] else "ok"
        else:
            continue
        detail = ""
        if v.get("channels"):
            detail = "Channels: " + ", ".join(str(c).replace("_", " ") for c in v["channels"])
        elif v.get("value"):
            detail = str(v["value"])
        out.append(
            {
                "key": key,
                "item": label,
                "status": status.replace("_", " "),
                "state": state,
                "detail": detail,
                "what_to_add": str(v.get("message") or advice.get(key, ""))
                if state in ("warn", "bad")
                else "",
            }
        )
    return out


def sentence_chart_rows(report: DocumentReport) -> list[dict[str, Any]]:
    """Per-sentence difficulty in document order, for the chart."""
    return [
        {
            "sentence": i + 1,
            "grade": float(s.get("flesch_kincaid_grade") or 0.0),
            "page": s.get("page"),
            "words": s.get("words"),
        }
        for i, s in enumerate(report.sentences)
    ]


READABILITY_METRICS = (
    ("flesch_reading_ease", "Flesch Reading Ease", "min"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade", "max"),
    ("gunning_fog", "Gunning Fog", "max"),
    ("smog_index", "SMOG", "max"),
    ("coleman_liau_index", "Coleman-Liau", "max"),
    ("automated_readability_index", "Automated Readability Index", "max"),
    ("dale_chall_readability_score", "Dale-Chall", None),
    ("text_standard", "Consensus grade (textstat)", None),
    ("average_sentence_length", "Average sentence length (words)", None),
    ("long_sentence_share", "Sentences over 25 words", None),
    ("reading_time_minutes", "Reading time (minutes)", None),
)


def readability_rows(report: DocumentReport, config: Config) -> list[dict[str, Any]]:
    """Each readability metric with the target it is held to (when it has one) and a verdict."""
    r = report.readability or {}
    rows = []
    for key, label, kind in READABILITY_METRICS:
        if key not in r:
            continue
        value = r[key]
        target, ok = "", None
        if kind == "min":
            target, ok = f"≥ {config.target_reading_ease:g}", value >= config.target_reading_ease
        elif kind == "max":
            target, ok = f"≤ {config.target_grade:g}", value <= config.target_grade
        shown = (
            f"{100 * value:.0f}%"
            if key == "long_sentence_share"
            else f"{value:.1f}"
            if isinstance(value, float)
            else str(value)
        )
        rows.append(
            {
                "metric": label,
                "value": shown,
                "target": target,
                "meets": "" if ok is None else ("yes" if ok else "no"),
            }
        )
    return rows


# ---------------------------------------------------------------- exports


def html_report(report: DocumentReport, config: Config) -> str | None:
    """The self-contained HTML report from the library's formatter (None if unavailable)."""
    try:
        from tosaudit.formatters.html_format import render_document
    except ImportError:  # pragma: no cover
        return None
    return render_document(
        report, target_grade=config.target_grade, target_reading_ease=config.target_reading_ease
    )


def review_exports(
    report: DocumentReport, decisions: dict[FindingKey, Decision]
) -> tuple[str, str]:
    """The reviewed findings as (CSV, JSON)."""
    recs = reviewed_records(report, decisions)
    return to_csv(recs), to_json(report, recs)


def safe_stem(name: str) -> str:
    """A file-name-safe stem of a document name."""
    stem = Path(name).stem or "document"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")[:80] or "document"


def batch_rows(reports: list[DocumentReport]) -> list[dict[str, Any]]:
    """The Batch page's summary table: one row per document."""
    rows = []
    for r in reports:
        g = r.grade or {}
        read = r.readability or {}
        clause = [f for f in r.findings if f.category and f.start is not None]
        rows.append(
            {
                "document": r.source,
                "status": "error" if r.error else "audited",
                "error": r.error or "",
                "kind": r.kind or "",
                "grade": g.get("letter", ""),
                "score": g.get("score"),
                "reading_ease": read.get("flesch_reading_ease"),
                "fk_grade": read.get("flesch_kincaid_grade"),
                "words": read.get("words"),
                "findings": len(r.findings),
                "serious": sum(1 for f in r.findings if f.severity == "error"),
                "unfavourable_kinds": len({f.category for f in clause}),
            }
        )
    return rows


def reports_zip(reports: list[DocumentReport], config: Config) -> bytes:
    """A ZIP with the whole batch as one JSON and one HTML report, plus one CSV of findings."""
    report = Report(__version__, list(reports))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.json", json.dumps(report.to_record(), indent=2, ensure_ascii=False))
        try:
            from tosaudit.formatters import FORMATTERS

            for name, fname in (("html", "report.html"), ("csv", "findings.csv")):
                fmt = FORMATTERS.get(name)
                if fmt is not None:
                    opts = (
                        {
                            "target_grade": config.target_grade,
                            "target_reading_ease": config.target_reading_ease,
                        }
                        if name == "html"
                        else {}
                    )
                    zf.writestr(fname, fmt(report, **opts))
        except ImportError:  # pragma: no cover
            pass
        rows = batch_rows(reports)
        zf.writestr("summary.json", json.dumps(rows, indent=2, ensure_ascii=False))
    return buf.getvalue()


# ---------------------------------------------------------------- rewrites


@dataclass(frozen=True)
class RewriteItem:
    """One offered rewrite: the original span and its verified plain suggestion."""

    id: str
    start: int
    end: int
    original: str
    suggestion: str
    rule: str
    name: str
    grade_before: float | None
    grade_after: float | None


def _verified(f: Finding) -> bool:
    rw = (f.extra or {}).get("rewrite")
    # Older reports without verification details: a suggestion is only attached when verified.
    return bool(f.suggestion) and (not isinstance(rw, dict) or bool(rw.get("verified", True)))


def rewrite_items(report: DocumentReport) -> list[RewriteItem]:
    """Verified suggestions, one per span (the library's choice), in text order."""
    try:
        from tosaudit.rewrite.plain import edits

        spans: set[tuple[int, int]] | None = {(a, b) for a, b, _ in edits(report)}
    except ImportError:  # pragma: no cover - rewrites not installed
        spans = None
    seen: set[tuple[int, int]] = set()
    out = []
    for f in sorted(report.findings, key=lambda f: (f.start or 0, f.end or 0)):
        if f.start is None or f.end is None or not _verified(f) or (f.start, f.end) in seen:
            continue
        if spans is not None and (f.start, f.end) not in spans:
            continue
        seen.add((f.start, f.end))
        rw = (f.extra or {}).get("rewrite")
        rw = rw if isinstance(rw, dict) else {}
        out.append(
            RewriteItem(
                id=finding_id(f),
                start=f.start,
                end=f.end,
                original=f.excerpt
                if f.excerpt is not None
                else (report.text or "")[f.start : f.end],
                suggestion=str(f.suggestion),
                rule=f.rule,
                name=f.name,
                grade_before=rw.get("grade_before"),
                grade_after=rw.get("grade_after"),
            )
        )
    return out


def with_accepted(report: DocumentReport, accepted: Iterable[str]) -> DocumentReport:
    """A copy of the report whose only suggestions are the accepted ones.

    The library's plain-version functions apply every suggestion a report holds, so the
    reviewer's choice is expressed by dropping the rejected ones, not by re-applying edits here.
    """
    keep = set(accepted)
    findings = [
        f if not f.suggestion or finding_id(f) in keep else dataclasses.replace(f, suggestion=None)
        for f in report.findings
    ]
    return dataclasses.replace(report, findings=findings)


def plain_text(report: DocumentReport, accepted: Iterable[str]) -> str:
    """The document text with the accepted suggestions applied."""
    from tosaudit.rewrite.plain import plain_text as library_plain_text

    return library_plain_text(with_accepted(report, accepted))


def plain_markdown(report: DocumentReport, accepted: Iterable[str]) -> str:
    """The plain version as Markdown (the library's export), key-terms box first."""
    from tosaudit.rewrite.plain import to_markdown

    return to_markdown(with_accepted(report, accepted))


def plain_docx(report: DocumentReport, accepted: Iterable[str]) -> bytes:
    """The plain version as DOCX (the library's export)."""
    from tosaudit.rewrite.plain import to_docx_bytes

    return to_docx_bytes(with_accepted(report, accepted))


def plain_diff(report: DocumentReport, accepted: Iterable[str]) -> str:
    """The library's unified diff of what the accepted rewrites change."""
    from tosaudit.rewrite.plain import diff

    return diff(with_accepted(report, accepted))


def key_terms_lines(report: DocumentReport) -> list[str]:
    """The key-terms box as plain lines, whatever shape the library gave it."""
    kt = report.key_terms
    if not kt:
        return []
    if isinstance(kt, dict):
        for key in ("items", "lines", "terms", "bullets"):
            val = kt.get(key)
            if isinstance(val, list):
                return [_line(v) for v in val if _line(v)]
        if isinstance(kt.get("text"), str):
            return [ln.strip(" -*•") for ln in kt["text"].splitlines() if ln.strip(" -*•")]
        return [
            f"{k.replace('_', ' ').capitalize()}: {_line(v)}" for k, v in kt.items() if _line(v)
        ]
    if isinstance(kt, list):
        return [_line(v) for v in kt if _line(v)]
    return [str(kt)]


def _line(v: Any) -> str:
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, dict):
        for key in ("text", "summary", "line", "plain"):
            if isinstance(v.get(key), str):
                label = v.get("label") or v.get("title") or v.get("topic")
                return f"{label}: {v[key]}" if label else v[key]
    if isinstance(v, list):
        return "; ".join(_line(x) for x in v if _line(x))
    return "" if v is None else str(v)
