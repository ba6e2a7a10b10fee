"""One sentence in, one verified plain rewrite out (or the reason there is none)."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from tosaudit.rewrite import split as splitter
from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import TOKEN, DocInfo, Op, is_all_caps
from tosaudit.rewrite.verify import Check, verify

# Role words a document may define as the reader or the business. A proper name ("Spotify")
# defined as "we" stays as written: the name is part of what the sentence says.
ROLE_WORDS = frozenset(
    "User Users Licensee Licensor Customer Client Member Subscriber Company Provider "
    "Service Provider Supplier Seller Vendor Buyer Purchaser Account Holder Participant Player "
    "Recipient Visitor Business Operator Merchant Owner".split()
)
_PAREN = re.compile(r"\(([^()\n]{1,240})\)")
_QUOTED_TERM = re.compile(r"[\"\u201c\u2018']([^\"\u201d\u2019'\n]{1,40})[\"\u201d\u2019']")
# A definition opens with a straight or a curly quote: '"Term" means you', '"Term" includes'.
_OPENING_QUOTES = ('"', "\u201c")
_MEANS_TAIL = r"([A-Z][\w ]{0,38})[\"\u201d]\s+(?:means|refers\s+to|shall\s+mean)\s+(you|us|we)\b"
_DEFINES_TAIL = r"([A-Z][\w ]{0,38})[\"\u201d]\s+(?:means|refers\s+to|shall\s+mean|includes)\b"
# Each pattern once per opening quote. A pattern opening with a one-character literal is
# searched by a C-level scan for that character; opening with the class of both quotes made the
# regex engine try every position of the document (about 35 ns a character, 2 x 0.8 MB over
# the corpus).
_MEANS_BY_QUOTE = tuple(re.compile(q + _MEANS_TAIL, re.IGNORECASE) for q in _OPENING_QUOTES)
_DEFINES_BY_QUOTE = tuple(re.compile(q + _DEFINES_TAIL) for q in _OPENING_QUOTES)


def _quote_led(by_quote: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """``finditer`` of the pattern that opens with either quote (the class of
    ``_OPENING_QUOTES`` then ``_MEANS_TAIL`` or ``_DEFINES_TAIL``), from its one-quote forms
    (``_MEANS_BY_QUOTE``, ``_DEFINES_BY_QUOTE``): their matches in order of start.

    No match starts inside another (past its opening quote a match holds word characters and
    spaces, a closing quote, then white space and letters: no opening quote followed by a
    letter), so the combined pattern's scan skips no match of either form, and each form
    finds at a position what the combined pattern finds there.
    """
    straight, curly = by_quote
    found = list(straight.finditer(text))
    if _OPENING_QUOTES[1] in text:  # (a one-character find)
        found += curly.finditer(text)
        found.sort(key=re.Match.start)
    return found


_READER = frozenset(("you", "your", "yours"))
_BUSINESS = frozenset(("we", "us", "our", "ours"))
SPLIT_MIN_WORDS = 12


def doc_info(text: str, prose: list[tuple[int, int]]) -> DocInfo:
    """Defined parties and terms, and the case of names, read from the whole document."""
    parties: dict[str, str] = {}
    defined: set[str] = set()
    for m in _PAREN.finditer(text):
        quoted = [q.strip() for q in _QUOTED_TERM.findall(m.group(1))]
        if not quoted:
            continue
        lows = {q.lower() for q in quoted}
        role = "you" if lows & _READER else "we" if lows & _BUSINESS else None
        for q in quoted:
            if q[:1].isupper() and q.lower() not in _READER | _BUSINESS:
                defined.add(q)
                if role and q in ROLE_WORDS:
                    parties[q] = role
    defined.update(m.group(1).strip() for m in _quote_led(_DEFINES_BY_QUOTE, text))
    for m in _quote_led(_MEANS_BY_QUOTE, text):
        term = m.group(1).strip()
        defined.add(term)
        if term in ROLE_WORDS:
            parties[term] = "you" if m.group(2).lower() == "you" else "we"
    return DocInfo(
        parties=parties,
        defined_terms=frozenset(defined),
        vocabulary=lambda: _case_vocabulary(text, prose),
    )


# A capitalised word after a lower-case word, a digit, a comma, a semicolon or a parenthesis and
# one space: "the Services". The pattern opens with that space, a literal the regex engine
# scans for; opening with the letter class it tried every position of the document (about a
# third of the vocabulary's cost). Its group is the word.
_MID_CAPITAL = re.compile(r" (?<=[a-z0-9,;)] )([A-Z][a-z]+[A-Za-z]*(?:[-'\u2019][A-Za-z]+)?)")


def _word_class(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each non-ASCII character as "_" when the regex engine counts it a
    word character (\\w: alphanumeric), as a space otherwise."""
    assert isinstance(err, UnicodeEncodeError)
    run = err.object[err.start : err.end]
    return "".join("_" if c.isalnum() else " " for c in run), err.end


