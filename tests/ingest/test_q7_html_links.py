"""An email address or phone number behind a link's words ("contact us here") is read after
those words: a reader gets it with one click, and without it the audit found no contact."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes


def test_hidden_addresses_follow_the_link_words():
    page = (
        b'<html><body><p>Contact us <a href="mailto:privacy%40shop.example?subject=Hi">here'
        b'</a>, email <a href="MAILTO:a@b.example">a@b.example</a>, or '
        b'<a href="tel:+44-161-496-0000">call us</a> on <a href="tel:01614960000">0161 496 0000'
        b"</a>.</p></body></html>"
    )
    doc = ingest_bytes(page, "contact.html")
    assert doc.text == (
        "Contact us here (privacy@shop.example), email a@b.example, or call us "
        "(+44-161-496-0000) on 0161 496 0000.\n"
    )


def test_links_that_are_not_addresses_add_nothing():
    page = (
        b'<html><body><p><a href="mailto:">a</a> <a href="mailto:no at sign">b</a> '
        b'<a href="tel:12">c</a> <a href="tel:call-me">d</a> <a href="/contact">e</a> '
        b'<a href="javascript:mailto:x@y.z">f</a></p></body></html>'
    )
    assert ingest_bytes(page, "links.html").text == "a b c d e f\n"


def test_audit_finds_the_hidden_address():
    from tosaudit.api import audit_bytes

    page = (
        b"<html><body><main><h1>Refund policy</h1><p>You can return unused items within 30 "
        b"days for a full refund. To cancel an order, write to us "
        b'<a href="mailto:orders@shop.example">by email</a> before it ships.</p></main>'
        b"</body></html>"
    )
    report = audit_bytes(page, "refunds.html")
    assert "DS301" not in {f.rule for f in report.findings}
