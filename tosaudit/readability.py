"""Readability: the only module that imports textstat.

textstat's own functions re-tokenise the whole text for every metric. An audit needs the same
metrics for the document, every section and every sentence, so we count once per sentence
(words, syllables, polysyllables, hard words, letters, characters) with textstat's word lists and
syllable counter, then derive every metric for any span by adding counts. The formulas are
textstat 0.7.13's, and a test checks the results against textstat itself.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, repeat
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick

from tosaudit.nltk_data import ensure_cmudict

ensure_cmudict()  # before textstat: its syllable counter must never call nltk.download

import textstat  # noqa: E402
from textstat.backend.utils import get_cmudict, get_lang_easy_words, get_pyphen  # noqa: E402

# textstat's own word rules (backend/utils/constants.py and selections/_list_words.py).
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCT_KEEP_APOS = re.compile(r"[^\w\s']")

_EASY_WORDS: frozenset[str] = frozenset(get_lang_easy_words("en_US"))
_SYLLABLES: dict[str, int] = {}
LINSEAR_WORDS = 100  # textstat's strict_upper window for Linsear Write


_LAST = itemgetter(-1)
_DICTIONARY_LOADED = False
_CMU: dict[str, list[list[str]]] = {}
_PYPHEN = get_pyphen("en_US")  # the hyphenator textstat falls back to (loaded once)

# ARPAbet, the CMU dictionary's phone set: 1 for a vowel with its stress digit, 0 for the rest.
# textstat counts a pronunciation's phones whose last character is a digit; summing these exact
# ints is about half the cost of summing ``str.isdigit`` booleans (``sum`` adds bools through
# the generic number protocol). A phone missing here takes textstat's own test (``_stresses``);
# a test checks the table against every phone of the dictionary.
_VOWELS = "AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split()
_CONSONANTS = "B CH D DH F G HH JH K L M N NG P R S SH T TH V W Y Z ZH".split()
_STRESS: dict[str, int] = {
    **{v + d: 1 for v in _VOWELS for d in "012"},
    **dict.fromkeys(_VOWELS + _CONSONANTS, 0),
}


def _load_dictionary() -> None:
    """Load textstat's CMU dictionary once, then keep the garbage collector off it."""
    global _DICTIONARY_LOADED, _CMU
    textstat.syllable_count("dictionary")  # textstat loads the dictionary on first use
    _CMU = get_cmudict("en_US") or {}  # the very dictionary textstat looks words up in
    # The dictionary is ~460k long-lived lists that are never freed; without freezing them
    # every full collection walks them all (measured: 0.1-0.2 s per pass over 19 ToS).
    gc.collect()
    gc.freeze()
    _hyphenation()  # Pyphen's patterns compiled with the dictionary, not at the first rare word
    _DICTIONARY_LOADED = True


def _stresses(phones: list[str]) -> int:
    """How many phones end in a digit (textstat's syllables of a CMU pronunciation)."""
    try:
        return sum(map(_STRESS.__getitem__, phones))
    except KeyError:
        return sum(map(str.isdigit, map(_LAST, phones)))


@lru_cache(maxsize=1)  # a loader of shipped data: Pyphen's patterns, compiled once
def _hyphenation() -> ahocorasick.Automaton:
    """Pyphen's hyphenation patterns as one automaton over their keys.

    Each key maps to where its values start relative to the key's last character, and the
    values.
    """
    auto = ahocorasick.Automaton()
    for key, (offset, values) in _PYPHEN.hd.patterns.items():
        auto.add_word(key, (offset - len(key) + 1, tuple(values)))
    auto.make_automaton()
    return auto


def _hyphen_points(word: str) -> int:
    """``len(_PYPHEN.positions(word))``: how many hyphenation points Pyphen finds.

    Pyphen applies Liang's patterns by looking every substring of the dotted word up in its
    pattern dictionary (a Python loop of length x longest pattern, about 200,000 instructions
    a word); here one automaton pass over the dotted word finds the same patterns at the same
    places, and each raises the same points to its values. (Pyphen tries no substring that
    starts at the final dot: only a pattern "." could match there, and a test checks there is
    none.) Points closer than ``left``/``right`` to the ends are dropped, as Pyphen does. A
    test compares both on random and real words.
    """
    dotted = f".{word.lower()}."
    size = len(dotted)
    points = [0] * (size + 1)  # Pyphen's ``references``
    for end, (back, values) in _hyphenation().iter(dotted):
        at = end + back
        for value in values:
            if at <= size and value > points[at]:  # Pyphen's slice stops at the list's end
                points[at] = value
            at += 1
    # Pyphen's position of points[k] is k - 1; it keeps left <= k - 1 <= len(word) - right.
    top = min(len(word) - _PYPHEN.right + 1, size)
    return sum([points[k] & 1 for k in range(_PYPHEN.left + 1, top + 1)])


