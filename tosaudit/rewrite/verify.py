"""Verification: a rewrite is offered only if it keeps what the original says.

Checks (each named in the report): numbers, money, percentages, durations, dates, e-mail
addresses, URLs, negations, modal strength, defined terms, proper names, who does what (the
actor of each main verb, ``tosaudit.rewrite.actors``), and a lower Flesch-Kincaid grade. A
check compares what it extracts from the original and the rewrite; a rewrite that fails any
check is not offered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache, partial
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from tosaudit import readability
from tosaudit.readability import syllables, words_of
from tosaudit.rewrite.actors import _actions_cached, same_actors
from tosaudit.rewrite.transforms import (
    _EMAIL,
    _URL,
    ASCII_WORD_CHARS,
    ascii_tokens,
    is_all_caps,
    whole_word_finds,
    words,
)

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_DIGITS = b"0123456789"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion half twice double".split()
)
NEGATIONS = (
    "not",
    "no",
    "never",
    "without",
    "unless",
    "except",
    "nor",
    "neither",
    "none",
    "nothing",
    "nobody",
    "nowhere",
)
# Every pattern starts with a literal word and checks the word boundary behind it afterwards:
# a leading \b or lookbehind makes the regex engine try every position (about 40x slower).
_NEG_EQUIV = [  # phrases that say the same negation in other words
    (re.compile(r"this(?<=\bthis) does not apply if\b"), "unless", "does not apply if"),
    (re.compile(r"with(?<=\bwith) the exception of\b"), "except", "exception"),
    (re.compile(r"except(?<=\bexcept) for\b"), "except", "except"),
    (re.compile(r"in(?<=\bin) the absence of\b"), "without", "absence"),
    (re.compile(r"cannot(?<=\bcannot)\b"), "can not", "cannot"),
    (re.compile(r"unable(?<=\bunable)\s+to\b"), "can not", "unable"),
    (re.compile(r"n't\b"), " not", "n't"),
    (re.compile(r"n\u2019t\b"), " not", "n\u2019t"),
]
_MODAL_EQUIV = [
    (re.compile(r"can(?<=\bcan)(?:not\b|['\u2019]t\b)"), "can not", "can"),
    (re.compile(r"won(?<=\bwon)['\u2019]t\b"), "will not", "won"),
    (re.compile(r"shan(?<=\bshan)['\u2019]t\b"), "shall not", "shan"),
    (
        re.compile(
            r"(?:is(?<=\bis)|are(?<=\bare)|am(?<=\bam))\s+(?:required|obligated|obliged)\s+to\b"
        ),
        "must",
        "ed to",
    ),
    (re.compile(r"(?:is(?<=\bis)|are(?<=\bare))\s+authori[sz]ed\s+to\b"), "may", "authori"),
    # The plain words the table gives for "authorized to" and "permitted to": all one "may".
    (re.compile(r"(?:is(?<=\bis)|are(?<=\bare))\s+allowed\s+to\b"), "may", "allowed to"),
    (re.compile(r"(?:is(?<=\bis)|are(?<=\bare))\s+permitted\s+to\b"), "may", "permitted to"),
    (re.compile(r"(?:is(?<=\bis)|are(?<=\bare))\s+(?:un)?able\s+to\b"), "can", "able to"),
    (
        re.compile(r"(?:has(?<=\bhas)|have(?<=\bhave))\s+the\s+ability\s+to\b"),
        "can",
        "ability",
    ),
    (re.compile(r"it(?<=\bit)\s+is\s+incumbent\s+upon\b"), "must", "incumbent"),
]
MODALS = ("must", "shall", "will", "may", "can", "should", "would", "could", "might")


class Check(NamedTuple):
    """One named check of a rewrite (a tuple: built for every candidate, so kept light)."""

    name: str
    ok: bool
    detail: str = ""

    def record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"check": self.name, "ok": self.ok}
        if self.detail:
            rec["detail"] = self.detail
        return rec


# ``Check(name, ok, detail)`` without the Python-level ``__new__`` a NamedTuple adds.
_new_check = partial(tuple.__new__, Check)

# Passed checks say nothing beyond their name: one shared (immutable) tuple each, instead of a
# new one per check and candidate.
_PASSED = {
    name: Check(name, True)
    for name in (
        "numbers money percentages durations dates emails urls negations modals defined_terms "
        "proper_names actors"
    ).split()
}
_OK = itemgetter(1)  # Check.ok, read in C
_FACTS_PASSED = tuple(
    _PASSED[name]
    for name in "numbers money percentages durations dates emails urls negations modals".split()
)
_NAMES_SHOUTED = Check("proper_names", True, "not applicable: all caps")
_ACTORS_IN_PLACE = Check("actors", True, "not applicable: words replaced in place")


# The ASCII characters ``readability.words_of`` removes (neither \w, nor white space, nor an
# apostrophe), read off its own behaviour so the two cannot disagree.
_FK_DELETE = bytes(
    c
    for c in range(128)
    if chr(c) != "'" and not chr(c).isspace() and words_of(f"x{chr(c)}y") != [f"x{chr(c)}y"]
)


def _fk_words(unit: str) -> list[str]:
    """``readability.words_of(unit)``: for ASCII text without an apostrophe (which its first
    pattern looks at), one C-level byte deletion instead of two regex substitutions."""
    if "'" in unit or not unit.isascii():
        return words_of(unit)
    return unit.encode("ascii").translate(None, _FK_DELETE).decode("ascii").split()


def _fk_lows(unit: str) -> list[str]:
    """``_fk_words(unit)`` in lower case: for ASCII text (where lower-casing changes no word
    boundary) the whole unit is lowered once instead of each word."""
    if "'" in unit or not unit.isascii():
        return list(map(str.lower, words_of(unit)))
    return _fk_words(unit.lower())


def fk_grade(units: Iterable[str]) -> float:
    """Flesch-Kincaid grade of one or more sentences, as the audit scores them.

    Same words, syllables and formula as ``readability.count_sentence`` + ``metrics``, but only
    the two counts the grade needs: every candidate rewrite is scored, so the other six metrics
    (and their hard-word lookups) would be wasted work.
    """
    sentences = n_words = syl = 0
    for unit in units:
        lows = _fk_lows(unit)
        if not lows:
            continue  # a blank unit, or one without words, counts no sentence (as in total())
        sentences += 1
        n_words += len(lows)
        # Read the audit's syllable cache in C (read only); a word not in it yet (a word the
        # rewrite brought in: its None stops the sum) is counted, and cached, by
        # readability.syllables.
        try:
            syl += sum(map(readability._SYLLABLES.get, lows))
        except TypeError:
            syl += sum(map(syllables, lows))
    if not n_words:
        return 0.0
    wps = n_words / sentences
    spw = syl / n_words
    fk = 0.39 * wps + 11.8 * spw - 15.59 if wps and spw else 0.0
    return float(round(fk, 2))


def _lost(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted((Counter(before) - Counter(after)).elements())


def _same(name: str, before: dict[str, int], after: dict[str, int]) -> Check:
    # Facts hold plain dicts without zero counts, so dict equality is exact (and C-level).
    if before == after:
        return _PASSED[name]
    lost, added = _lost(before, after), _lost(after, before)
    detail = "; ".join(
        p
        for p in (
            f"lost {', '.join(lost)}" if lost else "",
            f"added {', '.join(added)}" if added else "",
        )
        if p
    )
    return Check(name, False, detail)


# Substrings one of which a rule's pattern needs besides its trigger (which is shorter and
# found in many sentences that the pattern does not match: "can" in "cancel", "ed to").
_NEEDLES = {
    "can": ("cannot", "can'", "can\u2019"),
    "ed to": ("required", "obligated", "obliged"),
}


def _normalise(low: str, rules: list[tuple[re.Pattern[str], str, str]]) -> str:
    for rx, rep, trigger in rules:
        # (substring tests are far cheaper than a regex pass)
        if trigger in low and (trigger not in _NEEDLES or _any_in(_NEEDLES[trigger], low)):
            low = rx.sub(rep, low)
    return low


def _any_in(needles: tuple[str, ...], low: str) -> bool:
    for needle in needles:
        if needle in low:
            return True
    return False


# Pieces several triggers share ("ab" of "absence", "unable", "able to" and "ability"): one
# scan for a piece rules out every trigger holding it, instead of a scan per trigger (the
# triggers are rare, and each absent one costs a scan of the whole text).
_PIECES = ("ab", "can", "except", "ed to", "'")


def _rules_without(
    rules: list[tuple[re.Pattern[str], str, str]], absent: tuple[str, ...]
) -> list[tuple[re.Pattern[str], str, str]]:
    """``rules`` less those whose trigger holds one of the ``absent`` pieces."""
    return [rule for rule in rules if not any(piece in rule[2] for piece in absent)]


# Indexed by a bit per piece of _PIECES found in the text: (negation rules, modal rules) that
# can fire in it.
_GATED_RULES = [
    tuple(
        _rules_without(rules, tuple(p for i, p in enumerate(_PIECES) if not found >> i & 1))
        for rules in (_NEG_EQUIV, _MODAL_EQUIV)
    )
    for found in range(1 << len(_PIECES))
]


def _normalise_both(low: str) -> tuple[str, str]:
    """``(_normalise(low, _NEG_EQUIV), _normalise(low, _MODAL_EQUIV))``, without a scan for
    the triggers whose shared piece the text lacks.

    A left-out rule cannot fire before the text changes (its trigger is not in it). Should
    any rule change the text, the full list runs again: a substitution might bring in a
    trigger the pieces ruled out.
    """
    # One bit per piece of _PIECES, in its order, written out: a loop over the tuple costs
    # about 0.4 % of the whole audit's instructions more (callgrind).
    neg_rules, modal_rules = _GATED_RULES[
        ("ab" in low)
        | ("can" in low) << 1
        | ("except" in low) << 2
        | ("ed to" in low) << 3
        | ("'" in low) << 4
    ]
    neg_low = _normalise(low, neg_rules)
    if neg_low != low:
        neg_low = _normalise(low, _NEG_EQUIV)
    modal_low = _normalise(low, modal_rules)
    if modal_low != low:
        modal_low = _normalise(low, _MODAL_EQUIV)
    return neg_low, modal_low


class Facts(NamedTuple):
    """What a text says that a rewrite must keep, extracted in one pass."""

    # Plain dicts of positive counts (a Counter per field and candidate was measurable).
    numbers: dict[str, int]
    money: dict[str, int]
    percentages: dict[str, int]
    durations: dict[str, int]
    dates: dict[str, int]
    emails: tuple[str, ...]
    urls: tuple[str, ...]
    negations: dict[str, int]
    modals: dict[str, int]


# ``Facts(*fields)`` without the Python-level ``__new__`` a NamedTuple adds (two per verify).
# (fields in the class's order: numbers money percentages durations dates emails urls
# negations modals)
_new_facts = partial(tuple.__new__, Facts)

_NUMBER_SET = frozenset(_NUMBER_WORDS)
_NEG_SET = frozenset(NEGATIONS)
_MODAL_SET = frozenset(MODALS)


_MONTH_WORDS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_UNIT_WORDS = {
    w + suffix: w
    for w in ("day", "week", "month", "year", "hour", "minute")
    for suffix in ("", "s")
}
_CURRENCY_WORDS = frozenset("usd eur gbp dollar dollars euro euros pound pounds cent cents".split())
_CURRENCY_CHARS = "$\u20ac\u00a3\u00a5\u20b9"
_MAY_DATE = re.compile(r"may(?<=\bmay)\s+\d")


# word -> the (fact, key) pairs it counts towards, so one dict lookup per word classifies it.
_BASE_FACTS: dict[str, tuple[tuple[str, str], ...]] = {}
_NEG_MODAL_FACTS: dict[str, tuple[tuple[str, str], ...]] = {}


def _add(table: dict[str, tuple[tuple[str, str], ...]], word: str, fact: str, key: str) -> None:
    table[word] = (*table.get(word, ()), (fact, key))


for _w in _NUMBER_SET:
    _add(_BASE_FACTS, _w, "numbers", _w)
for _w in _CURRENCY_WORDS:
    _add(_BASE_FACTS, _w, "money", _w)
for _w in ("percent", "percentage"):
    _add(_BASE_FACTS, _w, "percentages", _w)
for _w, _unit in _UNIT_WORDS.items():
    _add(_BASE_FACTS, _w, "durations", _unit)
for _w in _MONTH_WORDS:
    _add(_BASE_FACTS, _w, "dates", _w)
for _w in _NEG_SET:
    _add(_NEG_MODAL_FACTS, _w, "negations", _w)
for _w in _MODAL_SET:
    _add(_NEG_MODAL_FACTS, _w, "modals", _w)
_ALL_FACTS = dict(_BASE_FACTS)
for _w, _pairs in _NEG_MODAL_FACTS.items():
    _ALL_FACTS[_w] = (*_ALL_FACTS.get(_w, ()), *_pairs)
_FACT_NAMES = ("numbers", "money", "percentages", "durations", "dates", "negations", "modals")


def _tally(
    acc: dict[str, dict[str, int]],
    toks: list[str],
    table: dict[str, tuple[tuple[str, str], ...]],
    only: str | None = None,
) -> None:
    # Few words of a sentence are in the table: pick them with a C-level filter (one dict
    # lookup per word, no set of the words built) and count each occurrence in Python.
    for w in filter(table.__contains__, toks):
        for fact, key in table[w]:
            if only is None or fact == only:
                d = acc[fact]
                d[key] = d.get(key, 0) + 1


def _fact_words(low: str) -> list[str]:
    """The words of ``low`` that can be table words: ``words(low)`` up to the spelling of a
    curly apostrophe inside a word.

    Non-ASCII text is made ASCII first (the curly apostrophe as the straight one, the joiner
    it stands for; every other non-ASCII character "?", a separator as it is for TOKEN), so it
    is split by the byte translation instead of a regex pass. Table words are letters only, so
    which of them a text holds, and how often, is the same.
    """
    if low.isascii():
        return words(low)
    return words(low.replace("\u2019", "'").encode("ascii", "replace").decode("ascii"))


# Small on purpose: only the original sentence repeats (once per candidate rewrite), and a big
# cache of Counters is thousands more objects for every full garbage collection to walk.
@lru_cache(maxsize=256)
def facts(text: str, shared: bool = False) -> Facts:
    """Numbers, amounts, dates, contacts, negations and modal verbs of a text (one token pass).

    ``shared``: read the words from ``ascii_tokens`` (the original sentence, whose words the
    legalese scan and the actors check read too); a new text reads its own, more cheaply.
    """
    low = text.lower()
    toks = ascii_tokens(text).lows if shared and text.isascii() else _fact_words(low)
    neg_low, modal_low = _normalise_both(low)
    numbers: dict[str, int] = {}
    # The names of _FACT_NAMES as a dict display: no comprehension frame per text.
    acc: dict[str, dict[str, int]] = {
        "numbers": numbers,
        "money": {},
        "percentages": {},
        "durations": {},
        "dates": {},
        "negations": {},
        "modals": {},
    }
    # Most sentences hold no digit: for ASCII text (where the pattern's \d is 0-9) a C-level
    # deletion of the digits tells, instead of a regex pass.
    ascii = text.isascii()
    if ascii:
        no_digits = len(text.encode("ascii").translate(None, _DIGITS)) == len(text)
    else:
        # The ASCII digits by the same deletion; the pattern's \d also takes any Unicode
        # decimal digit (str.isdecimal), looked for among the few non-ASCII characters
        # (curly quotes, dashes) instead of a \d pass over the whole text.
        kept = text.encode("ascii", "ignore")
        no_digits = len(kept.translate(None, _DIGITS)) == len(kept) and not any(
            map(str.isdecimal, _NON_ASCII.findall(text))
        )
    for n in () if no_digits else _NUMBER.findall(text):
        numbers[n] = numbers.get(n, 0) + 1
    money = acc["money"]
    if ascii:
        if "$" in text:  # (the other signs are not ASCII)
            money["$"] = text.count("$")
    else:
        for c in _CURRENCY_CHARS:
            if c in text:
                money[c] = text.count(c)
    if "%" in text:
        acc["percentages"]["%"] = text.count("%")
    if neg_low == low and modal_low == low:
        # (the usual case, inline: every fact of a table word counts it)
        for w in filter(_ALL_FACTS.__contains__, toks):
            for fact, key in _ALL_FACTS[w]:
                d = acc[fact]
                d[key] = d.get(key, 0) + 1
    else:
        # A rephrased negation or modal ("cannot" -> "can not") changes the words those two
        # facts count; the others still count the text as written.
        _tally(acc, toks, _BASE_FACTS)
        neg_toks = toks if neg_low == low else _fact_words(neg_low)
        _tally(acc, neg_toks, _NEG_MODAL_FACTS, "negations")
        modal_toks = toks if modal_low == low else _fact_words(modal_low)
        _tally(acc, modal_toks, _NEG_MODAL_FACTS, "modals")
    per_cent = low.count("per cent")
    if per_cent:
        pc = acc["percentages"]
        pc["per cent"] = pc.get("per cent", 0) + per_cent
    # "May 1": a date needs a digit (and "may" is in most sentences, as the modal verb).
    if "may" in low and not no_digits:
        n_may = sum(1 for _ in _MAY_DATE.finditer(low))
        if n_may:
            dates = acc["dates"]
            dates["may"] = dates.get("may", 0) + n_may
    return _new_facts(
        (
            numbers,
            money,
            acc["percentages"],
            acc["durations"],
            acc["dates"],
            tuple(_EMAIL.findall(text)) if "@" in text else (),
            tuple(m.group(0) for m in _URL.finditer(text))
            if ("http" in low or "www." in low)
            else (),
            acc["negations"],
            acc["modals"],
        )
    )


_facts_of = facts.__wrapped__
_actions_of = _actions_cached.__wrapped__


def negations(text: str) -> Counter[str]:
    """Count of each negation word, with "n't", "cannot" and "with the exception of" unified."""
    return Counter(facts(text).negations)


def modals(text: str) -> Counter[str]:
    """Count of each modal verb, with "is required to" as "must" and the like."""
    return Counter(facts(text).modals)


def _modal_check(fb: dict[str, int], fa: dict[str, int], repeats: bool) -> Check:
    if fb == fa:
        return _PASSED["modals"]
    b, a = Counter(fb), Counter(fa)
    problems = []
    strong_b = b["must"] + b["will"] + b["shall"]
    strong_a = a["must"] + a["will"] + a["shall"]
    if strong_a != strong_b and not (repeats and strong_a > strong_b):
        problems.append(f"must/will/shall {strong_b} -> {strong_a}")
    if a["must"] < b["must"]:
        problems.append("a 'must' was weakened")
    for word in ("may", "can", "should", "would", "could", "might"):
        if a[word] != b[word] and not (repeats and a[word] > b[word]):
            problems.append(f"{word} {b[word]} -> {a[word]}")
    return Check("modals", not problems, "; ".join(problems))


# A TOKEN match that begins with a capital: not preceded by a letter, nor by a letter and a
# joiner (TOKEN would have carried on through "x-Y"), so the matches are exactly the TOKEN
# matches starting upper-case, without visiting every lower-case word in Python.
_CAP_TOKEN = re.compile(
    r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z]['\u2019/-][A-Z])[A-Za-z]*(?:['\u2019/-][A-Za-z]+)*"
)


def _names(text: str) -> Counter[str]:
    """Capitalised words that do not start a sentence or a list item: names, defined terms."""
    return Counter(_name_words(text))


# The last visible character before a capitalised word that makes it a sentence or item start.
_NAME_STARTS = '.!?:;\n"\u201c()'


def _name_words(text: str) -> list[str]:
    """The words of :func:`_names`, in order and with repeats (verify reads only which words,
    so no Counter is built per sentence)."""
    out: list[str] = []
    if text.isascii():
        # The capitalised words straight from the shared word analysis, picked in C (most
        # words are lower case); a word as written is sliced only when it is a name ("I" is
        # "i" in lower case).
        lows, starts = ascii_tokens(text)
        capital = map(str.isupper, map(text.__getitem__, starts))
        for start, low in compress(zip(starts, lows, strict=True), capital):
            if low == "i":
                continue
            before = text[start - 12 if start > 12 else 0 : start].rstrip()
            if before and before[-1] not in _NAME_STARTS:
                out.append(text[start : start + len(low)])
        return out
    for start, word in _capitalised(text):
        if word == "I":
            continue
        # (the 12 characters before the word, white space stripped: its last visible one)
        before = text[start - 12 if start > 12 else 0 : start].rstrip()
        if before and before[-1] not in _NAME_STARTS:
            out.append(word)
    return out


def _capitalised(text: str) -> Iterable[tuple[int, str]]:
    """(start, word) of each TOKEN word that begins with a capital A-Z, in order.

    ASCII text: picked from the words the legalese scan found (``ascii_tokens``), without a
    regex pass; other text: ``_CAP_TOKEN``.
    """
    if not text.isascii():
        return [(m.start(), m.group(0)) for m in _CAP_TOKEN.finditer(text)]
    lows, starts = ascii_tokens(text)
    capital = map(str.isupper, map(text.__getitem__, starts))
    return [
        (start, text[start : start + len(low)])
        for start, low in compress(zip(starts, lows, strict=True), capital)
    ]


@lru_cache(maxsize=64)
def _terms_table(terms: frozenset[str]) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    table = tuple((t, t.lower()) for t in sorted(terms))
    return table, tuple(low for _, low in table)


@lru_cache(maxsize=4096)
def _whole_word(term: str, blind: bool) -> re.Pattern[str]:
    """``term`` as a whole word (compiled on first use: most terms never need it)."""
    # The boundary before the term is checked behind it (one character further back than the
    # term is long), so the regex engine can search for the term's first letters directly.
    n = len(term)
    return re.compile(
        re.escape(term) + rf"(?<!\w[\s\S]{{{n}}})(?!\w)", re.IGNORECASE if blind else 0
    )


def _word_char(c: str) -> bool:
    """Whether the regex engine's \\w matches ``c`` (alphanumeric as str.isalnum, or "_")."""
    return c in ASCII_WORD_CHARS or (not c.isascii() and c.isalnum())


