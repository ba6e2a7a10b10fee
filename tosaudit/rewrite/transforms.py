"""Sentence transformations: all caps, parties, shall, legalese table, passive voice.

Each transformation is a function ``(text, info) -> (text, operations)`` over one sentence. The
patterns are compiled once, bounded (no nested quantifiers), and run on one sentence at a time.
Quotations, URLs, e-mail addresses and code-like strings are never changed; capitalised words in
mid-sentence are treated as defined terms or names and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, compress, count, islice
from operator import add, itemgetter
from typing import Any, NamedTuple

from tosaudit.rewrite.lexicon import (
    IRREGULAR,
    Entry,
    Lexicon,
    a_or_an,
    base_of_participle,
    inflect,
    lexicon,
    match_case,
)

Op = dict[str, Any]

TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019/-][A-Za-z]+)*")
# For ``words``: ASCII letters and the three ASCII joiners kept, every other byte a space.
_WORD_BYTES = bytes(c if chr(c).isalpha() or chr(c) in "'/-" else 32 for c in range(128)) + bytes(
    [32] * 128
)
# The same, with A-Z lowered: the lower-case words in the same translation pass.
_LOWER_WORD_BYTES = bytes(
    ord(chr(c).lower()) if chr(c).isalpha() or chr(c) in "'/-" else 32 for c in range(128)
) + bytes([32] * 128)
# A joiner not between two letters is no part of a word ("-foo", "rights'", "a--b").
# (The joiner first, so the regex engine skips straight to joiners; the check behind it looks
# two bytes back: a letter, then the joiner itself.)
_LONE_JOINER = re.compile(rb"[-'/](?:(?![A-Za-z])|(?<![A-Za-z][-'/]))")


def words(text: str) -> list[str]:
    """``TOKEN.findall(text)``, several times faster for ASCII text.

    The regex engine pays per character and per match; a byte translation and ``split`` run
    in C. A joiner stays in a word only between two letters, as in TOKEN. Non-ASCII text (a
    curly apostrophe is a joiner too) goes to the regex.
    """
    if not text.isascii():
        return TOKEN.findall(text)
    return _word_bytes(text).decode("ascii").split()


_APOSTROPHE, _HYPHEN, _SLASH = b"'-/"


def _word_bytes(text: str, table: bytes = _WORD_BYTES) -> bytes:
    """ASCII ``text`` as bytes with every character outside a TOKEN word made a space (same
    length, so offsets carry over); ``_LOWER_WORD_BYTES`` as ``table`` lower-cases it too."""
    data = text.encode("ascii").translate(table)
    # Byte values, not one-byte strings: ``bytes in bytes`` first tries the operand as an int
    # and formats a TypeError it then discards (measurable over every word pass).
    if _APOSTROPHE in data or _HYPHEN in data or _SLASH in data:
        data = _LONE_JOINER.sub(b" ", data)
    return data


def looks_plural(word: str) -> bool:
    """A plural-looking noun ("Products", "restrictions"), not "access", "status", "this"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]{1,2000}", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_DOMAIN = re.compile(
    r"(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:com|org|net|io|co|uk|de|fr|eu|gov)\b",
    re.IGNORECASE,
)
_DOMAIN_ENDS = tuple(f".{e}" for e in "com org net io co uk de fr eu gov".split())
_QUOTED = re.compile(r"\"[^\"\n]{0,300}\"|\u201c[^\u201d\n]{0,300}\u201d|`[^`\n]{0,300}`")
# Anchored at a token start, so each token is scanned once (linear on a 5 MB token too).
_CODE = re.compile(r"(?<!\S)\S*?(?:[_{}<>=\\|]|::|\(\))\S*")
_CODE_CHARS = ("_", "{", "}", "<", ">", "=", "\\", "|", "::", "()")
_UPPER_BYTES = bytes(range(ord("A"), ord("Z") + 1))
_LOWER_BYTES = bytes(range(ord("a"), ord("z") + 1))

DETERMINERS = frozenset(
    "a an the any no this that these those each every such your our its their his her my "
    "some all either neither another".split()
)
PREPOSITIONS = frozenset(
    "by to with for from of against between upon on about than toward towards without via under "
    "at among regarding including into onto over through within after before".split()
)
MODALS = frozenset("shall will may must can cannot could should would might".split())
BE_AUX = frozenset("am is are was were be been being has have had get gets got".split())
SUBJECT_PRONOUNS = frozenset("we you they it he she i this these there".split())
# Kept in capitals when a shouted sentence is lowered, even if the document never writes them
# elsewhere: currency codes and the acronyms of bodies and laws a policy cites. Not "US" or
# "IT", which in a shouted sentence are as likely the pronouns.
COMMON_ACRONYMS = frozenset(
    """USD EUR GBP CAD AUD NZD JPY CHF INR SGD HKD USA UK EU EEA AAA JAMS ICC LLC LLP GDPR CCPA
    DMCA FTC FCC VAT GST HST ID PIN URL FAQ API SMS IP""".split()
)


@dataclass
class DocInfo:
    """Facts about the whole document the rewrites need (computed once per document).

    ``cased`` and ``acronyms`` (how words are written where the document is not shouting) are
    built on first use from ``vocabulary``, a callable set by ``engine.doc_info``.
    """

    parties: dict[str, str] = field(default_factory=dict)  # "User" -> "you", "Company" -> "we"
    defined_terms: frozenset[str] = frozenset()  # as written in the definitions
    vocabulary: Any = None  # () -> (cased, acronyms, lower-case counts)
    _vocab: tuple[Any, ...] | None = None

    def _load(self) -> tuple[Any, ...]:
        if self._vocab is None:
            self._vocab = self.vocabulary() if self.vocabulary else ({}, frozenset(), {})
        return self._vocab

    @property
    def cased(self) -> dict[str, str]:
        """lower-case word -> the capitalised form the document uses for it mid-sentence."""
        return self._load()[0]

    @property
    def acronyms(self) -> frozenset[str]:
        return self._load()[1]

    def written_lower(self, word: str) -> bool:
        """Whether the document writes ``word`` (lower case, a-z) in lower case somewhere."""
        vocab = self._load()
        return len(vocab) > 2 and vocab[2].get(word, 0) > 0


# Every protected span holds one of these: a quotation mark, "@", ":" (a URL's scheme, "::"),
# "." (a domain, "www.") or a code character. Every byte but these, for deleting them.
_NOT_SPAN_MARK = bytes(c for c in range(256) if c not in b'"`@.:_{}<>=\\|()')