def _lower_word_syllables(word: str) -> int:
    """textstat's syllables of one word of its own word list: stress digits of the first CMU
    pronunciation, else Pyphen's hyphenation points + 1."""
    entry = _CMU.get(word)
    if entry:
        return _stresses(entry[0])
    return _hyphen_points(word) + 1


def syllables(word: str) -> int:
    """Syllables of one lower-case word (CMU dictionary, then Pyphen), cached."""
    n = _SYLLABLES.get(word)
    if n is not None:
        return n
    if not _DICTIONARY_LOADED:
        _load_dictionary()
    if len(word) > 64:
        # No real word is this long (a pasted blob, a 5 MB token); Pyphen is super-linear on it.
        return max(1, len(word) // 3)
    if word.isalpha() and word.islower():
        # textstat's own rule without its per-call tokenising, which leaves a lower-case
        # all-letter word unchanged.
        n = _lower_word_syllables(word)
    else:
        # ``textstat.syllable_count(word)``: its word list (punctuation removed but for
        # contractions' apostrophes, lower case), then the same rule per word.
        parts = _PUNCT_KEEP_APOS.sub("", _NONCONTRACTION_APOSTROPHE.sub("", word)).lower()
        n = sum(map(_lower_word_syllables, parts.split()))
    if len(_SYLLABLES) < 500_000:
        _SYLLABLES[word] = n
    return n


def words_of(text: str) -> list[str]:
    """The words textstat counts: punctuation removed, contractions kept."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCT_KEEP_APOS.sub("", text).split()


class Counts(NamedTuple):
    """Additive counts from which every readability metric of a span is derived.

    A named tuple, immutable like a frozen dataclass: one is built per sentence (thousands per
    document), and a frozen dataclass's ``__init__`` sets its 14 fields one
    ``object.__setattr__`` call at a time (measured: about 5 us a sentence, half of counting it).
    ``+`` adds counts (it does not concatenate).
    """

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # three or more syllables
    fog_hard: int = 0  # not a Dale-Chall easy word and three or more syllables (textstat, en)
    dc_hard: int = 0  # not a Dale-Chall easy word
    letters: int = 0
    chars: int = 0  # non-space characters, punctuation included (ARI)
    tokens: int = 0  # whitespace-separated tokens, punctuation included (ARI)
    long_sentences: int = 0
    lw_easy: int = 0  # Linsear Write over the span's first 100 words
    lw_hard: int = 0
    lw_words: int = 0
    lw_sentences: int = 0

    def __add__(self, other: Counts) -> Counts:  # type: ignore[override]
        room = LINSEAR_WORDS - self.lw_words
        if room <= 0 or other.lw_words == 0:
            lw = (self.lw_easy, self.lw_hard, self.lw_words, self.lw_sentences)
        else:
            take = min(room, other.lw_words) / other.lw_words
            lw = (
                self.lw_easy + round(other.lw_easy * take),
                self.lw_hard + round(other.lw_hard * take),
                self.lw_words + min(room, other.lw_words),
                self.lw_sentences + other.lw_sentences,
            )
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.fog_hard + other.fog_hard,
            self.dc_hard + other.dc_hard,
            self.letters + other.letters,
            self.chars + other.chars,
            self.tokens + other.tokens,
            self.long_sentences + other.long_sentences,
            *lw,
        )


# Per-word profile packed into one int, so a sentence's five word counts are one C-level
# ``sum`` over dictionary look-ups instead of a Python loop with branches per word. The four
# 0/1 flags get 12 bits each and the syllables the bits above them: a sum of fewer than 4,096
# profiles never carries a flag into the next field, and for any real sentence it stays below
# 2**63, where ``sum`` adds machine integers without allocating (with 40-bit fields every
# partial sum was a multi-digit int). Longer runs are summed in chunks (``_sum_profiles``).
_FLAG_BITS = 12
_FLAG_MASK = (1 << _FLAG_BITS) - 1
_CHUNK = _FLAG_MASK  # profiles per sum: each flag field then holds at most 4,095
_POLY = 1  # three or more syllables
_FOG = 1 << _FLAG_BITS  # not a Dale-Chall easy word and three or more syllables
_DC = 1 << 2 * _FLAG_BITS  # not a Dale-Chall easy word
_LW_EASY = 1 << 3 * _FLAG_BITS  # one or two syllables (Linsear Write's easy words)
_SYL_SHIFT = 4 * _FLAG_BITS  # syllables above the flags
_PROFILES: dict[str, int] = {}


def _profile(low: str) -> int:
    """The packed profile of one lower-case word (cached like its syllables)."""
    n = syllables(low)
    p = n << _SYL_SHIFT
    if n >= 3:
        p += _POLY
    elif n > 0:
        p += _LW_EASY
    if low not in _EASY_WORDS:
        p += _DC
        if n >= 3:
            p += _FOG
    if len(low) <= 64 and len(_PROFILES) < 500_000:
        _PROFILES[low] = p
    return p


def _sum_profiles(profiles: list[int]) -> tuple[int, int, int, int, int]:
    """(syllables, polysyllables, fog_hard, dc_hard, lw_easy) of packed word profiles."""
    n = len(profiles)
    sums = (
        [sum(profiles)]
        if n <= _CHUNK
        else [sum(profiles[i : i + _CHUNK]) for i in range(0, n, _CHUNK)]
    )
    syl = poly = fog = dc = easy = 0
    for s in sums:
        syl += s >> _SYL_SHIFT
        poly += s & _FLAG_MASK
        fog += (s >> _FLAG_BITS) & _FLAG_MASK
        dc += (s >> 2 * _FLAG_BITS) & _FLAG_MASK
        easy += (s >> 3 * _FLAG_BITS) & _FLAG_MASK
    return syl, poly, fog, dc, easy


# The ASCII characters textstat's punctuation removal (``_PUNCT_KEEP_APOS``) deletes, found
# with that very pattern: for an ASCII text one ``bytes.translate`` does the same removal.
_ASCII_PUNCT = bytes(c for c in range(128) if _PUNCT_KEEP_APOS.match(chr(c)))


# ASCII bytes to b" " where ``str.split`` splits (its white space, \x1c-\x1f included) and
# to b"x" elsewhere.
_SHAPE = bytes(ord(" ") if chr(c).isspace() else ord("x") for c in range(256))


def clear_caches() -> None:
    """Empty the per-word caches (benchmarks time a cold pass with this)."""
    _SYLLABLES.clear()
    _PROFILES.clear()
    _count_sentence_cached.cache_clear()
    _metrics_cached.cache_clear()


def count_sentence(text: str, long_words: int = 25) -> Counts:
    """Count one sentence's words, syllables and hard words in a single pass."""
    # Lower-casing the whole stripped text then splitting gives the same words as lower-casing
    # each word: no character lower-cases to or from white space, and Greek final sigma only
    # looks at neighbouring letters, which white space ends.
    if text.isascii():
        raw = text.encode("ascii")
        # ARI's characters and tokens as ``str.split`` sees them, from one translation to
        # "x" (a character) and " " (white space) and two C-level counts: no token strings.
        shape = raw.translate(_SHAPE)
        chars = shape.count(b"x")
        n_tokens = shape.count(b" x") + (shape[:1] == b"x")
        # The same two removals: the apostrophe pattern only where there is one, then the
        # punctuation as bytes (a regex substitution costs about 2 us even on a short text).
        kept = _NONCONTRACTION_APOSTROPHE.sub("", text).encode("ascii") if "'" in text else raw
        stripped = kept.translate(None, _ASCII_PUNCT).decode("ascii")
    else:
        tokens = text.split()
        chars = len("".join(tokens))
        n_tokens = len(tokens)
        stripped = _PUNCT_KEEP_APOS.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))
    lows = stripped.lower().split()
    try:
        # Every word seen before (the common case once a document is under way): no scan of
        # the list for misses, which compares each profile with None.
        profiles = list(map(_PROFILES.__getitem__, lows))
    except KeyError:
        profiles = [_PROFILES.get(w) or _profile(w) for w in lows]
    syl, poly, fog, dc, easy = whole = _sum_profiles(profiles)
    nw = len(lows)
    head = _sum_profiles(profiles[:LINSEAR_WORDS]) if nw > LINSEAR_WORDS else whole
    # Letters are the text's \w characters. ``stripped`` holds exactly those, the text's white
    # space (never removed) and the apostrophes kept: counting them costs no further regex pass.
    letters = len(stripped) - stripped.count("'") - (len(text) - chars)
    one = 1 if nw else 0
    # Positional, in field order (keywords cost twice as much to pass): sentences, words,
    # syllables, polysyllables, fog_hard, dc_hard, letters, chars, tokens, long_sentences,
    # lw_easy, lw_hard, lw_words, lw_sentences.
    return Counts(
        one,
        nw,
        syl,
        poly,
        fog,
        dc,
        letters,
        chars,
        n_tokens,
        1 if nw > long_words else 0,
        head[4],
        head[1],
        min(nw, LINSEAR_WORDS),
        one,
    )