def _has_whole_word(text: str, term: str, blind: bool) -> bool:
    """``_whole_word(term, blind).search(text) is not None``, by :func:`whole_word_finds`.

    Case-blind only for ASCII text and term, where the pattern's case folding is plain
    lower-casing; other case-blind searches use the pattern.
    """
    if not term or (blind and not (text.isascii() and term.isascii())):
        return _whole_word(term, blind).search(text) is not None
    if blind:
        text, term = text.lower(), term.lower()
    # (in ASCII text \w is the ASCII word characters: their set's C-level test, no Python call)
    word_char = ASCII_WORD_CHARS.__contains__ if text.isascii() else _word_char
    found = whole_word_finds(text, term, word_char, first=True)
    if found is None:
        return _whole_word(term, blind).search(text) is not None
    return bool(found)


def _sorted_terms(
    terms: Iterable[str],
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(term, lower-case term) in sorted order, so details read the same whatever the hash
    seed, and the lower-case terms alone; memoised per document's frozenset of terms (verify
    runs for every candidate)."""
    return _terms_table(terms if isinstance(terms, frozenset) else frozenset(terms))


def _fact_checks(fb: Facts, fa: Facts, after: str, repeats: bool) -> list[Check]:
    """The nine fact checks of a rewrite whose facts differ from the original's, in order."""
    checks = [
        _same("numbers", fb.numbers, fa.numbers),
        _same("money", fb.money, fa.money),
        _same("percentages", fb.percentages, fa.percentages),
        _same("durations", fb.durations, fa.durations),
        _same("dates", fb.dates, fa.dates),
    ]
    for name, kept in (("emails", fb.emails), ("urls", fb.urls)):
        lost = [x for x in kept if x not in after]
        checks.append(Check(name, False, f"lost {', '.join(lost)}") if lost else _PASSED[name])
    nb, na = fb.negations, fa.negations
    lost_neg = [] if nb == na else _lost(nb, na)
    added_neg = [] if repeats or nb == na else _lost(na, nb)
    checks.append(
        Check(
            "negations",
            False,
            "; ".join(
                p
                for p in (
                    f"lost {', '.join(lost_neg)}" if lost_neg else "",
                    f"added {', '.join(added_neg)}" if added_neg else "",
                )
                if p
            ),
        )
        if lost_neg or added_neg
        else _PASSED["negations"]
    )
    checks.append(_modal_check(fb.modals, fa.modals, repeats))
    return checks