_WORD_CLASS = "tosaudit.word_class"
codecs.register_error(_WORD_CLASS, _word_class)
# After the handler: ASCII letters kept, every other word character (digits, "_") a "#", the
# rest a space. The space-separated pieces are the runs of word characters (\w, as the regex
# engine reads it). A piece of a-z only is a lower-case word exactly as the pattern
# [a-z](?<=\b[a-z])[a-z]+\b finds them (two letters or more, no word character on either
# side); a piece of A-Z only, of two letters or more, a word in capitals exactly as
# [A-Z](?<=\b[A-Z])[A-Z]+\b finds them.
_WORD_RUNS = bytes(
    c if chr(c).isalpha() else 35 if chr(c).isalnum() or c == 95 else 32 for c in range(128)
) + bytes([32] * 128)


def _lower_words(text: str) -> Counter[str]:
    """How often each run of word characters is in ``text`` (ASCII letters as written, any
    other word character as "#"). Looked up with a lower-case word (a-z, two letters or
    more), the count is that word's; no other key is such a word (runs with a capital or a
    "#", one letter). The words in capitals are keys too (see ``_capital_words``).

    A byte translation and a split run in C; the patterns tried a match at every letter of
    the document (over half the cost of the vocabulary).
    """
    data = text.encode("ascii", _WORD_CLASS).translate(_WORD_RUNS)
    return Counter(data.decode("ascii").split())


def _capital_words(runs: Counter[str]) -> dict[str, int]:
    """The words in capitals of two letters or more (runs of A-Z only) among ``runs``
    (``_lower_words``) and their counts."""
    # (str.isupper picks in C the runs with a capital and no lower-case letter; a "#" is
    # neither)
    return {w: runs[w] for w in filter(str.isupper, runs) if len(w) > 1 and w.isalpha()}


def _case_vocabulary(
    text: str, prose: list[tuple[int, int]]
) -> tuple[dict[str, str], frozenset, Counter[str]]:
    """How words are written where the document is not shouting (names, terms, acronyms).

    A word counts as a name or defined term when it is capitalised in mid-sentence (after a
    lower-case word) at least as often as it is written in lower case; as an acronym when it is
    written in capitals more often than not. Whole-text scans keep this to a few milliseconds.
    The third part counts each run of word characters as written ("payment" in lower case).
    """
    # Shouted passages say nothing about how a word is normally written: leave them out.
    text = "\n".join(text[s:e] for s, e in prose if not is_all_caps(text[s:e]))
    capital = Counter(_MID_CAPITAL.findall(text))
    # Looked up only with lower-cased capitalised or capital words: a-z words of two letters or
    # more, or words with a hyphen or an apostrophe, which no piece holds (counted 0 as before).
    lower = _lower_words(text)
    upper = _capital_words(lower)
    cased: dict[str, str] = {}
    for word, n in capital.most_common():
        low = word.lower()
        if low not in cased and n >= 2 * lower[low]:
            cased[low] = word
    acronyms = frozenset(
        w
        for w, n in upper.items()
        if w.lower() not in _COMMON and n >= lower[w.lower()] + capital[w.capitalize()]
    )
    return cased, acronyms, lower


# Short words that are written in capitals only for emphasis, never as acronyms.
_COMMON = frozenset(
    "a an and or not no nor to of in on at by for the you your we our us is are be it as if "
    "any all may will must shall do does this that with from".split()
)


@dataclass
class Rewrite:
    """A candidate plain version of one sentence and how it was checked."""

    original: str
    units: list[str]
    joiner: str
    ops: list[Op]
    flagged: list[Op] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    verified: bool = False
    checks: list[Check] = field(default_factory=list)
    grade_before: float = 0.0
    grade_after: float = 0.0

    @property
    def text(self) -> str:
        return self.joiner.join(self.units)

    @property
    def changed(self) -> bool:
        return bool(self.ops) and self.text != self.original

    def record(self) -> dict[str, Any]:
        """What the report keeps in ``finding.extra["rewrite"]``."""
        rec: dict[str, Any] = {
            "grade_before": round(self.grade_before, 2),
            "grade_after": round(self.grade_after, 2),
            "verified": self.verified,
            "checks": [
                {"check": name, "ok": ok, "detail": detail} if detail else {"check": name, "ok": ok}
                for name, ok, detail in self.checks
            ],
            "operations": self.ops,
        }
        if not self.verified and self.changed:
            rec["rejected"] = self.text
            rec["failed"] = [c.name for c in self.checks if not c.ok]
        if self.flagged:
            rec["consider"] = [f"{f['from']} -> {f['to'] or '(leave out)'}" for f in self.flagged]
        if self.hints:
            rec["hints"] = self.hints
        return rec


