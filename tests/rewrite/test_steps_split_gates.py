"""The split patterns' gates never skip a sentence the pattern matches.

For ASCII text ``split._finder`` skips a case-insensitive pattern (and "such as") when its gate
finds nothing in the lower-cased text; ``_SUCH_AS_BARE`` and ``_INCLUDING_BARE`` start from
their literal now. Each is compared with the pattern itself on hand-made and generated text.
"""

from __future__ import annotations

import random
import re

import pytest

from tosaudit.rewrite import split as splitter

PIECES = [
    "and", "the", "our", "any", "its", "provided", "that", "however", "further", "you", "in",
    "which", "case", "such", "as", "for", "example", "e.g.", "because", "of", "otherwise",
    "unless", "if", "including", "among", "but", "AND", "The", "Provided", "IF", "Such",
    "x", ",", ";", " ", "  ", "\n", "\t", ", ", "; ", "-", "(", ")",
]  # fmt: skip
EDGE = [
    "We may share it with partners and the owners of it may object.",
    "You may use it, provided, however, that you pay; provided further that we agree.",
    "We keep it,\nprovided you do so fairly, in which case\tit ends.",
    "Spam, such as ads, for example, junk, e.g., mail, is banned, because it hurts.",
    "Stop, otherwise, we end it, unless otherwise agreed, if you, including among others.",
    "AND THE OWNERS MAY OBJECT, IF YOU AGREE, INCLUDING DATA.",
    "we prohibit misuse such as spam and abuse including phishing.",
    " such as x, A such as y, b including z, including but not.",
]


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rnd.choice(PIECES) for _ in range(rnd.randint(1, 30))]
        out.append("".join(p if p.strip() in ("", ",", ";") else f" {p}" for p in parts))
    return out


TEXTS = EDGE + _generated(11, 3000)


@pytest.mark.parametrize("rx", list(splitter._NEEDLES))
def test_finder_finds_what_the_pattern_finds(rx: re.Pattern[str]) -> None:
    for text in TEXTS:
        got = [m.span() for m in splitter._finder(text)(rx)]
        assert got == [m.span() for m in rx.finditer(text)], text


def test_every_gate_is_implied_by_its_pattern() -> None:
    seen = 0
    for text in TEXTS:
        for rx, gate in splitter._GATES.items():
            if rx.search(text):
                seen += 1
                assert gate(text.lower()), (rx.pattern, text)
    assert seen > 200  # the generated text does exercise the patterns


_OLD_BARE = {
    splitter._SUCH_AS_BARE: re.compile(
        r"(?<=[a-z]) such as\s+(?!(?:through|by|in|on|at|to|from|with|via)\b)"
    ),
    splitter._INCLUDING_BARE: re.compile(r"(?<=[a-z]) including\s+(?!(?:but|without|among)\b)"),
}


@pytest.mark.parametrize("rx", list(_OLD_BARE))
def test_bare_patterns_match_as_before(rx: re.Pattern[str]) -> None:
    for text in TEXTS:
        assert [m.span() for m in rx.finditer(text)] == [
            m.span() for m in _OLD_BARE[rx].finditer(text)
        ]


def test_a_gate_skips_a_sentence_without_the_phrase() -> None:
    text = "We may share it with partners and others, and we keep the rest."
    assert splitter._GATES[splitter._AND_NOUN_CLAUSE](text.lower()) is None
    assert list(splitter._finder(text)(splitter._AND_NOUN_CLAUSE)) == []