def verify(
    before: str,
    after_units: list[str],
    *,
    grade_before: float | None = None,
    defined_terms: Iterable[str] = (),
    removable: Iterable[str] = (),
    parties: dict[str, str] | None = None,
    repeats: bool = False,
    moves: bool = True,
    quick: bool = False,
) -> tuple[bool, list[Check], float, float]:
    """Run every check; (verified, checks, grade before, grade after).

    ``moves``: whether the rewrite moves words between clauses (a split, passive to active,
    parties); when False the actors check has nothing to compare.
    ``quick``: stop at a grade that does not drop (the cheapest check that fails most often);
    used for trial candidates whose full checks nobody will read.
    """
    g_before = grade_before if grade_before is not None else fk_grade([before])
    g_after = fk_grade(after_units)
    grade = _new_check(("grade", g_after < g_before, f"{g_before:.1f} -> {g_after:.1f}"))
    if quick and not grade.ok:
        return False, [grade], g_before, g_after
    after = " ".join(after_units)
    # The rewrite is new text, read once: its facts skip the cache (which keeps the originals,
    # read again by a fallback candidate); a rewrite whose actors are compared reads its words
    # from the shared analysis the actors check reads too.
    fb, fa = facts(before, shared=True), _facts_of(after, moves)
    # Equal facts pass all nine fact checks (an e-mail or URL found in the rewrite is in it):
    # the usual case, one C-level tuple comparison instead of a check each.
    checks = list(_FACTS_PASSED) if fb == fa else _fact_checks(fb, fa, after, repeats)
    skip = removable if isinstance(removable, (set, frozenset)) else set(removable)
    shouted = is_all_caps(before)
    table, lows = _sorted_terms(defined_terms)
    if lows:
        before_low = before.lower()
        missing_terms = [
            t
            for t, t_low in table
            if t_low in before_low
            and t not in skip
            # (the rewrite first: a term it keeps, the usual case, needs no search of the
            # original)
            and not _has_whole_word(after, t, shouted)
            # A shouted original says nothing about a term's case (and a short term may only
            # sit inside a longer one, "TripAdvisor" in "TRIPADVISOR MEDIA GROUP"): words,
            # not case.
            and _has_whole_word(before, t, shouted)
        ]
    else:
        missing_terms = []
    checks.append(
        Check("defined_terms", False, f"lost {', '.join(missing_terms)}")
        if missing_terms
        else _PASSED["defined_terms"]
    )
    if shouted:
        # Every word of a shouted sentence is capitalised, so names cannot be told apart; the
        # defined-terms check above (case-insensitive on the original) covers its terms.
        checks.append(_NAMES_SHOUTED)
    else:
        lost_words = [
            w for w in dict.fromkeys(_name_words(before)) if w not in skip and w not in after
        ]
        checks.append(
            Check("proper_names", False, f"lost {', '.join(lost_words)}")
            if lost_words
            else _PASSED["proper_names"]
        )
    # Who does what: the actor of each main verb (parties as the pronoun the rewrite uses).
    # Only a rewrite that moves words between clauses (a split, passive to active, a party
    # named as "you"/"we") can change it; one that swaps words in place cannot.
    if moves:
        key = tuple(sorted(parties.items())) if parties else ()
        # (the rewrite's actions, like its facts, outside the cache: read once)
        ok_actors, why = same_actors(
            _actions_cached(before, shouted, key), _actions_of(after, shouted, key)
        )
        # (a passed comparison gives no reason: why is "")
        checks.append(
            _PASSED["actors"] if ok_actors and not why else Check("actors", ok_actors, why)
        )
    else:
        checks.append(_ACTORS_IN_PLACE)
    checks.append(grade)
    return all(map(_OK, checks)), checks, g_before, g_after
