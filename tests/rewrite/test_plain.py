import io

import pytest

from tosaudit.api import audit_text
from tosaudit.models import DocumentReport
from tosaudit.rewrite import plain

POLICY = (
    "Terms of Service\n"
    "\n"
    "1. Payment\n"
    "\n"
    "The fee is charged monthly. You hereby agree to comply with these terms. You "
    "must not (a) reproduce the application in any way; (b) sell the application to "
    "anyone else; or (c) modify the application.\n"
    "\n"
    "2. Contact\n"
    "\n"
    "Write to help@acme.com prior to the commencement of your subscription.\n"
)


@pytest.fixture(scope="module")
def report():
    return audit_text(POLICY)


def test_plain_text_applies_every_verified_suggestion(report):
    out = plain.plain_text(report)
    assert "You agree to follow these terms." in out
    assert "Write to help@acme.com before the start of your subscription." in out
    assert (
        "You must not:\n(a) reproduce the application in any way;\n"
        "(b) sell the application to anyone else; or\n(c) change the application."
    ) in out
    assert "The fee is charged monthly." in out  # unchanged sentences stay as they are
    edits = plain.edits(report)
    assert edits == sorted(edits)
    for start, end, _ in edits:
        assert report.text[start:end]


def test_markdown_has_headings(report):
    md = plain.to_markdown(report)
    assert "## 1. Payment" in md or "# 1. Payment" in md
    assert "You agree to follow these terms." in md


def test_markdown_puts_key_terms_first():
    rep = audit_text(POLICY)
    rep.key_terms = {"items": [], "markdown": "## Key terms\n\n- **Contact:** help@acme.com.\n"}
    md = plain.to_markdown(rep)
    assert md.startswith("## Key terms")
    assert "## Key terms" not in plain.to_markdown(rep, key_terms=False)


def test_docx_export_opens(report):
    from docx import Document

    data = plain.to_docx_bytes(report)
    assert data[:2] == b"PK"
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "You agree to follow these terms." in text


def test_diff_unified_and_html(report):
    d = plain.diff(report)
    assert "-You hereby agree to comply with these terms." in d
    assert "+You agree to follow these terms." in d
    html = plain.diff(report, html=True)
    assert "<table" in html and "plain version" in html


def test_reports_without_text_are_a_clear_error():
    with pytest.raises(plain.PlainVersionError, match="x.pdf: no plain version: cannot read"):
        plain.plain_text(DocumentReport(source="x.pdf", error="cannot read"))
    with pytest.raises(plain.PlainVersionError, match="the report keeps no text"):
        plain.to_markdown(DocumentReport(source="y.txt"))