# A sentence repeated within a document (a notice, boilerplate) or across documents (one policy
# in several formats, policies from one template) is counted once. Bounded, and emptied with
# the other per-text caches.
_count_sentence_cached = lru_cache(maxsize=4096)(count_sentence)


# The fields that add up plainly: Counts' first ten, before Linsear Write's window.
_ADDITIVE = Counts._fields.index("lw_easy")


def total(parts: Iterable[Counts]) -> Counts:
    """Sum counts in document order (order matters only for Linsear Write's window).

    The same result as adding the parts one by one with ``+``, without building an
    intermediate Counts per part.
    """
    parts = list(parts)
    if not parts:
        return Counts()
    # Counts are tuples: transposing them gives the fields' columns without an attribute
    # look-up per field and part (measured: twice as fast as an attrgetter per part).
    sums = [sum(column) for column in islice(zip(*parts, strict=True), _ADDITIVE)]
    # Linsear Write's window fills up from the first parts only: Counts.__add__'s arithmetic.
    easy = hard = words = sentences = 0
    for part in parts:
        room = LINSEAR_WORDS - words
        if room <= 0:
            break
        if part.lw_words == 0:
            continue
        take = min(room, part.lw_words) / part.lw_words
        easy += round(part.lw_easy * take)
        hard += round(part.lw_hard * take)
        words += min(room, part.lw_words)
        sentences += part.lw_sentences
    return Counts(*sums, easy, hard, words, sentences)


