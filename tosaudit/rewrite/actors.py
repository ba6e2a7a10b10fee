"""Who does what: the actor of each main verb, found without a downloaded tagger model.

A rewrite must not change who acts: "We may terminate your account" must not become "You may
end our account", a passive turned active must put the named agent first ("Fees will be
charged by us" -> "We will charge fees"), and a split that repeats a subject must repeat the
right one. ``actions`` lists (actor, verb) pairs from the tokens the rewrite code already uses:

- a subject right before a modal verb ("we may terminate", "Spotify will", "the User shall"),
  the verb being the first word after the modal (past "not", "also" and -ly adverbs);
- "we"/"you"/"I" right before a verb with no modal ("you agree");
- a passive with a named agent ("be charged by us"): the agent acts, the verb is the participle's
  base form ("charge").

Actors are the personal pronouns (object forms as subjects: "us" -> "we"), capitalised words
(names, defined parties) and the parties the document defines ("the User" -> "you"). Verbs are
compared through the legalese table, so "terminate" and its plain "end" are the same action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, islice, repeat
from operator import or_

from tosaudit.rewrite.lexicon import base_of_participle, lexicon
from tosaudit.rewrite.transforms import (
    DETERMINERS,
    PREPOSITIONS,
    TOKEN,
    _base_from_s,
    ascii_tokens,
    find_passives,
    is_participle,
)

_MODALS = frozenset("shall will may must can cannot could should would might".split())
# Contracted modals are one token each ("can't", "won't"), as TOKEN reads them.
_CONTRACTED = frozenset(
    f"{m}n{q}t"
    for m in ("ca", "wo", "could", "should", "would", "must", "sha", "might")
    for q in ("'", "\u2019")
)
# "is able to", "has the ability to", "is required to": a modal in other words (as verify's
# modal check counts them), so "is unable to appoint" and "cannot appoint" are the same action.
_MODAL_PHRASES = (
    ("able", "to"),
    ("unable", "to"),
    ("required", "to"),
    ("obligated", "to"),
    ("obliged", "to"),
    ("authorized", "to"),
    ("authorised", "to"),
    ("entitled", "to"),
    ("the", "ability", "to"),
)
_BE_HAVE = frozenset(("is", "are", "am", "was", "were", "has", "have", "had"))
_PERSONAL = {
    "we": "we",
    "us": "we",
    "you": "you",
    "i": "i",
    "me": "i",
    "he": "he",
    "him": "he",
    "she": "she",
    "her": "she",
}
_PEOPLE = frozenset(_PERSONAL.values())
_NO_MODAL_SUBJECTS = frozenset(("we", "you", "i"))
_SKIP = frozenset(("not", "also", "only", "then", "still", "always", "never", "now"))
_AUX = frozenset(("be", "been", "being", "have", "has", "had", "do", "does", "not"))
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those"))
# Words a clause can start with that are capitalised only because they start it.
_NOT_ACTORS = frozenset(
    "if when where unless once while although though because after before until as since "
    "and or but so this that these those it they there such any all each some no our your "
    "their its his please a an the".split()
)
# Words that cannot be the verb after "we"/"you" ("to you in the event", "you if").
_NOT_VERBS = (
    _NOT_ACTORS
    | PREPOSITIONS
    | DETERMINERS
    | frozenset(
        "who whom whose which what whether than via per too very more most less prior".split()
    )
)
# A pronoun after these is an object ("to you", "with us"), not the subject of the next word.
_OBJECT_BEFORE = DETERMINERS | PREPOSITIONS
_OBJECT_FORMS = frozenset(("us", "me", "him", "her"))
_CLAUSE_WORDS = frozenset(
    "that if when whenever where unless once while although though because after before until "
    "as since and or but so then which who".split()
)
_PUNCT = re.compile(r"[,.;:!?()\"\u201c\u201d\[\]]")
_CLAUSE_START = '.!?:;\n("\u201c'

# (actor, verb lemma or None, sure): "sure" is False for a capitalised word that starts the
# text or a clause, which may be a name ("Spotify may") or just a capital ("Modifications will").
Action = tuple[str, str | None, bool]


def _verb(word: str) -> str:
    """The verb's plain lemma: table words ("terminate", "terminates") map to their plain verb."""
    low = word.lower()
    entry = lexicon().entries.get(low)
    if entry is not None and entry.kind == "substitution" and entry.lemma:
        return entry.lemma
    return low


