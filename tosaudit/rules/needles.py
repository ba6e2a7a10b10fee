"""Every literal the checks look for, found in one pass over a document's text.

The disclosures checklist and the proofreading rules locate about a hundred literals (stems
such as "cancel" or "refund", "@", "http", "Section", " means") before running their regular
expressions near them, and the clause detector finds the sentences holding its categories'
triggers ("arbitra", "chang") with them. One ``str.find`` pass per literal read the whole
text a hundred times; an Aho-Corasick automaton of all of them reads it once and gives the
same offsets.

``NeedleIndex`` is built once per document (``AuditContext.needles``) and answers, for a
literal, the start of each of its occurrences, overlapping ones included, in order: exactly
what a ``str.find(needle, pos + 1)`` loop gives. A literal the automaton does not hold is
looked up with that loop, so a caller never gets a wrong answer, only a slower one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick


def find_all(hay: str, needle: str) -> list[int]:
    """Start of every (overlapping) occurrence of ``needle`` in ``hay``, in order."""
    out = []
    pos = hay.find(needle)
    while pos != -1:
        out.append(pos)
        pos = hay.find(needle, pos + 1)
    return out


def matches_at(
    regex: re.Pattern[str], text: str, positions: Iterable[int], last: int = 0
) -> Iterator[re.Match[str]]:
    """``regex.match`` at each of ``positions`` (ascending), skipping those inside the previous
    match (or before ``last``): what ``finditer`` gives when every match must begin at one of
    them, without the regex engine trying every character in between."""
    for pos in positions:
        if pos < last:
            continue
        m = regex.match(text, pos)
        if m:
            last = m.end()
            yield m


@lru_cache(maxsize=1)
def shipped_needles() -> frozenset[str]:
    """The lower-case literals the shipped checks ask for (collected from their modules)."""
    # Imported here: both modules import this one (through rules.base).
    from tosaudit import disclosures
    from tosaudit.clauses import patterns
    from tosaudit.rules import proofreading

    return frozenset(
        n.lower() for n in (*disclosures.needles(), *proofreading.needles(), *patterns.needles())
    )


@lru_cache(maxsize=4)
def _automaton(needles: frozenset[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for needle in needles:
        if needle:
            auto.add_word(needle, (needle, len(needle) - 1))
    auto.make_automaton()
    return auto


class NeedleIndex:
    """Offsets of literals in one text and in its lower-cased twin (same length).

    ``folded`` is the text lower-cased character by character without changing its length
    (``AuditContext.lower_aligned``); lower-case literals are looked up there. ``exact``
    looks a literal up in the text itself.
    """

    def __init__(self, text: str, folded: str, needles: frozenset[str] | None = None) -> None:
        if len(folded) != len(text):
            raise ValueError("the folded text must be as long as the text")
        self.text = text
        self.folded_text = folded
        self._exact: dict[str, list[int]] = {}
        wanted = shipped_needles() if needles is None else needles
        self._wanted = wanted
        # Only the literals that occur get a list here; ``folded`` answers the other wanted
        # ones with an empty list without a scan. The automaton is looked up by ``wanted``
        # itself (its hash kept, found by identity): a set or list over all literals built
        # per document cost more than finding them in a short text.
        found: defaultdict[str, list[int]] = defaultdict(list)
        if wanted:
            # Matches come ordered by their last character; for one literal that is also the
            # order of their starts, so each list is sorted.
            for last, (needle, back) in _automaton(wanted).iter(folded):
                found[needle].append(last - back)
        self._folded: dict[str, list[int]] = found

    def folded(self, needle: str) -> list[int]:
        """Every occurrence of ``needle`` in the folded text (``find_all(folded, needle)``)."""
        got = self._folded.get(needle)
        if got is None:
            # A wanted literal the automaton did not report does not occur ("" is no literal).
            absent = needle and needle in self._wanted
            got = self._folded[needle] = [] if absent else find_all(self.folded_text, needle)
        return got

    def exact(self, needle: str) -> list[int]:
        """Every occurrence of ``needle`` in the text itself (``find_all(text, needle)``)."""
        got = self._exact.get(needle)
        if got is None:
            if needle.isascii():
                # Where the text holds an ASCII literal, the folded text holds its lower case
                # (lowering an ASCII character never depends on its neighbours), so the
                # folded hits are a superset to check against the text.
                text = self.text
                got = [p for p in self.folded(needle.lower()) if text.startswith(needle, p)]
            else:
                got = find_all(self.text, needle)
            self._exact[needle] = got
        return got
