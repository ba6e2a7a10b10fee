"""Without <main> or <article>, a container named by id (#contents, #content, #primary)
holding most of the page's text is the content: Google Docs' published pages wrap the
document in a banner and footer of their own."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes

GDOCS = b"""<html><head><title>Terms - Google Docs</title></head><body>
<div id="banner"><div id="title">Terms</div><div id="interval">
<span>Updated automatically every 5 minutes</span></div></div>
<div id="contents"><p class="c2 title"><span>Studio Yoga Terms</span></p>
<h1 id="h.1"><span>1. Classes</span></h1>
<p><span>Class packs expire after 90 days. Unused classes are not refunded.</span></p>
<p><span>You can cancel a booking up to two hours before the class starts.</span></p></div>
<div id="footer">Published using Google Docs<a>Report abuse</a><a>Learn more</a></div>
</body></html>"""


def test_published_google_doc_is_read_without_its_chrome():
    doc = ingest_bytes(GDOCS, "terms.html")
    assert doc.text == (
        "Studio Yoga Terms\n\n"
        "1. Classes\n\n"
        "Class packs expire after 90 days. Unused classes are not refunded.\n\n"
        "You can cancel a booking up to two hours before the class starts.\n"
    )


def test_small_container_does_not_replace_the_body():
    page = (
        b"<html><body><div id='content'>Hi.</div><h1>Terms</h1>"
        + b"<p>These terms apply to every order you place with us.</p>" * 3
        + b"</body></html>"
    )
    doc = ingest_bytes(page, "t.html")
    assert doc.text.startswith("Hi.\n\nTerms\n\nThese terms apply")


def test_main_still_wins_over_a_content_id():
    page = (
        b"<html><body><div id='content'><p>Promo text that is long enough to matter here.</p>"
        b"<main><p>The policy.</p></main></div></body></html>"
    )
    assert ingest_bytes(page, "m.html").text == "The policy.\n"
