"""HTML pages built from <div>s alone: menus, sidebars, page header/footer and banners named
by class or id are dropped; content whose id or class merely shares a word with them stays."""

from __future__ import annotations

import time

from tosaudit.ingest import ingest_bytes

# The shape of an older WordPress theme or a hand-made shop page: no <main>, <nav>, <header>,
# <footer> or <aside>, only <div>s named by class and id.
DIV_PAGE = b"""<html><head><title>Refunds</title></head><body>
<div id="shopify-section-announcement" class="announcement-bar"><p>Free shipping over $50!</p></div>
<div class="header-wrapper"><div class="logo">Maple Shop</div>
<ul class="site-menu"><li>Home</li><li>Cart (0)</li></ul></div>
<div class="breadcrumbs">Home &gt; Policies</div>
<div class="page-width"><div class="col-md-3 toc"><ul><li>1. Returns</li></ul></div>
<div class="rte"><h1>Refund policy</h1><p>You have 30 days to return an item.</p>
<p>Email returns@maple.example to start a return.</p></div>
<div id="sidebar"><h3>Recent posts</h3><p>Spring sale is on.</p></div></div>
<div id="site-footer"><h2>Newsletter</h2><p>Subscribe to our emails.</p><p>&copy; 2026 Maple</p></div>
<div id="cc-window" class="cc-window cc-banner">This website uses cookies. <a>Got it!</a></div>
<div class="gdpr-banner">We value your privacy. Accept all</div>
<div class="navbar"><a>Log in</a></div>
</body></html>"""


def test_div_page_chrome_is_dropped():
    doc = ingest_bytes(DIV_PAGE, "refunds.html")
    assert doc.text == (
        "Refund policy\n\n"
        "You have 30 days to return an item.\n\n"
        "Email returns@maple.example to start a return.\n"
    )
    assert [doc.text[h.start : h.end] for h in doc.headings] == ["Refund policy"]


SECTIONS_PAGE = b"""<html><body>
<div id="content"><div class="entry-header"><h1>Privacy Policy</h1></div>
<div class="entry-content"><p>Effective 1 May 2026.</p>
<h2>Your GDPR rights</h2><div id="gdpr-rights"><p>You may ask for a copy of your data.</p></div>
<section id="withdraw-consent"><h3>Consent</h3><p>You can withdraw consent at any time.</p></section>
<div id="consent"><p>We ask before we send offers.</p></div>
<div id="share"><p>We share data with our payment processor only.</p></div>
<div class="section-header"><h2>Contact</h2></div><p>Write to us at 1 Main St, Leeds.</p>
<article><div class="header">Article header text.</div><p>Article body.</p></article>
</div></div></body></html>"""


def test_content_named_like_chrome_stays():
    doc = ingest_bytes(SECTIONS_PAGE, "privacy.html")
    for kept in (
        "Privacy Policy",
        "Effective 1 May 2026.",
        "You may ask for a copy of your data.",
        "You can withdraw consent at any time.",
        "We ask before we send offers.",
        "We share data with our payment processor only.",
        "Contact",
        "Write to us at 1 Main St, Leeds.",
        # A header inside an article is the article's, not the page's.
        "Article header text.",
    ):
        assert kept in doc.text
    headings = [doc.text[h.start : h.end] for h in doc.headings]
    assert headings == ["Privacy Policy", "Your GDPR rights", "Consent", "Contact"]


def test_misnamed_wrapper_holding_the_policy_stays():
    page = (
        b"<html><body><div class='menu-bar'>Home Shop</div>"
        b"<div id='sidebar-layout'><h1>Terms</h1>"
        + b"<p>These terms apply to every order you place with us.</p>" * 5
        + b"</div></body></html>"
    )
    doc = ingest_bytes(page, "t.html")
    assert doc.text.startswith("Terms\n\nThese terms apply")
    assert "Home Shop" not in doc.text


def test_consent_dialog_with_its_own_heading_is_kept_only_when_long():
    # A short banner is dropped by its role; a long consent section with a heading is content.
    short = (
        b"<html><body><p>Policy text.</p><div id='consent' role='dialog'>OK?</div></body></html>"
    )
    assert ingest_bytes(short, "s.html").text == "Policy text.\n"
    long = (
        b"<html><body><p>Policy text.</p><div class='consent-notice'><h2>Consent</h2><p>"
        + b"We rely on your consent to send offers. " * 20
        + b"</p></div></body></html>"
    )
    assert "We rely on your consent" in ingest_bytes(long, "l.html").text


def test_hostile_class_lists_and_nesting_stay_fast():
    page = (
        b"<html><body>"
        + b'<div class="sidebar"><p>side</p></div><div class="gdpr-banner">ok</div><p>Text.</p>'
        * 20000
        + b'<div class="'
        + b"aB" * 1_000_000
        + b'"><p>x</p></div>'
        + b'<div class="menu x">' * 3000
        + b"<p>deep</p>"
        + b"</div>" * 3000
        + b"</body></html>"
    )
    start = time.perf_counter()
    doc = ingest_bytes(page, "h.html")
    assert "side" not in doc.text and "ok" not in doc.text and "Text." in doc.text
    assert time.perf_counter() - start < 20
