"""``engine._quote_led`` finds what the definition patterns find.

``doc_info`` searches each definition pattern once per opening quote (a pattern that opens with
one literal character is searched by a scan for it; the two-quote class made the regex engine
try every position). Merged in order of start, the matches must be the combined pattern's
``finditer``: the same spans and groups, none missing, none extra.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import engine

_PIECES = [
    '"',
    "\u201c",
    "\u201d",
    "'",
    " ",
    "  ",
    "\n",
    "\t",
    "A",
    "User",
    "Company",
    "Term Of Art",
    "x",
    "_",
    "9",
    "\u00e9",
    "\u212a",  # Kelvin sign: a capital for the case-blind pattern
    "means",
    "MEANS",
    "refers to",
    "shall mean",
    "includes",
    "you",
    "us",
    "We",
    "s",
    ".",
    ",",
    "(",
    ")",
]

# The patterns as they were, opening with the class of both quotes: the reference.
_MEANS = re.compile(r"[\"\u201c]" + engine._MEANS_TAIL, re.IGNORECASE)
_DEFINES = re.compile(r"[\"\u201c]" + engine._DEFINES_TAIL)

_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _seen(matches: list) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def _check(text: str) -> None:
    for combined, by_quote in (
        (_DEFINES, engine._DEFINES_BY_QUOTE),
        (_MEANS, engine._MEANS_BY_QUOTE),
    ):
        want = _seen(list(combined.finditer(text)))
        assert _seen(engine._quote_led(by_quote, text)) == want


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_quote_led_matches_the_combined_pattern(text: str) -> None:
    _check(text)


# Both quotes in one text, in either order, each opening a definition: the merge must sort.
EDGE = [
    '\u201cUser\u201d means you and "Company" means us.',
    '"Company" means us; \u201cUser\u201d means you; "Service" includes the site.',
    '"A"\u201cB" means you',  # a closing quote right before an opening one
    '"User" "Customer" means you',
    '\u201cUser\u201d\nmeans\tyou "Provider" refers to us \u201cX\u201d shall mean we',
    "",
]


@pytest.mark.parametrize("text", EDGE)
def test_quote_led_edge_cases(text: str) -> None:
    _check(text)


def test_quote_led_on_the_samples() -> None:
    root = Path(__file__).resolve().parents[2] / "samples"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.*"))]
    assert texts
    for text in texts:
        _check(text)


def test_doc_info_reads_both_quotes() -> None:
    text = (
        '\u201cUser\u201d means you. "Company" refers to us. "Content" includes text. '
        "(the \u201cService\u201d)"
    )
    info = engine.doc_info(text, [(0, len(text))])
    assert info.parties == {"User": "you", "Company": "we"}
    assert info.defined_terms == frozenset({"User", "Company", "Content", "Service"})
