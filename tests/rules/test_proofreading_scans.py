"""The shared needle scans of the proofreading rules find what one str.find loop per needle finds."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.api import audit_text
from tosaudit.rules import proofreading as P
from tosaudit.rules.needles import NeedleIndex, find_all

_PIECES = [
    "Inc",
    "Incorporated",
    "LLC",
    "L.L.C.",
    "Ltd",
    "Limited",
    "AB",
    " AB",
    " Oy",
    "Pty",
    "plc",
    "PLC",
    "S.A.",
    "B.V.",
    "[",
    "{{",
    "{",
    "<",
    "XX",
    "XXX",
    "TBD",
    "TODO",
    " Name",
    "Name",
    "a",
    " ",
    "\n",
    ".",
    "example.com",
    "yoursite.com",
    ".com",
    "x",
    "\u201c",
]


def _reference(text, needles, regex, width):
    """The scan as it was: one str.find loop per needle, windows merged per needle."""
    out = []
    for needle in needles:
        found = find_all(text, needle)
        out += [
            (m.start(), m.end()) for m in P._window_matches(text, found, len(needle), regex, width)
        ]
    return out


def _index(text: str) -> NeedleIndex:
    low = text.lower()
    return NeedleIndex(text, low if len(low) == len(text) else text)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=500, deadline=None)
def test_needle_index_equals_one_find_loop_per_needle(text):
    index = _index(text)
    for needles in (P._SUFFIX_NEEDLES, P._placeholder_needles()[0], P._XREF_NEEDLES):
        for needle in needles:
            assert index.exact(needle) == find_all(text, needle), needle
    for needle in (*P._placeholder_needles()[1], *P._DURATION_UNITS, *P._CALLED_NEEDLES):
        assert index.folded(needle) == find_all(index.folded_text, needle), needle


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_window_matches_over_the_index_equal_the_plain_scan(text):
    index = _index(text)
    got = [
        (m.start(), m.end())
        for needle in P._SUFFIX_NEEDLES
        for m in P._window_matches(text, index.exact(needle), len(needle), P._ENTITY, 140)
    ]
    assert got == _reference(text, P._SUFFIX_NEEDLES, P._ENTITY, 140)


def test_company_names_and_placeholders_still_found():
    text = (
        'These terms are between you and Acme Inc. ("Acme"). Contact [Company Name] at '
        "{{EMAIL}} or admin@example.com.\n\nAcme LLC may change these terms within XX days."
    )
    rules = {f.rule for f in audit_text(text).findings}
    assert {"PR401", "PR408"} <= rules


def test_scans_stay_linear_on_a_5_mb_sentence():
    text = ("Inc LLC [ { < XX TBD Name x.com " * (5_000_000 // 32))[:5_000_000]
    t = time.perf_counter()
    index = _index(text)
    for needle in (*P._SUFFIX_NEEDLES, *P._placeholder_needles()[0]):
        index.exact(needle)
    assert time.perf_counter() - t < 20


_MARKS = ["(", ")", "[", "]", "{", "}", '"', "\u201c", "\u201d", "a", " ", "1", "a) ", ":)"]


@given(st.lists(st.sampled_from(_MARKS), max_size=30).map("".join))
@settings(max_examples=1500, deadline=None)
def test_balanced_shortcut_only_skips_paragraphs_without_marks(text):
    marks = "".join(P._BRACKET_CHARS.findall(text))
    if P._balanced(marks):
        assert P._scan_marks(text, 0, len(text)) == ([], [])
    assert P._scan_paragraph(text, 0, len(text)) == P._scan_marks(text, 0, len(text))


def test_balanced_shortcut_on_known_cases():
    assert P._balanced('(""[])\u201c\u201d')
    assert not P._balanced("\u201c\u201c\u201d\u201d")  # nested curly quotes: full scan
    assert not P._balanced('\u201c""\u201d')
    assert not P._balanced("(" * 9 + ")" * 9)  # deeper than the shortcut goes


def test_bracket_scan_stays_linear_on_deep_nesting():
    text = "(" * 2_500_000 + ")" * 2_500_000
    t = time.perf_counter()
    P._scan_paragraph(text, 0, len(text))
    assert time.perf_counter() - t < 20


def test_stray_closing_curly_quote_is_a_finding_not_a_crash():
    report = audit_text("He said\u201d ok. This is fine.")
    assert report.error is None
    assert any(f.rule == "PR403" and f.excerpt == "\u201d" for f in report.findings)


_DEF_PIECES = [
    " means",
    " mean",
    " meant",
    " refers to",
    " refer to",
    " is defined",
    "defined as",
    " includes",
    "x",
    " ",
    "\u201cTerm\u201d",
    '"Term"',
    "(",
    ")",
    "hereinafter",
]


@given(st.lists(st.sampled_from(_DEF_PIECES), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_definition_needles_from_the_index_equal_one_scan_each(text):
    index = _index(text)
    for needle in P._MEANS_NEEDLES:
        assert index.exact(needle) == find_all(text, needle)
    for needle in P._CALLED_NEEDLES:
        assert index.folded(needle) == find_all(index.folded_text, needle)


_LINE_PIECES = [
    "Section",
    "Clause ",
    "\n",
    " ",
    "\t",
    "#",
    "*",
    "5",
    "12",
    "3.1",
    ".",
    ")",
    ":",
    "\r",
    "x",
]


@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40).map("".join))
@settings(max_examples=800, deadline=None)
def test_known_numbers_from_line_starts_equal_finditer(text):
    ctx = _ctx(text)
    plain = {m.group(1) for m in P._LINE_NUMBER.finditer(text)}
    plain |= {s.number for s in ctx.segmented.sections if s.number}
    assert P._known_numbers(ctx) == {n.rstrip(".") for n in plain if n and n[0].isdigit()}


def test_definitions_still_found():
    text = 'The "Service" means the app. "Content" refers to posts. We ("Acme") run the Service.'
    terms = {d.term for d in P.definitions(_ctx(text))}
    assert {"Service", "Content", "Acme"} <= terms


def _ctx(text):
    from tosaudit import readability
    from tosaudit.config import Config
    from tosaudit.models import Document
    from tosaudit.rules.base import AuditContext
    from tosaudit.segment import segment

    doc = Document(text, "t.txt", "txt")
    seg = segment(doc)
    return AuditContext(doc, seg, readability.analyse([], [], len(seg.sections)), Config())


@given(st.lists(st.sampled_from([*_MARKS, "\n\n", "x\n", "\u0130"]), max_size=40).map("".join))
@settings(max_examples=800, deadline=None)
def test_paragraph_scans_from_the_index_equal_the_regex_scan(text):
    ctx = _ctx(text)
    plain = [P._scan_paragraph(text, p.start, p.end) for p in ctx.segmented.paragraphs]
    assert P._scan_paragraphs(ctx) == plain


def test_only_brackets_lower_case_to_brackets():
    # The index finds brackets in the lower-cased text: no other character may become one.
    brackets = set(P._BRACKETS)
    for code in range(0x110000):
        c = chr(code)
        assert bool(P._BRACKET_CHARS.fullmatch(c)) == (c in brackets), hex(code)
        assert (c.lower() in brackets) == (c in brackets), hex(code)