def _actor(word: str, shouted: bool, parties: dict[str, str]) -> str | None:
    low = word.lower()
    if low in _PERSONAL:
        return _PERSONAL[low]
    if word in parties:
        return parties[word]
    if low in _NOT_ACTORS or low in _MODALS:
        return None
    if shouted or word[:1].isupper():
        return low
    return None


_SKIP_ALL = _SKIP | {"hereby"}
_MODAL_START = _MODALS | _CONTRACTED | _BE_HAVE
# Verbs that end in -ly like adverbs do.
_LY_VERBS = frozenset(
    "apply comply supply reply rely multiply imply ally rally tally bully".split()
)


def _adverb(word: str) -> bool:
    low = word.lower()
    if low in _SKIP or low == "hereby":
        return True
    return low.endswith("ly") and len(low) > 4 and low not in _LY_VERBS


def _modal_end(lows: list[str], k: int) -> int | None:
    """Index of the last token of a modal (or modal phrase) starting at ``k``, else None.

    ``lows``: the lower-case tokens.
    """
    low = lows[k]
    if low in _MODALS or low in _CONTRACTED:
        return k
    if low in _BE_HAVE and k + 1 < len(lows) and lows[k + 1] in _PHRASE_STARTS:
        for phrase in _MODAL_PHRASES:
            if tuple(lows[k + 1 : k + 1 + len(phrase)]) == phrase:
                return k + len(phrase)
    return None


_PHRASE_STARTS = frozenset(p[0] for p in _MODAL_PHRASES)
_CLAUSE_START_CHARS = frozenset(_CLAUSE_START)


def _pair_positions(text: str, lows: list[str], starts: list[int]) -> list[int]:
    """Positions k >= 1 where word k-1 and word k can make a pair, in order.

    Only a modal (or "is"/"has" that may open a modal phrase), a word after "we"/"you"/"I",
    or an -s word after a capital can: found by C-level set tests, and the capitals by one
    comprehension.
    """
    n = len(lows)
    picked = set(compress(range(1, n), map(_MODAL_START.__contains__, islice(lows, 1, None))))
    picked.update(compress(range(1, n), map(_NO_MODAL_SUBJECTS.__contains__, lows)))
    # (the capitals picked in C, Python only sees the few words after one)
    capital = map(str.isupper, map(text.__getitem__, starts))
    picked.update([i + 1 for i in compress(range(n - 1), capital) if lows[i + 1][-1:] == "s"])
    return sorted(picked)


def _has_ly(text: str) -> bool:
    """Whether ``text`` holds "ly" in any mix of cases: true wherever a word of it (TOKEN
    words are ASCII letters) ends in "ly" once lowered."""
    return "ly" in text or "LY" in text or "Ly" in text or "lY" in text


