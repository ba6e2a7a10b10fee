"""The session-4 shortcuts find exactly what the full passes find.

``_passives`` tries the passive pattern only at auxiliaries (ASCII text); ``ascii_tokens`` is
the one word analysis the scan, facts and actors share; ``_and_noun_clauses`` finds the first
clause verb and clause word once per sentence. Each is compared with the plain computation
over hand-made edge cases and generated text.
"""

from __future__ import annotations

import random
import re

import pytest

from tosaudit.rewrite import split as splitter
from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import _PASSIVE, TOKEN, ascii_tokens, is_participle, words

EDGE = [
    "Fees will be charged by us and/is required to pay.",  # "is" inside a token "and/is"
    "x_is paid; 3is used; IS PROVIDED; Shall\tnot  be\nused by us.",
    "It has been   used, it was\tsent, and it were-made.",
    "Content is is paid is used.",
    "We shall not be liable, and the owners of it may object, and the data is stored.",
    "",
    "no passive here at all",
]


def _reference_passives(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PASSIVE.finditer(text) if is_participle(m.group(6))]


def _generated(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = [
        "is", "be", "was", "will", "not", "paid", "used", "by", "us", "and", "the", "may",
        "has", "been", "\n", "\t", " ", "  ", "_", "-", "/", "'", ",", "x", "Is", "SHALL", "ly",
    ]  # fmt: skip
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(n)]


@pytest.mark.parametrize("text", EDGE)
def test_passives_match_finditer_on_edge_cases(text: str) -> None:
    tf._passives.cache_clear()
    assert [m.span() for m in tf._passives(text)] == _reference_passives(text)


def test_passives_match_finditer_on_generated_text() -> None:
    for text in _generated(11, 4000):
        tf._passives.cache_clear()
        assert [m.span() for m in tf._passives(text)] == _reference_passives(text), text


def test_passive_inside_a_joined_token_is_found() -> None:
    # The auxiliary "is" is no TOKEN word of its own here ("and/is"), yet the pattern matches.
    spans = [m.group(0) for m in tf._passives("This and/is charged by us.")]
    assert spans == ["is charged"]


@pytest.mark.parametrize("text", [*EDGE, *_generated(12, 500)])
def test_ascii_tokens_are_the_lower_case_words_and_their_offsets(text: str) -> None:
    lows, starts = ascii_tokens(text)
    assert lows == words(text.lower())
    assert lows == [m.group(0).lower() for m in TOKEN.finditer(text)]
    assert starts == [m.start() for m in TOKEN.finditer(text)]


def _reference_noun_clauses(text: str) -> list[tuple[int, int, str, str]]:
    """``_and_noun_clauses`` as it was: the words and clause words of each left part."""
    out = []
    for m in splitter._AND_NOUN_CLAUSE.finditer(text):
        left = text[: m.start()]
        left_words = {t.lower() for t in words(left)}
        if not left_words & splitter._CLAUSE_VERBS or splitter._COMPLEMENT.search(left):
            continue
        right = text[m.end() : m.end() + 160]
        head = re.split(r"[,;:()]", right, maxsplit=1)[0]
        head_words = [t.lower() for t in words(head)][:14]
        if not any(w in splitter._CLAUSE_VERBS for w in head_words[1:]):
            continue
        out.append((m.start(), m.end(), "", "clause"))
    return out


NOUN_CLAUSES = [
    "Content may be protected by law and the owners of the content may object.",
    "Your use of it and the content you post will be public and the rules may change.",
    "You agree that we may stop and the data may be lost.",
    "We may stop\u00a0and the data may be lost, and\tthe owners will know.",
    "Data IS kept And the Owners MAY object and your rights will stay.",
    "the owners may object",
]


@pytest.mark.parametrize("text", NOUN_CLAUSES)
def test_and_noun_clauses_as_before(text: str) -> None:
    assert splitter._and_noun_clauses(text, (), ([], [])) == _reference_noun_clauses(text)


def test_and_noun_clauses_as_before_on_generated_text() -> None:
    rnd = random.Random(13)
    pieces = "we may stop and the data will be lost that if our rights , ; can".split() + [" "]
    for _ in range(2000):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(3, 30)))
        assert splitter._and_noun_clauses(text, (), ([], [])) == _reference_noun_clauses(text)


def test_shared_passed_checks_read_as_new_ones() -> None:
    from tosaudit.rewrite.verify import Check, verify

    ok, checks, _, _ = verify(
        "The Licensee shall pay the fees of 10 dollars within thirty days.",
        ["You must pay the fees of 10 dollars within thirty days."],
        parties={"Licensee": "you"},
        removable={"Licensee"},
    )
    assert ok
    assert [c.name for c in checks] == [
        "numbers", "money", "percentages", "durations", "dates", "emails", "urls",
        "negations", "modals", "defined_terms", "proper_names", "actors", "grade",
    ]  # fmt: skip
    for c in checks[:-1]:
        assert c == Check(c.name, True) and c.record() == {"check": c.name, "ok": True}


