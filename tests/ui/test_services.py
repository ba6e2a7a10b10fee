"""The app's plain-Python services, without Streamlit."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from tosaudit.api import audit_bytes, audit_file, audit_text
from tosaudit.config import Config
from tosaudit.models import DocumentReport, Finding
from tosaudit.review import ReviewStore
from tosaudit.ui import services as S

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "samples" / "hidden-autorenewal.pdf"
LEGALESE = ROOT / "samples" / "dense-legalese.txt"


@pytest.fixture(scope="module")
def pdf_report() -> DocumentReport:
    return audit_file(PDF)


def _unescape_text(html_text: str) -> str:
    import html

    return html.unescape(
        re.sub(r"<[^>]+>", "", re.sub(r'<span class="ta-page"[^>]*>.*?</span>', "", html_text))
    )


def test_highlighted_html_keeps_the_text_and_marks_findings(pdf_report) -> None:
    out = S.highlighted_html(pdf_report)
    assert _unescape_text(out) == pdf_report.text  # nothing lost, nothing added
    renewal = next(f for f in pdf_report.findings if f.category == "auto_renewal")
    mark = re.search(r'<mark class="([^"]*ta-cat-auto_renewal[^"]*)" data-findings="([^"]*)"', out)
    assert mark and S.finding_id(renewal) in mark.group(2)
    assert [int(p) for p in re.findall(r'data-page="(\d+)"', out)] == [1, 2, 3, 4]


def test_highlighted_html_selected_and_filters(pdf_report) -> None:
    renewal = next(f for f in pdf_report.findings if f.category == "auto_renewal")
    out = S.highlighted_html(pdf_report, selected=S.finding_id(renewal))
    assert out.count("ta-selected") >= 1
    only_errors = S.highlighted_html(pdf_report, severities=["error"])
    assert "ta-warning" not in only_errors and "ta-error" in only_errors
    only_renewal = S.highlighted_html(pdf_report, categories=["auto_renewal"])
    assert "ta-cat-auto_renewal" in only_renewal and "ta-cat-jurisdiction" not in only_renewal


def test_hostile_text_is_escaped() -> None:
    evil = (
        '<script>alert("x")</script><img src=x onerror=alert(1)> We may terminate your '
        'account at any time without notice. "quotes" & ampersands\n'
    )
    rep = audit_text(evil, source="evil.txt")
    out = S.highlighted_html(rep)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&amp; ampersands" in out
    assert _unescape_text(out) == evil


def test_hostile_title_attribute_is_escaped() -> None:
    text = 'x" onmouseover="alert(1) ' * 3 + "\n"
    f = Finding(
        rule="CL299",
        name="n",
        severity="warning",
        message='"><script>x</script>',
        explanation="e",
        source="pattern",
        category='a"b<c>',
        start=0,
        end=10,
        excerpt=text[:10],
    )
    rep = DocumentReport(source="t", text=text, findings=[f])
    out = S.highlighted_html(rep)
    assert "<script>" not in out and 'onmouseover="' not in out
    assert "ta-cat-abc" in out  # category reduced to a safe class name


def test_big_document_highlights_fast() -> None:
    text = ("We may change these terms at any time without notice. " * 20000) + "\n"
    rep = audit_text(text)
    t = time.perf_counter()
    out = S.highlighted_html(rep)
    assert time.perf_counter() - t < 5
    assert len(out) > len(text)


def test_finding_rows_filters_and_progress(pdf_report, tmp_path) -> None:
    store = ReviewStore(tmp_path / "r.sqlite")
    renewal = next(f for f in pdf_report.findings if f.category == "auto_renewal")
    store.decide(pdf_report.content_hash, renewal, "needs_change", "Ana", "Move it up front")
    rows = S.finding_rows(pdf_report, store.decisions(pdf_report.content_hash))
    assert len(rows) == len(pdf_report.findings)
    assert S.review_progress(rows)["needs_change"] == 1
    assert [r["id"] for r in S.filter_rows(rows, statuses=["needs_change"])] == [
        S.finding_id(renewal)
    ]
    assert all(
        r["category"] == "auto_renewal" for r in S.filter_rows(rows, categories=["auto_renewal"])
    )
    assert all(r["severity"] == "error" for r in S.filter_rows(rows, severities=["error"]))
    groups = {r["category"] for r in rows}
    assert "readability" in groups  # findings without a clause category get their rule family


def test_error_line_matches_cli(tmp_path) -> None:
    rep = S.audit_upload(b"", "empty.txt", Config())
    assert S.error_line(rep) == f"empty.txt: error: {rep.error}"
    assert rep.error == audit_bytes(b"", "empty.txt").error


def test_audit_upload_turns_bugs_into_one_line(monkeypatch) -> None:
    def boom(*_a, **_k):
        raise KeyError("x")

    monkeypatch.setattr(S, "audit_bytes", boom)
    assert S.audit_upload(b"hi", "a.txt", Config()).error == "internal error: KeyError: 'x'"


def test_upload_over_the_limit_names_it() -> None:
    cfg = Config(max_bytes=1024)
    rep = S.audit_upload(b"a" * 2048, "big.txt", cfg)
    assert rep.error and "limit" in rep.error
    assert S.size_limit_message(Config()) == "Files up to 25 MB (the max_bytes setting)."


def test_disclosure_items_states() -> None:
    items = S.disclosure_items(
        {
            "contact": {"status": "partial", "channels": ["email"], "required": True},
            "cancellation": {"status": "instructions", "required": True},
            "refunds": {"status": "missing", "required": False},
            "auto_renewal": {"present": True},
            "effective_date": {"status": "missing", "required": True},
        }
    )
    by = {i["key"]: i for i in items}
    assert by["contact"]["state"] == "warn" and by["contact"]["detail"] == "Channels: email"
    assert by["contact"]["what_to_add"].startswith("Add at least two ways")
    assert by["cancellation"]["state"] == "ok" and by["cancellation"]["what_to_add"] == ""
    assert by["refunds"]["state"] == "n/a"
    assert by["auto_renewal"]["state"] == "warn"
    assert by["effective_date"]["state"] == "bad"
    assert S.disclosure_items(None) == []


def test_readability_rows_hold_metrics_to_the_target(pdf_report) -> None:
    rows = {r["metric"]: r for r in S.readability_rows(pdf_report, Config())}
    fre = pdf_report.readability["flesch_reading_ease"]
    assert rows["Flesch Reading Ease"]["meets"] == ("yes" if fre >= 60 else "no")
    assert rows["Flesch Reading Ease"]["target"] == "≥ 60"
    florida = {
        r["metric"]: r for r in S.readability_rows(pdf_report, Config().with_preset("florida"))
    }
    assert florida["Flesch Reading Ease"]["target"] == "≥ 45"


def test_chart_rows_follow_sentences(pdf_report) -> None:
    rows = S.sentence_chart_rows(pdf_report)
    assert len(rows) == len(pdf_report.sentences)
    assert rows[0]["sentence"] == 1 and rows[-1]["page"] == 4


def test_rewrites_accept_and_reject() -> None:
    rep = audit_file(LEGALESE)
    items = S.rewrite_items(rep)
    assert items, "dense legalese should get verified rewrites"
    assert len({(i.start, i.end) for i in items}) == len(items)
    none = S.plain_text(rep, [])
    assert none == rep.text
    first = items[0]
    one = S.plain_text(rep, [first.id])
    assert first.suggestion in one and one != rep.text
    md = S.plain_markdown(rep, [i.id for i in items])
    assert items[-1].suggestion.splitlines()[0] in md
    docx_bytes = S.plain_docx(rep, [first.id])
    paras = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx_bytes)).paragraphs)
    assert first.suggestion.split()[0] in paras
    assert S.plain_diff(rep, []) == ""
    assert S.plain_diff(rep, [first.id]).startswith("---")


def test_batch_rows_and_zip(pdf_report) -> None:
    bad = S.audit_upload(b"", "empty.txt", Config())
    rows = S.batch_rows([pdf_report, bad])
    assert rows[0]["grade"] == pdf_report.grade["letter"] and rows[0]["status"] == "audited"
    assert rows[1]["status"] == "error" and rows[1]["error"] == bad.error
    data = S.reports_zip([pdf_report, bad], Config())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        assert {"report.json", "summary.json", "report.html", "findings.csv"} <= names
        rec = json.loads(zf.read("report.json"))
        assert [d["source"] for d in rec["documents"]] == [pdf_report.source, "empty.txt"]
        assert "<script>alert" not in zf.read("report.html").decode()


def test_html_report_is_the_formatters(pdf_report) -> None:
    out = S.html_report(pdf_report, Config())
    assert out and out.lstrip().lower().startswith("<!doctype html")


def test_key_terms_lines_shapes() -> None:
    rep = DocumentReport(source="x", key_terms={"items": [{"topic": "Renewal", "text": "Renews."}]})
    assert S.key_terms_lines(rep) == ["Renewal: Renews."]
    assert S.key_terms_lines(DocumentReport(source="x")) == []
    assert S.key_terms_lines(DocumentReport(source="x", key_terms={"text": "- a\n- b"})) == [
        "a",
        "b",
    ]


def test_samples_and_safe_names() -> None:
    names = [p.name for p in S.list_samples()]
    assert "hidden-autorenewal.pdf" in names and "README.md" not in names
    assert S.safe_stem("../../etc/pass wd.pdf") == "pass-wd"
    assert S.safe_stem("<script>.txt") == "script"


def test_md_escape_neutralises_markdown_and_directives() -> None:
    evil = "![x](http://tracker.example/p.png) :red[big] **b** $x$ <b>t</b> `c` # h"
    out = S.md_escape(evil)
    for bad in ("![", "](", ":red[", "**", "$x$", "<b>", "`c`"):
        assert bad not in out
    assert re.sub(r"\\(.)", r"\1", out) == evil  # only backslashes were added


def test_location_names_page_and_line_or_the_whole_document(pdf_report) -> None:
    rows = S.finding_rows(pdf_report)
    wheres = {r["where"] for r in rows}
    assert "whole document" in wheres  # e.g. the reading-ease finding
    renewal = next(f for f in pdf_report.findings if f.category == "auto_renewal")
    assert S.location(renewal) == f"page {renewal.page}, line {renewal.line}"
    assert "None" not in " ".join(wheres)
