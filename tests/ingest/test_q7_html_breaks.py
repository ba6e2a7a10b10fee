"""A blank line made of two <br>s separates paragraphs, as it does on screen: older sites and
page builders write whole policies as one block broken by <br><br>."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes


def test_double_break_is_a_paragraph_break():
    page = (
        b"<html><body><td><b>1. Deposits.</b> Deposits are non-refundable.<br><br>"
        b"<b>2. Changes.</b> We may change prices.<br> <br>\n<br>"
        b"Call us on<br>01632 960 123.<br><br></td></body></html>"
    )
    doc = ingest_bytes(page, "old.html")
    assert doc.text == (
        "1. Deposits. Deposits are non-refundable.\n\n"
        "2. Changes. We may change prices.\n\n"
        "Call us on\n01632 960 123.\n"
    )


def test_double_break_in_a_heading_keeps_it_one_line():
    doc = ingest_bytes(b"<html><body><h2>Refunds<br><br>and returns</h2></body></html>", "h.html")
    assert doc.text == "Refunds and returns\n"
    assert [(h.start, h.end) for h in doc.headings] == [(0, len("Refunds and returns"))]


def test_double_break_in_pre_is_kept_as_written():
    doc = ingest_bytes(b"<html><body><pre>a<br><br>b</pre></body></html>", "p.html")
    assert doc.text == "a\n\nb\n"
