"""Non-ASCII sentences get the auxiliary-only passive search too, with the same matches.

``transforms._passives`` now reads non-ASCII text through an ASCII copy (each non-ASCII
character a "?") to find where auxiliaries start, and runs the pattern on the text itself
there; text with a character the pattern's case folding maps to an ASCII letter ("\u017f",
"\u0131", "\u0130", "\u212a") still gets the full ``finditer``.
"""

from __future__ import annotations

import random
import re

import pytest

from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import _PASSIVE, is_participle

EDGE = [
    "Fees will be charged by us \u2014 and content is removed.",
    "\u201cData\u201d is shared; the caf\u00e9 is used, na\u00efve\u00a0is\u00a0paid.",
    "\u00e9is paid, is\u00e9 paid, it is pa\u00efd, it was used\u2019s, it were-used.",
    "It \u017fhall be used, it \u0131s paid, It \u0130S PAID, it has been \u212aept.",
    "Shall\u2028not be used by us; has\u3000been sent.",
    "\u00e9" * 5,
    "",
]
_WORDS = [
    "is", "be", "was", "were", "will", "shall", "not", "been", "has", "paid", "used", "by",
    "us", "\u00e9", "\u201cit\u201d", "it\u2019s", "\u2014", "_x", "x-", "IS", "Was", "newly",
    "\u017fhall", "\u0131s", "caf\u00e9",
]  # fmt: skip
_GAPS = [" ", " ", " ", "  ", "\n", "\u00a0", "\u2028", "", ", "]


def _reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PASSIVE.finditer(text) if is_participle(m.group(6))]


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(_WORDS) + rnd.choice(_GAPS) for _ in range(rnd.randint(1, 20)))
        for _ in range(n)
    ]


@pytest.mark.parametrize("text", EDGE)
def test_non_ascii_passives_match_finditer(text: str) -> None:
    tf._passives.cache_clear()
    assert [m.span() for m in tf._passives(text)] == _reference(text)


def test_non_ascii_passives_match_finditer_on_generated_text() -> None:
    found = 0
    for text in _generated(5, 4000):
        tf._passives.cache_clear()
        got = [m.span() for m in tf._passives(text)]
        assert got == _reference(text), text
        found += bool(got)
    assert found > 300  # the generated text holds passives


def test_a_passive_after_a_curly_quote_is_found() -> None:
    text = "\u201cContent\u201d is removed by us."
    assert [m.group(0) for m in tf._passives(text)] == ["is removed"]


def test_the_folding_characters_are_all_there_are() -> None:
    # The shortcut is exact only while these are the sole non-ASCII characters the regex
    # engine's case folding matches to an ASCII letter; a Python that adds one fails here.
    letter = re.compile(r"[a-z]", re.IGNORECASE)
    folds = {chr(c) for c in range(128, 0x110000) if letter.match(chr(c))}
    assert folds == set(tf._FOLDS_TO_ASCII)
