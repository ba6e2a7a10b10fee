"""split6's shortcuts give what the passes they skip would have given.

``_folded`` lets the gates run on text outside ASCII (curly quotes) too; _AND_PRONOUN and
_ASIDE get gates of their own; _AGREE_THAT is searched once per sentence, not once per join.
Each is compared with the plain pattern on hand-made and generated text, ASCII or not.
"""

from __future__ import annotations

import random
import re
import string
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import split as splitter

PIECES = [
    "and", "but", "the", "our", "its", "provided", "that", "however", "further", "you", "we",
    "they", "will", "may", "agree", "agrees", "represent", "in", "which", "case", "such", "as",
    "for", "example", "instance", "e.g.", "i.e.", "because", "of", "otherwise", "unless", "if",
    "including", "among", "AND", "We", "You", "THEY", "Provided", "IF", "Such", "That", "thatch",
    "x", ",", ";", ".", " ", "  ", "\n", "\t", ", ", "; ", "(", ")", "(e.g.", "(for", "(i.e. ",
    "(Such", "(including", "\u2019", "\u201c", "\u201d", "\u00a0", "\u2009", "\u0131f",
    "\u0130F", "\u017fuch", "\u212a", "caf\u00e9", "\u00c9tat",
]  # fmt: skip
EDGE = [
    "We may share it and we will tell you, and they agree that it ends, or we stop.",
    "You agree that we may end it, and we will tell you, and you\u2019ll pay.",
    "We collect data (for example, your name) when you sign up (e.g. online).",
    "We collect data (\u201cData\u201d) (such as your name) and it\u2019s ours.",
    "You may use it, provided that you pay \u2014 unless we agree, if you ask.",
    "Stop it, \u0131f you can, and\u00a0we will, because you agree that it\u2019s fine.",
]


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rnd.choice(PIECES) for _ in range(rnd.randint(1, 40))]
        out.append("".join(p if p.strip() in ("", ",", ";") else f" {p}" for p in parts))
    return out


TEXTS = EDGE + _generated(6, 3000)


# Every code point outside ASCII, one string: the regex engine tries them all in one pass.
_ALL = "".join(map(chr, range(128, sys.maxunicode + 1)))


def test_the_letters_that_fold_to_ascii_are_all_known() -> None:
    # Each ASCII letter as a case-insensitive literal, as the split patterns spell their words
    # (the regex engine's case folding has equivalences lower-casing lacks: "\u0131" ~ "i").
    folds = set()
    for letter in string.ascii_letters:
        folds.update(re.findall(letter, _ALL, re.IGNORECASE))
    lower_to_ascii = {c for c in _ALL if c.lower() != c and any(x.isascii() for x in c.lower())}
    assert folds | lower_to_ascii == set(splitter._FOLDS_TO_ASCII)


def test_lower_case_keeps_white_space_and_word_characters() -> None:
    # The gates' \s and \b on the lower-cased text see what the patterns see in the text:
    # but for the dotted capital I (one of _FOLDS_TO_ASCII), lower-casing keeps every position.
    text = "".join(map(chr, range(sys.maxunicode + 1))).replace("\u0130", "")
    low = text.lower()
    assert len(low) == len(text)
    spaces = [m.start() for m in re.finditer(r"\s", text)]
    assert spaces == [m.start() for m in re.finditer(r"\s", low)]
    assert all(low[k] == text[k] for k in spaces)
    word = [m.start() for m in re.finditer(r"\w", text)]
    assert word == [m.start() for m in re.finditer(r"\w", low)]


def test_folded_is_the_lower_case_unless_a_letter_folds_to_ascii() -> None:
    assert splitter._folded("We \u201cmay\u201d") == "we \u201cmay\u201d"
    assert splitter._folded("Stop \u0131f so") is None
    assert splitter._folded("\u212aEEP") is None
    assert splitter._folded("IF") == "if"


@pytest.mark.parametrize("rx", list(splitter._NEEDLES))
def test_finder_finds_what_the_pattern_finds(rx: re.Pattern[str]) -> None:
    for text in TEXTS:
        got = [m.span() for m in splitter._finder(text)(rx)]
        assert got == [m.span() for m in rx.finditer(text)], text