@lru_cache(maxsize=4096)
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans no transformation may touch: quotations, URLs, e-mails, domains, code."""
    if text.isascii():
        # Most sentences hold no mark but their final full stop (after which no URL or domain
        # can go on): one C-level deletion answers for them, instead of some twenty substring
        # searches. (Non-ASCII text may hold a curly quotation mark: the searches below.)
        marks = text.encode("ascii").translate(None, _NOT_SPAN_MARK)
        if not marks or (marks == b"." and text[-1] == "."):
            return ()
    spans: list[tuple[int, int]] = []
    low = text.lower()
    # Substring tests first: most sentences have none of these, and a test is far cheaper
    # than a regex pass.
    if '"' in text or "\u201c" in text or "`" in text:
        spans.extend(m.span() for m in _QUOTED.finditer(text))
    if "http" in low or "www." in low:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL.finditer(text))
    if "." in text[:-1] and (not text.isascii() or any(map(low.__contains__, _DOMAIN_ENDS))):
        # Every domain ends in "." and one of its endings: in ASCII text, where lower-casing
        # and the pattern's case folding agree, a text without one has none.
        spans.extend(m.span() for m in _DOMAIN.finditer(text))
    if any(map(text.__contains__, _CODE_CHARS)):
        spans.extend(m.span() for m in _CODE.finditer(text))
    return tuple(spans)


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    # Most sentences have no protected span: no generator for them.
    return bool(spans) and any(s < end and start < e for s, e in spans)


def _sentence_initial(text: str, start: int) -> bool:
    """True when ``start`` begins the sentence or follows an enumeration/sentence break."""
    window = text[max(0, start - 24) : start]
    before = window.rstrip()
    if not before:
        return start - len(window) <= 0 or not text[:start].strip()
    return before[-1] in ".!?:;\n" or bool(re.search(r"\(\w{1,4}\)$", before[-6:]))


# ---------------------------------------------------------------- all caps -> sentence case


@lru_cache(maxsize=4096)
def is_all_caps(text: str) -> bool:
    """Mostly upper-case letters over at least four words (a shouted passage)."""
    # Count A-Z and a-z by deleting them from the ASCII bytes: C speed, no list of matches.
    raw = text.encode("ascii", "ignore")
    lower = len(raw) - len(raw.translate(None, _LOWER_BYTES))
    if len(raw) - lower <= 4 * lower:
        # The capitals are among the other bytes: too few of them (most sentences), so the
        # second count is not needed.
        return False
    upper = len(raw) - len(raw.translate(None, _UPPER_BYTES))
    if upper + lower < 12 or upper <= 4 * lower or len(text.split()) < 4:
        return False
    return True


# A full stop after a single letter ends an abbreviation ("U.S. AND"), not a sentence.
_ABBREVIATION_END = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]\.$")


# A company's legal form after its name ("Acme, Inc."), as regex pieces in their usual case.
LEGAL_FORMS = (
    "Inc",
    "Ltd",
    "LLC",
    r"L\.L\.C",
    "LLP",
    "Corp",
    "PLC",
    "GmbH",
    "Corporation",
    "Incorporated",
)
_BEFORE_LEGAL_FORM = re.compile(
    r",?[ \t]{1,4}(?:" + "|".join(form.upper() for form in LEGAL_FORMS) + r")\b"
)


_LEGAL_FORMS = {"inc": "Inc", "ltd": "Ltd", "corp": "Corp", "llc": "LLC", "llp": "LLP"}
_LEGAL_FORM_END = re.compile(r"(?i)\b(?:inc|ltd|corp)\.$")  # "Automattic, Inc. and ..."


def _company_name_starts(text: str) -> frozenset[int]:
    """Offsets of the words that name a company before its legal form ("BY ACME WIDGETS LLC").

    Lower-casing "OPERATED BY AUTOMATTIC, INC." gave "automattic, Inc.": the name no longer
    showed. The name is the run of up to four words before the form, back to a function word
    or a punctuation mark. Only a short window before each form is read (linear in the text).
    """
    starts: list[int] = []
    last_end = 0
    for form in _BEFORE_LEGAL_FORM.finditer(text):
        # Not back past the previous form: each character is read once or twice at most.
        lo = max(last_end, form.start() - 80)
        toks = list(TOKEN.finditer(text, lo, form.start()))
        if lo > last_end and toks:
            toks = toks[1:]  # the first word of the window may be cut in two
        last_end = form.end()
        for k in range(len(toks) - 1, max(-1, len(toks) - 5), -1):
            tok = toks[k]
            gap = text[tok.end() : toks[k + 1].start() if k + 1 < len(toks) else form.start()]
            if tok.group(0).lower() in _NOT_IN_NAME or (k + 1 < len(toks) and gap.strip()):
                break
            starts.append(tok.start())
    return frozenset(starts)


_NOT_IN_NAME = (
    PREPOSITIONS
    | DETERMINERS
    | frozenset("and or is are was were be which who that owned operated provided".split())
)


def sentence_case(text: str, info: DocInfo) -> tuple[str, list[Op]]:
    """Lower-case a shouted sentence, keeping acronyms, defined terms and names as written."""
    if not is_all_caps(text):
        return text, []
    protected = protected_spans(text)
    names = _company_name_starts(text)
    # Read once, not per word (each is a property that loads the document's vocabulary).
    acronyms, cased = info.acronyms, info.cased
    tokens: Iterable[tuple[str, int]]
    if text.isascii():
        # The words as written and their offsets from one byte translation: no match object
        # per word (shouted passages are long).
        tokens = zip(*_word_starts(text, lower=False), strict=True)
    else:
        tokens = [(m.group(0), m.start()) for m in TOKEN.finditer(text)]
    out: list[str] = []
    pos = 0
    first = True
    for word, start in tokens:
        end = start + len(word)
        gap = text[pos:start]
        out.append(gap)
        low = word.lower()
        if protected and _inside(protected, start, end):
            new = word
        elif len(word) <= 4 and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            new = low  # list labels: (A) -> (a), (IV) -> (iv)
        elif word in acronyms or word in COMMON_ACRONYMS:
            new = word
        elif low in cased:
            new = cased[low]
        elif low == "i" or (len(word) == 1 and text[end : end + 1] == "."):
            new = word  # "I", and initials of abbreviations: "U.S.", "H.264"
        elif low in _LEGAL_FORMS:
            new = _LEGAL_FORMS[low]  # "INC." -> "Inc.", "LLC" stays
        elif start in names:
            new = word[:1] + low[1:]
        else:
            new = low
        if first:
            new = new[:1].upper() + new[1:]
        else:
            # A sentence mark as the last visible character of the 12 before the word starts a
            # new sentence. The previous word ends in a letter, so that character, if any, is
            # in the gap: the window is read only when the gap ends in a mark close enough.
            mark = gap.rstrip()
            if mark[-1:] in (".", "!", "?") and len(gap) - len(mark) < 12:
                before = text[max(0, start - 12) : start].rstrip()
                if not _ABBREVIATION_END.search(before) and not _LEGAL_FORM_END.search(before):
                    new = new[:1].upper() + new[1:]
        first = False
        out.append(new)
        pos = end
    out.append(text[pos:])
    new_text = "".join(out)
    new_text = _restore_terms(new_text, info)
    return new_text, [{"op": "sentence_case"}]


@lru_cache(maxsize=64)
def ordered_terms(terms: frozenset[str]) -> tuple[str, ...]:
    """Defined terms shortest first, then alphabetically: a fixed order whatever the hash seed.

    Where one term contains another ("Yahoo" in "YAHOO ENTITIES") the longer one is restored
    last, so its own spelling wins.
    """
    return tuple(sorted(terms, key=lambda t: (len(t), t)))


@lru_cache(maxsize=64)
def _terms_and_lows(terms: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(term, term in lower case) in the order of :func:`ordered_terms` (lowered once per
    document, not once per shouted sentence)."""
    return tuple((term, term.lower()) for term in ordered_terms(terms))


def _restore_terms(text: str, info: DocInfo) -> str:
    """Defined terms as the definitions write them ("Software", "TripAdvisor")."""
    low = text.lower()
    for term, term_low in _terms_and_lows(info.defined_terms):
        if term_low in low:
            text = _respell(text, term)
    return text


ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Occurrences tried by str.find before the caller's (linear, C-level) regex takes over: a
# hostile text may repeat a term thousands of times inside longer words.
FIND_LIMIT = 64