WHOLE_WORD_PIECES = [
    "Trip",
    "trip",
    "TRIP",
    " ",
    "_",
    "1",
    "-",
    "x",
    "Provider",
    "\u0130",
    "\u017f",
]
WHOLE_WORD_TERMS = ["Trip", "Trip Provider", "trip", "T", "Provider", "Tr\u0130p", "s", "\u017f"]


def test_whole_word_without_a_pattern_as_with_it() -> None:
    from tosaudit.rewrite.verify import _has_whole_word, _whole_word

    rnd = random.Random(14)
    for _ in range(20000):
        text = "".join(rnd.choice(WHOLE_WORD_PIECES) for _ in range(rnd.randint(0, 12)))
        term = rnd.choice(WHOLE_WORD_TERMS)
        blind = rnd.random() < 0.5
        expected = _whole_word(term, blind).search(text) is not None
        assert _has_whole_word(text, term, blind) == expected, (text, term, blind)


def test_whole_word_past_many_occurrences_inside_words() -> None:
    from tosaudit.rewrite.verify import _has_whole_word

    assert _has_whole_word("Trip_" * 500 + " Trip.", "Trip", False)
    assert not _has_whole_word("Trip_" * 500, "Trip", False)
    assert _has_whole_word("xTRIP " * 500 + "TRIP", "Trip", True)


def test_every_split_pattern_has_its_needle() -> None:
    for rx, needle in splitter._NEEDLES.items():
        assert splitter._NEEDLE_OF[id(rx)] == needle


@pytest.mark.parametrize(
    "text", ["rights' -foo a--b and/or x'y", "no joiner here", "'-/", "it's a/b - c", ""]
)
def test_word_bytes_joiner_test_by_byte_value(text: str) -> None:
    # The joiner test reads byte values; the words are still TOKEN's.
    assert words(text) == TOKEN.findall(text)


def test_capitalised_words_as_the_capital_token_pattern() -> None:
    from tosaudit.rewrite.verify import _CAP_TOKEN, _capitalised

    rnd = random.Random(15)
    pieces = ["We", "we", "I", "x-Y", "Acme", "ACME", "'", "-", "/", ". ", "(", ")", " ", "\n"]
    pieces += ["a", "B", "Mc'D", "9", "_", ":", "\u201c", "\u2019s"]
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        expected = [(m.start(), m.group(0)) for m in _CAP_TOKEN.finditer(text)]
        assert _capitalised(text) == expected, text


@pytest.mark.parametrize(
    ("source", "case"),
    [("HEREBY", "UPPER"), ("Hereby", "Cap"), ("hereby", "low"), ("A", "Cap"), ("X-RAY", "UPPER")]
    + [("\u00c9T\u00c9", "UPPER"), ("\u00e9t\u00e9", "low"), ("1 2", "low"), ("U.S.", "UPPER")],
)
def test_match_case(source: str, case: str) -> None:
    from tosaudit.rewrite.lexicon import match_case

    expected = {"UPPER": "PLAIN WORD", "Cap": "Plain word", "low": "plain word"}[case]
    assert match_case(source, "plain word") == expected


@pytest.mark.parametrize(
    "text",
    [
        "We MAY End it.",
        "It's A-OK, \u00c9T\u00c9 \u0130F",
        "x_Y z9 -- (a) 'b'",
        "",
        "  ",
        "ABC def",
    ],
)
def test_fk_lows_are_the_lower_case_words_of(text: str) -> None:
    from tosaudit.readability import words_of
    from tosaudit.rewrite.verify import _fk_lows

    assert _fk_lows(text) == [w.lower() for w in words_of(text)]


def test_may_date_needs_a_digit() -> None:
    from tosaudit.rewrite.verify import facts

    assert facts("Paid by May 1, 2025, as you may see.").dates == {"may": 1}
    assert facts("You may see it in May.").dates == {}


def test_label_pattern_as_with_the_lookbehind_first() -> None:
    before_first = re.compile(r"(?<![\w(])\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)(?=\s)")
    rnd = random.Random(16)
    pieces = ["(", ")", "a", "iv", "12", " ", "((", "x", "_", "\n", "(b) ", "(ii)\t"]
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20)))
        expected = [m.span() for m in before_first.finditer(text)]
        assert [m.span() for m in splitter._LABEL.finditer(text)] == expected, text


