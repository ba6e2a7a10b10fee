"""``engine._case_vocabulary`` gives what the patterns it replaced give.

The mid-sentence capitals are found by a pattern that opens with the space before the word (a
literal the regex engine scans for), and the words in capitals are read from the same runs of
word characters as the lower-case words, instead of a pattern pass each. The reference below
is the function as it was, with its patterns.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import engine
from tosaudit.rewrite.transforms import is_all_caps

_MID_CAPITAL = re.compile(r"[A-Z](?<=[a-z0-9,;)] [A-Z])[a-z]+[A-Za-z]*(?:[-'\u2019][A-Za-z]+)?")
_UPPER_WORD = re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]+\b")
_LOWER_WORD = re.compile(r"[a-z](?<=\b[a-z])[a-z]+\b")


def _reference(text: str, prose: list[tuple[int, int]]) -> tuple[dict[str, str], frozenset]:
    text = "\n".join(text[s:e] for s, e in prose if not is_all_caps(text[s:e]))
    capital = Counter(_MID_CAPITAL.findall(text))
    lower = Counter(_LOWER_WORD.findall(text))
    upper = Counter(_UPPER_WORD.findall(text))
    cased: dict[str, str] = {}
    for word, n in capital.most_common():
        low = word.lower()
        if low not in cased and n >= 2 * lower[low]:
            cased[low] = word
    acronyms = frozenset(
        w
        for w, n in upper.items()
        if w.lower() not in engine._COMMON and n >= lower[w.lower()] + capital[w.capitalize()]
    )
    return cased, acronyms


def _same(text: str) -> None:
    prose = [(0, len(text))]
    *got, lower = engine._case_vocabulary(text, prose)
    want = _reference(text, prose)
    assert tuple(got) == want
    # The third part: each run of word characters as written, counted.
    kept = "\n".join(text[s:e] for s, e in prose if not engine.is_all_caps(text[s:e]))
    assert lower == engine._lower_words(kept)
    assert list(got[0].items()) == list(want[0].items())  # (the first spelling of a word wins)


_PIECES = [
    " ",
    "  ",
    "\n",
    "the",
    "services",
    "Services",
    "SERVICES",
    "faq",
    "FAQ",
    "Faq",
    "A",
    "AB",
    "x",
    "9",
    "_",
    ",",
    ";",
    ")",
    "(",
    ".",
    "-",
    "'",
    "\u2019",
    "\u00e9",
    "\u00c9",
    "\u2014",
    "\u00a0",
    "\u212a",
    "s",
    "App",
    "Co-Op",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_case_vocabulary_as_the_patterns(text: str) -> None:
    _same(text)


EDGE = [
    "",
    "we use the Services, the Services; the services (the Services) 9 Services",
    "use the FAQ and the FAQ, not the faq; GDPR GDPR gdpr AB1 AB_ \u00c9AB AB\u00e9 ABc",
    "the Company\u2019s terms, the Company's terms, the Co-Op rules and the Co-op",
    "the  Services (two spaces), the\u00a0Services, the\nServices, x Services",
    "A B C. Foo Bar Baz qux Quux QUUX quux",
]


@pytest.mark.parametrize("text", EDGE)
def test_case_vocabulary_edge_cases(text: str) -> None:
    _same(text)


def test_case_vocabulary_on_the_samples() -> None:
    root = Path(__file__).resolve().parents[2] / "samples"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.*"))]
    assert texts
    for text in texts:
        _same(text)


def test_capital_words_are_the_runs_of_capitals() -> None:
    runs = engine._lower_words("FAQ faq FAQ A AB1 \u00c9AB ABc GDPR_ US")
    assert engine._capital_words(runs) == {"FAQ": 2, "US": 1}