def whole_word_finds(
    hay: str, key: str, word_char: Callable[[str], bool], first: bool = False
) -> list[int] | None:
    """Starts of ``key`` in ``hay`` where no word character (``word_char``) touches it, left
    to right past each one found, as ``re.finditer`` of the whole-word pattern goes (only the
    first when ``first``); None after FIND_LIMIT occurrences: then the caller's pattern answers.

    ``str.find`` and a look at the character on each side, instead of compiling a pattern per
    defined term and document (which cost more than all the searches it served).
    """
    n, size = len(key), len(hay)
    out: list[int] = []
    at = hay.find(key)
    for _ in range(FIND_LIMIT):
        if at < 0:
            return out
        if (at == 0 or not word_char(hay[at - 1])) and (
            at + n == size or not word_char(hay[at + n])
        ):
            out.append(at)
            if first:
                return out
            at = hay.find(key, at + n)
        else:
            at = hay.find(key, at + 1)
    return None


def _respell(text: str, term: str) -> str:
    """``term`` as written wherever it stands as a whole word in ``text``, in any case.

    ASCII text and term (where the pattern's case folding is lower-casing and \\w is
    [A-Za-z0-9_]): :func:`whole_word_finds` over the lower-cased text, without compiling a
    pattern per term and document.
    """
    if text.isascii() and term.isascii() and term:
        found = whole_word_finds(text.lower(), term.lower(), ASCII_WORD_CHARS.__contains__)
        if found is not None:
            out: list[str] = []
            pos = 0
            for at in found:
                out += (text[pos:at], term)
                pos = at + len(term)
            out.append(text[pos:])
            return "".join(out)
    return re.sub(r"(?<!\w)" + re.escape(term) + r"(?!\w)", term, text, flags=re.IGNORECASE)


# ---------------------------------------------------------------- parties -> you / we

_OBJ = {"you": "you", "we": "us"}
_POSS = {"you": "your", "we": "our"}
_BE_AGREE = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}


def _party_regex(parties: dict[str, str]) -> re.Pattern[str] | None:
    if not parties:
        return None
    alts = "|".join(re.escape(t) for t in sorted(parties, key=len, reverse=True))
    return re.compile(r"(?<![\w-])((?:[Tt]he|THE)\s+)?(" + alts + r")(['\u2019]s)?(?![\w-])")


def _base_from_s(word: str) -> str | None:
    low = word.lower()
    if low in _BE_AGREE:
        return _BE_AGREE[low]
    if not low.endswith("s") or low.endswith("ss") or len(low) < 3:
        return None
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


def replace_parties(text: str, info: DocInfo) -> tuple[str, list[Op]]:
    """ "the User" -> "you", "the Company" -> "we" where the document defines them so."""
    rx = _party_regex(info.parties)
    if rx is None:
        return text, []
    protected = protected_spans(text)
    ops: list[Op] = []
    out: list[str] = []
    pos = 0
    for m in rx.finditer(text):
        if _inside(protected, m.start(), m.end()):
            continue
        pronoun = info.parties[m.group(2)]
        after = text[m.end() : m.end() + 80]
        nxt = TOKEN.match(after.lstrip())
        next_word = nxt.group(0) if nxt else ""
        prev = words(text[max(0, m.start() - 30) : m.start()])
        prev_word = prev[-1].lower() if prev else ""
        gap = len(after) - len(after.lstrip())
        agree: tuple[int, int, str] | None = None
        if m.group(3):
            new = _POSS[pronoun]
        elif next_word.lower() in MODALS:
            new = pronoun
        elif prev_word in PREPOSITIONS or prev_word in ("and", "or") and _obj_context(text, m):
            new = _OBJ[pronoun]
        elif next_word:
            verb = next_word
            base = _base_from_s(verb)
            if base is None or verb[:1].isupper():
                continue
            new = pronoun
            vstart = m.end() + gap
            agree = (vstart, vstart + len(verb), base)
        else:
            continue
        if _sentence_initial(text, m.start()):
            new = new[:1].upper() + new[1:]
        out.append(text[pos : m.start()])
        out.append(new)
        pos = m.end()
        if agree:
            out.append(text[pos : agree[0]])
            out.append(agree[2])
            pos = agree[1]
        ops.append({"op": "party", "from": m.group(0), "to": new})
    if not ops:
        return text, []
    out.append(text[pos:])
    return "".join(out), ops


def _obj_context(text: str, m: re.Match[str]) -> bool:
    before = [w.lower() for w in words(text[max(0, m.start() - 60) : m.start()])]
    return len(before) >= 3 and (before[-3] in PREPOSITIONS or before[-2] in PREPOSITIONS)


# ---------------------------------------------------------------- shall -> must / will

_SHALL = re.compile(r"(?<!\w)(shall)(\s+not)?(\s+)([A-Za-z]+)", re.IGNORECASE)
# After these verbs "shall" states what will happen, not a duty (OPC drafting guidance).
_FUTURE_VERBS = frozenset(
    "be become remain survive continue apply prevail terminate expire constitute mean include "
    "commence take have govern control supersede operate inure extend begin end last "
    "automatically renew lapse cease refer".split()
)


# Subjects that cannot owe a duty: a document, a rule, a thing or an event. "Shall" after them
# states an effect ("This shall not affect your rights" -> "This will not affect ..."), while a
# party (a person, a company, "you", "the Licensee") keeps the duty: "must" (OPC guidance).
# Things someone writes or sends ("notice", "content", "payment") are left out: "Any notice
# shall state the claim" is the sender's duty.
_NON_PERSON_SUBJECTS = frozenset(
    "this that it these those nothing such terms term agreement agreements contract policy "
    "policies provision provisions section sections clause clauses paragraph paragraphs article "
    "law laws rule rules dispute disputes claim claims award decision fee fees charge charges "
    "price prices payment payments license licence licenses licences right rights obligation "
    "obligations liability limitation limitations exclusion exclusions warranty warranties "
    "termination suspension expiration cancellation change changes modification modifications "
    "amendment amendments subscription subscriptions version translation waiver failure delay "
    "remedy remedies service services arbitration proceeding proceedings period foregoing".split()
)
# Where a clause (and so its subject) begins, looking back from "shall".
_CLAUSE_EDGE = frozenset(
    "that if and or but unless when whenever which who where because although while once "
    "then so".split()
)


# A negative subject makes "shall" a prohibition: "Neither party shall assign" means neither
# may; "Neither party must assign" would say that neither has to. Such a "shall" is left alone.
_NEGATIVE_SUBJECT = frozenset("neither nor no none nobody".split())


# "In no event shall we be liable": after a fronted negative the subject follows "shall". The
# sentence states what will not happen, so "will" keeps it ("must we be liable" would say the
# opposite). An inverted "shall" without a fronted negative (a question, a condition) is left.
_INVERTED_SUBJECT = frozenset(
    "we you they he she it i the any either our your its their such this that these those "
    "a an".split()
)
_FRONTED_NEGATIVE = re.compile(
    r"\b(?:in\s+no\s+(?:event|case|circumstances?)|under\s+no\s+circumstances?|at\s+no\s+time|"
    r"on\s+no\s+account|nor|neither|not\s+only)\b",
    re.IGNORECASE,
)