def test_every_gate_is_implied_by_its_pattern_outside_ascii_too() -> None:
    seen = 0
    gates = [
        *splitter._GATES.items(),
        (splitter._AND_PRONOUN, splitter._AND_PRONOUN_GATE),
        (splitter._ASIDE, splitter._ASIDE_GATE),
    ]
    for text in TEXTS:
        low = splitter._folded(text)
        for rx, gate in gates:
            if rx.search(text):
                if not text.isascii():
                    seen += 1
                assert low is None or gate(low), (rx.pattern, text)
    assert seen > 200  # the generated text outside ASCII does exercise the patterns


_AGREE_WORDS = ["agree", "agrees", "represent", "that", "thatch", "and", "or", "we", "x"]


def _old_agreed(text: str, joins: list[re.Match[str]]) -> list[bool]:
    return [splitter._AGREE_THAT.search(text, 0, m.start()) is not None for m in joins]


def _new_agreed(text: str, joins: list[re.Match[str]]) -> list[bool]:
    if not joins:
        return []
    agreed = splitter._AGREE_THAT.search(text, 0, joins[-1].start())
    agreed_by = agreed.end() if agreed else len(text) + 1
    return [agreed_by <= m.start() for m in joins]


def test_one_agree_that_search_answers_for_every_join() -> None:
    rnd = random.Random(6)
    pieces = [*_AGREE_WORDS, ", and", ", or", ", but", ".", "\u2019s", "(a)"]
    generated = [" ".join(rnd.choices(pieces, k=rnd.randint(1, 60))) for _ in range(3000)]
    seen = 0
    for text in TEXTS + generated:
        joins = list(splitter._CLAUSE_JOIN.finditer(text))
        old = _old_agreed(text, joins)
        seen += sum(old)
        assert _new_agreed(text, joins) == old, text
    assert seen > 50


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_AGREE_WORDS, ", and", ", or", ",", ".", ";", " " * 60]), max_size=40
    )
)
def test_one_agree_that_search_on_generated_text(parts: list[str]) -> None:
    text = " ".join(parts)
    joins = list(splitter._CLAUSE_JOIN.finditer(text))
    assert _new_agreed(text, joins) == _old_agreed(text, joins)


def test_split_sentence_outside_ascii_is_unchanged_by_the_gates() -> None:
    # The same sentences with straight and curly quotes: the gates see both alike.
    for text in (
        "We may end your account at any time, provided that we tell you first.",
        "We collect data (for example, your name) when you sign up for the service.",
        "You may cancel it, and we will refund the unused part of the fee to you.",
    ):
        curly = text + " \u201cTerms\u201d"
        straight = text + ' "Terms"'
        a, b = splitter.split_sentence(curly), splitter.split_sentence(straight)
        assert (a is None) == (b is None)
        assert a is not None
        assert [u.replace("\u201c", '"').replace("\u201d", '"') for u in a.units] == b.units


_FOLDINGS = [
    splitter._AGREE_THAT_FOLDING,
    splitter._COMPLEMENT_FOLDING,
    splitter._BACK_REFERENCE_FOLDING,
]


@pytest.mark.parametrize("folding", _FOLDINGS, ids=lambda f: f.rx.pattern[:20])
def test_folding_search_finds_the_patterns_spans(folding: splitter._Folding) -> None:
    # Every word the pattern spells is lower case: what the lower-cased search relies on.
    assert folding.rx.flags & re.IGNORECASE
    assert folding.rx.pattern == folding.rx.pattern.lower()
    rnd = random.Random(7)
    seen = 0
    for text in TEXTS + ["It is " + t.upper() for t in TEXTS[:500]]:
        for pos, endpos in ((0, sys.maxsize), (rnd.randint(0, 20), rnd.randint(0, len(text)))):
            want = folding.rx.search(text, pos, endpos)
            got = folding.search(text, pos, endpos)
            assert (got and got.span()) == (want and want.span()), (folding.rx.pattern, text)
            seen += want is not None and not text.isascii()
    assert seen > 50


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*"aThIsWhoítf .;,\u0131\u0130\u017f\u212a\u2019"]), max_size=60
    )
)
def test_folding_search_on_generated_text(text: str) -> None:
    for folding in _FOLDINGS:
        want = folding.rx.search(text)
        got = folding.search(text)
        assert (got and got.span()) == (want and want.span())
