"""HTML: one self-contained page per batch (inline CSS, JS and SVG; nothing fetched to view it).

An index table of documents (sortable by grade, findings, reading ease), then per document the
grade card, readability against the targets with a chart of sentence difficulty, the key-terms
box, the disclosures checklist and the text with findings highlighted and explained. Jinja2
autoescaping escapes every piece of document text; a Content-Security-Policy with a per-report
nonce means even a slip in escaping could not run a script from a policy.

``render_document`` gives the same page for one document (the Streamlit app embeds it).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from tosaudit.formatters.common import (
    Writer,
    copy_spool,
    render_records,
    repeats_suggestion_above,
    spool,
)
from tosaudit.models import SEVERITY_RANK, DocumentReport, Report

MAX_BARS = 400  # sentence-difficulty chart: longer documents are bucketed (worst per bucket)
_PLACEHOLDER = "<!--tosaudit:documents-->"

READABILITY_ROWS = (
    ("flesch_reading_ease", "Flesch Reading Ease", "min_ease"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade", "max_grade"),
    ("gunning_fog", "Gunning Fog", "max_grade"),
    ("smog_index", "SMOG", "max_grade"),
    ("coleman_liau_index", "Coleman-Liau", "max_grade"),
    ("automated_readability_index", "Automated Readability Index", "max_grade"),
    ("dale_chall_readability_score", "Dale-Chall", None),
    ("text_standard", "Consensus grade", None),
    ("words", "Words", None),
    ("sentences", "Sentences", None),
    ("average_sentence_length", "Average sentence length (words)", None),
    ("long_sentence_share", "Share of sentences over 25 words", None),
    ("reading_time_minutes", "Reading time (minutes)", None),
)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("tosaudit.formatters", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _worst(severities: list[str]) -> str:
    return max(severities, key=SEVERITY_RANK.__getitem__)


def highlight_segments(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every finding boundary: each piece with the findings covering it.

    Overlapping findings are fine: a piece lists all of them and takes the worst severity.
    """
    spans = [
        (f["start"], f["end"], i)
        for i, f in enumerate(findings)
        if f.get("start") is not None and f.get("end") is not None and f["end"] > f["start"]
    ]
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for s, e, i in spans:
        starts[s].append(i)
        ends[e].append(i)
    points = sorted({0, len(text), *starts, *ends})
    active: set[int] = set()
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if b <= a:
            continue
        ids = sorted(active)
        seg: dict[str, Any] = {"text": text[a:b], "findings": ids}
        if ids:
            seg["severity"] = _worst([findings[i]["severity"] for i in ids])
            seg["title"] = "; ".join(
                f"{findings[i]['rule']} {findings[i]['message']}" for i in ids[:5]
            )
        out.append(seg)
    return out


