"""Font sizes from HTML: small print found from <small>, <font>, inline styles and <style>."""

from __future__ import annotations

import time

import pytest

from tosaudit.api import audit_bytes
from tosaudit.ingest import ingest_bytes
from tosaudit.ingest.css import declared_size, parse_size

PAGE = b"""<html><head><style>
.fine { font-size: .7em }
p.note::before { font-size: 30px }
@media print { p { font-size: 30px } }
.big:hover { font-size: 40px }
</style></head><body><main>
<h1>Terms of Service</h1>
<p>We provide the service to you. You can cancel at any time from your account page.</p>
<p>We keep your data safe and never sell it. Contact us at help@acme.com.</p>
<p class="fine">Your subscription renews automatically each month until you cancel.</p>
<p class="note big">Some text with <small>a short aside</small> and more ordinary body text.</p>
<p style="color: red; font-size:9px">Any dispute shall be resolved by binding arbitration.</p>
<p><font size="1">No refunds are given for partial months.</font></p>
</main></body></html>"""


def _sizes(data: bytes) -> dict[str, float]:
    doc = ingest_bytes(data, "page.html")
    return {doc.text[s.start : s.end][:20]: s.font_size for s in doc.layout}


@pytest.mark.parametrize(
    ("value", "parent", "pt"),
    [
        ("10px", 12, 7.5),
        ("8pt", 12, 8.0),
        (".5em", 10, 5.0),
        ("1rem", 6, 12.0),
        ("75%", 12, 9.0),
        ("x-small", 12, 7.5),
        ("smaller", 12, 10.0),
        ("larger", 10, 12.0),
        ("12", 12, None),  # a bare number is not a CSS font size
        ("calc(1em + 2px)", 12, None),
        ("inherit", 12, None),
    ],
)
def test_parse_size(value, parent, pt):
    got = parse_size(value, parent)
    assert got == pytest.approx(pt) if pt is not None else got is None


def test_declared_size_last_wins_and_shorthand():
    assert declared_size("color: red; font-size: 10px") == "10px"
    assert declared_size("font: italic bold 9px/1.2 Arial, sans-serif") == "9px"
    assert declared_size("font-size: 12px; font-size: 8pt !important") == "8pt"
    assert declared_size("font-weight: bold; color: blue") is None
    assert declared_size("font: inherit") is None


def test_small_print_blocks_get_their_size():
    sizes = _sizes(PAGE)
    assert sizes["Terms of Service"] == 24.0  # h1 = 2em
    assert sizes["We provide the servi"] == 12.0
    assert sizes["Your subscription re"] == pytest.approx(8.4)  # .fine { .7em }
    assert sizes["Any dispute shall be"] == 6.75  # inline 9px
    assert sizes["No refunds are given"] == 7.5  # <font size=1>


def test_rules_that_do_not_apply_are_ignored():
    sizes = _sizes(PAGE)
    # ::before, :hover and @media print sizes do not apply to the text; a short <small>
    # inside a body paragraph does not make the paragraph small print.
    assert sizes["Some text with a sho"] == 12.0


def test_page_in_one_size_has_no_font_layout():
    page = b"<html><body><p>One size only.</p><p>Still the same size here.</p></body></html>"
    assert ingest_bytes(page, "p.html").layout == ()


def test_font_spans_index_the_text():
    doc = ingest_bytes(PAGE, "page.html")
    assert doc.layout and all(doc.text[s.start : s.end].strip() for s in doc.layout)
    starts = [s.start for s in doc.layout]
    assert starts == sorted(starts)


def test_small_print_makes_a_clause_buried():
    report = audit_bytes(PAGE, "page.html")
    renewal = [f for f in report.findings if f.category == "auto_renewal"]
    assert renewal
    assert any("small print" in r for r in renewal[0].buried["reasons"])
    plain = [f for f in report.findings if f.category == "arbitration"]
    assert any("6.8 pt" in r for r in plain[0].buried["reasons"])


def test_hostile_styles_stay_fast():
    style = b"font-size:" + b"9" * 2_000_000 + b"px;" + b"a:b;" * 200_000
    sheet = b".x{font-size:1px}" * 20_000 + b"{" * 100_000
    page = (
        b"<html><head><style>" + sheet + b"</style></head><body>"
        b"<p style='" + style + b"'>Text here.</p><p>More text here.</p></body></html>"
    )
    t = time.perf_counter()
    ingest_bytes(page, "h.html")
    assert time.perf_counter() - t < 10
