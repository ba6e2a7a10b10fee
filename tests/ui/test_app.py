"""Every page of the Streamlit app through streamlit.testing (no browser, no sockets)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tosaudit.api import audit_bytes, audit_file
from tosaudit.config import Config
from tosaudit.review import FindingKey, ReviewStore

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "samples" / "hidden-autorenewal.pdf"
TIMEOUT = 120


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "reviews.sqlite"
    monkeypatch.setenv("TOSAUDIT_REVIEW_DB", str(path))
    return path


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def _go(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key="nav").set_value(page).run()
    assert not at.exception, at.exception
    return at


def _audit_sample(at: AppTest, name: str = SAMPLE.name) -> AppTest:
    at.selectbox(key="sample_pick").set_value(ROOT / "samples" / name)
    at.button(key="sample_go").click().run()
    assert not at.exception, at.exception
    return at


def _unescape(md: str) -> str:
    """Markdown as the reader sees it (the app backslash-escapes document text)."""
    return re.sub(r"\\(.)", r"\1", md)


def _names(at: AppTest) -> str:
    return "\n".join(_unescape(m.value) for m in at.markdown)


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(h.proto.body) for h in at.get("html")]
    return "\n".join(parts)


def test_audit_page_sample_shows_grade(db) -> None:
    at = _audit_sample(_app())
    expected = audit_file(SAMPLE).grade["letter"]
    assert any(m.value.startswith("### :") and f"[{expected}]" in m.value for m in at.markdown)
    assert SAMPLE.name in _names(at)
    assert not at.error


def test_upload_several_files_one_bad(db) -> None:
    at = _app()
    at.file_uploader(key="uploads").set_value(
        [
            (
                "good.txt",
                b"You may cancel at any time by emailing help@example.com.\n",
                "text/plain",
            ),
            ("broken.pdf", b"%PDF-1.7\n garbage that is not a pdf", "application/pdf"),
        ]
    ).run()
    assert not at.exception
    bad = audit_bytes(b"%PDF-1.7\n garbage that is not a pdf", "broken.pdf")
    assert bad.error
    assert [e.value for e in at.error] == [f"broken.pdf: error: {bad.error}"]
    assert "good.txt" in _names(at)  # the other file was still audited


def test_paste_text(db) -> None:
    at = _app()
    at.text_area(key="paste_text").input("We may change these terms at any time without notice.")
    next(b for b in at.button if b.label == "Audit text").click().run()
    assert not at.exception
    assert "pasted-policy.txt" in _names(at)


def test_report_numbers_match_library(db) -> None:
    at = _go(_audit_sample(_app()), "Report")
    lib = audit_file(SAMPLE, Config())
    metrics = {m.label: m.value for m in at.metric}
    for name, label in (
        ("readability", "Readability"),
        ("fairness", "Fairness"),
        ("completeness", "Completeness"),
        ("care", "Care"),
    ):
        assert metrics[label] == f"{lib.grade['parts'][name]:.0f}/100"
    assert metrics["Reading ease"] == f"{lib.readability['flesch_reading_ease']:.0f}"
    assert metrics["Grade level"] == f"{lib.readability['flesch_kincaid_grade']:.1f}"
    assert metrics["Serious"] == str(sum(f.severity == "error" for f in lib.findings))
    assert f"Grade {lib.grade['letter']}" in _texts(at)
    assert len(at.get("vega_lite_chart")) == 1  # the sentence difficulty chart


def test_statutory_preset_changes_the_target(db) -> None:
    at = _go(_audit_sample(_app()), "Report")
    at.sidebar.selectbox(key="preset").set_value("florida").run()
    assert not at.exception
    lib = audit_file(SAMPLE, Config().with_preset("florida"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Readability"] == f"{lib.grade['parts']['readability']:.0f}/100"
    assert "Florida" in _texts(at)


def test_document_page_highlights_and_explains(db) -> None:
    at = _go(_audit_sample(_app()), "Document")
    body = _texts(at)
    assert 'class="ta-page" data-page="4"' in body  # PDF page numbers
    assert "ta-cat-auto_renewal" in body  # the hidden auto-renewal clause is highlighted
    at.selectbox(key="doc_finding").set_value(_renewal_id()).run()
    body = _texts(at)
    assert "How hidden" in body and "small print" in body
    assert "ta-selected" in body


def _renewal_id() -> str:
    from tosaudit.ui.services import finding_id

    lib = audit_file(SAMPLE)
    return finding_id(next(f for f in lib.findings if f.category == "auto_renewal"))


def test_document_text_is_escaped(db) -> None:
    at = _app()
    evil = b"<script>alert(1)</script> We may <b>terminate</b> your account at any time.\n"
    at.file_uploader(key="uploads").set_value(("evil.txt", evil, "text/plain")).run()
    _go(at, "Document")
    body = _texts(at)
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>terminate" not in body


def test_review_decision_is_stored_and_reloaded(db) -> None:
    at = _go(_audit_sample(_app()), "Review")
    lib = audit_file(SAMPLE)
    f = next(f for f in lib.findings if f.category == "auto_renewal")
    from tosaudit.ui.services import finding_id

    at.text_input(key="reviewer_input").input("Dana Reviewer")
    at.selectbox(key="rv_finding").set_value(finding_id(f)).run()
    fid = finding_id(f)
    at.radio(key=f"rv_choice_{fid}").set_value("dismissed")
    at.text_area(key=f"rv_comment_{fid}").input("Disclosed at checkout")
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert not at.exception and not at.error
    stored = ReviewStore(db).decisions(lib.content_hash)[FindingKey.of(f)]
    assert (stored.status, stored.reviewer, stored.comment) == (
        "dismissed",
        "Dana Reviewer",
        "Disclosed at checkout",
    )
    # A new session (a restart) re-uploading the same bytes sees the decision again.
    again = _go(_audit_sample(_app()), "Review")
    again.selectbox(key="rv_finding").set_value(fid).run()
    body = _texts(again)
    assert "Dismissed (not a problem)" in body and "Disclosed at checkout" in body
    assert {m.label: m.value for m in again.metric}["Dismissed (not a problem)"] == "1"


def test_review_needs_name(db) -> None:
    at = _go(_audit_sample(_app()), "Review")
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert [e.value for e in at.error] == ["enter the reviewer's name before recording a decision"]


def test_review_exports(db) -> None:
    at = _go(_audit_sample(_app()), "Review")
    labels = {d.label for d in at.get("download_button")}
    assert {"Reviewed findings (CSV)", "Reviewed findings (JSON)", "HTML report"} <= labels


def test_rewrites_page(db) -> None:
    at = _go(_audit_sample(_app(), "dense-legalese.txt"), "Rewrites")
    lib = audit_file(ROOT / "samples" / "dense-legalese.txt")
    if any(f.suggestion for f in lib.findings):
        labels = {d.label for d in at.get("download_button")}
        assert {"Plain version (Markdown)", "Plain version (DOCX)"} <= labels
        assert at.checkbox and all(c.value for c in at.checkbox)  # all accepted by default
    else:
        assert any("No verified rewrites" in i.value for i in at.info)


def test_batch_page(db) -> None:
    at = _go(_app(), "Batch")
    at.file_uploader(key="batch_uploads").set_value(
        [
            ("a.txt", b"We may end your account at any time.\n", "text/plain"),
            ("empty.txt", b"", "text/plain"),
        ]
    ).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "empty.txt: error: " + audit_bytes(b"", "empty.txt").error
    ]
    df = at.dataframe[0].value
    assert list(df["document"]) == ["a.txt", "empty.txt"]
    assert list(df["status"]) == ["audited", "error"]
    assert any(d.label.startswith("Download all reports") for d in at.get("download_button"))


def test_pages_without_document_say_what_to_do(db) -> None:
    at = _app()
    for page in ("Report", "Document", "Review", "Rewrites"):
        _go(at, page)
        assert any("No document yet" in i.value for i in at.info)


def test_open_report_button_switches_page(db) -> None:
    at = _audit_sample(_app())
    next(b for b in at.button if b.label == "Open report").click().run()
    assert not at.exception and not at.error
    assert at.sidebar.radio(key="nav").value == "Report"
    assert at.title[0].value == "Report"


def test_a_page_bug_is_one_line_not_a_traceback(db, monkeypatch) -> None:
    from tosaudit.ui import services

    def boom(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "list_samples", boom)
    at = _app()
    assert not at.exception
    assert [e.value for e in at.error] == ["internal error: RuntimeError: boom"]


def test_reviewer_name_survives_page_changes(db) -> None:
    at = _go(_audit_sample(_app()), "Review")
    at.text_input(key="reviewer_input").input("Dana Reviewer").run()
    _go(_go(at, "Report"), "Review")
    assert at.text_input(key="reviewer_input").value == "Dana Reviewer"


def test_document_derived_markdown_is_escaped(db) -> None:
    at = _app()
    text = b"We may terminate your account at any time ![t](http://tracker.example/x.png).\n"
    at.file_uploader(key="uploads").set_value(("t.txt", text, "text/plain")).run()
    _go(at, "Review")
    quoted = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quoted and all("![t](" not in q for q in quoted)