def _inverted(text: str, m: re.Match[str]) -> bool:
    """Whether the word after "shall" starts its subject ("shall we", "shall Under Armour")."""
    if m.group(2):  # "shall not ..." is never followed by its subject
        return False
    nxt = m.group(4)
    if nxt.lower() in _INVERTED_SUBJECT:
        return True
    # A capitalised word mid-sentence is a name ("shall Spotify"), unless the text is shouted.
    return nxt[0].isupper() and not nxt.isupper() and not text[: m.start()].isupper()


def _shall_subject(text: str, at: int) -> tuple[str, str]:
    """(first word, head word) of the subject before "shall" at ``at``, lower case; "" if none.

    The first word is "neither" when the subject is negative ("neither you nor we", "no user").
    """
    window = text[max(0, at - 160) : at]
    cut = max(window.rfind(c) for c in ",;:()")
    subject = [w.lower() for w in words(window[cut + 1 :])]
    for k in range(len(subject) - 1, -1, -1):
        if subject[k] in _CLAUSE_EDGE:
            subject = subject[k + 1 :]
            break
    subject = [w for w in subject if not w.endswith("ly")]  # "this Agreement automatically shall"
    if not subject:
        return "", ""
    if any(w in _NEGATIVE_SUBJECT for w in subject):
        return "neither", subject[-1]
    return subject[0], subject[-1]


_CLAUSE_PUNCT = re.compile(r"[,;:()]")


def replace_shall(text: str, info: DocInfo) -> tuple[str, list[Op]]:
    """ "shall" -> "must" for a duty of a party, "will" for what happens (OPC guidance).

    "Will" when the verb states an effect ("shall survive", "shall be governed") or the subject
    is not a party ("This shall not deprive you" -> "This will not deprive you"); otherwise
    "must" ("You shall pay" -> "You must pay", "shall not" -> "must not").
    """
    if "shall" not in text.lower():
        return text, []
    ops: list[Op] = []
    protected = protected_spans(text)
    previous: list[tuple[int, str]] = []  # (end, word chosen) of the last "shall"

    def swap(m: re.Match[str]) -> str:
        if _inside(protected, m.start(), m.end()):
            return m.group(0)
        verb = m.group(4).lower()
        if verb.endswith("ly"):
            rest = TOKEN.match(text[m.end() : m.end() + 60].lstrip())
            verb = rest.group(0).lower() if rest else verb
        if _inverted(text, m):
            # Bounded look-back: the clause before "shall" (a fronted phrase is near it).
            if not _FRONTED_NEGATIVE.search(text, max(0, m.start() - 200), m.start()):
                return m.group(0)
            ops.append({"op": "shall", "to": "will"})
            return match_case(m.group(1), "will") + m.group(3) + m.group(4)
        first, head = _shall_subject(text, m.start())
        # "whichever shall first occur": what happens first, nobody's duty.
        effect = first in (
            "this",
            "that",
            "it",
            "nothing",
            "these",
            "those",
            "such",
            "whichever",
            "whatever",
        ) or (head in _NON_PERSON_SUBJECTS and head not in info.parties)
        word = "will" if verb in _FUTURE_VERBS or effect else "must"
        if (
            not first
            and previous
            and previous[-1][1] == "will"
            and not _CLAUSE_PUNCT.search(text, previous[-1][0], m.start())
        ):
            # "Termination shall not act as a waiver and shall not release you": a "shall"
            # with no subject of its own shares the one before it in the same clause, so it
            # keeps its "will" ("must not release you" would turn an effect into a prohibition).
            word = "will"
        if word == "must" and first == "neither":
            return m.group(0)  # a prohibition on a negative subject: "must" would invert it
        previous.append((m.end(), word))
        new = match_case(m.group(1), word)
        ops.append({"op": "shall", "to": word})
        return new + (m.group(2) or "") + m.group(3) + m.group(4)

    new_text = _SHALL.sub(swap, text)
    return new_text, ops


# ---------------------------------------------------------------- legalese table


class Hit(NamedTuple):
    """One legalese phrase found: its span and its table entry (a tuple: built by the
    thousand, and a frozen dataclass pays a setattr call per field)."""

    start: int
    end: int
    entry: Entry


# ``Hit(*fields)`` without the Python-level ``__new__`` a NamedTuple adds (built per phrase).
_new_hit = partial(tuple.__new__, Hit)

_ADJ_SUFFIX = ("able", "ible", "ful", "ous", "ive")
_ADJ_WORDS = frozenset(("best", "commercial", "all", "every", "reasonable"))
_BLOCK_NEXT = {"cease": "to", "ceases": "to", "ceased": "to"}
# Fixed words kept before the nouns they name a period with: an "initial term" is the contract's
# first period before renewals, and "first term" reads as a mere ordinal.
_KEEP_BEFORE = {"initial": frozenset(("term", "terms", "period", "periods"))}


# Each token with the non-letters after it, so one C-level findall covers the whole sentence
# contiguously from its first letter (token offsets are then running sums).
_TOKEN_SEP = re.compile(r"([A-Za-z]+(?:['\u2019/-][A-Za-z]+)*)([^A-Za-z]*)")
_FIRST_LETTER = re.compile(r"[A-Za-z]")


_StarterSets = tuple[
    Lexicon, frozenset[str], frozenset[str], frozenset[tuple[str, str]], frozenset[str]
]
_STARTERS: dict[int, _StarterSets] = {}


def _starters(lex: Lexicon) -> frozenset[str]:
    """Single words a phrase of ``lex`` can begin with (an entry or a prefix of one)."""
    return _starter_sets(lex)[1]


def _starter_sets(lex: Lexicon) -> _StarterSets:
    """(lex, starters, one-word entries, first two words of every longer phrase, the words
    that are a one-word entry or the first of those pairs)."""
    got = _STARTERS.get(id(lex))
    if got is None or got[0] is not lex:
        keys = (*lex.entries, *lex.prefixes)
        words = frozenset(k for k in keys if " " not in k)
        single = frozenset(k for k in lex.entries if " " not in k)
        pairs = frozenset(
            (w[0], w[1]) for w in (k.replace(",", " ").split() for k in keys) if len(w) > 1
        )
        firsts = single | frozenset(first for first, _ in pairs)
        got = _STARTERS[id(lex)] = (lex, words, single, pairs, firsts)
    return got


def _word_starts(text: str, lower: bool = True) -> tuple[list[str], list[int]]:
    """The TOKEN words of ASCII ``text`` (lower case unless ``lower`` is False) and the offset
    where each starts.

    What ``words`` does, keeping the offsets: in the translated bytes (same length as the
    text) the words are the pieces between single spaces, and piece k starts one character
    after piece k-1 ends. No regex pass and no match objects.
    """
    spaced = _word_bytes(text, _LOWER_WORD_BYTES if lower else _WORD_BYTES).decode("ascii")
    return spaced.split(), _piece_starts(spaced)


def _piece_starts(spaced: str) -> list[int]:
    """Where each word of ``spaced`` (words and single spaces, as ``_word_bytes`` leaves
    them) starts."""
    pieces = spaced.split(" ")
    # Piece k starts at the lengths of the pieces before it plus one space each. (``add`` and
    # ``count``, not ``(1).__add__``: a method wrapper called from ``map`` builds an argument
    # tuple per piece.)
    starts = map(add, accumulate(map(len, pieces), initial=0), count())
    return list(compress(starts, pieces))


