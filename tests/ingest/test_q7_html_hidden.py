"""Folded accordion and tab panels hold policy text a reader opens with one click: read them.
Consent tools' banners are dropped, but the cookie policy the same tools embed in the page is
the document being audited."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes


def test_folded_panels_are_read_and_hidden_junk_is_not():
    page = b"""<html><body><main><h1>Refund FAQ</h1>
<button aria-controls="a1">Can I get a refund?</button>
<div id="a1" class="accordion-body collapse" aria-hidden="true">Yes, within 30 days.</div>
<div class="faq-answer" style="display: none">Store credit never expires.</div>
<div role="tabpanel" hidden>Cancel in Settings.</div>
<div hidden="until-found">Email us to cancel.</div>
<div style="display:none">tracking pixel text</div>
<span aria-hidden="true">icon</span>
<button class="navbar-toggler" aria-controls="mainNav" aria-expanded="false">Menu</button>
<button type="submit">Accept all</button>
<div class="cookie-settings-panel toggle" hidden>Analytics cookies on off</div>
</main></body></html>"""
    doc = ingest_bytes(page, "faq.html")
    assert doc.text == (
        "Refund FAQ\n\n"
        "Can I get a refund?\n\n"
        "Yes, within 30 days.\n\n"
        "Store credit never expires.\n\n"
        "Cancel in Settings.\n\n"
        "Email us to cancel.\n"
    )


def test_consent_tool_banners_go_but_their_embedded_policies_stay():
    page = b"""<html><body>
<div class="cmplz-document"><h1>Cookie policy</h1><p>We use two cookies.</p></div>
<div id="iubenda_policy" class="iubenda_legal_document"><p>Data controller: Shop Ltd.</p></div>
<table class="cky-audit-table"><tr><td>_ga</td><td>2 years</td></tr></table>
<div id="cmplz-cookiebanner-container"><p>We use cookies. Accept?</p></div>
<div id="iubenda-cs-banner"><p>This site uses cookies.</p></div>
<div class="cky-consent-container"><p>We value your privacy.</p></div>
<div id="didomi-host"><p>Agree and close</p></div>
<div class="trusted-partners"><p>Our trusted partners are listed below.</p></div>
</body></html>"""
    doc = ingest_bytes(page, "cookies.html")
    assert doc.text == (
        "Cookie policy\n\n"
        "We use two cookies.\n\n"
        "Data controller: Shop Ltd.\n\n"
        "_ga\n2 years\n\n"
        "Our trusted partners are listed below.\n"
    )
