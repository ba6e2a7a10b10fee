"""HTML ingestion: main content only, blocks as paragraphs, headings as hints."""

from __future__ import annotations

import time

import pytest

from tosaudit.ingest import ingest_bytes
from tosaudit.ingest.errors import EmptyInputError

PAGE = b"""<!DOCTYPE html><html><head><title>Acme Terms</title>
<style>p { color: red }</style><script>var x = "<p>not content</p>";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav><div>Acme banner</div>
</header>
<div id="cookie-consent">We use cookies. <button>Accept</button></div>
<main><article><header><h1>Terms of&nbsp;Service</h1></header>
<p>Welcome to   Acme &amp; Co.
These terms apply to you.</p>
<h2>1. Payments<br>and fees</h2>
<ul><li>Card</li><li>Direct <b>debit</b></li></ul>
<ol start="3"><li>Open settings</li><li>Tap cancel</li></ol>
<section id="cookies"><h2>Cookies</h2><p>We use cookies to keep you signed in.</p></section>
<table><tr><th>Plan</th><td>Price</td></tr></table>
<p hidden>hidden text</p><p style="display: none">also hidden</p>
<p>Call us on<br>0117 496 0000.</p>
<footer>Last updated 1 May 2024</footer></article></main>
<aside>Related posts</aside>
<footer>Copyright Acme</footer><form><input name="q"><button>Search</button></form>
</body></html>"""


@pytest.fixture(scope="module")
def doc():
    return ingest_bytes(PAGE, "terms.html")


def test_main_content_only(doc):
    assert doc.format == "html"
    assert doc.text == (
        "Terms of Service\n\n"
        "Welcome to Acme & Co. These terms apply to you.\n\n"
        "1. Payments and fees\n\n"
        "\u2022 Card\n\u2022 Direct debit\n\n"
        "(3) Open settings\n(4) Tap cancel\n\n"
        "Cookies\n\n"
        "We use cookies to keep you signed in.\n\n"
        "Plan\nPrice\n\n"
        "Call us on\n0117 496 0000.\n\n"
        "Last updated 1 May 2024\n"
    )
    for boilerplate in (
        "Home",
        "Acme banner",
        "Accept",
        "not content",
        "hidden",
        "Related",
        "Copyright",
        "Search",
    ):
        assert boilerplate not in doc.text


def test_headings(doc):
    found = [(doc.text[h.start : h.end], h.heading_level) for h in doc.headings]
    assert found == [("Terms of Service", 1), ("1. Payments and fees", 2), ("Cookies", 2)]
    assert doc.metadata["title"] == "Acme Terms"


def test_body_without_main_drops_page_header_and_footer():
    page = (
        b"<html><body><header>Site name</header><h1>Privacy</h1><p>We keep little.</p>"
        b"<footer>Imprint</footer></body></html>"
    )
    doc = ingest_bytes(page, "p.html")
    assert doc.text == "Privacy\n\nWe keep little.\n"


def test_fragment_sniffed_by_content():
    doc = ingest_bytes(b"<div><p>First.</p><p>Second.</p></div>", "upload")
    assert doc.format == "html"
    assert doc.text == "First.\n\nSecond.\n"


def test_markdown_with_inline_html_stays_markdown():
    data = b"# Terms\n\n<div>Note</div>\n\nText.\n"
    doc = ingest_bytes(data, "terms.md")
    assert doc.format == "md" and doc.text == data.decode()


def test_page_with_no_text():
    with pytest.raises(EmptyInputError) as err:
        ingest_bytes(b"<html><body><script>x()</script><nav>Menu</nav></body></html>", "e.html")
    assert type(err.value) is EmptyInputError
    assert str(err.value) == "the HTML page has no readable text"


def test_deeply_nested_page_is_fast():
    depth = 5000
    page = b"<html><body>" + b"<div>" * depth + b"<p>Deep text.</p>" + b"</div>" * depth
    start = time.perf_counter()
    doc = ingest_bytes(page + b"</body></html>", "deep.html")
    assert "Deep text." in doc.text
    assert time.perf_counter() - start < 10
