"""The pipe: ingest -> segment -> readability -> checks -> report. Nothing else lives here."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tosaudit import disclosures, readability, rewrite
from tosaudit.config import Config
from tosaudit.grade import grade_card
from tosaudit.ingest import IngestError, ingest_bytes, ingest_file
from tosaudit.models import Document, DocumentReport, Finding
from tosaudit.rules import enabled_rules, run_rules, sort_key
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment


def content_hash(text: str) -> str:
    """Stable id of a document's text (review decisions are keyed by it)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _override(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.severity:
        return findings
    out = []
    for f in findings:
        sev = config.severity.get(f.rule) or config.severity.get(f.name)
        out.append(dataclasses.replace(f, severity=sev) if sev else f)
    return out


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one document is audited, then back on.

    The audit makes no reference cycles (tests/test_api.py checks it over every sample), so
    reference counting frees all it drops, and the collector would only walk the audit's live
    objects over and over: about 200 collections per pass over the 19 CLAUDETTE ToS, 5-6 % of
    the audit's time. A collector that was already off stays off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def audit_document(doc: Document, config: Config | None = None) -> DocumentReport:
    """Audit an ingested Document."""
    with collector_paused():
        return _audit(doc, config or Config())


def _audit(doc: Document, config: Config) -> DocumentReport:
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[name] = round(now - t, 6)
        t = now

    seg = segment(doc)
    lap("segment")
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = readability.analyse(
        [doc.text[s.start : s.end] for s in prose],
        [s.section for s in prose],
        len(seg.sections),
        long_words=config.long_sentence_words,
        words_per_minute=config.words_per_minute,
    )
    lap("readability")
    ctx = AuditContext(doc, seg, read, config)
    findings = run_rules(ctx, enabled_rules(config))
    lap("rules")
    kind = disclosures.classify_kind(ctx)
    checklist, doc_findings = disclosures.check_disclosures(ctx, findings, kind)
    findings += [f for f in doc_findings if config.rule_enabled(f.rule)]
    lap("disclosures")
    if config.rewrites:
        findings = rewrite.attach_suggestions(ctx, findings)
    key_terms = rewrite.key_terms(ctx, findings, checklist)
    lap("rewrites")
    findings = sorted(_override(findings, config), key=sort_key)
    sections = [
        {
            "heading": s.heading,
            "level": s.level,
            "start": s.start,
            "end": s.end,
            "number": s.number,
            "readability": m,
        }
        for s, m in zip(seg.sections, read.sections, strict=True)
    ]
    sentences = [
        {
            "start": s.start,
            "end": s.end,
            "section": s.section,
            "flesch_kincaid_grade": g,
            "flesch_reading_ease": e,
            "words": c.words,
            "page": doc.page_at(s.start),
        }
        for s, g, e, c in zip(
            prose, read.sentence_grades, read.sentence_ease, read.sentence_counts, strict=True
        )
    ]
    return DocumentReport(
        source=doc.source,
        format=doc.format,
        text_length=len(doc.text),
        content_hash=content_hash(doc.text),
        kind=kind,
        readability=read.document,
        sections=sections,
        sentences=sentences,
        findings=findings,
        disclosures=checklist,
        key_terms=key_terms,
        grade=grade_card(read.document, findings, checklist, config),
        timings=timings,
        text=doc.text,
    )


def audit_text(text: str, config: Config | None = None, source: str = "<text>") -> DocumentReport:
    """Audit a plain text (offsets index ``text`` itself)."""
    return audit_document(Document(text=text, source=source, format="txt"), config)


def audit_bytes(data: bytes, name: str, config: Config | None = None) -> DocumentReport:
    """Audit a file's bytes (any supported format); ingest errors become the report's error."""
    try:
        doc = ingest_bytes(data, name, config)
    except IngestError as exc:
        return DocumentReport(source=name, error=str(exc))
    return audit_document(doc, config)


def audit_file(path: str | Path, config: Config | None = None) -> DocumentReport:
    """Audit one file; a file that cannot be read gives a report with ``error`` set."""
    try:
        doc = ingest_file(path, config)
    except IngestError as exc:
        return DocumentReport(source=str(path), error=str(exc))
    return audit_document(doc, config)