_SPACES = re.compile(r"[ \t]{2,}")
# Starts at a run's first space only: tried at every space of a long run it was quadratic.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<! ) +([,.;:])")


def _clean(unit: str) -> str:
    # Substring tests first: most units have neither a double space nor a space before a mark.
    if "  " in unit or "\t" in unit:
        unit = _SPACES.sub(" ", unit)
    if " ," in unit or " ." in unit or " ;" in unit or " :" in unit:
        unit = _SPACE_BEFORE_PUNCT.sub(r"\1", unit)
    return splitter._cap(unit.strip())


# Any one of these is enough, and " and " is in most sentences: it is tested first (any()
# stops at the first hit; the order changes nothing else).
_TRIGGERS = (
    " and ",
    "shall",
    " by ",
    ";",
    "provided",
    ", and ",
    ", but ",
    ", or ",
    ", so ",
    "including",
    "which",
    "because",
    "otherwise",
    "such as",
    "for example",
    "e.g.",
    " and we ",
    " and you ",
    ", unless ",
    ", if ",
    "if ",
    "unless ",
    "when ",
    "once ",
    "though ",
    "to the extent",
    " and they ",
    " but we ",
    " but you ",
    "(a)",
    "(i)",
    "(1)",
)


def could_change(text: str, info: DocInfo) -> bool:
    """Cheap test: does any transformation have something to work on in this sentence?"""
    low = text.lower()
    if any(map(low.__contains__, _TRIGGERS)) or tf.scan(text) or is_all_caps(text):
        return True
    return any(map(text.__contains__, info.parties))


Step = Callable[[str, DocInfo], tuple[str, list[Op]]]


def _fewer_words(text: str, n: int) -> bool:
    """Fewer than ``n`` words (TOKEN matches), reading no further than the n-th."""
    return len(list(islice(TOKEN.finditer(text), n))) < n


_ORDER = ("caps", "parties", "shall", "lexicon", "passive")
_Steps = tuple[str, list[Op], list[Op], list[Op]]  # text, ops, flagged, hints


def _run_step(name: str, t: str, info: DocInfo, caps: bool) -> tuple[str, list[Op], Any]:
    """One step on ``t``: the new text, its operations and (lexicon, passive) its flagged
    words or hints. A function of ``t`` alone for one sentence (``info`` and ``caps`` are
    the sentence's), which is what lets ``_steps`` keep it by step and input text."""
    if name == "caps":
        return (*tf.sentence_case(t, info), None)
    if name == "parties":
        return (*tf.replace_parties(t, info), None)
    if name == "shall":
        return (*tf.replace_shall(t, info), None)
    if name == "lexicon":
        return tf.apply_lexicon(t, info, caps)
    return tf.passive_to_active(t, info)


def _steps(text: str, info: DocInfo, steps: frozenset[str], memo: dict[Any, Any]) -> _Steps:
    """Apply ``steps`` (in their fixed order) to one sentence, before any split.

    ``memo`` (one per sentence) keeps each step's result by step and input text: a fallback
    candidate that leaves out a step which changed nothing (most steps of most sentences)
    hands the next step the same text, so only steps on a new text run.
    """
    caps = is_all_caps(text)
    t = text
    ops: list[Op] = []
    flagged: list[Op] = []
    hints: list[Op] = []
    for name in _ORDER:
        if name not in steps:
            continue
        key = (name, t)
        got = memo.get(key)
        if got is None:
            got = memo[key] = _run_step(name, t, info, caps)
        t, o, extra = got
        if o:
            # A new list: a list in ``memo`` is never changed in place.
            ops = ops + o
        if name == "lexicon":
            flagged = extra
        elif name == "passive":
            hints = extra
    return t, ops, flagged, hints


def _candidate(
    text: str, info: DocInfo, steps: frozenset[str], memo: dict[Any, Any] | None = None
) -> tuple[list[str], str, list[Op], list[Op], list[Op]]:
    """Apply ``steps`` (in their fixed order) to one sentence, then split it if asked.

    ``memo`` (one per sentence) keeps each step's result and each split, so the fallback
    candidates of :func:`rewrite_sentence`, which share most of their steps, do not repeat
    them.
    """
    memo = {} if memo is None else memo
    return _split(text, _steps(text, info, steps, memo), "split" in steps, memo)