class Tokens:
    """The TOKEN words of one ASCII text in lower case (``lows``), and the offset where each
    starts (``starts``); unpacks as ``lows, starts``.

    The offsets are worked out on first use: most sentences the legalese scan reads hold no
    phrase of the table, and need only the words (the offsets cost twice the words).
    """

    __slots__ = ("lows", "_spaced", "_starts")

    def __init__(self, text: str) -> None:
        # (the text with every character outside a word a space, lower case: the offsets' source)
        self._spaced = _word_bytes(text, _LOWER_WORD_BYTES).decode("ascii")
        self.lows: list[str] = self._spaced.split()
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = _piece_starts(self._spaced)
        return self._starts

    def __iter__(self) -> Iterator[Any]:
        return iter((self.lows, self.starts))


# One analysis per text, shared by everything that reads the words of the same sentence (the
# legalese scan, and verify's facts and actors of the original), instead of a translation pass
# each. Small: a text is read again only while its sentence is rewritten.
@lru_cache(maxsize=512)
def ascii_tokens(text: str) -> Tokens:
    """``Tokens`` of ASCII ``text``; the lists are shared: read them, never change them."""
    return Tokens(text)


@lru_cache(maxsize=4096)
def scan(text: str) -> tuple[Hit, ...]:
    """Every legalese phrase in ``text``, longest match first, left to right, no overlaps."""
    return _scan_ascii(text) if text.isascii() else _scan_any(text)


def _scan_ascii(text: str) -> tuple[Hit, ...]:
    """``scan`` of ASCII text: words and offsets from one byte translation, separators sliced
    from the text only where a phrase may go on past a word."""
    tokens = ascii_tokens(text)
    words = tokens.lows
    # (the offsets read only where a phrase may go on past a word, or one was found)
    found = _phrases(words, lambda j: text[tokens.starts[j] + len(words[j]) : tokens.starts[j + 1]])
    if not found:
        return ()
    starts = tokens.starts
    return tuple(_new_hit((starts[i], starts[j] + len(words[j]), e)) for i, j, e in found)


def _scan_any(text: str) -> tuple[Hit, ...]:
    """``scan`` of any text: words and their separators from one regex pass."""
    first = _FIRST_LETTER.search(text)
    if first is None:
        return ()
    pairs = _TOKEN_SEP.findall(text, first.start())
    words = list(map(str.lower, map(itemgetter(0), pairs)))
    found = _phrases(words, lambda j: pairs[j][1])
    if not found:
        return ()
    # Offset of each word up to the last one found: running sum of word + separator lengths.
    starts = list(
        accumulate(map(len, map("".join, islice(pairs, found[-1][1]))), initial=first.start())
    )
    return tuple(Hit(starts[i], starts[j] + len(pairs[j][0]), e) for i, j, e in found)


def _phrases(words: list[str], sep_after: Any) -> list[tuple[int, int, Entry]]:
    """(first word, last word, entry) of each table phrase in ``words``, longest first.

    ``sep_after(j)``: the text between word j and word j + 1 (a phrase goes on only over
    white space or a comma).
    """
    lex = lexicon()
    index, prefixes = lex.entries, lex.prefixes
    _, starters, single, bigrams, firsts = _starter_sets(lex)
    if starters.isdisjoint(words):
        return []  # no word can begin a phrase of the table
    n = len(words)
    found: list[tuple[int, int, Entry]] = []
    free = 0  # first word not inside a phrase already found
    # Only words that are a one-word entry, or that begin a two-word start of a phrase with the
    # word after them, are looked at ("the" starts phrases, but rarely one found here). The
    # few words that may be either (about a quarter) are picked in C; the pair is tested only
    # for them, instead of building every pair of neighbouring words.
    for i in compress(range(n), map(firsts.__contains__, words)):
        key = words[i]
        if key not in single and (i + 1 >= n or (key, words[i + 1]) not in bigrams):
            continue
        if i < free:
            continue
        best: tuple[int, Entry] | None = None
        j = i
        while True:
            entry = index.get(key)
            if entry is not None:
                best = (j, entry)
            if j + 1 >= n or key not in prefixes:
                break
            sep = sep_after(j).strip()
            if sep == "":
                key = f"{key} {words[j + 1]}"
            elif sep == ",":
                key = f"{key}, {words[j + 1]}"
            else:
                break
            j += 1
        if best is None:
            continue
        found.append((i, best[0], best[1]))
        free = best[0] + 1
    return found


_BEFORE_PARTICIPLE = BE_AUX | frozenset(("and", "or"))
_CLAUSE_AFTER_SURE = frozenset("that you we they it he she i there".split())
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"[ \t]{1,4}(?!I\b)[A-Z][a-z]")


def _applicable(text: str, hit: Hit, protected: tuple[tuple[int, int], ...], caps: bool) -> bool:
    """Whether an automatic replacement fits here (not a name, a quote or a noun use)."""
    if not hit.entry.auto or _inside(protected, hit.start, hit.end):
        return False
    found = text[hit.start : hit.end]
    if not caps and any(w[:1].isupper() for w in found.split()[1:]):
        return False
    if not caps and found[:1].isupper() and not _sentence_initial(text, hit.start):
        return False  # "Termination" in mid-sentence is a defined term or a heading
    if (
        not caps
        and found[:1].isupper()
        and " " not in found
        and text[: hit.start].strip()
        and _NAME_GOES_ON.match(text, hit.end)
    ):
        # "[I. Additional Product Terms]", "See Section B(5): Additional Terms": a title-case
        # word before another capitalised word is part of a title or a defined term, even
        # after a heading number or a colon; renaming it breaks the cross-reference.
        return False
    prev = words(text[max(0, hit.start - 40) : hit.start])
    prev_word = prev[-1].lower() if prev else ""
    e = hit.entry
    if prev_word in DETERMINERS and e.plain.split()[:1] and e.plain.split()[0] in DETERMINERS:
        return False  # "the aforementioned" -> "the this": two determiners
    if e.lemma == "get" and found.lower().endswith("ed") and prev_word in _BEFORE_PARTICIPLE:
        # "received"/"obtained"/"acquired" as a participle: "is got", "may be got", "sent and
        # got", "have got" do not read; after a subject ("you received it") the past tense does.
        return False
    if e.plain.split()[1:2] == ["sure"]:
        # "make sure" takes a clause ("make sure that ...", "make sure you ..."), never a
        # noun: "to ensure the security of your data" -> "to make sure the security ..." fails.
        nxt = TOKEN.match(text, hit.end + 1)
        if not nxt or nxt.group(0).lower() not in _CLAUSE_AFTER_SURE:
            return False
    if e.plain == "also" and _ALSO.search(text, hit.end, hit.end + 80):
        return False  # "In addition, you may also" -> "Also, you may also"
    if e.lemma == "replace" and text[hit.end : hit.end + 1] in (".", ",", ";", ":", ""):
        return False  # "that agreement will supersede." -> "will replace." needs an object
    old_prep, new_prep = found.rsplit(None, 1)[-1].lower(), e.plain.rsplit(None, 1)[-1:]
    if (
        old_prep in PREPOSITIONS
        and new_prep
        and new_prep[0] != old_prep
        and re.search(
            rf"\b(?:or|and)\s+{old_prep}\b", _CLAUSE_PUNCT.split(text[hit.end : hit.end + 120])[0]
        )
    ):
        # "associated with one entity or with many Users" -> "linked to one entity or with
        # many Users": the second preposition (in the same clause) no longer matches the first.
        return False
    keep = _KEEP_BEFORE.get(found.lower())
    if keep is not None and any(w.lower() in keep for w in words(text[hit.end : hit.end + 40])[:2]):
        return False  # "initial term", "initial subscription term"
    if e.verb_only and not _verb_context(e.form, prev_word):
        return False  # "your purchase", "in-app purchases": a noun, not the verb
    if e.form and e.kind == "substitution":
        if prev_word in DETERMINERS:
            return False  # "any attempt", "a verified account": a noun or adjective, not a verb
        adjective = prev_word.endswith(_ADJ_SUFFIX) or prev_word in _ADJ_WORDS
        if e.form == "s" and adjective:
            return False  # "reasonable endeavours"
        if e.form == "base" and adjective and len(prev) > 1 and prev[-2].lower() in DETERMINERS:
            return False  # "a reasonable attempt": a noun ("servers ... available reside": a verb)
        nxt = TOKEN.match(text[hit.end : hit.end + 40].lstrip())
        if nxt and _BLOCK_NEXT.get(found.lower()) == nxt.group(0).lower():
            return False
    return True