def _floor_ceil_near(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def _commonest(grades: list[int]) -> int:
    """The commonest grade, the first seen among equals: ``Counter(grades).most_common(1)``.

    textstat's own choice, without building a Counter for some twenty small numbers: ``max``
    keeps the first of equal counts, and a Counter lists its keys in order of first sight,
    as ``dict.fromkeys`` does. Counting each distinct grade (about eight) instead of each of
    the twenty-odd grades makes a third of the comparisons.
    """
    return max(dict.fromkeys(grades), key=grades.count)


# Below this magnitude a hundredfold float is within 1e-7 of the exact product (half an ulp
# of 1e9 is 6e-8), so only a product within 1e-6 of a half can round differently.
_ROUND2_LIMIT = 1e9


def round2(x: float) -> float:
    """``round(x, 2)``, the same float, without its trip through a decimal string.

    ``round`` with digits prints the number with ``snprintf`` and parses it back: about
    2,000 instructions, and the readability stage rounds a dozen figures per section and two
    per sentence. The nearest hundredth is ``n / 100`` for ``n`` the exact ``100 * x``
    rounded to an integer (a correctly rounded division, as ``round``'s parse is); the
    float product decides ``n`` unless it lies within 1e-6 of a half, where ``round``
    itself decides. Zero keeps ``x``'s sign (``round(-0.001, 2)`` is ``-0.0``); NaN,
    infinities and huge values go to ``round``. A test compares both on random floats.
    """
    y = x * 100.0
    if -_ROUND2_LIMIT < y < _ROUND2_LIMIT:
        n = math.floor(y)
        frac = y - n  # exact but for -1 < y < 0, and then off by under 1e-16
        if frac < 0.499999 or frac > 0.500001:
            if frac > 0.5:
                n += 1
            return n / 100 if n else math.copysign(0.0, x)
    return round(x, 2)


def metrics(c: Counts, words_per_minute: int = 238) -> dict[str, Any]:
    """Every metric of a span from its counts (textstat 0.7.13's formulas)."""
    s, w = c.sentences, c.words
    wps = w / s if s else 0.0
    spw = c.syllables / w if w else 0.0
    fre = 206.835 - 1.015 * wps - 84.6 * spw if wps and spw else 0.0
    fk = 0.39 * wps + 11.8 * spw - 15.59 if wps and spw else 0.0
    fog = 0.4 * (wps + 100 * c.fog_hard / w) if w else 0.0
    smog = 1.043 * (30 * c.polysyllables / s) ** 0.5 + 3.1291 if s else 0.0
    cli = 0.058 * (100 * c.letters / w) - 0.296 * (100 * s / w) - 15.8 if w and c.letters else 0.0
    cpw = c.chars / c.tokens if c.tokens else 0.0
    ari = 4.71 * cpw + 0.5 * wps - 21.43 if cpw and wps else 0.0
    pdw = 100 * c.dc_hard / w if w else 0.0
    dc = (0.1579 * pdw + 0.0496 * wps + (3.6365 if pdw > 5 else 0.0)) if w else 0.0
    lw = 0.0
    if c.lw_sentences:
        lw = (c.lw_easy + 3 * c.lw_hard) / c.lw_sentences
        lw = (lw - 2 if lw <= 20 else lw) / 2
    grades: list[int] = []
    for score in (fk, smog, cli, ari, dc, lw, fog):
        grades += _floor_ceil_near(score)
    for bound, grade in ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12)):
        if bound <= fre < 100:
            grades += [8, 9] if grade == 8 else [grade]
            break
    else:
        grades.append(13)
    standard = max(1, min(_commonest(grades), 18)) if w else 0
    low = int(standard) - 1
    return {
        "flesch_reading_ease": round2(fre),
        "flesch_kincaid_grade": round2(fk),
        "gunning_fog": round2(fog),
        "smog_index": round2(smog),
        "coleman_liau_index": round2(cli),
        "automated_readability_index": round2(ari),
        "dale_chall_readability_score": round2(dc),
        "text_standard": f"{_ordinal(low)} and {_ordinal(low + 1)} grade" if w else "",
        "text_standard_grade": float(standard),
        "words": w,
        "sentences": s,
        "average_sentence_length": round2(wps),
        "long_sentence_share": round(c.long_sentences / s, 4) if s else 0.0,
        "reading_time_minutes": round2(w / words_per_minute),
    }