@lru_cache(maxsize=512)
def _actions_cached(
    text: str, shouted: bool, parties: tuple[tuple[str, str], ...]
) -> tuple[Action, ...]:
    party_map = dict(parties)
    if text.isascii():
        # The words the legalese scan already found (lower case, offsets), without a second
        # translation pass; a word as written is sliced from the text only where it is read.
        lows, starts = ascii_tokens(text)
    else:
        found = list(TOKEN.finditer(text))
        starts = list(map(re.Match.start, found))
        lows = list(map(str.lower, map(re.Match.group, found)))
    # (a word's end is its start plus its length: TOKEN words are ASCII letters and joiners,
    # whose lower case is as long)
    # Adverbs between subject and verb ("Acme hereby grants", "we also may") are left out, so
    # the two are neighbours whether or not a rewrite dropped the adverb. The set and suffix
    # tests run in C; Python only sees the few words they pick.
    # (the -ly test only where the text holds "ly" in some case, as any word ending so does:
    # substring tests of the text, without joining the words)
    maybe_adverb = compress(
        range(len(lows)),
        map(or_, map(_SKIP_ALL.__contains__, lows), map(str.endswith, lows, repeat("ly")))
        if _has_ly(text)
        else map(_SKIP_ALL.__contains__, lows),
    )
    drop = [i for i in maybe_adverb if _adverb(lows[i])]
    if drop:
        keep = [True] * len(lows)
        for i in drop:
            keep[i] = False
        lows, starts = list(compress(lows, keep)), list(compress(starts, keep))
    n = len(lows)
    out: list[Action] = []
    for k in _pair_positions(text, lows, starts):
        start = starts[k]
        low = lows[k]
        word = text[start : start + len(low)]
        # (lows[i] is the word as written in lower case: read instead of lowering again)
        prev_start = starts[k - 1]
        prev_low = lows[k - 1]
        prev_end = prev_start + len(prev_low)
        prev = text[prev_start:prev_end]
        between = text[prev_end:start]
        if between != " " and _PUNCT.search(between):
            continue  # punctuation between the two words: not subject + verb
        # (most words are one space apart: the test of the slice spares a regex call)
        gap = text[starts[k - 2] + len(lows[k - 2]) : prev_start] if k >= 2 else ""
        initial = k == 1 or (gap != " " and not _CLAUSE_START_CHARS.isdisjoint(gap))
        last = _modal_end(lows, k)
        if last is not None:
            if prev_low in _OBJECT_FORMS:
                continue  # "benefits to us may": an object, not the subject of the modal
            actor = _actor(prev, shouted, party_map)
            if actor is None:
                continue
            sure = shouted or not initial or prev_low in _PERSONAL or prev in party_map
            j = last + 1
            # (an -ly word as written: "FULLY" in capitals is not skipped, "Fully" is)
            while j < n and (
                lows[j] in _SKIP or text[starts[j] : starts[j] + len(lows[j])].endswith("ly")
            ):
                j += 1
            verb = lows[j] if j < n else None
            if (
                verb in ("be", "been")
                and j + 1 < n
                and is_participle(text[starts[j + 1] : starts[j + 1] + len(lows[j + 1])])
            ):
                continue  # "Fees will be charged": the subject is acted on, not acting
            out.append((actor, None if verb is None or verb in _AUX else _verb(verb), sure))
        elif k < 2 or lows[k - 2] not in _OBJECT_BEFORE:
            # No modal: "we collect", "you agree", or a name with an -s verb ("Acme provides").
            if low in _AUX or not low.isalpha() or low in _NOT_VERBS:
                continue
            if prev_low in _NO_MODAL_SUBJECTS:
                # "you" is also an object ("give you notice"): a subject only where a clause
                # starts; "we" and "I" are always subjects.
                if (
                    prev_low != "you"
                    or k < 2
                    or (gap != " " and _PUNCT.search(gap))
                    or lows[k - 2] in _CLAUSE_WORDS
                ):
                    out.append((_PERSONAL[prev_low], _verb(word), True))
                continue
            # (not in shouted text: with every word capitalised, names cannot be told apart)
            base = _base_from_s(word) if word.islower() and not shouted else None
            actor = _actor(prev, shouted, party_map) if base else None
            if actor is not None and prev_low not in _PERSONAL:
                sure = shouted or not initial or prev in party_map
                out.append((actor, _verb(base), sure))
    # "we'll", "you\u2019ll": the pronoun with "will" (a substring test first: rare)
    # (no apostrophe: no contraction, and no lower-cased copy of the text)
    contracted_will = ("'" in text or "\u2019" in text) and (
        "'ll" in text.lower() or "\u2019ll" in text.lower()
    )
    for low in lows if contracted_will else ():
        if low[-3:] in ("'ll", "\u2019ll") and low[:-3] in _PERSONAL:
            out.append((_PERSONAL[low[:-3]], None, True))
    # An agent follows "by " (in any case) after a passive: a text without it has none, and its
    # passives are not looked for. (Only "b"/"B", "y"/"Y" and " " lower-case to "b", "y" and
    # " ", so three characters that read "by " in lower case read so in the text's lower case.)
    for m in find_passives(text) if "by " in text.lower() else ():
        rest = text[m.end() : m.end() + 60]
        agent = TOKEN.match(rest.lstrip()[3:]) if rest.lstrip()[:3].lower() == "by " else None
        if agent is None:
            continue
        pos = rest.lstrip()[3:]
        if agent.group(0).lower() in ("the", "a", "an", "any"):
            agent = TOKEN.match(pos, agent.end() + 1)  # "by the Company": the noun after it
            if agent is None:
                continue
        # A name of several words acts through its last word, as in the active clause
        # ("by Acme Labs LLC" / "Acme Labs LLC provides"); not in shouted text, where every
        # word is capitalised.
        name = agent.group(0)
        for nxt in TOKEN.finditer(pos, agent.end()):
            if shouted or pos[agent.end() : nxt.start()] != " " or not nxt.group(0)[:1].isupper():
                break
            name, agent = nxt.group(0), nxt
        actor = _actor(name, shouted, party_map)
        base = base_of_participle(m.group(6))
        if actor is not None and base is not None:
            out.append((actor, _verb(base), True))
    return tuple(out)