@pytest.mark.parametrize(
    "text",
    ["If you cancel your plan today, we will refund the fees.", "\u0131f you cancel, we may stop the Service now.",
     "To the extent permitted by law, we exclude all warranties.", "When the plan ends today, the data goes away."]
    + ["Xf you cancel, we will refund you the fees.", "", "unless you agree, we will not do it."],
)  # fmt: skip
def test_main_point_first_first_letter_test(text: str) -> None:
    # Only texts whose first letter cannot begin a leading condition skip the pattern.
    got = splitter.main_point_first(text)
    if splitter._LEADING.match(text) is None:
        assert got is None
    if text.startswith("If you cancel your"):
        assert got is not None


@pytest.mark.parametrize(
    "text", ["However, we may stop.", "HENCE, it ends.", "Thus we stop.", "however, lower.", ""]
)
def test_opening_connector_first_letter_test(text: str) -> None:
    m = tf._OPENING_CONNECTOR.match(text)
    new, ops = tf._opening_connector(text)
    assert bool(ops) == (m is not None)


def _reference_phrases(words_: list[str]) -> list[tuple[int, int, object]]:
    """``transforms._phrases`` as it was: every pair of neighbouring words built and tested."""
    from tosaudit.rewrite.lexicon import lexicon

    lex = lexicon()
    _, _, single, bigrams, _ = tf._starter_sets(lex)
    n = len(words_)
    pairs = [(words_[i], words_[i + 1]) in bigrams for i in range(n - 1)] + [False]
    found: list[tuple[int, int, object]] = []
    free = 0
    for i in range(n):
        if not (words_[i] in single or pairs[i]) or i < free:
            continue
        key, best, j = words_[i], None, i
        while True:
            entry = lex.entries.get(key)
            if entry is not None:
                best = (j, entry)
            if j + 1 >= n or key not in lex.prefixes:
                break
            key = f"{key} {words_[j + 1]}"
            j += 1
        if best is not None:
            found.append((i, best[0], best[1]))
            free = best[0] + 1
    return found


def test_phrases_as_with_every_pair_tested() -> None:
    from tosaudit.rewrite.lexicon import lexicon

    _, _, _, bigrams, firsts = tf._starter_sets(lexicon())
    vocabulary = sorted(firsts)[:300] + sorted({b for _, b in bigrams})[:300]
    vocabulary += ["the", "in", "of", "accordance", "with", "zzz", "and"]
    rnd = random.Random(17)
    found = 0
    for _ in range(3000):
        ws = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 30))]
        expected = _reference_phrases(ws)
        assert tf._phrases(ws, lambda j: " ") == expected, ws
        found += len(expected)
    assert found > 100  # the generated words do make phrases of the table


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("We collect your data; we share it with all our partners.", 1),  # 11 words
        ("We collect your data; we share it with all of our partners.", 2),  # 12 words
        ("We collect your data; we share it with all our partners\u2019 staff.", 2),  # non-ASCII
    ],
)
def test_split_needs_twelve_words_counted_from_the_scan(text: str, units: int) -> None:
    from tosaudit.rewrite import engine
    from tosaudit.rewrite.transforms import DocInfo

    tf.scan(text)  # the words of the unchanged text, as the legalese scan leaves them
    assert len(engine._candidate(text, DocInfo(), frozenset(["split"]))[0]) == units


def test_word_char_is_the_pattern_word_class() -> None:
    from tosaudit.rewrite.verify import _word_char

    for code in [*range(0x3000), 0x0130, 0x2160, 0x1D7CE, 0xFF10, 0x4E00]:
        c = chr(code)
        assert _word_char(c) == (re.match(r"\w", c) is not None), hex(code)


@pytest.mark.parametrize(
    "text", ["caf\u00e9 Trip, na\u00efve", "\u00e9Trip", "Trip\u00e9 Trip\u2019s"]
)
def test_whole_word_in_non_ascii_text_without_a_pattern(text: str) -> None:
    from tosaudit.rewrite.verify import _has_whole_word, _whole_word

    assert _has_whole_word(text, "Trip", False) == bool(_whole_word("Trip", False).search(text))


def test_respell_as_the_substitution() -> None:
    rnd = random.Random(18)
    pieces = ["trip", "TRIP", "Trip", " ", "_", "1", "-", "x", "provider", "\u00e9", "tripadvisor"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        term = rnd.choice(["Trip", "Trip Provider", "TripAdvisor", "T", "x-1"])
        expected = re.sub(r"(?<!\w)" + re.escape(term) + r"(?!\w)", term, text, flags=re.I)
        assert tf._respell(text, term) == expected, (text, term)
    many = "trip_" * 300 + " trip"
    assert tf._respell(many, "Trip") == "trip_" * 300 + " Trip"