# Metrics are a function of the counts alone, and Counts is a hashable tuple: a section with
# no prose of its own (a heading over subsections: about a third of the CLAUDETTE documents'
# sections) has the empty Counts, and a policy in several formats repeats its sections'
# counts. Each distinct one is worked out once (about 25 us of arithmetic, rounding and
# string formatting); callers get their own copy of the dict. Bounded, and emptied with the
# other per-text caches.
_metrics_cached = lru_cache(maxsize=4096)(metrics)


def _metrics_copy(c: Counts, words_per_minute: int) -> dict[str, Any]:
    """``metrics(c, words_per_minute)``, a fresh dict each call (values are immutable)."""
    return _metrics_cached(c, words_per_minute).copy()


@dataclass(frozen=True)
class Readability:
    """Readability of one document: whole, per section and per sentence, from one counting pass."""

    document: dict[str, Any]
    sections: tuple[dict[str, Any], ...]
    sentence_counts: tuple[Counts, ...]
    sentence_grades: tuple[float, ...]
    sentence_ease: tuple[float, ...]


def analyse(
    sentence_texts: Sequence[str],
    section_of_sentence: Sequence[int],
    n_sections: int,
    long_words: int = 25,
    words_per_minute: int = 238,
) -> Readability:
    """Count each sentence once, then derive document and section metrics by addition."""
    counts = tuple(map(_count_sentence_cached, sentence_texts, repeat(long_words)))
    grades: list[float] = []
    eases: list[float] = []
    for c in counts:
        wps = c.words / c.sentences if c.sentences else 0.0
        spw = c.syllables / c.words if c.words else 0.0
        grades.append(round2(0.39 * wps + 11.8 * spw - 15.59) if c.words else 0.0)
        eases.append(round2(206.835 - 1.015 * wps - 84.6 * spw) if c.words else 0.0)
    per_section: list[list[Counts]] = [[] for _ in range(n_sections)]
    for c, sec in zip(counts, section_of_sentence, strict=True):
        if 0 <= sec < n_sections:
            per_section[sec].append(c)
    return Readability(
        document=_metrics_copy(total(counts), words_per_minute),
        sections=tuple(_metrics_copy(total(p), words_per_minute) for p in per_section),
        sentence_counts=counts,
        sentence_grades=tuple(grades),
        sentence_ease=tuple(eases),
    )


def textstat_reference(text: str) -> dict[str, Any]:
    """textstat's own eight metrics for a text (for tests and the throughput benchmark)."""
    return {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
        "coleman_liau_index": textstat.coleman_liau_index(text),
        "automated_readability_index": textstat.automated_readability_index(text),
        "dale_chall_readability_score": textstat.dale_chall_readability_score(text),
        "text_standard": textstat.text_standard(text),
    }