_SUBJECT_WORDS = frozenset("you we they i he she".split())


def _verb_context(form: str, prev_word: str) -> bool:
    """Whether the word before a "verb"-only row's match shows that the match is a verb."""
    if form == "base":  # "to purchase", "you may purchase", "please request"
        return (
            prev_word in MODALS
            or prev_word in _SUBJECT_WORDS
            or prev_word
            in (
                "to",
                "not",
                "please",
            )
        )
    if form in ("past", "pp"):  # "you purchased", "items are purchased"
        return prev_word in _SUBJECT_WORDS or prev_word in BE_AUX
    if form == "ing":  # "by purchasing", "are requesting"
        return prev_word in PREPOSITIONS or prev_word in BE_AUX
    return False  # "-s": "purchases" and "requests" are far more often nouns


def _resolve_form(text: str, hit: Hit) -> str | None:
    """The plain form for ``hit``; None when no plain form fits (the hit is left as written)."""
    e = hit.entry
    if e.form != "past" or not e.lemma:
        return e.plain
    first = e.lemma.split()[0]
    if first not in IRREGULAR:
        return e.plain
    raw = words(text[max(0, hit.start - 40) : hit.start])[-3:]
    prev = [w for w in raw if not w.lower().endswith("ly") and w.lower() != "not"]
    # A quoted or bracketed noun just before ('the "Kudos" received') is a noun phrase too.
    closed = text[max(0, hit.start - 3) : hit.start].rstrip().endswith(('"', "\u201d", ")"))
    if (
        IRREGULAR[first][1] != IRREGULAR[first][2]
        and _BY_AGENT.match(text, hit.end)
        and not (prev and prev[-1].lower() in _FINITE_BEFORE)
    ):
        # A participle before its agent: "as indicated by the invoice" -> "as shown by",
        # "the candidate elected by the members" -> "chosen by" (not "showed"/"chose", and
        # not left as written as after any other noun).
        return inflect(e.lemma, "pp")
    if closed or (prev and prev[-1].lower() not in BE_AUX and _reduced_relative(prev[-1])):
        # "all payments received from you": a participle after a noun, where the plain verb's
        # past tense does not read ("payments got from you").
        return None
    if IRREGULAR[first][1] == IRREGULAR[first][2]:
        return e.plain
    if prev and prev[-1].lower() in BE_AUX:
        return inflect(e.lemma, "pp")
    return e.plain


_BY_AGENT = re.compile(r"\s+by\s")

# Words after which an -ed verb is a finite past tense, not a participle modifying a noun.
_FINITE_BEFORE = SUBJECT_PRONOUNS | frozenset(
    "who that which and or but also then just already never not i".split()
)


def _reduced_relative(word: str) -> bool:
    """Whether an -ed verb after ``word`` modifies it as a participle ("payments received").

    A lower-case content word before it is read as a noun; pronouns, relative words,
    conjunctions and names (capitalised: "Spotify received") are subjects or clause starts.
    A capitalised plural ("Developer Products obtained through ...") is a defined term's noun:
    reading it as a participle only keeps the word as written, which is always safe.
    """
    if word[:1].isupper() and not word.isupper() and word.endswith("s"):
        return looks_plural(word)
    low = word.lower()
    return word.islower() and low not in _FINITE_BEFORE and low not in MODALS


_ARTICLE_BEFORE = re.compile(r"(?<![\w])(an?|An?|AN?)(\s+)$")


def _article_before(prefix: str) -> re.Match[str] | None:
    """``_ARTICLE_BEFORE.search(prefix)``: "a"/"an" and the white space that ends ``prefix``.

    The article can only be the prefix's last word (white space follows it to the end), so
    the search starts two characters before the last non-space one instead of trying every
    position of a prefix that may run from the sentence's beginning. (The check behind the
    article still sees the character before that start.)
    """
    return _ARTICLE_BEFORE.search(prefix, max(0, len(prefix.rstrip()) - 2))


# A linking adverb that opens the sentence, with its comma: the plain connector (FPLG III.b:
# "but", "so" and "also" may start a sentence). In mid-sentence these words stay flagged only.
_CONNECTORS = {
    "however": "But",
    "therefore": "So",
    "thus": "So",
    "hence": "So",
    "consequently": "So",
    "accordingly": "So",
    "alternatively": "Or",
}
_OPENING_CONNECTOR = re.compile(
    r"(However|Therefore|Thus|Hence|Consequently|Accordingly|Alternatively|HOWEVER|THEREFORE|"
    r"THUS|HENCE|CONSEQUENTLY|ACCORDINGLY|ALTERNATIVELY),\s+"
)


def _opening_connector(text: str) -> tuple[str, list[Op]]:
    if text[:1] not in "HTCA":  # every connector starts with one of these: no pattern call
        return text, []
    m = _OPENING_CONNECTOR.match(text)
    if m is None:
        return text, []
    word = m.group(1)
    new = match_case(word, _CONNECTORS[word.lower()])
    rest = text[m.end() :]
    op = {"op": "substitution", "from": m.group(0).strip(), "to": new, "source": "FPLG"}
    return f"{new} {rest}", [op]


# Words that end the noun phrase after "if there is": its head is the word before them.
_PHRASE_ENDS = (
    PREPOSITIONS
    | MODALS
    | BE_AUX
    | frozenset("and or but that which who whom whose where when if unless as we you they".split())
)
_HEAD_WORD = re.compile(r"[A-Za-z]{1,40}|[^A-Za-z\s]")


def _plural_head(text: str, pos: int) -> bool:
    """Whether the noun phrase starting at ``pos`` has a plural head ("any such amendments",
    "material changes to these terms"); "a breach", "termination" and "any dispute" are not.
    Reads at most six words, so a long sentence costs no more than a short one."""
    head = ""
    for n, m in enumerate(_HEAD_WORD.finditer(text, pos, pos + 80)):
        word = m.group(0)
        low = word.lower()
        if not word[:1].isalpha() or low in _PHRASE_ENDS or n >= 6:
            break
        if low in ("a", "an", "each", "every", "another", "either", "neither"):
            return False  # a singular determiner
        head = word
    return bool(head) and looks_plural(head.lower())


