"""Long sentences into shorter ones: lists, semicolons, "provided that", joined clauses.

``split_sentence`` returns the units of the rewrite: sentences (joined by a space) and, for an
enumerated list, an introduction and one line per item (joined by line breaks, as the plain
version prints them). Every split keeps every word that carries meaning; connectors that matter
("or", "but") stay at the start of the new sentence.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, islice

from tosaudit.rewrite.lexicon import inflect
from tosaudit.rewrite.transforms import (
    LEGAL_FORMS,
    MODALS,
    PREPOSITIONS,
    TOKEN,
    Op,
    ascii_tokens,
    looks_plural,
    protected_spans,
    words,
)

# The "(" first and what is before it checked behind it: the regex engine then skips to each
# "(" instead of trying a lookbehind at every position (about 5x faster).
_LABEL = re.compile(r"\((?<![\w(]\()(?:[a-z]|[ivx]{1,4}|\d{1,2})\)(?=\s)")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_FINITE = MODALS | frozenset(
    "is are was were has have had do does did agree agrees cannot won't don't doesn't "
    "means apply applies".split()
)
_SUBJECT = frozenset("we you they it he she i this these those there such".split())
_JOINERS = {
    "and": "",
    "but": "But ",
    "or": "Or ",
    "so": "So ",
}
_PROVIDED = re.compile(
    r"[,;]\s+provided(?:,?\s+however,?)?\s+that\s+|[,;]\s+provided\s+further\s+that\s+"
    r"|,\s+provided\s+(?=(?:you|we|they)\s)",  # "..., provided you do so fairly"
    re.IGNORECASE,
)
# "We may change the fees but will tell you first": a second modal verb of the subject that
# opens the sentence; the new sentence repeats the subject ("But we will tell you first").
_PRONOUN_HEAD = re.compile(r"(We|You|They)\s+(?:also\s+)?(?:may|will|must|can|shall|should)\b")
_AND_MODAL = re.compile(
    r"(?:,|(?<![\s,]))\s+(and|but)\s+(?:also\s+)?"
    r"(?=(?:may|will|must|can|shall|should|cannot)\s+(?!be\b)[a-z])"
)
_INCLUDING = re.compile(r",\s+including(?:\s+|(?=,))(?!among\b)", re.IGNORECASE)
_INFINITIVE_IN_TAIL = re.compile(
    r"\bto\s+(?!(?:the|our|your|a|an|any|their|its|this|these|that|those|you|us|them|it|"
    r"his|her|other|such|all|each|some|third|[A-Z0-9])\b)[a-z]+\b"
)
_NOT_LIMITED = re.compile(r"[,\s]*but\s+(?:is\s+)?not\s+limited\s+to,?\s+", re.IGNORECASE)
_IN_WHICH_CASE = re.compile(r",\s+in\s+which\s+case\s+", re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r",\s+(and|but|or|so)\s+(?=[A-Za-z])", re.IGNORECASE)
_SEMI = re.compile(r";\s+")
_THAT_SERIES = frozenset(("that", "whether"))
_ONLY = re.compile(r"\bonly\b", re.IGNORECASE)
_AND_PRONOUN = re.compile(
    r"(?<!\s)\s+(and|but)\s+(?=(?:we|you|they)\s+(?:will|may|must|can|shall|are|have|do|agree|"
    r"reserve|acknowledge|understand|should|might|could|cannot|can['\u2019]t|won['\u2019]t|"
    r"don['\u2019]t|do\s+not|will\s+not|need|also)\b)",
    re.IGNORECASE,
)
# What every match of _AND_PRONOUN holds, in the lower case of its text (see ``_folded``): a
# case-sensitive search that skips to each "a" or "b", where the pattern (case-insensitive,
# opening with white space) is tried at every position.
_AND_PRONOUN_GATE = re.compile(r"(?:and|but)\s+(?:we|you|they)\s").search
# "..., and the owners of the content may object": "and", then a noun phrase led by a
# determiner, then a modal or a finite verb within a few words: a clause of its own.
_AND_NOUN_CLAUSE = re.compile(
    r"(?<!\s)\s+and\s+(?=(?:the|our|your|such|these|this|each|its|their|any)\s)", re.IGNORECASE
)
_SUBORDINATE_INSIDE = re.compile(
    r"\b(?:if|when|whenever|where|unless|although|though|while|once|because|since|until|"
    r"after|before|who|which|that)\b",
    re.IGNORECASE,
)
_OBJECT_START = frozenset(
    "the a an it them you us your our their its this that these those any all each such "
    "his her my".split()
)
# A clause that what follows it may belong to: "You agree that A, and B" agrees to B too.
_AGREE_THAT = re.compile(
    r"\b(?:agree|agrees|acknowledge|acknowledges|understand|understands|confirm|confirms|"
    r"represent|represents|warrant|warrants|certify|certifies|accept|accepts)\b[^.;]{0,200}?"
    r"\bthat\b",
    re.IGNORECASE,
)
_CLAUSE_VERBS = frozenset("will may must can shall cannot should would might could".split())
_COMPLEMENT = re.compile(r"\b(?:that|if|whether|when|where|which|who|unless)\b", re.IGNORECASE)
_WHICH = re.compile(
    r",\s+which\s+(?=(?:may|will|is|are|means|includes|can|must|might|could|would|should|"
    r"allows|helps|lets|gives|applies)\b)"
)
_PLURAL_VERBS = frozenset(("are", "were", "have", "include", "allow", "help", "let", "give"))
_BECAUSE = re.compile(r",\s+because\s+(?!of\b)", re.IGNORECASE)
_OTHERWISE = re.compile(r",\s+otherwise,?\s+", re.IGNORECASE)
_UNLESS = re.compile(r",\s+unless\s+(?!otherwise\b)", re.IGNORECASE)
_IF = re.compile(r",\s+if\s+", re.IGNORECASE)
# The literal first and the letter before it checked behind it: the regex engine skips to each
# occurrence of the literal instead of trying the lookbehind at every lower-case letter. (The
# match still starts at the space, after a lower-case letter.)
_SUCH_AS_BARE = re.compile(
    r" such as(?<=[a-z] such as)\s+(?!(?:through|by|in|on|at|to|from|with|via)\b)"
)
_INCLUDING_BARE = re.compile(r" including(?<=[a-z] including)\s+(?!(?:but|without|among)\b)")
_IF_BARE = re.compile(r" if\s+(?!so\b|not\b|any\b|applicable\b|necessary\b|needed\b|required\b)")
_UNLESS_BARE = re.compile(r" unless\s+(?!otherwise\b)")
_BECAUSE_BARE = re.compile(r" because\s+(?!of\b)")
_SUCH_AS = re.compile(
    r",\s+(?:such\s+as|for\s+example,?|e\.g\.,?)\s+"
    r"(?!(?:through|by|in|on|at|to|from|with|via|when|if|where|for)\b)",
    re.IGNORECASE,
)
# (pattern, what starts the new sentence, operation, what must follow): "clause" a subject and
# a verb, "verb" nothing more (the pattern saw the verb), "tail" no verb up to the sentence end,
# "condition" one clause with no comma that ends the sentence.
_LEADS: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (_WHICH, "This ", "which", "verb"),
    (_BECAUSE, "This is because ", "because", "clause"),
    (_OTHERWISE, "Otherwise, ", "otherwise", "clause"),
    (_SUCH_AS, "Examples include ", "such_as", "tail"),
    # Without a comma, only after a main clause of its own ("We prohibit misuse such as spam.").
    (_SUCH_AS_BARE, "Examples include ", "such_as", "bare_tail"),
    (_INCLUDING_BARE, "This includes ", "including", "bare_tail"),
    # "A, unless B." says "A. This does not apply if B." (verify counts both as one negation).
    (_UNLESS, "This does not apply if ", "unless", "condition"),
    (_IF, "This applies if ", "if", "condition"),
    # The same without a comma ("We may end it if you break these Terms."), only after a main
    # clause of its own and never inside a "that"/"which" clause the condition may belong to.
    (_UNLESS_BARE, "This does not apply if ", "unless", "bare_condition"),
    (_IF_BARE, "This applies if ", "if", "bare_condition"),
    (_BECAUSE_BARE, "This is because ", "because", "bare_condition"),
)
# A literal every match of a split pattern holds, so a sentence without it skips the pattern's
# pass (most sentences hold few of them). (literal, case-insensitive): a case-insensitive
# pattern is tested against the lower-cased text, and only for ASCII text, where lower-casing
# and the regex engine's case folding agree ("\u0131f" matches "if" with IGNORECASE).
_NEEDLES: dict[re.Pattern[str], tuple[str, bool]] = {
    _SEMI: (";", False),
    _PROVIDED: ("provided", True),
    _IN_WHICH_CASE: ("which", True),
    _CLAUSE_JOIN: (",", False),
    _AND_NOUN_CLAUSE: ("and", True),
    _WHICH: ("which", False),
    _BECAUSE: ("because", True),
    _OTHERWISE: ("otherwise", True),
    _SUCH_AS: (",", False),
    _SUCH_AS_BARE: (" such as", False),
    _INCLUDING_BARE: (" including", False),
    _UNLESS: ("unless", True),
    _IF: ("if", True),
    _UNLESS_BARE: (" unless", False),
    _IF_BARE: (" if", False),
    _BECAUSE_BARE: (" because", False),
    _INCLUDING: ("including", True),
}


# A case-insensitive pattern is slow to search (no literal to skip to) and its needle is often a
# common word ("which", "if"). For ASCII text each of these also has a gate: a case-sensitive
# search of the lower-cased text that every match of the pattern implies (the pattern's own
# words with the white space they need, from a literal the regex engine skips to). No gate
# match, no pattern match: the pattern's pass is skipped. (Measured on the CLAUDETTE corpus:
# most sentences holding "and" or "provided" hold no "and the"/", provided".)
_GATES: dict[re.Pattern[str], Callable[[str], object]] = {
    _AND_NOUN_CLAUSE: re.compile(
        r"and\s+(?:the|our|your|such|these|this|each|its|their|any)\s"
    ).search,
    _PROVIDED: re.compile(r"[,;]\s+provided[\s,]").search,
    _IN_WHICH_CASE: re.compile(r"in\s+which\s+case\s").search,
    _SUCH_AS: lambda low: "such" in low or "example" in low or "e.g." in low,
    _BECAUSE: re.compile(r",\s+because\s").search,
    _OTHERWISE: re.compile(r",\s+otherwise").search,
    _UNLESS: re.compile(r",\s+unless\s").search,
    _IF: re.compile(r",\s+if\s").search,
    _INCLUDING: re.compile(r",\s+including").search,
}

# The same tables by the patterns' ids: a compiled pattern's hash is not cached (each lookup
# hashed the whole pattern again), while an int's is the int itself. The patterns are module
# constants, alive as long as the module, so their ids stay theirs.
_NEEDLE_OF: dict[int, tuple[str, bool]] = {id(rx): needle for rx, needle in _NEEDLES.items()}
_GATE_OF: dict[int, Callable[[str], object]] = {id(rx): gate for rx, gate in _GATES.items()}
# In ASCII text, ``_finder`` finds a match of a ``_LEADS`` pattern only when the lower-cased
# text holds one of these (the pattern's needle, or for ", such as"/", for example" its gate's
# words; " if" and ",\s+if" both hold "if"). A sentence with none of them (about half of those
# with nothing to rewrite) skips the eleven passes of the loop at once.
_LEAD_WORDS = (
    "if",
    "which",
    "because",
    "otherwise",
    "such",
    "example",
    "e.g.",
    " including",
    "unless",
)


# The characters outside ASCII that the regex engine's case folding matches to an ASCII letter
# ("\u0131f" matches "if" with IGNORECASE), or whose lower case holds one (dotted I, dotless i,
# long s, Kelvin sign): every code point was tried, and a test tries them all again.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=256)
def _folded(text: str) -> str | None:
    """``text.lower()`` when a case-insensitive match of ASCII words in ``text`` is always a
    case-sensitive match of the same lower-case words in it; None when it may not be.

    So it is for ASCII text and, without the few letters of ``_FOLDS_TO_ASCII``, for the rest
    (curly quotes and dashes keep about one sentence in seven out of ASCII): every other
    character matches an ASCII letter only as itself, and lower-casing keeps white space and
    punctuation as they are. Cached: the finders, the gates and each ``_Folding`` search of one
    sentence ask for the same text.
    """
    if text.isascii() or not any(map(text.__contains__, _FOLDS_TO_ASCII)):
        return text.lower()
    return None


def _finder(
    text: str, low: str | None = None
) -> Callable[[re.Pattern[str]], Iterable[re.Match[str]]]:
    """``rx -> rx.finditer(text)``, or no matches at once when the text lacks rx's literal
    (or, when ``_folded`` allows, when rx's gate finds nothing in the lower-cased text).
    ``low`` is ``_folded(text)`` when the caller has it already."""
    if low is None:
        low = _folded(text)

    def find(rx: re.Pattern[str]) -> Iterable[re.Match[str]]:
        needle, blind = _NEEDLE_OF[id(rx)]
        if blind:
            if low is not None and needle not in low:
                return ()
        elif needle not in text:
            return ()
        if low is not None:
            gate = _GATE_OF.get(id(rx))
            if gate is not None and not gate(low):
                return ()
        return rx.finditer(text)

    return find


class _Folding:
    """A case-insensitive pattern that spells its words in lower case, searched in the lower
    case of the text where ``_folded`` allows: the same pattern without IGNORECASE finds the
    same spans there (lower-casing keeps every position, white space and word character), about
    twice as fast (no case folding of each character tried). Only the spans are the text's:
    a match's groups hold lower-cased text."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.low = re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = _folded(text)
        if low is None:
            return self.rx.search(text, pos, endpos)
        return self.low.search(low, pos, endpos)


_AGREE_THAT_FOLDING = _Folding(_AGREE_THAT)
_COMPLEMENT_FOLDING = _Folding(_COMPLEMENT)


# Verbs of consumer terms, to tell "we collect X, and share it" (two actions of one subject)
# from "we collect X, and Y" (a list of things). Only these start a repeated-subject sentence.
_VERBS = (
    "use share collect store process provide send remove delete suspend terminate end change "
    "modify update display access disclose transfer charge bill cancel refund keep retain "
    "review monitor block disable limit restrict contact notify tell ask agree accept pay "
    "receive get give make take create post upload download install copy sell rent lease "
    "distribute publish reproduce host operate offer improve develop personalize personalise "
    "analyze analyse recommend show allow permit let help protect comply follow respect "
    "continue stop start choose decide select add move link connect register verify confirm "
    "enforce investigate report waive release indemnify defend hold reserve bear assume "
    "represent warrant guarantee promise incur apply avoid seek bring file resolve settle "
    "submit consent authorize authorise maintain ensure inform respond reply combine "
    "understand acknowledge license grant own control describe explain include renew issue "
    "track read see find work sign close open visit buy purchase order return replace "
    "repair deliver ship measure calculate"
).split()
_VERB_FORM: dict[str, str] = {}
for _v in _VERBS:
    for _f in ("base", "s", "past"):
        _VERB_FORM.setdefault(inflect(_v, _f), _f)
_HEAD = re.compile(
    r"((?i:we|you|they)|(?i:the|our|your|each|this)\s+[A-Za-z]{2,20}|[A-Z][a-z]{2,20})\s+"
    r"(?:(may|will|must|can|should|might|could|would)\s+)?(?:also\s+)?([a-z]+)\b"
)
_AND_VERB = re.compile(r"(?:,|(?<![\s,]))\s+and\s+(?:also\s+)?([a-z]+)\b")
# "a licence to host, copy and display X": a verb joined after an infinitive or a list of verbs
# belongs to that infinitive, not to the sentence's subject.
# The first "to <verb>" after the head, and a list of verbs just before an "and" (read in a
# bounded window, so each "and" costs O(1)).
_TO_VERB = re.compile(r"\bto\s+[a-z]+\b")
_VERB_LIST_END = re.compile(r",\s+[a-z]+,\s+[a-z]+\s*$")
_LIST_WINDOW = 120
_NEGATED = re.compile(
    r"\b(?:not|no|never|nor|without|unless|except)\b|n['\u2019]t\b", re.IGNORECASE
)
_DETERMINER_SUBJECT = frozenset(
    "our your the these this that those such any all each their its no some".split()
)
_OPEN = re.compile(r"\(")
_CLOSE = re.compile(r"\)")
_SUBORDINATE = re.compile(
    r"\s*(?:if|when|whenever|where|unless|although|though|while|once|because|since|as\s+long\s+as|"
    r"to\s+the\s+extent|in\s+the\s+event|upon|after|before|until|provided|notwithstanding|"
    r"despite|subject\s+to|except)\b",
    re.IGNORECASE,
)

_OPENER = re.compile(
    r"\s*(?:however|but|and|so|also|further|furthermore|moreover|additionally|in\s+addition|"
    r"therefore|otherwise)\b,?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Split:
    units: list[str]
    joiner: str  # " " between sentences, "\n" for a vertical list
    ops: list[Op]

    @property
    def text(self) -> str:
        return self.joiner.join(self.units)


def _words(text: str) -> int:
    return len(words(text))


def _fewer_words(text: str, n: int) -> bool:
    """``_words(text) < n``, reading no further than the n-th word (the rest of a long
    sentence is tested at every comma)."""
    return len(list(islice(TOKEN.finditer(text), n))) < n


_ITEM_LABEL = re.compile(r"(?:[a-z]{1,4}|\d{1,3})[.)]\s")


def _cap(text: str) -> str:
    text = text.lstrip()
    first = text[:1]
    # A label starts with a-z or a digit (\d: any decimal digit); most units start otherwise.
    if ("a" <= first <= "z" or first.isdecimal()) and _ITEM_LABEL.match(text):
        return text  # "b. We may ...": the list label keeps its case
    return text[:1].upper() + text[1:]


def _end(text: str, final: str = ".") -> str:
    text = text.rstrip().rstrip(",;:")
    return text if text[-1:] in ".!?" else text + final


def _starts_clause(text: str) -> bool:
    """A subject (pronoun, determiner phrase or name) followed soon by a finite verb."""
    first = TOKEN.match(text)
    if not first:
        return False
    word = first.group(0)
    low = word.lower()
    if low in _SUBJECT or low in _DETERMINER_SUBJECT:
        return _looks_like_clause(text)
    if word[:1].isupper() and low != "i":
        # A capital marks a name ("Acme may ..."), but a verb in title case before its object
        # ("and Enforce these Terms") is an action of the subject before the cut: cut there,
        # the part would read as an order to the reader.
        if _VERB_FORM.get(low) == "base":
            nxt = TOKEN.match(text, first.end() + 1)
            if nxt is not None and nxt.group(0).lower() in _OBJECT_START:
                return False
        return _looks_like_clause(text)
    return False


_PERSONAL = frozenset("we you they he she i it".split())
_CLAUSE_OPENERS = frozenset("that if when unless because whether so and but".split())


_RELATIVE = frozenset("that which who whom whose".split())


def _looks_like_clause(text: str) -> bool:
    toks = [t.lower() for t in words(text)[:8]]
    if not toks:
        return False
    if toks[0] in _SUBJECT and len(toks) > 1 and toks[1] not in ("and", "or"):
        return True  # ("you and the Provider": a compound subject still needs its verb below)
    for k in range(1, len(toks)):
        if toks[k] in _FINITE:
            if k >= 2 and toks[k - 1] in _RELATIVE:
                # "losses that are not foreseeable": the verb of a relative clause inside a
                # noun phrase (a list item after a semicolon), not of a clause of its own.
                continue
            if toks[k - 1] in _PERSONAL:
                # "that you are not required": a that-clause continuing the sentence.
                if k == 2 and toks[0] == "that":
                    return False
                # "any other location we agree to": a pronoun after a noun starts a clause
                # inside the noun phrase, which has no verb of its own (a cut leaves a
                # fragment); after "that" ("the law says that we must") it is a real clause.
                if toks[k - 2] not in _CLAUSE_OPENERS:
                    return False
            return True
    return False


def _paren_depth(text: str) -> tuple[list[int], list[int]]:
    if "(" not in text and ")" not in text:
        return [], []  # most sentences: no pass over the text at all
    return ([m.start() for m in _OPEN.finditer(text)], [m.start() for m in _CLOSE.finditer(text)])


def _free(
    text: str, pos: int, protected: tuple[tuple[int, int], ...], parens: tuple[list[int], list[int]]
) -> bool:
    """Outside parentheses and protected spans at ``pos`` (never split inside them)."""
    opens, closes = parens
    if bisect.bisect_left(opens, pos) > bisect.bisect_left(closes, pos):
        return False
    return not protected or not any(s <= pos < e for s, e in protected)


def _label_seq(labels: list[re.Match[str]]) -> list[re.Match[str]]:
    """The labels that continue one run: (a) (b) (c), (i) (ii) (iii) or (1) (2) (3)."""
    seq: list[re.Match[str]] = []
    scheme: list[str] = []
    for m in labels:
        lab = m.group(0)[1:-1]
        if not seq:
            if lab == "a":
                scheme = [chr(c) for c in range(ord("a"), ord("z") + 1)]
            elif lab == "i":
                scheme = _ROMAN
            elif lab == "1":
                scheme = [str(n) for n in range(1, 100)]
            else:
                continue
            seq = [m]
        elif len(seq) < len(scheme) and lab == scheme[len(seq)]:
            seq.append(m)
    return seq


def as_list(text: str) -> Split | None:
    """ "You must not (a) copy; (b) sell; or (c) change it." -> intro and one line per item."""
    if "(" not in text:
        return None  # every label starts with "(" (the pattern's lookbehind first is slow)
    seq = _label_seq(list(_LABEL.finditer(text)))
    if len(seq) < 2:
        return None
    intro = text[: seq[0].start()].rstrip()
    if _words(intro) < 2:
        return None
    items = []
    for k, m in enumerate(seq):
        end = seq[k + 1].start() if k + 1 < len(seq) else len(text)
        items.append(text[m.start() : end].strip())
    intro = intro.rstrip(",;")
    if not intro.endswith(":"):
        intro += ":"
    lines = [_cap(intro)]
    for k, item in enumerate(items):
        last_word = item.split()[-1].lower()
        if k + 1 < len(items) and not item.endswith((";", ",")) and last_word not in ("and", "or"):
            item += ";"
        lines.append(item)
    return Split(lines, "\n", [{"op": "list", "items": len(items)}])


_LEADING = re.compile(
    r"(if|unless|when|whenever|once|although|though|to\s+the\s+extent(?:\s+that)?)\s+",
    re.IGNORECASE,
)
_LEADING_FIRST = "iuwoat"  # the first letters of _LEADING's words
_COMMA = re.compile(r",\s+")
_IMPERATIVE = frozenset(
    "please be do don't don\u2019t contact call write see read note make use check go visit "
    "email e-mail send tell ask keep stop let".split()
)


# Pronouns that may point back into the condition: moving it after them leaves them dangling.
_BACK_REFERENCE = re.compile(r"\b(?:it|its|they|them|their|such)\b", re.IGNORECASE)
_BACK_REFERENCE_FOLDING = _Folding(_BACK_REFERENCE)
# A short item then ", or"/", and": the text after a comma still continues a list.
_LIST_GOES_ON = re.compile(r"[^,;.]{1,40},\s+(?:or|and)\s")


def _main_clause(rest: str) -> bool:
    first = TOKEN.match(rest)
    if not first:
        return False
    word = first.group(0).lower()
    return _starts_clause(rest) or word in _IMPERATIVE or _VERB_FORM.get(word) == "base"


_CONDITION_LEAD = {
    "if": "This applies if ",
    "unless": "This does not apply if ",
    "when": "This applies when ",
    "whenever": "This applies whenever ",
    "once": "This applies once ",
}


def _condition_lead(word: str) -> str:
    word = " ".join(word.lower().split())
    if word.startswith("to the extent"):
        return f"This applies {word} "  # "to the extent permitted by law" / "... that you"
    return _CONDITION_LEAD[word]


# What may follow "including" for "This includes ..." to read: a noun phrase. After a
# preposition or a conjunction ("including by making", "including if you use") it would not.
# ("without limitation" stays: "This includes, without limitation, X" reads.)
_NOT_A_LIST_START = (PREPOSITIONS - {"without"}) | frozenset(
    "if when where whether that because while unless".split()
)
# ", including X, in the Content": the sentence goes on after the aside, so cutting there
# would drop "in the Content" from what the main sentence says.
_GOES_ON = re.compile(
    r",\s+(?:in|on|to|for|with|from|under|of|by|at|as|which|that|and\s+(?:in|to))\s"
)


# What may open an example list before its first item ("including, without limitation, X").
_LIST_HEDGE = re.compile(
    r"[\s,]*(?:without\s+limitation|but\s+(?:is\s+)?not\s+limited\s+to|for\s+example)[\s,]*",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\([^()]{0,400}\)")


def _list_runs_to_end(tail: str) -> bool:
    """Whether an example list (the words after "including"/"such as") ends the sentence.

    In "A, B and C" no comma follows the last "and"/"or"; one that does ("collect information,
    including e-mail addresses, without their consent"; "fees, including taxes, associated with
    your use"; "damages, including costs and fees, incurred by us") closes the list and the
    sentence goes on: a cut there would move the qualifier onto the examples and drop it from
    the main clause, widening what the main clause says.
    """
    hedge = _LIST_HEDGE.match(tail)
    body = _PARENTHESIS.sub("", tail[hedge.end() :] if hedge else tail)
    last = max(body.rfind(" and "), body.rfind(" or "))
    if "," in body[last + 1 :]:
        return False
    # "costs and fees, incurred by us or the infringer": an item never opens with a participle
    # or a preposition; a comma before one closes the list even when "or" comes later.
    for comma in _COMMA.finditer(body):
        nxt = TOKEN.match(body, comma.end())
        if nxt and (nxt.group(0).lower() in PREPOSITIONS or nxt.group(0).endswith("ed")):
            return False
    return True


def _includes_a_list(tail: str) -> bool:
    """Whether the words after "including" can stand as "This includes <tail>."."""
    hedge = _LIST_HEDGE.match(tail)
    # "including without limitation regarding the accuracy": the hedge is not the list's
    # first word; the word after it is ("This includes without limitation about ..." fails).
    first = TOKEN.match(tail, hedge.end() if hedge else 0) or TOKEN.match(tail.lstrip(" ,"))
    if first is None or first.group(0).lower() in _NOT_A_LIST_START:
        return False
    return _GOES_ON.search(tail) is None and _list_runs_to_end(tail)


# A comma before a company's legal form ("Apple, Inc.") is inside the name.
_COMPANY_FORM = re.compile(
    "(?:"
    + "|".join(
        (*LEGAL_FORMS, "Co", "plc", "AG", "AB", r"B\.V", r"N\.V", r"S\.A", "SA", r"S\.L")
        + (r"S\.?[aà]\.?r\.?l", "SARL", "Pty", "Limited")
    )
    + r")\b"
)


def main_point_first(text: str, min_words: int = 4) -> Split | None:
    """ "If A, B." -> "B. This applies if A." (plain-language guides: the main point first).

    "Although A, B." -> "A. But B." keeps the order: both parts are statements.
    """
    if text.isascii() and text[:1].lower() not in _LEADING_FIRST:
        return None  # (ASCII, where case folding is lower-casing: no pattern call needed)
    m = _LEADING.match(text)
    if not m:
        return None
    lead = m.group(1).lower()
    for c in _COMMA.finditer(text, m.end(), min(len(text), m.end() + 300)):
        condition = text[m.end() : c.start()]
        if (
            ";" in condition
            or condition.count("(") != condition.count(")")
            or condition.count('"') % 2
            or "\u201c" in condition
        ):
            return None
        rest = text[c.end() :]
        if _COMPANY_FORM.match(rest):
            continue  # "from the Apple, Inc. App Store": the comma is inside the name
        if rest[:5].lower() == "then ":
            rest = rest[5:]
        if _fewer_words(condition, min_words) or _fewer_words(rest, min_words):
            continue
        last = words(condition)[-1].lower()
        if last in PREPOSITIONS or last in ("and", "or", "nor"):
            continue  # "who submits content to, or in connection with, the Products": not yet
        if ";" in rest or _LABEL.search(rest) or _LEADING.match(rest):
            return None  # a list or a second condition: keep the sentence whole
        if lead in ("although", "though"):
            if not (_starts_clause(rest) and _starts_clause(condition)):
                continue
            return Split(
                [_end(_cap(condition.strip())), _end("But " + rest.strip(), _final(text))],
                " ",
                [{"op": "split", "at": "although"}],
            )
        if not _main_clause(rest) or _LIST_GOES_ON.match(rest):
            continue  # "such as Facebook, Apple, or Google, we ...": the comma is in a list
        if any(_looks_like_clause(condition[k.end() :]) for k in _COMMA.finditer(condition)):
            # "If you cancel, auto-renewal will stop, we will not charge you": a clause after
            # an earlier comma is a main clause too; moving it into "This applies if ..." would
            # make it part of the condition.
            return None
        if _BACK_REFERENCE_FOLDING.search(rest):
            return (
                None  # "Once you order a Reward, you cannot return it": "it" needs the Reward first
            )
        main = _end(_cap(rest), _final(text))
        cond = _end(_condition_lead(m.group(1)) + condition.strip(), ".")
        return Split([main, cond], " ", [{"op": "split", "at": "main_point_first"}])
    return None


# A parenthesis that gives examples or an explanation, and how its own sentence begins.
_ASIDE = re.compile(
    r"\s?\((for\s+example|for\s+instance|e\.\s?g\.|i\.\s?e\.|such\s+as|including)"
    r"(?:,|:|\s)\s*([^()\"\u201c\u201d;]{2,300})\)",
    re.IGNORECASE,
)
# What every match of _ASIDE holds, in the lower case of its text (see ``_folded``): "(" and the
# start of a lead word. The pattern opens with an optional space, so it is tried at every
# position; this search skips from "(" to "(".
_ASIDE_GATE = re.compile(r"\((?:for\s|e\.|i\.|such\s|including)").search
# At most this many words may follow an aside for it to move to the end of the sentence.
_ASIDE_REACH = 20
_ASIDE_LEAD = {"i.e.": "That is, ", "ie.": "That is, ", "including": "This includes "}


_AFTER_ASIDE_OF_CLAUSE = PREPOSITIONS | frozenset(("per",))


def _aside_in_mid_clause(rest: str) -> bool:
    """Whether the verb's phrase goes on after a parenthesis: a preposition ("without our
    consent", "of an employee will result", "to the winner"). A relative clause of the same
    noun ("that you incur") is not such a continuation."""
    first = TOKEN.match(rest.lstrip())
    return first is not None and first.group(0).lower() in _AFTER_ASIDE_OF_CLAUSE


# Words that open a dependent clause: an aside that starts with one cannot stand alone.
_SUBORDINATORS = frozenset(
    "when whenever where wherever if unless because while whilst although though since "
    "before after once until till whether as".split()
)


def move_aside(text: str, min_words: int = 4) -> tuple[str, str, Op, int] | None:
    """ "We collect data (for example, your name) when you sign up." -> the sentence without
    the parenthesis, and "For example, your name." to follow it (plain-language guides: no
    asides in parentheses; one idea per sentence). Definitions in quotes stay where they are.
    """
    if "(" not in text:
        return None
    low = _folded(text)
    if low is not None and not _ASIDE_GATE(low):
        return None
    m = _ASIDE.search(text)
    if m is None:
        return None
    if any(s < m.end() and m.start() < e for s, e in protected_spans(text)):
        return None
    inner = m.group(2).strip().rstrip(".,")
    main = text[: m.start()] + text[m.end() :]
    if _words(main) < min_words or _words(inner) < 1 or main.count("(") != main.count(")"):
        return None
    lead_key = re.sub(r"\s+", "", m.group(1).lower())
    first = TOKEN.match(inner)
    first_word = first.group(0).lower() if first else ""
    # "(including to copy it)" and "(e.g. debited from your card)" continue the verb phrase
    # they sit in: on their own ("This includes to copy it.") they would not read.
    if first_word == "to" or (len(first_word) > 4 and first_word.endswith(("ed", "ing"))):
        return None
    if first_word in _SUBORDINATORS:
        # "(for example, when it is required to set up an account)": alone, "For example,
        # when it is required ..." is a sentence with no main clause.
        return None
    if lead_key == "including" and _aside_in_mid_clause(text[m.end() :]):
        # "(including any logo) without our consent. This includes any logo": once the rest of
        # the clause follows, "This" points at what comes last (the consent, the termination),
        # not at the noun the parenthesis followed.
        return None
    lead = _ASIDE_LEAD.get(lead_key, "For example, ")
    if lead_key == "including" and re.match(r"but\s+not\s+limited\s+to\s", inner, re.I):
        lead, inner = "This includes, but is not limited to, ", inner[19:].lstrip()
    return main, _end(lead + inner), {"op": "split", "at": "aside"}, m.start()


def split_sentence(text: str, min_words: int = 4) -> Split | None:
    """The sentence as shorter units, or None when no safe split point exists."""
    listed = as_list(text)
    if listed is not None:
        return listed
    if text.rstrip().endswith(":"):
        return None  # it introduces a list that follows: a cut would leave "... between you and."
    aside = move_aside(text, min_words)
    if aside is not None:
        main, extra, op, at = aside
        rest = _split_plain(main, min_words)
        if rest is None:
            if _words(main[at:]) > _ASIDE_REACH:
                return None  # the example would land far from what it is an example of
            return Split([_end(_cap(main.strip()), _final(text)), extra], " ", [op])
        # The aside follows the part it was in, so "This includes ..." points at the right
        # sentence; when that part cannot be told, the aside stays where it was.
        lead = " ".join(words(main[:at])[-3:])
        for k, unit in enumerate(rest.units):
            if lead and lead in " ".join(words(unit)):
                units = [*rest.units[: k + 1], extra, *rest.units[k + 1 :]]
                return Split(units, " ", [*rest.ops, op])
        return _split_plain(text, min_words)
    return _split_plain(text, min_words)


def _split_plain(text: str, min_words: int = 4) -> Split | None:
    """Split points other than a vertical list and a moved aside."""
    first = main_point_first(text, min_words)
    if first is not None:
        return first
    protected = protected_spans(text)
    parens = _paren_depth(text)
    cuts: list[tuple[int, int, str, str]] = []  # (start, end, prefix for next part, op)
    low = _folded(text)
    find = _finder(text, low)
    for m in find(_SEMI):
        if not _free(text, m.start(), protected, parens):
            continue
        right = text[m.end() : m.end() + 200]
        lead = TOKEN.match(right)
        word = lead.group(0).lower() if lead else ""
        if word == "provided":
            continue  # "; provided that": the proviso split below words it
        second = words(right[:60])[1:2]
        if word in _THAT_SERIES or (
            word in _JOINERS and second and second[0].lower() in _THAT_SERIES
        ):
            # "does not warrant that A; that B; or that C": each "that" clause still depends
            # on "does not warrant"; as sentences of their own they would read as promises.
            continue
        if word in ("however", "otherwise", "instead", "therefore"):
            cuts.append((m.start(), m.end(), "", "semicolon"))
        elif word in _JOINERS:
            # A subject must follow: "...; share it with users; and perform it" is the last
            # item of a verb list, and "Perform it." would read as an order to the reader.
            if _starts_clause(right[len(word) :].lstrip()):
                cuts.append((m.start(), m.end() + len(word) + 1, _JOINERS[word], "semicolon"))
        elif _looks_like_clause(right) and _looks_like_clause(
            text[max(0, m.start() - 200) : m.start()]
        ):
            cuts.append((m.start(), m.end(), "", "semicolon"))
    for m in find(_PROVIDED):
        if _free(text, m.start(), protected, parens):
            # "provided that" states a condition, unless its clause grants or imposes something
            # itself (a proviso: "provided that we may ..."), which reads as "However, ...".
            # "provided, however, that" always brings an exception, never a condition.
            clause = {t.lower() for t in words(text[m.end() : m.end() + 200])[:8]}
            proviso = "however" in m.group(0).lower() or bool(clause & MODALS)
            lead = "However, " if proviso else "This applies only if "
            cuts.append((m.start(), m.end(), lead, "provided_that"))
    for m in find(_IN_WHICH_CASE):
        if _free(text, m.start(), protected, parens):
            cuts.append((m.start(), m.end(), "In that case, ", "in_which_case"))
    # "If A, and B, then C": the main clause comes last, so clauses must not be cut apart.
    # "However, if A, or B, then C": a connector before the condition changes nothing.
    opener = _OPENER.match(text)
    subordinate = _SUBORDINATE.match(text, opener.end() if opener else 0) is not None
    # After a leading condition no clause is cut apart: no pass at all.
    joins = (
        []
        if subordinate
        else [m for m in find(_CLAUSE_JOIN) if _free(text, m.start(), protected, parens)]
    )
    # "You agree that A, and B": B is agreed to as well; a cut would drop that. A join is
    # skipped when _AGREE_THAT matches before it, that is (one search, not one per join) when
    # the first match before the last join ends by the join. (A match's end only grows with
    # its start: a later verb's lazy gap reaches no earlier "that". And each join starts with
    # a comma, so a "that" that ends at a join ends at a word boundary in the text too.)
    agreed_by = len(text) + 1
    # Every match of _AGREE_THAT holds "that" (where ``_folded`` allows, in its lower case).
    if joins and (low is None or "that" in low):
        agreed = _AGREE_THAT_FOLDING.search(text, 0, joins[-1].start())
        if agreed is not None:
            agreed_by = agreed.end()
    for m in joins:
        if agreed_by <= m.start():
            continue
        right = text[m.end() : m.end() + 200]
        joiner = m.group(1).lower()
        if joiner == "or" and (TOKEN.match(right) or [""])[0].lower() not in _SUBJECT:
            continue  # ", or any other location": after "or" a noun phrase is a list item
        if _shares_complement(text, m.start(), m.end()):
            continue  # "You may choose to, or we may invite you to, submit X": X is shared
        if _starts_clause(right):
            cuts.append((m.start(), m.end(), _JOINERS[joiner], "clause"))
    if not subordinate:
        cuts.extend(_repeated_subject(text, protected, parens))
        cuts.extend(_second_modal(text, protected, parens))
    and_pronoun = (
        _AND_PRONOUN.finditer(text)
        if not subordinate
        and (" we " in text or " you " in text or " they " in text)
        and (low is None or _AND_PRONOUN_GATE(low))
        else ()
    )
    for m in and_pronoun:
        if _free(text, m.start(), protected, parens) and not _shares_complement(
            text, m.start(), m.end()
        ):
            cuts.append((m.start(), m.end(), _JOINERS[m.group(1).lower()], "clause"))
    if not subordinate:
        cuts.extend(_and_noun_clauses(text, protected, parens, find))
    prefix_cache: list[_Prefix] = []  # built on first use: most sentences never need it
    leads = _LEADS
    if low is not None and not any(map(low.__contains__, _LEAD_WORDS)):
        leads = ()
    for rx, lead, op, follows in leads:
        for m in find(rx):
            if subordinate and follows != "tail" or not _free(text, m.start(), protected, parens):
                continue
            tail = text[m.end() : m.end() + 400]
            if follows == "clause" and not _starts_clause(tail):
                continue
            if follows in ("condition", "bare_condition") and (
                len(tail) >= 300 or "," in tail or ";" in tail or not _starts_clause(tail)
            ):
                continue  # the condition must be one plain clause that ends the sentence
            if follows in ("condition", "bare_condition") and _ONLY.search(text, 0, m.start()):
                continue  # "we will only seek fees if X": "only" ties the clause to X
            if follows == "bare_condition" and (
                not _prefix(text, prefix_cache).main_clause_before(m.start())
                or _AND_MODAL.search(tail)
                or _before_word(text, m.start()) in _NOT_A_CONDITION
            ):
                continue  # "... if you X and will tell you": the second verb is the main one's
            if follows == "verb" and (len(tail) >= 300 or "," in tail or ";" in tail):
                continue  # "X, which is Y, and Z": the which-clause sits inside the sentence
            if follows == "bare_tail" and not _prefix(text, prefix_cache).main_clause_before(
                m.start()
            ):
                continue
            if follows in ("tail", "bare_tail"):
                # An example list must run to the end of the sentence: nothing follows it, not
                # even an infinitive that belongs to the main clause ("to use technology, such
                # as AR, to share content").
                if (
                    len(tail) >= 400
                    or {t.lower() for t in words(tail)} & _FINITE
                    or _INFINITIVE_IN_TAIL.search(tail)
                    or not _list_runs_to_end(tail)
                ):
                    continue
            verb = TOKEN.match(text, m.end())
            # "taxes, which are added" -> "They are added", not "This are added".
            plural = op == "which" and verb is not None and verb.group(0) in _PLURAL_VERBS
            if op == "which" and verb is not None and verb.group(0).lower() in MODALS:
                # "update our Services, which might not work": a modal says nothing of number,
                # so the noun the clause follows does ("They might not work", not "This").
                plural = _plural_noun_before(text, m.start())
            cuts.append((m.start(), m.end(), "They " if plural else lead, op))
    for m in find(_INCLUDING):
        tail = text[m.end() : m.end() + 400]
        rest = {t.lower() for t in words(tail)}
        if (
            len(tail) < 400
            and _free(text, m.start(), protected, parens)
            and not rest & _FINITE
            and _includes_a_list(tail)
        ):
            # Only when the list runs to the end of the sentence: nothing follows it.
            lead = "This includes "
            limited = _NOT_LIMITED.match(text, m.end())
            if limited:  # "including but not limited to X" -> "This includes, but is not ..."
                lead, end = "This includes, but is not limited to, ", limited.end()
            else:
                end = m.end()
            cuts.append((m.start(), end, lead, "including"))
    if not cuts:
        return None
    cuts.sort()
    units: list[str] = []
    ops: list[Op] = []
    pos = 0
    prefix = ""
    for start, end, nxt_prefix, op in cuts:
        if start < pos:
            continue
        left = text[pos:start]
        if _fewer_words(left, min_words) or _fewer_words(text[end : end + 200], min_words):
            continue
        if _before_word(text, start) in _CONNECTOR_EDGE or _dangling_connector(text, end):
            continue  # "... shall not be a waiver, however. We may ...": "however" left hanging
        units.append(_end(prefix + _first_cap(left, bool(prefix))))
        prefix = nxt_prefix
        pos = end
        ops.append({"op": "split", "at": op})
    if not units:
        return None
    units.append(_end(prefix + _first_cap(text[pos:], bool(prefix)), _final(text)))
    # "including, without limitation, X" keeps its commas: "This includes, without ..."
    return Split([_cap(u).replace("This includes ,", "This includes,") for u in units], " ", ops)


# A clause ending in one of these still waits for what comes after the next clause: "You may
# choose to, or we may invite you to, submit ideas" shares "submit ideas" between both.
_AWAITS_COMPLEMENT = MODALS | frozenset(("to",))

# A connector that sets off its own clause ("X, however, and we may Y"): a cut right after it
# would leave it dangling at the end of a sentence, a cut right before it at the start.
_CONNECTOR_EDGE = frozenset(("however", "therefore", "nevertheless", "moreover", "furthermore"))


def _dangling_connector(text: str, pos: int) -> bool:
    """Whether the part from ``pos`` opens with a connector not set off by a comma ("however
    we may"): as the start of a sentence it reads as "in whatever way"."""
    first = TOKEN.match(text, pos)
    if first is None or first.group(0).lower() not in _CONNECTOR_EDGE:
        return False
    return text[first.end() : first.end() + 1] != ","


def _shares_complement(text: str, start: int, end: int) -> bool:
    """Whether the clauses either side of a join both end waiting for the words after the
    second one ("You may choose to, or we may invite you to, submit ideas"; "You can, and we
    will, keep a copy"). A clause that merely ends in "to" ("places we cannot ship to, and we
    do not ship to post office boxes") is complete."""
    if _before_word(text, start) not in _AWAITS_COMPLEMENT:
        return False
    comma = text.find(",", end, end + 160)
    return comma > 0 and _before_word(text, comma) in _AWAITS_COMPLEMENT


# "even if", "as if", "only if", "and if": not a condition that can stand as its own sentence.
_NOT_A_CONDITION = frozenset(
    "even as only and or but what example instance particular particularly especially except "
    "e.g".split()
)


_PAREN_BEFORE = re.compile(r"(?<!\s)\s*\([^()]{0,200}\)\s*$")


def _plural_noun_before(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` (past a bracketed aside) is a plural noun ("Products")."""
    head = text[max(0, pos - 300) : pos]
    aside = _PAREN_BEFORE.search(head)
    if aside:
        head = head[: aside.start()]
    last = words(head[-40:])
    return bool(last) and looks_plural(last[-1])


def _before_word(text: str, pos: int) -> str:
    before = words(text[max(0, pos - 30) : pos])
    return before[-1].lower() if before else ""


def _prefix(text: str, cache: list[_Prefix]) -> _Prefix:
    if not cache:
        cache.append(_Prefix(text))
    return cache[0]


class _Prefix:
    """What ``_main_clause_before`` needs about every prefix of one sentence, found in one pass
    each (so many split candidates in one long sentence stay linear, not quadratic)."""

    def __init__(self, text: str) -> None:
        big = len(text) + 1
        m = _COMPLEMENT_FOLDING.search(text)
        self.complement = m.start() if m else big
        colon = text.find(":")
        self.colon = colon if colon >= 0 else big
        self.opens, self.closes = _paren_depth(text)
        toks = list(TOKEN.finditer(text))
        self.ends = [t.end() for t in toks]
        modal = next((t.end() for t in toks if t.group(0).lower() in _CLAUSE_VERBS), big)
        self.modal = modal
        self.subject_first = bool(toks) and toks[0].group(0).lower() in _SUBJECT

    def main_clause_before(self, pos: int) -> bool:
        """A complete main clause before ``pos``: a modal or a pronoun subject, no word that
        opens a clause the condition could belong to ("You agree that we may X if Y"), and not
        inside a list or an aside."""
        if self.complement < pos or self.colon < pos:
            return False
        if bisect.bisect_left(self.opens, pos) != bisect.bisect_left(self.closes, pos):
            return False
        words = bisect.bisect_right(self.ends, pos)
        return words >= 5 and (self.modal <= pos or self.subject_first)


def _second_modal(
    text: str, protected: tuple[tuple[int, int], ...], parens: tuple[list[int], list[int]]
) -> list[tuple[int, int, str, str]]:
    """ "We may change X but will tell you" -> "We may change X. But we will tell you".

    Only for a pronoun subject that opens the sentence, and only when nothing between it and
    "and"/"but" opens another clause the modal could belong to ("We may end X if you Y and
    will tell you": is it we or you who will tell?).
    """
    head = _PRONOUN_HEAD.match(text)
    if head is None:
        return []
    subject = head.group(1)
    out = []
    for m in _AND_MODAL.finditer(text, head.end()):
        if not _free(text, m.start(), protected, parens) or _COMPLEMENT_FOLDING.search(
            text, 0, m.start()
        ):
            break
        if _SUBORDINATE_INSIDE.search(text, head.end(), m.start()):
            break
        lead = ("But " + subject.lower() if m.group(1).lower() == "but" else subject) + " "
        out.append((m.start(), m.end(), lead, "repeat_subject"))
    return out


def _first_end(text: str, vocabulary: frozenset[str]) -> int:
    """End of the first word of ``text`` in ``vocabulary`` (lower case); past the end if none."""
    if text.isascii():
        lows, starts = ascii_tokens(text)
        k = next(compress(count(), map(vocabulary.__contains__, lows)), None)
        return len(text) + 1 if k is None else starts[k] + len(lows[k])
    word = next((t for t in TOKEN.finditer(text) if t.group(0).lower() in vocabulary), None)
    return len(text) + 1 if word is None else word.end()


def _and_noun_clauses(
    text: str,
    protected: tuple[tuple[int, int], ...],
    parens: tuple[list[int], list[int]],
    find: Callable[[re.Pattern[str]], Iterable[re.Match[str]]] | None = None,
) -> list[tuple[int, int, str, str]]:
    """ "X may be protected by law and the owners of X may object" -> two sentences.

    Only when the left part has a modal verb of its own (so "Your use of X and the content
    you post will ..." , one subject of two nouns, is never cut), no clause word that the
    right part could belong to ("You agree that A and the B may C" keeps "that" over both),
    and the right part reaches its modal within fourteen words without punctuation.
    """
    out = []
    # Where the first clause verb and the first clause word end, found once: the left part
    # (which ends in white space, so no word or word boundary is cut) holds one exactly when
    # it ends by the left part's end. (Not a pass over every left part: one per sentence.)
    verb_end = complement_end = -1
    for m in (find or _finder(text))(_AND_NOUN_CLAUSE):
        if not _free(text, m.start(), protected, parens):
            continue
        if verb_end == -1:
            verb_end = _first_end(text, _CLAUSE_VERBS)
            comp = _COMPLEMENT_FOLDING.search(text)
            complement_end = comp.end() if comp else len(text) + 1
        if verb_end > m.start() or complement_end <= m.start():
            continue
        right = text[m.end() : m.end() + 160]
        head = re.split(r"[,;:()]", right, maxsplit=1)[0]
        head_words = [t.lower() for t in words(head)][:14]
        if not any(w in _CLAUSE_VERBS for w in head_words[1:]):
            continue
        out.append((m.start(), m.end(), "", "clause"))
    return out


def _repeated_subject(
    text: str, protected: tuple[tuple[int, int], ...], parens: tuple[list[int], list[int]]
) -> list[tuple[int, int, str, str]]:
    """ "We may collect X, and share it" -> "We may collect X. We may share it".

    Only for "and" (both actions hold), with the same verb form, and never after a negation
    ("we will not sell X and share Y" may deny both together).
    """
    head = _HEAD.match(text)
    if not head or head.group(1).lower() in ("if", "when", "unless", "once", "where", "any"):
        return []
    form = _VERB_FORM.get(head.group(3))
    if form is None:
        return []
    subject = head.group(1)
    modal = head.group(2)
    lead = subject[:1].upper() + subject[1:] + (f" {modal}" if modal else "") + " "
    out = []
    clause_modal = _modal_clause_end(text, head.end())
    # The first negation and the first "to <verb>" are found once, not rescanned for every
    # "and" (which made a long run of "and share it" quadratic): both stop the loop.
    neg = _NEGATED.search(text)
    neg_end = neg.end() if neg else len(text) + 1
    inf = _TO_VERB.search(text, head.end())
    inf_end = inf.end() if inf else len(text) + 1
    for m in _AND_VERB.finditer(text, head.end()):
        verb = m.group(1)
        want = "base" if modal else form
        if _VERB_FORM.get(verb) != want or not _free(text, m.start(), protected, parens):
            continue
        if neg_end <= m.start() or inf_end <= m.start():
            break
        if _VERB_LIST_END.search(text, max(head.end(), m.start() - _LIST_WINDOW), m.start()):
            break
        if clause_modal <= m.start():
            # "You agree that we may investigate X, and enforce Y": the verb after "and"
            # belongs to the clause with its own modal ("we may"), not to the first subject.
            break
        if want == "base" and not m.group(0).lstrip().startswith(","):
            # Without a comma, "your access and use in whole" joins two nouns: a base form
            # after "and" is a verb only when an object follows ("and share it", "and use the").
            nxt = TOKEN.match(text, m.end() + 1) if m.end() < len(text) else None
            if nxt is None or nxt.group(0).lower() not in _OBJECT_START:
                continue
        out.append((m.start(), m.start(1), lead, "repeat_subject"))
    return out


def _modal_clause_end(text: str, lo: int) -> int:
    """End of the first modal after the first clause word ("that", "if", ...) from ``lo``:
    from there on a verb joined by "and" may belong to that clause. Past the end if none.
    (Found once per sentence, not once per "and": the first clause word is the one that
    matters, since any modal after a later one also follows it.)"""
    comp = _COMPLEMENT_FOLDING.search(text, lo)
    if comp is None:
        return len(text) + 1
    return comp.end() + _first_end(text[comp.end() :], MODALS)


def _final(text: str) -> str:
    stripped = text.rstrip()
    return stripped[-1] if stripped[-1:] in ".!?" else "."


def _first_cap(part: str, after_prefix: bool) -> str:
    part = part.rstrip() if part.startswith(",") else part.strip()
    if after_prefix:
        return part  # "This applies only if you ...": keep the part's own case
    return _cap(part)
