"""Literal prefilters for fixed regular expressions: skip a search that cannot match.

``required_literals`` walks a pattern's parse tree (``re._parser``) for lower-case ASCII
strings at least one of which every match contains; when it cannot prove such a set it gives
up (None) and the pattern always runs. ``may_match`` tests those needles with ``in`` on the
lower-cased span, which is far cheaper than a case-insensitive regex scan of the span.

Why lower-casing the span is enough: under ``re.IGNORECASE`` a pattern character matches a
text character when their lower cases agree, except for the few characters in ``EXOTIC``
(dotless i, dotted capital I, long s) that the regex engine treats as a case of an ASCII letter
although ``str.lower`` does not map them to it. A span holding one of them always runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

# Characters an IGNORECASE literal ASCII character matches although their str.lower() is not
# that character (checked over all of Unicode by tests/rules/test_speed_rx_prefilter.py).
EXOTIC = ("\u0130", "\u0131", "\u017f")

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Zero-width items: the characters either side of them are adjacent in the match.
_ZERO_WIDTH = (sre.AT,)

Needles = tuple[str, ...]
# A gate: one tuple per top-level alternative of the pattern, holding needle sets that a match
# of that alternative must ALL hit (one needle of each); the pattern can match only where some
# alternative's sets all hit.
Gate = tuple[tuple[Needles, ...], ...]
# Needle sets checked per alternative (the most selective first): enough to rule out nearly
# every sentence, few enough that the check stays far cheaper than the regex.
MAX_SETS = 3


def required_literals(pattern: str, flags: int = 0) -> Needles | None:
    """Lower-case strings one of which occurs in every match of ``pattern`` (lower-cased), or
    None when no such set can be derived (then the pattern must always run)."""
    try:
        tree = _parser.parse(pattern, flags)
    except (re.error, TypeError):
        return None
    got = _sequence(tree.data)
    return tuple(sorted(got)) if got else None


def gate(pattern: str, flags: int = 0) -> Gate | None:
    """The needle sets of each top-level alternative of ``pattern`` (see ``Gate``), or None
    when some alternative has none (then the pattern must always run)."""
    try:
        items = _parser.parse(pattern, flags).data
    except (re.error, TypeError):
        return None
    branches = [k for k, (op, _av) in enumerate(items) if op is sre.BRANCH]
    if len(branches) == 1:
        # Items around the branch (a shared "\b" or literal prefix the parser factored out)
        # bind every alternative.
        k = branches[0]
        outer = _candidates(items[:k]) + _candidates(items[k + 1 :])
        alts = [outer + _candidates(alt.data) for alt in items[k][1][1]]  # type: ignore[index]
    else:
        alts = [_candidates(items)]
    if not all(alts):
        return None
    return tuple(
        tuple(tuple(sorted(c)) for c in sorted(set(conj), key=_selectivity, reverse=True))[
            :MAX_SETS
        ]
        for conj in alts
    )


def _selectivity(c: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest needle, then fewer needles: the likelier a sentence lacks them all."""
    return (min(map(len, c)), -len(c), tuple(sorted(c)))


def _best(cands: Iterable[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: longest shortest needle, then fewest needles."""
    usable = list(cands)
    return max(usable, key=_selectivity) if usable else None


def _sequence(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Needles of a concatenation: the best of its ``_candidates``."""
    return _best(_candidates(items))


def _candidates(items: list[tuple[object, object]]) -> list[frozenset[str]]:
    """Needle sets of a concatenation, each hit by every match: one per item that must match
    (a run of literal characters, a required group, branch or repeat)."""
    cands: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            cands.append(frozenset(("".join(run),)))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL and chr(av).isascii():  # type: ignore[arg-type]
            run.append(chr(av).lower())  # type: ignore[arg-type]
            continue
        if op in _ZERO_WIDTH:
            continue
        flush()
        sub: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            sub = _sequence(av[-1].data)  # type: ignore[index]
        elif op is sre.ATOMIC_GROUP:
            sub = _sequence(av.data)  # type: ignore[attr-defined]
        elif op is sre.BRANCH:
            alts = [_sequence(a.data) for a in av[1]]  # type: ignore[index]
            if all(alts):
                sub = frozenset().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index,operator]
            sub = _sequence(av[2].data)  # type: ignore[index]
        if sub:
            cands.append(sub)
    flush()
    return [c for c in cands if all(c)]


def may_match(needles: Needles | None, text: str, start: int, end: int) -> bool:
    """False only when no match of the pattern with ``needles`` can lie in text[start:end]."""
    if needles is None:
        return True
    low = text[start:end].lower()
    if any(map(low.__contains__, needles)):
        return True
    return _exotic(low, text, start, end)


def may_pass(g: Gate | None, text: str, start: int, end: int) -> bool:
    """False only when no match of the pattern with gate ``g`` can lie in text[start:end]."""
    if g is None:
        return True
    low = text[start:end].lower()
    has = low.__contains__
    for conj in g:
        # Plain loops, not all() over a generator: this runs per sentence and pattern.
        for c in conj:
            if not any(map(has, c)):
                break
        else:
            return True
    return _exotic(low, text, start, end)


def _exotic(low: str, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (lower-cased: ``low``) holds an EXOTIC character."""
    # lower() of a span with an EXOTIC character is not ASCII: only then can they matter.
    return not low.isascii() and any(map(text[start:end].__contains__, EXOTIC))
