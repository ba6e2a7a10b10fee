"""Literal prefilters (tosaudit.rules.prefilter): sound needles, and the exotic-case table."""

from __future__ import annotations

import re
import sys
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rules.prefilter import EXOTIC, gate, may_match, may_pass, required_literals


def test_exotic_lists_every_character_lower_does_not_map_to_its_ascii_match() -> None:
    # Every non-ASCII character that an IGNORECASE ASCII literal matches must either lower-case
    # to that literal (str.lower agrees with the engine) or be listed in EXOTIC.
    chars = "".join(chr(cp) for cp in range(128, sys.maxunicode + 1) if not 0xD800 <= cp < 0xE000)
    found = set()
    for code in range(32, 127):
        a = chr(code)
        for m in re.finditer(re.escape(a), chars, re.IGNORECASE):
            c = m.group(0)
            if c.lower() != a.lower():
                found.add(c)
    assert found == set(EXOTIC)


def test_needles_of_plain_shapes() -> None:
    assert required_literals(r"\bprices?\s+may\s+change\b", re.I) == ("change",)
    assert required_literals(r"\b(?:we|company)\s+(?:may|can)\b", re.I) == ("can", "may")
    assert required_literals(r"(?:foo)?barbaz", re.I) == ("barbaz",)
    assert required_literals(r"(?:ab|cd)+x", re.I) == ("ab", "cd")
    # Upper case in the pattern becomes the lower-cased needle.
    assert required_literals(r"Arbitration", 0) == ("arbitration",)


def test_no_needles_when_a_match_can_avoid_every_literal() -> None:
    assert required_literals(r"\w+", re.I) is None
    assert required_literals(r"abc|\d+", re.I) is None
    assert required_literals(r"(?:abc)?", re.I) is None
    assert required_literals(r"(?:abc)*\d", re.I) is None
    assert required_literals(r"(?=abc)\w", re.I) is None  # a look-ahead is not in the match
    assert required_literals(r"(", re.I) is None  # unparsable: give up


def test_may_match_skips_only_without_needles() -> None:
    needles = required_literals(r"\bprices?\s+may\s+change\b", re.I)
    assert not may_match(needles, "Prices may rise.", 0, 16)
    assert may_match(needles, "Prices may CHANGE.", 0, 18)
    assert not may_match(needles, "x change", 0, 7)  # the needle must lie inside the span
    assert may_match(None, "anything", 0, 8)


def test_may_match_runs_the_regex_when_an_exotic_character_is_present() -> None:
    # "ſ" is an IGNORECASE "s" (and "ı" an "i"), but lower() keeps them: no needle is seen.
    needles = required_literals(r"\bpolicies", re.I)
    assert needles == ("policies",)
    for text in ("the pol\u0131cie\u017f", "POLICIE\u017f"):
        assert re.search(r"\bpolicies", text, re.I)
        assert may_match(needles, text, 0, len(text))
    assert not may_match(needles, "the policy \u2019s", 0, 13)  # non-ASCII, but not exotic


_PIECES = st.sampled_from(
    [
        "ab",
        "ba",
        "cab",
        "s",
        "k",
        "i",
        r"\s+",
        r"\b",
        r"\w",
        r"[a-c]",
        ".",
        "x?",
        "(?:ab|c)",
        "(?:ca|bb)+",
        "(?:sa)?",
        "(?:k|ki)*",
        r"\d",
        "(?!a)",
        "(?<=b)",
        "Ab",
        "SI",
    ]
)
_TEXT = st.text(alphabet="abcksixABCKSI \u017f\u0131\u0130\u212a1.", max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=5), min_size=1, max_size=3), _TEXT)
def test_prefilter_never_skips_a_real_match(alts: list[list[str]], text: str) -> None:
    pattern = "|".join("".join(a) for a in alts)
    rx = re.compile(pattern, re.I)
    needles = required_literals(pattern, re.I)
    g = gate(pattern, re.I)
    for a in range(0, len(text) + 1, 3):
        for b in range(a, len(text) + 1, 4):
            if rx.search(text, a, b):
                assert may_match(needles, text, a, b), (pattern, text, a, b)
                assert may_pass(g, text, a, b), (pattern, g, text, a, b)


def test_gate_keeps_each_alternatives_words() -> None:
    g = gate(r"\b(?:prices?\s+may\s+change|fees?\s+can\s+rise)\b", re.I)
    assert g == ((("change",), ("price",), ("may",)), (("rise",), ("fee",), ("can",)))
    assert not may_pass(g, "Prices can change.", 0, 18)  # each alternative misses a word
    assert may_pass(g, "Fees can rise.", 0, 14)
    assert gate(r"abc|\d", re.I) is None


def test_may_match_is_linear_on_a_huge_span() -> None:
    needles = required_literals(r"\b(?:change|increase|modify)\s+(?:fees?|prices?)", re.I)
    text = "fee " * 1_250_000
    t = time.perf_counter()
    assert not may_match(needles, text, 0, len(text))
    assert not may_pass(gate(r"\b(?:change|modify)\s+(?:fees?|prices?)", re.I), text, 0, len(text))
    assert time.perf_counter() - t < 2.0
