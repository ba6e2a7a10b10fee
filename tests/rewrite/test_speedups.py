"""Shortcuts of the rewrite stage decide exactly what the full code decides.

Each test runs both paths over every sentence of the labelled corpus (when it is present) and
over hand-made edge cases (non-ASCII case folding, hostile input).
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import pytest

from tosaudit.rewrite import split as splitter

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "claudette" / "docs"
EDGE = [
    "We may end it \u0131f you break these Terms.",  # dotless i: IGNORECASE matches "if"
    "We may end it, \u0130F you break these Terms, unless PROV\u0130DED otherwise.",
    "You may cancel, \u017fuch as online; or by mail, includ\u0131ng by phone.",
    "We collect data, which is stored; provided that you agree, and we may share it.",
    "WE MAY END IT, IF YOU BREAK THESE TERMS, BECAUSE OTHERWISE, IN WHICH CASE we stop.",
    "",
    "no split points at all here",
]


@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[str, ...]:
    """Every prose sentence of the corpus documents (empty when the data is not there)."""
    from tosaudit.models import Document
    from tosaudit.segment import segment

    out: list[str] = []
    if not CORPUS.is_dir():
        return ()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        seg = segment(Document(text=text, source=path.name, format="txt"))
        out.extend(text[s.start : s.end] for s in seg.sentences if s.kind == "sentence")
    return tuple(out)


def _texts() -> list[str]:
    return [*EDGE, *corpus_sentences()]


def test_corpus_is_read_when_present():
    if CORPUS.is_dir():
        assert len(corpus_sentences()) > 3000


@pytest.mark.parametrize("rx", list(splitter._NEEDLES), ids=lambda rx: rx.pattern[:30])
def test_split_pattern_literals_skip_only_texts_without_matches(rx: re.Pattern[str]):
    for text in _texts():
        fast = [m.span() for m in splitter._finder(text)(rx)]
        assert fast == [m.span() for m in rx.finditer(text)], text


def test_split_literals_catch_non_ascii_case_folding():
    find = splitter._finder(EDGE[0])
    assert [m.group(0) for m in find(splitter._IF_BARE)] == [
        m.group(0) for m in splitter._IF_BARE.finditer(EDGE[0])
    ]
    assert list(splitter._finder(EDGE[1])(splitter._IF))  # ", \u0130F " matches with IGNORECASE


def test_split_literals_stay_fast_on_hostile_input():
    text = "word " * 1_000_000  # 5 MB, no punctuation, none of the literals
    start = time.perf_counter()
    find = splitter._finder(text)
    for rx in splitter._NEEDLES:
        list(find(rx))
    assert time.perf_counter() - start < 5


def _protected_reference(text: str) -> tuple[tuple[int, int], ...]:
    """protected_spans without its substring shortcuts: every pattern over every text."""
    from tosaudit.rewrite import transforms as tf

    spans: list[tuple[int, int]] = []
    for rx in (tf._QUOTED, tf._URL, tf._EMAIL, tf._DOMAIN, tf._CODE):
        spans.extend(m.span() for m in rx.finditer(text))
    return tuple(sorted(spans))


DOMAIN_EDGE = [
    "Write to help.example.COM or visit Example.Co.UK today.",
    "See example.\u212aom here.",  # Kelvin sign: IGNORECASE folds it to "k"
    "Version 1.5 of the U.S. terms, e.g. this one.",
    'Mail x@y.de, see www.z.io/a_b and "quoted text" with `code` and a::b().',
]


def test_protected_spans_shortcuts_find_every_span():
    from tosaudit.rewrite import transforms as tf

    for text in [*EDGE, *DOMAIN_EDGE, *corpus_sentences()]:
        assert tuple(sorted(tf.protected_spans.__wrapped__(text))) == _protected_reference(text), (
            text
        )


def test_domain_literal_gate_keeps_case_folded_domains():
    from tosaudit.rewrite import transforms as tf

    assert tf.protected_spans.__wrapped__(DOMAIN_EDGE[0])
    # Non-ASCII text always gets the full pass (the Kelvin sign case-folds to "k").
    assert tf.protected_spans.__wrapped__(DOMAIN_EDGE[1]) == _protected_reference(DOMAIN_EDGE[1])


@pytest.mark.parametrize("n", [1, 4, 12])
def test_fewer_words_matches_a_full_count(n: int):
    from tosaudit.rewrite import engine
    from tosaudit.rewrite.transforms import TOKEN

    for text in [*EDGE, *corpus_sentences()[:2000]]:
        expected = len(TOKEN.findall(text)) < n
        assert engine._fewer_words(text, n) is expected
        assert splitter._fewer_words(text, n) is expected


def test_scan_offsets_are_those_of_the_words():
    from tosaudit.rewrite.transforms import TOKEN, scan

    for text in [*EDGE, *corpus_sentences()]:
        hits = scan.__wrapped__(text)
        starts = {m.start() for m in TOKEN.finditer(text)}
        ends = {m.end() for m in TOKEN.finditer(text)}
        for h in hits:
            assert h.start in starts and h.end in ends, text
            # The words found, joined as the table writes its phrases, are the entry's phrase.
            span = text[h.start : h.end]
            words = TOKEN.findall(span.lower())
            seps = [sep.strip() for sep in re.findall(r"[^A-Za-z'\u2019/-]+", span)]
            key = words[0]
            for word, sep in zip(words[1:], seps, strict=False):
                key += f"{sep} {word}" if sep else f" {word}"
            assert key == h.entry.phrase, (text, span)


def test_a_repeated_sentence_is_rewritten_once_with_the_same_result():
    from tosaudit.api import audit_text
    from tosaudit.rewrite import engine

    sentence = (
        "Notwithstanding anything to the contrary, the Company shall be entitled to terminate "
        "your account in the event that you fail to pay any fees prior to the due date."
    )
    text = f"{sentence}\n\nWe sell shoes online.\n\n{sentence}\n"
    calls: list[str] = []
    original = engine.rewrite_sentence

    def counting(t: str, *args, **kwargs):
        calls.append(t)
        return original(t, *args, **kwargs)

    import tosaudit.rewrite as rewrite_pkg

    rewrite_pkg.rewrite_sentence = counting
    try:
        report = audit_text(text)
    finally:
        rewrite_pkg.rewrite_sentence = original
    assert calls.count(sentence) == 1
    suggested = [f for f in report.findings if f.suggestion and f.excerpt == sentence]
    assert {f.start for f in suggested} == {0, text.rindex(sentence)}
    assert len({f.suggestion for f in suggested}) == 1
    assert len({repr(f.extra["rewrite"]) for f in suggested}) == 1


# Words with joiners in every position a joiner can take, for the byte tokeniser.
JOINER_EDGE = [
    "third-party, you're, it's, and/or; -lead trail- 'quoted' a--b a-'b x'y'z",
    "-'/",
    "A-B-C - D' 'E /F/ G/ H\u2019s and it\u2019s",  # the curly apostrophe is a joiner too
    "co-operate 3rd-party e-mail 12-month x_y na\u00efve re-\nsign",
    "don't DON'T Won't SHAN'T isn't",
]


def _generated(n: int = 20000) -> list[str]:
    """Short strings over letters, joiners, white space, digits and a non-ASCII letter."""
    import random

    rnd = random.Random(7)
    alphabet = "ab'-/ ,.Z9\n\t\u2019\u00e9\u0130"
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(n)]


def test_words_is_token_findall():
    from tosaudit.rewrite.transforms import TOKEN, words

    for text in [*EDGE, *JOINER_EDGE, *_generated(), *corpus_sentences()]:
        for variant in (text, text.lower(), text.upper()):
            assert words(variant) == TOKEN.findall(variant), variant


def test_words_stays_fast_on_hostile_input():
    from tosaudit.rewrite.transforms import words

    text = "a-" * 2_500_000  # 5 MB: a joiner after every letter, one word
    start = time.perf_counter()
    assert words(text) == ["-".join("a" * 2_500_000)]
    assert words("-/" * 2_500_000) == []
    assert time.perf_counter() - start < 5


def test_ascii_scan_is_the_regex_scan():
    from tosaudit.rewrite import transforms as tf

    texts = [*EDGE, *JOINER_EDGE, *corpus_sentences()]
    texts += [
        "Prior to, and in lieu of, the foregoing, pursuant  to\tthe terms hereof, null and void.",
        "in order to, in order  to, In Order To, in order,to; in-order-to",
    ]
    for text in texts:
        if text.isascii():
            assert tf._scan_ascii(text) == tf._scan_any(text), text


def test_word_starts_are_the_token_offsets():
    from tosaudit.rewrite.transforms import TOKEN, _word_starts

    for text in [*JOINER_EDGE, *corpus_sentences()[:3000]]:
        if text.isascii():
            words, starts = _word_starts(text)
            assert words == [m.group(0).lower() for m in TOKEN.finditer(text)]
            assert starts == [m.start() for m in TOKEN.finditer(text)]
            # As written (the actors check reads the case of each word).
            assert _word_starts(text, lower=False) == (TOKEN.findall(text), starts)


def test_cap_keeps_list_labels_as_the_full_pattern_does():
    labels = ["b. we may", "iv) you", "12. the", "\u0663. x", "z) y", "abcde. no", "A. yes"]
    labels += ["", " ", "\u00e9t\u00e9", "1", "x", "(a) item", "e.g. this"]
    for text in [*labels, *corpus_sentences()[:3000]]:
        stripped = text.lstrip()
        if splitter._ITEM_LABEL.match(stripped):
            expected = stripped
        else:
            expected = stripped[:1].upper() + stripped[1:]
        assert splitter._cap(text) == expected, text


def test_article_search_from_the_end_is_the_full_search():
    from tosaudit.rewrite.transforms import _ARTICLE_BEFORE, _article_before

    prefixes = ["", " ", "a ", "an ", "A  ", "AN\n", "xan ", "ban ", "a", "an", "Use a ", "1an "]
    prefixes += ["it is an\u00a0", "\u00e9a ", "the_an ", "of an \n ", "as a\tb "]
    for sentence in corpus_sentences()[:1500]:
        prefixes.extend(sentence[: m.end()] for m in re.finditer(r"\s+", sentence))
    for prefix in prefixes:
        full = _ARTICLE_BEFORE.search(prefix)
        fast = _article_before(prefix)
        assert (full and (full.span(), full.groups())) == (fast and (fast.span(), fast.groups()))


def test_fk_words_is_readability_words_of():
    from tosaudit.readability import words_of
    from tosaudit.rewrite.verify import _fk_words

    ascii_chars = "".join(map(chr, range(128)))
    texts = [*EDGE, *JOINER_EDGE, *_generated(5000), ascii_chars, *corpus_sentences()]
    texts += [f"x{c}y z{c} {c}" for c in ascii_chars]
    for text in texts:
        assert _fk_words(text) == words_of(text), text


def test_facts_number_shortcut_keeps_every_number():
    from collections import Counter

    from tosaudit.rewrite.verify import _NUMBER, facts

    texts = [*EDGE, *corpus_sentences(), "Pay 1,000.50 within 30 days.", "No digits here."]
    texts += ["Arabic-Indic \u0663\u0664 days.", "Full-width \uff11\uff12 days."]  # \d matches
    for text in texts:
        numbers = facts.__wrapped__(text).numbers
        digits = {k: n for k, n in numbers.items() if not k.isalpha()}  # not "two", "thirty"
        assert digits == dict(Counter(_NUMBER.findall(text))), text
    assert facts.__wrapped__(texts[-2]).numbers == {"\u0663\u0664": 1}


def test_fk_grade_counts_words_missing_from_the_syllable_cache():
    from tosaudit import readability
    from tosaudit.rewrite.verify import fk_grade

    units = ["Notwithstanding the aforementioned stipulations, remuneration is due."]
    warm = fk_grade(units)
    readability.clear_caches()  # every word now missing: counted, not looked up
    assert fk_grade(units) == warm
    assert fk_grade(units) == warm  # and now cached


PASSIVE_EDGE = [
    "Fees will be charged by us.",
    "Fees WILL BE CHARGED by us; data is stored, x-is used, non-are kept.",
    "It was-based here; been there; the isle is Ok; we are-ed.",
    "Nothing passive in this sentence at all.",
    "The data\tis\nprocessed and\u00a0was collected.",  # non-ASCII white space: full pass
    "Biscuits; basement; wherever; Amazon; island.",
]


def test_passive_shortcut_finds_every_passive():
    from tosaudit.rewrite import transforms as tf

    for text in [*PASSIVE_EDGE, *JOINER_EDGE, *corpus_sentences()]:
        for variant in (text, text.upper()):
            full = [m.span() for m in tf._PASSIVE.finditer(variant) if tf.is_participle(m.group(6))]
            assert [m.span() for m in tf._passives.__wrapped__(variant)] == full, variant
    assert tf._passives.__wrapped__(PASSIVE_EDGE[1])  # "x-is used": no \w before "is"