def apply_lexicon(text: str, info: DocInfo, caps: bool = False) -> tuple[str, list[Op], list[Op]]:
    """Replace legalese from the table; returns (text, operations, flagged-only words)."""
    text, opening = _opening_connector(text)
    hits = scan(text)
    if not hits:
        return text, opening, []
    protected = protected_spans(text)
    ops: list[Op] = list(opening)
    flagged: list[Op] = []
    out: list[str] = []
    pos = 0
    for hit in hits:
        found = text[hit.start : hit.end]
        if not _applicable(text, hit, protected, caps):
            if not hit.entry.auto and not _inside(protected, hit.start, hit.end):
                flagged.append(
                    {
                        "op": hit.entry.kind,
                        "from": found,
                        "to": hit.entry.plain,
                        "source": hit.entry.source,
                    }
                )
            continue
        plain = _resolve_form(text, hit)
        if plain is None:
            continue
        start = hit.start
        prefix = text[pos:start]
        if not plain:
            # Leave the words out, with the space after them; capitalise what now starts.
            end = hit.end
            while end < len(text) and text[end] == " ":
                end += 1
            if end < len(text) and text[end] == ",":
                # "Please note that, subject to law, we ..." and "We, please note that, may":
                # the comma set the left-out words off, so it goes with them.
                end += 1
                while end < len(text) and text[end] == " ":
                    end += 1
                bare = prefix.rstrip()
                if bare.endswith(","):
                    prefix = bare[:-1] + prefix[len(bare) :]
            out.append(prefix)
            pos = end
            if _sentence_initial(text, start) and end < len(text):
                out.append(text[end].upper())
                pos = end + 1
            ops.append({"op": hit.entry.kind, "from": found, "to": "", "source": hit.entry.source})
            continue
        new = match_case(found, plain)
        if new.endswith((" there is", " THERE IS")) and _plural_head(text, hit.end):
            # "in the event of any such amendments" -> "if there are ...", not "there is".
            new = new[:-2] + ("ARE" if new.endswith("IS") else "are")
        art = _article_before(prefix)
        if art:
            article = match_case(art.group(1), a_or_an(new.split()[0]))
            prefix = prefix[: art.start(1)] + article + art.group(2)
        out.append(prefix)
        out.append(new)
        pos = hit.end
        ops.append({"op": hit.entry.kind, "from": found, "to": new, "source": hit.entry.source})
    out.append(text[pos:])
    result = "".join(out)
    if ops and (" and " in result or " or " in result):
        result = _merge_repeats(text, result, ops)
    return result, ops, flagged


def _merge_repeats(before: str, after: str, ops: list[Op]) -> str:
    """One word where a substitution made a pair of the same word ("supersede and replace" ->
    "replace and replace" -> "replace"): the pair was a doublet of synonyms."""
    for op in ops:
        word = op.get("to")
        if not word:
            continue
        for joiner in (" and ", " or "):
            pair = f"{word}{joiner}{word}"
            if pair not in after or pair in before:
                continue
            at = after.find(pair)
            while at >= 0:
                end = at + len(pair)
                whole = (at == 0 or not after[at - 1].isalnum()) and (
                    end == len(after) or not after[end].isalnum()
                )
                if whole:  # "replace and replacement" is no pair
                    after = after[:at] + word + after[end:]
                    end = at + len(word)
                at = after.find(pair, end)
    return after


# ---------------------------------------------------------------- passive voice

# The leading lookahead (the first letters of the auxiliaries) lets the regex engine skip to
# candidate letters; a lookbehind first would be tried at every position (2.5x slower).
_PASSIVE = re.compile(
    r"(?=[acdhimswACDHIMSW])(?<![\w])(?:(shall|will|may|must|can|could|should|would|might)(\s+not)?\s+be|"
    r"(has|have|had)\s+been|(am|is|are|was|were))\s+(?:([a-z]+ly)\s+)?([a-z]+)(?![\w-])",
    re.IGNORECASE,
)
_IRREGULAR_PP = frozenset(v[2] for v in IRREGULAR.values()) - {"been", "had"}
_NOT_PARTICIPLE = frozenset(
    "need seed feed speed bed red hundred based interested located subject limited "
    "entitled required expected supposed".split()
)
_AGENT_PRONOUN = {
    "us": "we",
    "you": "you",
    "them": "they",
    "him": "he",
    "her": "she",
    "me": "I",
    "it": "it",
}
_AS_OBJECT = {
    "we": "us",
    "i": "me",
    "they": "them",
    "he": "him",
    "she": "her",
    "you": "you",
    "it": "it",
}
_ADJUNCT = frozenset(
    "at in on for if when without with unless within after before from to and or as during "
    "until upon under where whenever because".split()
)
_SUBJECT_AFTER = frozenset(
    "that if when where which who because unless although once while".split()
)
_CLAUSE_START = frozenset(
    "that if when where which who because unless although and or but once while".split()
)


def is_participle(word: str) -> bool:
    low = word.lower()
    if low in _NOT_PARTICIPLE:
        return False
    return low in _IRREGULAR_PP or (low.endswith("ed") and len(low) > 3)


def find_passives(text: str) -> list[re.Match[str]]:
    """be-verb (+ adverb) + past participle, from a participle list and -ed forms."""
    return list(_passives(text))


# Every passive holds one of these as a run of letters of its own (white space after it, no
# \w before it). In ASCII text, where the pattern's case folding is plain lower-casing, a text
# without any of them has no passive. A modal starts a passive only before "be", and a form of
# "have" only before "been"; the other auxiliaries are forms of "be" themselves.
_BE_AUX_RUNS = tuple(f" {w} ".encode("ascii") for w in ("am", "is", "are", "was", "were"))
_MODAL_RUNS = tuple(
    f" {w} ".encode("ascii")
    for w in ("shall", "will", "may", "must", "can", "could", "should", "would", "might")
)
_HAVE_RUNS = tuple(f" {w} ".encode("ascii") for w in ("has", "have", "had"))
# ASCII letters lower-cased, every other byte a space (same length, so offsets carry over).
_LOWER_LETTER_RUNS = bytes(
    ord(chr(c).lower()) if chr(c).isalpha() else 32 for c in range(128)
) + bytes([32] * 128)


# The only non-ASCII characters the pattern's case folding matches to an ASCII letter (found
# by trying every code point): with one of them an auxiliary may hold a non-ASCII letter.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _run_starts(padded: bytes, runs: tuple[bytes, ...], into: list[int]) -> None:
    """Append to ``into`` the offset (in the unpadded bytes) of every whole run of letters
    that is one of ``runs`` (each written with a space on either side)."""
    for run in runs:
        at = padded.find(run)
        while at >= 0:
            into.append(at)  # the leading space of the padding makes the offset the run's
            # Runs may share the space between them ("is is"): go on one byte further.
            at = padded.find(run, at + 1)


@lru_cache(maxsize=1024)
def _passives(text: str) -> tuple[re.Match[str], ...]:
    # The rewrite and the actors check both read the original's passives: found once.
    if not text.isascii() and any(map(text.__contains__, _FOLDS_TO_ASCII)):
        return tuple(m for m in _PASSIVE.finditer(text) if is_participle(m.group(6)))
    # Every other non-ASCII character becomes "?" (one per character, so offsets carry over),
    # then a space: no auxiliary holds one, and one before an auxiliary is either white space
    # or punctuation (a run of letters starts after it) or a word character, where the
    # pattern, tried on the text itself, fails its (?<![\w]) as before. With a space on
    # either end, a whole run of letters is found by a substring search for " run ": a few
    # C-level searches instead of splitting the sentence into runs and looking each one up.
    padded = b" " + text.encode("ascii", "replace").translate(_LOWER_LETTER_RUNS) + b" "
    starts: list[int] = []
    _run_starts(padded, _BE_AUX_RUNS, starts)
    if b" be " in padded:
        _run_starts(padded, _MODAL_RUNS, starts)
    if b" been " in padded:
        _run_starts(padded, _HAVE_RUNS, starts)
    if not starts:
        return ()
    # A match starts at an auxiliary that is a whole run of letters (no \w before it, white
    # space after it). Where the pattern's case folding is plain lower-casing, trying the
    # pattern only at those runs, left to right and past each match, finds what ``finditer``
    # finds without the regex engine visiting every position of the sentence. (A modal with
    # no "be" run in the text, or a "have" with no "been" run, cannot start a match: leaving
    # them out changes no match and no end.)
    starts.sort()
    found: list[re.Match[str]] = []
    end = 0
    for at in starts:
        if at < end:
            continue
        m = _PASSIVE.match(text, at)
        if m is not None:
            found.append(m)
            end = m.end()
    return tuple(m for m in found if is_participle(m.group(6)))