def _split(
    text: str, state: _Steps, split: bool, memo: dict[Any, Any]
) -> tuple[list[str], str, list[Op], list[Op], list[Op]]:
    """The units of a candidate whose steps gave ``state``: split when ``split`` is set."""
    t, ops, flagged, hints = state
    ops = list(ops)
    units, joiner = [t], " "
    if split and not (
        # A text no step changed had its words read by the legalese scan: count those.
        len(tf.ascii_tokens(t).lows) < SPLIT_MIN_WORDS
        if t == text and t.isascii()
        else _fewer_words(t, SPLIT_MIN_WORDS)
    ):
        key = ("split", t)
        if key not in memo:
            memo[key] = splitter.split_sentence(t)
        sp = memo[key]
        if sp is not None and not _short_condition_first(t, sp.ops):
            units, joiner = sp.units, sp.joiner
            ops += sp.ops
    return [_clean(u) for u in units if u.strip()], joiner, ops, flagged, hints


# A sentence shorter than this that opens with its condition ("If a delivery is late, we will
# refund it.") is already plain: "We will refund it. This applies if a delivery is late." only
# reads longer. Longer ones put the main point first, as the plain-language guides ask.
MAIN_FIRST_MIN_WORDS = 20


def _short_condition_first(text: str, ops: list[Op]) -> bool:
    """Whether a split only moved the condition of a short sentence after its main point."""
    return any(op.get("at") == "main_point_first" for op in ops) and _fewer_words(
        text, MAIN_FIRST_MIN_WORDS
    )


# Operations that move words between clauses or name a party differently: only these can
# change who does what (the actors check). Replacing words in place cannot.
# A split that only puts a lead before a clause kept word for word ("This applies if",
# "For example,", a list) names no actor; these ones can (a repeated subject, a clause moved
# or cut from its subject).
_MOVING_OPS = frozenset(("active_voice", "party"))
_MOVING_SPLITS = frozenset(
    ("repeat_subject", "main_point_first", "clause", "semicolon", "although")
)
_ALL = frozenset(("caps", "parties", "shall", "lexicon", "passive", "split"))
# When the full rewrite fails a check, simpler ones are tried in this order.
_FALLBACKS = (
    _ALL,
    _ALL - {"passive"},
    _ALL - {"split"},
    _ALL - {"lexicon"},
    _ALL - {"passive", "split"},
    frozenset(("split",)),
    frozenset(("caps", "shall", "lexicon")),
)


def check_candidate(
    rw: Rewrite, info: DocInfo, grade_before: float | None, removable: set[str], quick: bool
) -> bool:
    """Run ``verify`` on one candidate and keep its result on ``rw``; True when it passed."""
    ops = rw.ops
    ok, checks, g0, g1 = verify(
        rw.original,
        rw.units,
        grade_before=grade_before,
        defined_terms=info.defined_terms,
        removable=removable,
        parties=info.parties,
        moves=any(o["op"] in _MOVING_OPS or o.get("at") in _MOVING_SPLITS for o in ops),
        repeats=any(o["op"] == "list" or o.get("at") == "repeat_subject" for o in ops),
        quick=quick,
    )
    rw.verified, rw.checks, rw.grade_before, rw.grade_after = ok, checks, g0, g1
    return ok


def rewrite_sentence(
    text: str,
    info: DocInfo,
    grade_before: float | None = None,
) -> Rewrite:
    """The plainest verified rewrite of one sentence; ``verified`` False when none passed."""
    if not could_change(text, info):
        return Rewrite(
            text, [text], " ", [], grade_before=grade_before or 0.0, grade_after=grade_before or 0.0
        )
    removable: set[str] | None = None  # built for the first candidate verified
    first: Rewrite | None = None
    failed: Rewrite | None = None
    seen: set[str] = set()
    memo: dict[Any, Any] = {}
    # A candidate's units, and whether it changed anything, follow from its text after the
    # steps, whether it splits, and whether the steps did anything: one that repeats all three
    # of a candidate already tried would be passed over (unchanged, or its text in ``seen``).
    tried: set[tuple[str, bool, bool]] = set()
    for steps in _FALLBACKS:
        state = _steps(text, info, steps, memo)
        split = "split" in steps
        key = (state[0], split, bool(state[1]))
        if key in tried:
            continue
        tried.add(key)
        units, joiner, ops, flagged, hints = _split(text, state, split, memo)
        rw = Rewrite(text, units, joiner, ops, flagged, [h["hint"] for h in hints])
        # ``rw.changed`` and ``rw.text``, with the units joined once
        new_text = joiner.join(units)
        changed = bool(ops) and new_text != text
        if first is None:
            first = rw
            if not changed:
                break  # every other candidate is a subset of this one: nothing to rewrite
        if not changed or new_text in seen:
            continue
        seen.add(new_text)
        if removable is None:
            removable = set(info.parties)
        ok = check_candidate(rw, info, grade_before, removable, quick=failed is not None)
        if ok:
            rw.flagged, rw.hints = first.flagged, first.hints
            return rw
        failed = failed or rw
    assert first is not None
    return failed or first
