"""The document vocabulary's lower-case word counts equal the pattern's they replace.

``engine._lower_words`` counts the runs of word characters after a byte translation (with a
codec error handler for the non-ASCII characters) instead of finding each lower-case word with
a pattern. Every key the vocabulary may look up must have the pattern's count.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from tosaudit.rewrite import engine

# The pattern the counting replaced: a-z words of two letters or more between non-word
# characters (Unicode \w and \b, as the regex engine reads str patterns).
_REFERENCE = re.compile(r"[a-z](?<=\b[a-z])[a-z]+\b")

EDGE = [
    "",
    "a b cd EF gh_ij kl9 mn-op qr'st uv\u2019wx",
    "caf\u00e9 na\u00efve \u00e9t\u00e9 the\u00b2 x\u0660y data\U0001d400 ok",
    "\u0131f \u017fhall \u212aelvin shall if",  # characters the regex engine case-folds
    "lone \ud800 surrogate and\ud800more",
    "tabs\tand\nnewlines\rhere  and\u00a0there",
    "The Services and the services, SERVICES; service's",
]
_PIECES = [
    "ab", "cd", "the", "and", "AB", "Ab", "a", "_", "9", "-", "'", "\u2019", " ", "\n", ".",
    "\u00e9", "\u00df", "\u0131", "\u017f", "\u212a", "\u00b2", "\u0660", "\U0001d400", "\u01c4",
]  # fmt: skip


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


def _samples() -> list[str]:
    root = Path(__file__).resolve().parents[2] / "samples"
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.txt"))]


@pytest.mark.parametrize("text", EDGE + _generated(7, 1500) + _samples())
def test_lower_words_count_what_the_pattern_finds(text: str) -> None:
    want = Counter(_REFERENCE.findall(text))
    got = engine._lower_words(text)
    assert {k: got[k] for k in want} == dict(want)
    # Any other key that could be looked up (a-z, two letters or more) is absent from both.
    lookups = {k for k in got if len(k) > 1 and k.isascii() and k.isalpha() and k.islower()}
    assert lookups == set(want)


def test_case_vocabulary_on_a_mixed_text() -> None:
    text = (
        "You may use the Services. Our Services are free, and services matter. We use "
        "GDPR data and the Caf\u00e9 App; the caf\u00e9 is open. See the FAQ, the faq, the FAQ."
    )
    prose = [(0, len(text))]
    cased, acronyms, lower = engine._case_vocabulary(text, prose)
    assert lower["the"] >= 2 and lower["caf"] == 0  # runs as written; "café" is "caf#"
    # "Services" twice after a lower-case word, "services" once: 2 >= 2 * 1, a name.
    assert cased["services"] == "Services"
    # "Caf" (the pattern stops before the e-acute) has no lower-case twin: "caf\u00e9" is one
    # run of word characters, no lower-case word.
    assert cased["caf"] == "Caf"
    assert acronyms == frozenset({"GDPR", "FAQ"})


def test_the_error_handler_classes_characters_as_the_regex_engine() -> None:
    # "_" for what \w matches, a space for the rest, over every non-ASCII code point.
    word = re.compile(r"\w")
    chars = "".join(chr(c) for c in range(128, 0x110000))
    classed = chars.encode("ascii", engine._WORD_CLASS).decode("ascii")
    wrong = [c for c, k in zip(chars, classed, strict=True) if (k == "_") != bool(word.match(c))]
    assert wrong == []