def _agent(text: str, pos: int) -> tuple[str, int, bool] | None:
    """The agent after "by" at ``pos``: (text, end, plural) if it is a pronoun or short name."""
    m = re.match(r"\s+by\s+", text[pos:])
    if not m:
        return None
    start = pos + m.end()
    toks = list(TOKEN.finditer(text, start, min(len(text), start + 80)))
    if not toks or toks[0].start() != start:
        return None
    first = toks[0].group(0)
    if first.lower() in _AGENT_PRONOUN:
        end = toks[0].end()
        plural = first.lower() in ("us", "you", "them")
        words = [first]
    else:
        words = []
        end = start
        for k, t in enumerate(toks[:4]):
            if k and text[toks[k - 1].end() : t.start()] != " ":
                break
            w = t.group(0)
            if k == 0 and w.lower() == "the" or w[:1].isupper():
                words.append(w)
                end = t.end()
            else:
                break
        if not words or words[-1].lower() == "the":
            return None
        plural = words[-1].endswith("s") and not words[-1].endswith("ss")
    rest = text[end : end + 40]
    if rest[:1] == "." and rest[1:].strip():
        # "by Booking.com B.V." or "by Google Inc. (...)": the full stop is inside the name,
        # not the sentence's end, so the name goes on and cannot be moved whole.
        return None
    nxt = TOKEN.match(rest.lstrip())
    if first.lower() not in _AGENT_PRONOUN and rest.lstrip()[:1] == ",":
        # "by Acme Labs, Inc., a Delaware corporation": a named agent followed by a comma may
        # go on (legal suffix, apposition); moving it would cut the name apart.
        return None
    if (
        rest.strip()
        and rest.lstrip()[:1] not in ".,;:!?)"
        and (not nxt or nxt.group(0).lower() not in _ADJUNCT)
    ):
        return None
    if nxt and nxt.group(0).lower() in ("and", "or") and rest.lstrip()[:1] not in ",;":
        # "contemplated by you and Zynga": the agent goes on past "and" (moving only "you"
        # leaves "you contemplated it and Zynga"); "charged by us and will be shown": the
        # second verb shares the passive subject ("We will charge fees and will be shown").
        return None
    return text[start:end], end, plural


def _subject(text: str, aux_start: int) -> tuple[int, str] | None:
    """The subject noun phrase right before the auxiliary, if it starts a clause."""
    lo = max(0, aux_start - 120)
    toks = list(TOKEN.finditer(text, lo, aux_start))
    phrase: list[re.Match[str]] = []  # its words, last first
    edge = aux_start
    for t in reversed(toks):
        if text[t.end() : edge].strip():
            break  # punctuation between words: the noun phrase ends here
        low = t.group(0).lower()
        if low in _CLAUSE_START or low in MODALS or low in BE_AUX:
            break
        phrase.append(t)
        edge = t.start()
        if len(phrase) > 6:
            return None
    if not phrase:
        return None
    start = phrase[-1].start()
    lead = text[:start].rstrip()
    prev = words(text[max(0, start - 20) : start])
    # After "and"/"or"/"but" a noun is more often the end of a list ("our Services or
    # Platforms may be used") than the subject of a new clause: not a subject then.
    if lead and lead[-1] not in ",;:(" and not (prev and prev[-1].lower() in _SUBJECT_AFTER):
        return None
    subj = text[start:aux_start].strip()
    if subj.lower().split()[0] in PREPOSITIONS:
        return None
    return start, subj


def passive_to_active(text: str, info: DocInfo) -> tuple[str, list[Op], list[Op]]:
    """Active rewrite when the agent is named ("by us"); otherwise a hint naming the passive."""
    ops: list[Op] = []
    hints: list[Op] = []
    passives = find_passives(text)
    if not passives:
        return text, ops, hints  # most sentences: no protected spans needed
    protected = protected_spans(text)
    for m in reversed(passives):
        if _inside(protected, m.start(), m.end()):
            continue
        agent = _agent(text, m.end())
        if agent is None:
            hints.append(
                {
                    "op": "passive",
                    "phrase": m.group(0),
                    "hint": f'Say who acts: "{m.group(0)}" does not say who does it.',
                }
            )
            continue
        subj = _subject(text, m.start())
        base = base_of_participle(m.group(6))
        if subj is None or base is None:
            hints.append(
                {
                    "op": "passive",
                    "phrase": m.group(0),
                    "hint": f'Put the actor first: "{m.group(0)}" is passive.',
                }
            )
            continue
        agent_text, agent_end, plural = agent
        low = agent_text.lower()
        new_subj = _AGENT_PRONOUN.get(low, agent_text)
        modal, neg, have, be = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        pp = m.group(6)
        adverb = (m.group(5) + " ") if m.group(5) else ""
        plural = plural or new_subj.lower() in ("we", "you", "they", "i")
        if modal:
            verb = f"{modal.lower()}{neg.lower()} {adverb}{base}"
        elif have:
            aux = "had" if have.lower() == "had" else ("have" if plural else "has")
            verb = f"{aux} {adverb}{pp.lower()}"
        elif be.lower() in ("was", "were"):
            verb = f"{adverb}{inflect(base, 'past')}"
        else:
            verb = f"{adverb}{base if plural else inflect(base, 's')}"
        start, subj_text = subj
        obj = _AS_OBJECT.get(subj_text.lower(), subj_text)
        head = obj.split()[0]
        if (
            obj == subj_text
            and head[:1].isupper()
            and not head.isupper()
            and (
                head.lower() in DETERMINERS
                # A capital that only opened the sentence: a lone plural noun ("Fees"), or the
                # first of a common noun phrase the document writes in lower case elsewhere
                # ("Payment details"). A name ("Acme's content", "Spotify Premium",
                # "Microsoft accounts") keeps it.
                or (obj == head and head.lower() not in info.cased and looks_plural(head.lower()))
                or (
                    obj != head
                    and head.isalpha()
                    and head.lower() not in info.cased
                    and all(w[:1].islower() for w in obj.split()[1:])
                    and info.written_lower(head.lower())
                )
            )
            and head not in info.defined_terms
        ):
            obj = obj[:1].lower() + obj[1:]  # "Fees will be charged by us" -> "... charge fees"
        if _sentence_initial(text, start):
            new_subj = new_subj[:1].upper() + new_subj[1:]
        elif new_subj.split()[0] in ("The",):
            new_subj = "the" + new_subj[3:]
        new = f"{new_subj} {verb} {obj}"
        text = text[:start] + new + text[agent_end:]
        ops.append({"op": "active_voice", "from": m.group(0), "to": new})
    return text, ops, hints