def actions(
    text: str, shouted: bool = False, parties: dict[str, str] | None = None
) -> list[Action]:
    """(actor, verb lemma or None, sure) for each main verb whose actor is a person or name."""
    return list(_actions_cached(text, shouted, tuple(sorted((parties or {}).items()))))


def same_actors(before: Sequence[Action], after: Sequence[Action]) -> tuple[bool, str]:
    """Whether ``after`` keeps who does what in ``before``; the reason when it does not.

    The same people on both sides ("we", "you", "I", "he", "she" and the parties as those
    pronouns; a split may repeat one), and for every verb found on both sides the same actors
    doing it (names included: "Spotify may change" is not "Apple may change").
    """
    # A capital at the start of a clause counts as a name only if it is one somewhere else.
    sure = {a for a, _, ok in (*before, *after) if ok}
    before = [x for x in before if x[0] in sure]
    after = [x for x in after if x[0] in sure]
    actors_b = {a for a, _, _ in before if a in _PEOPLE}
    actors_a = {a for a, _, _ in after if a in _PEOPLE}
    problems = []
    if actors_b != actors_a:
        lost = sorted(actors_b - actors_a)
        added = sorted(actors_a - actors_b)
        if lost:
            problems.append(f"lost actor {', '.join(lost)}")
        if added:
            problems.append(f"new actor {', '.join(added)}")
    by_verb_b: dict[str, set[str]] = {}
    by_verb_a: dict[str, set[str]] = {}
    for a, v, _ in before:
        if v is not None:
            by_verb_b.setdefault(v, set()).add(a)
    for a, v, _ in after:
        if v is not None:
            by_verb_a.setdefault(v, set()).add(a)
    for verb in sorted(by_verb_b.keys() & by_verb_a.keys()):
        if by_verb_b[verb] != by_verb_a[verb]:
            problems.append(
                f"'{verb}': {'/'.join(sorted(by_verb_b[verb]))} -> "
                f"{'/'.join(sorted(by_verb_a[verb]))}"
            )
    return not problems, "; ".join(problems)