def sentence_chart(
    sentences: list[dict[str, Any]], target_grade: float, width: int = 800, height: int = 160
) -> dict[str, Any] | None:
    """Bars of per-sentence Flesch-Kincaid grade in document order, with the target line."""
    grades = [float(s.get("flesch_kincaid_grade") or 0.0) for s in sentences]
    if not grades:
        return None
    n = len(grades)
    per = max(1, -(-n // MAX_BARS))  # ceil: sentences per bar
    buckets = [(i, max(grades[i : i + per])) for i in range(0, n, per)]
    top = max(20.0, max(g for _, g in buckets), target_grade + 2)
    bar_w = width / len(buckets)
    bars = []
    for k, (i, g) in enumerate(buckets):
        h = max(1.0, (max(g, 0.0) / top) * (height - 10))
        label = f"sentence {i + 1}" if per == 1 else f"sentences {i + 1}-{min(i + per, n)}"
        bars.append(
            {
                "x": round(k * bar_w, 2),
                "y": round(height - h, 2),
                "w": round(max(bar_w - (1 if bar_w > 3 else 0), 0.5), 2),
                "h": round(h, 2),
                "over": g > target_grade,
                "title": f"{label}: grade {g:.1f}",
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "target_y": round(height - (target_grade / top) * (height - 10), 2),
        "target": target_grade,
        "sentences": n,
        "over": sum(1 for g in grades if g > target_grade),
    }


def _readability_rows(r: dict[str, Any], target_grade: float, target_ease: float) -> list:
    rows = []
    for key, label, kind in READABILITY_ROWS:
        if key not in r:
            continue
        value = r[key]
        target, ok = None, None
        if kind == "min_ease":
            target, ok = f"≥ {target_ease:g}", value >= target_ease
        elif kind == "max_grade":
            target, ok = f"≤ {target_grade:g}", value <= target_grade
        if key == "long_sentence_share":
            value = f"{100 * value:.0f}%"
        elif isinstance(value, float):
            value = f"{value:.1f}"
        rows.append({"label": label, "value": value, "target": target, "ok": ok})
    return rows


def _disclosure_items(disclosures: dict[str, Any] | None) -> list[dict[str, Any]]:
    items = []
    for key, v in (disclosures or {}).items():
        if not isinstance(v, dict):
            continue
        if "status" in v:
            status = str(v["status"])
            ok = status in ("present", "instructions")
            warn = status in ("partial", "mention_only")
        elif "present" in v:
            status = "present" if v["present"] else "absent"
            ok, warn = not v["present"], bool(v["present"])  # auto-renewal: present needs care
        else:
            continue
        details = []
        if v.get("channels"):
            channels = ", ".join(str(c).replace("_", " ") for c in v["channels"])
            details.append(f"channels: {channels}")
        if v.get("value"):
            details.append(str(v["value"]))
        if v.get("message"):
            details.append(str(v["message"]))
        items.append(
            {
                "label": key.replace("_", " ").capitalize(),
                "status": status.replace("_", " "),
                "state": "ok" if ok else ("warn" if warn else "bad"),
                "details": "; ".join(details),
                "evidence": [e for e in v.get("evidence", ()) if isinstance(e, dict)][:3],
            }
        )
    return items


def _key_term_items(key_terms: Any) -> list[dict[str, Any]] | None:
    """The box's ``items`` when they have the rewrite stage's shape (topic + text); any
    other shape is shown as a generic tree instead."""
    items = key_terms.get("items") if isinstance(key_terms, dict) else None
    if (
        isinstance(items, list)
        and items
        and all(isinstance(i, dict) and "topic" in i and "text" in i for i in items)
    ):
        return items
    return None


def document_context(
    rec: dict[str, Any], index: int, target_grade: float, target_ease: float
) -> dict[str, Any]:
    """Everything the document template shows, computed from one document record."""
    findings = rec.get("findings") or []
    text = rec.get("text")
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_RANK}
    return {
        "id": f"doc{index}",
        "rec": rec,
        "grade": rec.get("grade") or {},
        "readability_rows": _readability_rows(
            rec.get("readability") or {}, target_grade, target_ease
        ),
        "chart": sentence_chart(rec.get("sentences") or [], target_grade),
        "disclosures": _disclosure_items(rec.get("disclosures")),
        "key_terms": rec.get("key_terms"),
        "key_term_items": _key_term_items(rec.get("key_terms")),
        "findings": findings,
        "repeated": repeats_suggestion_above(findings),
        "counts": counts,
        "segments": highlight_segments(text, findings) if text is not None else None,
        "document_findings": [f for f in findings if f.get("start") is None],
    }


def _index_row(rec: dict[str, Any], index: int) -> dict[str, Any]:
    r = rec.get("readability") or {}
    g = rec.get("grade") or {}
    return {
        "id": f"doc{index}",
        "source": rec["source"],
        "error": rec.get("error"),
        "kind": rec.get("kind") or "",
        "letter": g.get("letter", ""),
        "score": g.get("score"),
        "findings": len(rec.get("findings") or []),
        "ease": r.get("flesch_reading_ease"),
        "fk": r.get("flesch_kincaid_grade"),
        "words": r.get("words"),
    }


class HtmlWriter(Writer):
    """Options: ``target_grade``, ``target_reading_ease``, ``title``."""

    name = "html"
    extension = "html"
    needs_text = True
    needs_sentences = True

    def start(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.body = spool()
        self.count = 0
        self.target_grade = float(self.options.get("target_grade", 8.0))
        self.target_ease = float(self.options.get("target_reading_ease", 60.0))
        self.doc_template = _env().get_template("document.html.j2")

    def add(self, rec: dict[str, Any]) -> None:
        self.count += 1
        self.rows.append(_index_row(rec, self.count))
        ctx = document_context(rec, self.count, self.target_grade, self.target_ease)
        self.body.write(self.doc_template.render(**ctx))

    def finish(self, summary: dict[str, Any]) -> None:
        page = (
            _env()
            .get_template("page.html.j2")
            .render(
                title=self.options.get("title") or "tosaudit report",
                version=self.version,
                nonce=secrets.token_urlsafe(16),
                rows=self.rows,
                summary=summary,
                show_index=self.options.get("show_index", True),
                target_grade=self.target_grade,
                target_ease=self.target_ease,
                documents=Markup(_PLACEHOLDER),
            )
        )
        head, tail = page.split(_PLACEHOLDER, 1)
        self.out.write(head)
        copy_spool(self.body, self.out)
        self.out.write(tail)


def render(report: Report, **options: Any) -> str:
    """The batch page for a whole Report (documents need ``text`` for the highlighted view)."""
    records = [d.to_record(include_text=True, include_sentences=True) for d in report.documents]
    return render_records(HtmlWriter, records, version=report.tosaudit_version, **options)


def render_document(
    document: DocumentReport | dict[str, Any],
    target_grade: float = 8.0,
    target_reading_ease: float = 60.0,
    title: str | None = None,
) -> str:
    """A self-contained HTML report of one document (for the app's download and preview)."""
    rec = (
        document.to_record(include_text=True, include_sentences=True)
        if isinstance(document, DocumentReport)
        else document
    )
    return render_records(
        HtmlWriter,
        [rec],
        target_grade=target_grade,
        target_reading_ease=target_reading_ease,
        title=title or f"tosaudit report: {rec['source']}",
        show_index=False,
    )
