"""Document kind and the disclosures checklist (contact, cancellation, refunds, dates, ...).

``classify_kind`` names what a document is (terms, privacy, refund, cookie, other) from its
title, headings and words. ``check_disclosures`` fills the checklist the JSON report carries and
turns each missing or partial item the kind requires into a document-scope finding whose message
says what to add. Word lists live in ``rules/data/disclosures.yaml`` with their provenance.

Every scan is linear: whole-text patterns are literal-led or start only at a word-run boundary
with bounded repeats, and sentence-level patterns run on sentences already found by a cheap
keyword scan of the whole text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import PurePath
from typing import Any

import yaml

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule
from tosaudit.rules.needles import matches_at

KINDS = ("terms", "privacy", "refund", "cookie", "other")
CHANNELS = ("email", "phone", "postal_address", "web_form", "chat")
MAX_EVIDENCE = 8

# ---------------------------------------------------------------------------------------------
# Patterns (compiled once from the data file)
# ---------------------------------------------------------------------------------------------

_I = re.IGNORECASE

# Start only where a run of local-part characters starts, so a 5 MB run without "@" is tried once.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}"
    r"(?![\w-])"
)
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}(?![\w-])"
)
_EMAIL_LOCAL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}$")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\])}]{1,300}", _I)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]{1,63}\.){1,4}(?:com|net|org|io|co|uk|de|fr|ie|eu|app|info|biz|us|"
    r"ca|au|nl|se|fi|dk|es|it|jp|in|me|tv|gg|ly)(?:/[^\s<>\"')\]]{0,200})?(?![\w-])",
    _I,
)
# "help.example.co", "support.acme.example": a host named for help, whatever its top level.
_HELP_HOST = re.compile(
    r"(?<![\w@./-])(?:help|support|contact|care|customercare|customerservice|service)"
    r"(?:\.[a-z0-9-]{1,63}){1,4}(?:/[^\s<>\"')\]]{0,200})?(?![\w-])",
    _I,
)
_PLACEHOLDER_DOMAIN = re.compile(
    r"(?:^|[@./])(?:example|yourdomain|yourcompany|yoursite|yourwebsite|domain|company|"
    r"companyname|website|email|mail)\.(?:com|net|org)\b",
    _I,
)
# A phone candidate: one run of digits and separators (no nested repeats), validated in Python.
_PHONE = re.compile(r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d ().\-\u2010-\u2013]{5,22}\d(?![\w/-])")
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s?Box\s+\d{1,6}\b", _I)
_POSTCODE = re.compile(
    r"\b[A-Z]{2},?\s{1,3}\d{5}(?:-\d{4})?\b"  # US state + ZIP
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # UK
    r"|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"  # Canada
    r"|\b[A-Z]\d{2}\s?[A-Z0-9]{4}\b"  # Ireland (Eircode)
    r"|\bDublin\s\d{1,2}\b"
    # EU "02150 Espoo", "D-10785 Berlin", NL "1017 CE": only right after ", " or a line start,
    # where addresses put them (so "in 2018 Facebook" is not one).
    r"|(?:(?<=, )|(?<=\n)|(?<=,\n))(?:[A-Z]{1,2}-)?\d{4,5}[ \t]{1,3}"
    r"(?:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,30}|[A-Z]{2})\b"
)
_DIGIT = re.compile(r"\d")
# Necessary conditions, each a substring every match of the pattern contains, searched first
# because they start with a plain character class (the engine skips ahead to it) where the
# full patterns start with a look-behind or a word boundary tried at every position.
_PHONE_CORE = re.compile(r"\d[\d ().\-\u2010-\u2013]{5,22}\d")
# "\d{4}|[A-Z]\d|Dublin" with every alternative led by a digit or "D": the engine then tries
# only those positions, not every capital letter. (The look-behind may see the letter just
# before the sentence: a harmless extra search of the sentence, never a missed one.)
_POSTCODE_CORE = re.compile(r"\d(?:\d{3}|(?<=[A-Z]\d))|Dublin")
_CONTACT_BEFORE = re.compile(
    r"\b(?:contact|reach|write to|get in touch|questions?|complaints?)\b[^.!?]{0,50}$", _I
)
_ADDRESS_CUE = re.compile(
    r"\b(?:address|located at|write to|writing to|mail to|by (?:post|mail)|registered office|"
    r"offices? at|headquarter(?:s|ed)|principal place of business|c/o|attn|attention)\b",
    _I,
)
_DATE = re.compile(
    r"(?:(?P<m1>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s{1,3}"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s{1,3})?\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
    r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?)\.?,?\s{1,3}\d{4}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?![A-Za-z0-9])",
    _I,
)
_DATE_GAP = re.compile(
    r"[\s:,\-\u2013\u2014(]{0,6}(?:(?:on|from|as of|is|date)\s{1,3}){0,2}[:\s]{0,3}", _I
)
_MONEY = re.compile(
    r"\b(?:price|prices|fee|fees|payment|payments|pay|paid|purchase|purchases|subscription|"
    r"subscriptions|charge|charges|charged|billing|billed|invoice|order|orders)\b",
    _I,
)
# Literals every _MONEY match starts with (its alternatives, prefixes merged).
_MONEY_STEMS = (
    "pay",
    "order",
    "fee",
    "price",
    "purchase",
    "charge",
    "bill",
    "subscription",
    "paid",
    "invoice",
)
_MONEY_LIMIT = 2_000_000


_PASSIVE = re.compile(r"(?:\b(?:be|been|being|is|are|was|were|get|gets|got)\s*)$", _I)
_PASSIVE_CUSTOMER = re.compile(
    r"^[^.;!?]{0,80}?\b(?:by\s+you|at\s+your\s+request|upon\s+your\s+request|on\s+your\s+request|"
    r"if\s+you|when\s+you|by\s+(?:visiting|going|clicking|tapping|selecting|contacting|emailing|"
    r"calling|sending|writing|logging|following|using))\b",
    _I,
)
_FOLLOW_UP = re.compile(
    r"\s*(?:to\s+do\s+(?:so|this|that)|simply|just|go\s+to|visit|click|tap|select|log\s+in|"
    r"sign\s+in|open|you\s+can\s+do\s+(?:so|this|that)|this\s+can\s+be\s+done|here'?s\s+how|"
    r"follow|contact|email|write|call|send|complete|fill|submit)\b",
    _I,
)


# A run of word characters. Every ``how`` match starts at the first character of one (each
# of the data file's alternatives begins with \b and a letter; a test checks them), so the
# pattern is tried there only, not at every character (``_how_iter``).
_WORD_RUN = re.compile(r"\w+")


def _how_iter(p: _Patterns, text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``p.how.finditer(text, lo, hi)``, trying the pattern at word starts only: the same
    matches (each try sees the text on both sides as the scan would)."""
    how = p.how
    last = lo
    for word in _WORD_RUN.finditer(text, lo, hi):
        pos = word.start()
        if pos < last:
            continue  # inside the previous match
        m = how.match(text, pos, hi)
        if m:
            last = m.end()
            yield m


def _how_search(p: _Patterns, text: str, lo: int, hi: int) -> bool:
    """Whether ``p.how.search(text, lo, hi)`` matches (see ``_how_iter``)."""
    return next(_how_iter(p, text, lo, hi), None) is not None


def _alternation(items: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in items)


@dataclass(frozen=True)
class _Patterns:
    kind_title: dict[str, re.Pattern[str]]
    kind_body: dict[str, tuple[str, ...]]
    stems: dict[str, tuple[str, ...]]
    web_page: re.Pattern[str]
    url_words: re.Pattern[str]
    chat: re.Pattern[str]
    phone_cue: re.Pattern[str]
    street: re.Pattern[str]
    cancel_scan: re.Pattern[str]
    cancel_verb: re.Pattern[str]
    cancel_noun: re.Pattern[str]
    objects_after: re.Pattern[str]
    filler_tail: re.Pattern[str]
    customer_word: re.Pattern[str]
    company_word: re.Pattern[str]
    company_name: re.Pattern[str]
    imperative_head: re.Pattern[str]
    how: re.Pattern[str]
    refunds: re.Pattern[str]
    auto_renewal: re.Pattern[str]
    date_cue: re.Pattern[str]
    change: re.Pattern[str]
    change_doc: re.Pattern[str]
    change_notice: re.Pattern[str]
    change_without: re.Pattern[str]
    governing_law: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The data file's word lists, compiled once."""
    path = resources.files("tosaudit.rules") / "data" / "disclosures.yaml"
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    c = d["contact"]
    k = d["cancellation"]
    street_words = "|".join(re.escape(w) for w in c["street_words"])
    verbs = f"{k['strong']}|{k['weak']}"
    cn = d["changes_notice"]
    return _Patterns(
        kind_title={
            n: re.compile(r"\b(?:" + _alternation(v["title"]) + r")\b", _I)
            for n, v in d["kind"].items()
        },
        kind_body={n: tuple(w.lower() for w in v["body"]) for n, v in d["kind"].items()},
        web_page=re.compile(r"\b(?:" + _alternation(c["web_page"]) + r")\b", _I),
        url_words=re.compile("|".join(re.escape(w) for w in c["url_words"]), _I),
        chat=re.compile(r"\b(?:" + _alternation(c["chat"]) + r")\b", _I),
        phone_cue=re.compile(r"\b(?:" + "|".join(c["phone_cue"]) + r")\b", _I),
        # "1600 Amphitheatre Parkway", "15 Lauriston Place", "Keilaranta 7,"
        street=re.compile(
            r"(?<![\w-])\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s{1,3}(?:[A-Z][\w'.-]{0,30}\s{1,3}){0,4}"
            r"(?i:" + street_words + r")\b"
            r"|\b(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|section|article|clause))"
            r"[A-Z\u00c0-\u00de][\w\u00df-\u00ff'-]{2,40}\s\d{1,4}[a-z]?,",
        ),
        cancel_scan=re.compile(r"\b(?:" + verbs + "|" + k["nouns"] + r")\b", _I),
        cancel_verb=re.compile(
            r"\b(?P<strong>" + k["strong"] + r")\b|\b(?P<weak>" + k["weak"] + r")\b", _I
        ),
        cancel_noun=re.compile(r"\b(?:" + k["nouns"] + r")\b", _I),
        objects_after=re.compile(
            r"\s{0,3}(?:from\s{1,3}|of\s{1,3})?(?:(?:your|my|the|our|this|these|a|an|any|all|"
            r"(?!(?:from|to|with|in|on|of|for|at|by|and|or)\b)[\w-]{1,20}(?:'s)?)\s{1,3}){0,3}?"
            r"(?:" + k["objects"] + r")\b",
            _I,
        ),
        filler_tail=re.compile(r"(?:\b(?:" + k["filler"] + r")[\s,]*)$", _I),
        customer_word=re.compile(r"(?:" + k["customer"] + r")", _I),
        company_word=re.compile(r"(?:we|we.ll|us|it|they|company|provider|operator)", _I),
        company_name=re.compile(r"[A-Z][\w.&-]{1,30}"),
        imperative_head=re.compile(
            r"\s*(?:[\d.()]{1,8}\s*)?(?:please\s+)?(?:" + k["imperative"] + r")\b(?![-'\u2019])",
            _I,
        ),
        how=re.compile(_alternation(k["how"]), _I),
        refunds=re.compile(_alternation(d["refunds"]), _I),
        auto_renewal=re.compile(_alternation(d["auto_renewal"]), _I),
        date_cue=re.compile(d["effective_date"]["cue"], _I),
        change=re.compile(cn["change"], _I),
        change_doc=re.compile(cn["document"], _I),
        change_notice=re.compile(cn["notice"], _I),
        change_without=re.compile(cn["without"], _I),
        governing_law=re.compile(_alternation(d["governing_law"]), _I),
        stems={k: tuple(v) for k, v in d["stems"].items()},
    )


def needles() -> tuple[str, ...]:
    """Every literal these checks look up in the document's needle index (lower case)."""
    return (
        *(stem for family in patterns().stems.values() for stem in family),
        "chat",
        *_VERB_STARTS,
        *_NOUN_STARTS,
        *_DOC_STARTS,
        "@",
        "http",
        "www.",
        *_HELP_WORDS,
        *_MONEY_STEMS,
    )


# ---------------------------------------------------------------------------------------------
# Rules (document scope): their metadata is what `tosaudit rules` and SARIF list
# ---------------------------------------------------------------------------------------------


class _DisclosureRule(Rule):
    scope = "document"
    groups = ("disclosures",)
    source = "check"

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        """Document rules run through ``check_disclosures``, which needs the clause findings."""
        return iter(())


class ContactMissing(_DisclosureRule):
    """No contact channel: no email address, phone number, postal address, contact page or chat.

    "Contact us" without saying how is not a channel. Consumer law (EU Consumer Rights Directive
    art. 6, e-Commerce Directive art. 5) expects a geographic address, a phone number and an
    email address.
    """

    code = "DS301"
    name = "contact-missing"
    severity = "error"
    explanation = (
        "Customers cannot find how to reach the business, which breeds complaints and chargebacks."
    )
    why_it_matters = (
        "EU Consumer Rights Directive 2011/83/EU art. 6(1)(c); e-Commerce Directive art. 5."
    )


class ContactPartial(_DisclosureRule):
    """Only one kind of contact channel (for example an email address and nothing else)."""

    code = "DS302"
    name = "contact-partial"
    severity = "info"
    explanation = "One channel fails some customers: offer at least two ways to reach you."
    why_it_matters = "EU Consumer Rights Directive 2011/83/EU art. 6(1)(c)."


class CancellationMissing(_DisclosureRule):
    """The document never says the customer may cancel, close or delete their account or plan."""

    code = "DS303"
    name = "cancellation-missing"
    severity = "warning"
    explanation = "Customers need to know they can stop doing business with you and how."
    why_it_matters = (
        "California Business and Professions Code 17602 (automatic renewal law) and the FTC's "
        "negative option rule require a clear cancellation method for subscriptions."
    )


class CancellationMentionOnly(_DisclosureRule):
    """The customer may cancel, but the document does not say how (where, which button, address)."""

    code = "DS304"
    name = "cancellation-without-instructions"
    severity = "warning"
    explanation = "Saying customers may cancel without saying how leaves them stuck and angry."
    why_it_matters = (
        "California Business and Professions Code 17602: the cancellation method must be "
        "disclosed, and online sign-ups must be able to cancel online."
    )


class RefundsMissing(_DisclosureRule):
    """A document that takes payments (or a refund policy) says nothing about refunds."""

    code = "DS305"
    name = "refunds-missing"
    severity = "warning"
    explanation = "Customers who pay want to know whether and when they get their money back."
    why_it_matters = (
        "EU Consumer Rights Directive art. 9 (14-day withdrawal); card-scheme dispute rules."
    )


class EffectiveDateMissing(_DisclosureRule):
    """No effective or last-updated date, so nobody can tell which version applies."""

    code = "DS306"
    name = "effective-date-missing"
    severity = "info"
    explanation = "Without a date, customers cannot tell whether they agreed to this version."
    why_it_matters = "CCPA 1798.130(a)(5) asks privacy policies for the date last updated."


class ChangesNoticeMissing(_DisclosureRule):
    """The document does not say how customers will hear about changes to it."""

    code = "DS307"
    name = "changes-notice-missing"
    severity = "info"
    explanation = "Tell customers how and how early you will tell them when this document changes."
    why_it_matters = "EU Unfair Contract Terms Directive 93/13/EEC annex 1(j): unilateral changes."


class GoverningLawMissing(_DisclosureRule):
    """Terms that do not say which country's or state's law governs them."""

    code = "DS308"
    name = "governing-law-missing"
    severity = "info"
    explanation = "Say which law governs the agreement so both sides know where they stand."
    why_it_matters = "Rome I Regulation (EC) 593/2008 art. 6 for consumer contracts."


CONTACT_MISSING = ContactMissing()
CONTACT_PARTIAL = ContactPartial()
CANCEL_MISSING = CancellationMissing()
CANCEL_MENTION = CancellationMentionOnly()
REFUNDS_MISSING = RefundsMissing()
DATE_MISSING = EffectiveDateMissing()
CHANGES_MISSING = ChangesNoticeMissing()
LAW_MISSING = GoverningLawMissing()

RULES: list[Rule] = [
    CONTACT_MISSING,
    CONTACT_PARTIAL,
    CANCEL_MISSING,
    CANCEL_MENTION,
    REFUNDS_MISSING,
    DATE_MISSING,
    CHANGES_MISSING,
    LAW_MISSING,
]

# Which items each kind needs. Refunds are needed by terms only when the terms take payments;
# cancellation becomes required by any kind that describes an automatic renewal, and by a refund
# policy for something that goes on (see ``_ongoing``): a shop's returns page has nothing to cancel.
REQUIRED: dict[str, frozenset[str]] = {
    "terms": frozenset(
        {"contact", "cancellation", "effective_date", "changes_notice", "governing_law"}
    ),
    "privacy": frozenset({"contact", "effective_date", "changes_notice"}),
    "refund": frozenset({"contact", "refunds", "effective_date"}),
    "cookie": frozenset({"contact", "effective_date"}),
    "other": frozenset({"contact"}),
}

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Units:
    """Sentences and headings as (start, end) spans, in text order, for offset lookup."""

    spans: list[tuple[int, int]]
    starts: list[int]
    headings: frozenset[int]  # indices of heading units

    def index_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.spans[i][1] else -1


def _units(ctx: AuditContext) -> _Units:
    cached = ctx.cache.get("disclosures.units")
    if cached is None:
        items = sorted((s.start, s.end, s.kind) for s in ctx.segmented.sentences)
        spans = [(a, b) for a, b, _ in items]
        heads = frozenset(i for i, (_, _, k) in enumerate(items) if k == "heading")
        cached = _Units(spans, [s for s, _ in spans], heads)
        ctx.cache["disclosures.units"] = cached
    return cached


def _lower(ctx: AuditContext) -> str:
    """The text in lower case, same length (so offsets carry over), computed once."""
    return ctx.lower_aligned


def _folds_like_lower(ctx: AuditContext) -> bool:
    """Whether a case-insensitive pattern of ASCII words matches only where ``_lower`` has them.

    The regular expression engine also folds "\u017f" (long s) to "s" and "\u0131" (dotless i)
    and "\u0130" to "i", which lower-casing keeps apart; a text with one of them takes the
    slow, plain search.
    """
    safe = ctx.cache.get("disclosures.folds")
    if safe is None:
        text = ctx.text
        safe = "\u017f" not in text and "\u0131" not in text and "\u0130" not in text
        ctx.cache["disclosures.folds"] = safe
    return safe


def _stem_units(ctx: AuditContext, stems: tuple[str, ...], word_start: bool = False) -> list[int]:
    """Indices of sentences/headings containing any literal stem, in order (computed once).

    ``word_start``: count only stems that begin a word, as the regular expression's ``\b``
    does ("clos" in "close", not in "disclose"; "turn" in "turn off", not in "return").
    The stems' offsets come from the document's needle index (one pass for every check);
    each stem's occurrences are then walked as a ``str.find`` loop would, looking once per
    unit: after a hit, the next occurrence looked at is the first past the unit's end.
    """
    key = ("disclosures.stem_units", stems, word_start)
    got = ctx.cache.get(key)
    if got is not None:
        return got
    units = _units(ctx)
    spans, starts = units.spans, units.starts
    text = ctx.text
    index = ctx.needles
    hits: set[int] = set()
    for stem in stems:
        found = index.folded(stem)
        k, n = 0, len(found)
        while k < n:
            pos = found[k]
            if word_start and pos and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
                k += 1  # inside a word: no "\b" before the stem
                continue
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < spans[i][1]:
                hits.add(i)
                k = bisect.bisect_left(found, max(pos + 1, spans[i][1]), k + 1)
            else:
                k += 1
    got = ctx.cache[key] = sorted(hits)
    return got


def _hit_units(
    ctx: AuditContext, regex: re.Pattern[str], stems: tuple[str, ...], word_start: bool = False
) -> list[int]:
    """Indices of sentences/headings where ``regex`` matches.

    Only units holding one of ``stems`` (literals every match contains) are searched, which
    keeps the regular expressions off most of the text. ``word_start``: every match holds a
    stem at the start of a word (each follows ``\b`` or white space in the pattern).
    """
    return list(_iter_hit_units(ctx, regex, stems, word_start))


def _iter_stem_units(
    ctx: AuditContext, stems: tuple[str, ...], word_start: bool = False
) -> Iterator[int]:
    """``_stem_units`` one by one (callers stop early; finding them all costs no scan)."""
    return iter(_stem_units(ctx, stems, word_start))


def _disjoint(ctx: AuditContext) -> bool:
    """Whether the units follow one another without overlapping (computed once)."""
    ok = ctx.cache.get("disclosures.disjoint")
    if ok is None:
        spans = _units(ctx).spans
        ok = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
        ctx.cache["disclosures.disjoint"] = ok
    return ok


def _iter_hit_units(
    ctx: AuditContext, regex: re.Pattern[str], stems: tuple[str, ...], word_start: bool = False
) -> Iterator[int]:
    """``_hit_units`` lazily, in order (see ``_iter_stem_units``)."""
    spans = _units(ctx).spans
    text = ctx.text
    for i in _iter_stem_units(ctx, stems, word_start):
        if regex.search(text, *spans[i]):
            yield i


def _span(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


def _title(ctx: AuditContext) -> str:
    doc = ctx.document
    title = str(doc.metadata.get("title") or "")
    if not title:
        for s in ctx.segmented.sentences[:3]:
            if s.kind == "heading":
                title = ctx.text[s.start : s.end]
                break
    if not title:
        stripped = ctx.text.lstrip()
        title = stripped[: stripped.find("\n")] if "\n" in stripped[:200] else stripped[:120]
    return title[:200]


# ---------------------------------------------------------------------------------------------
# Kind
# ---------------------------------------------------------------------------------------------


def classify_kind(ctx: AuditContext) -> str:
    """terms, privacy, refund, cookie or other, from title, file name, headings and words."""
    p = patterns()
    title = _title(ctx)
    stem = PurePath(ctx.document.source).stem.replace("_", " ").replace("-", " ")
    headings = [ctx.text[s.heading_start : s.heading_end] for s in ctx.segmented.sections[:40]]
    order = ("terms", "privacy", "refund", "cookie")  # max() keeps the first of equal scores
    base: dict[str, float] = {}
    for kind in order:
        score = 25.0 * len(set(m.group(0).lower() for m in p.kind_title[kind].finditer(title)))
        score += 12.0 * bool(p.kind_title[kind].search(stem))
        score += 3.0 * min(8, sum(1 for h in headings if p.kind_title[kind].search(h)))
        base[kind] = score
    body = _lower(ctx)[:200_000]  # enough to tell; keeps a huge input cheap
    # Body words add at most 30, so a kind whose base + 30 cannot reach the best total found
    # (or only ties it from later in ``order``) is never counted: a policy titled "Terms of
    # Service" skips scanning for cookie, refund and privacy words.
    best, best_score = "", -1.0
    for kind in sorted(order, key=lambda k: (-base[k], order.index(k))):
        bound = base[kind] + 30
        if bound < best_score or (bound == best_score and order.index(kind) > order.index(best)):
            continue
        hits = 0
        for word in p.kind_body[kind]:
            hits += body.count(word)
            if hits >= 30:
                break  # the cap is reached: counting the other words changes nothing
        score = base[kind] + min(hits, 30)
        if score > best_score or (score == best_score and order.index(kind) < order.index(best)):
            best, best_score = kind, score
    return best if best_score >= 4 else "other"


# ---------------------------------------------------------------------------------------------
# Contact
# ---------------------------------------------------------------------------------------------


def _phone_ok(text: str, m: re.Match[str]) -> bool:
    digits = sum(ch.isdigit() for ch in m.group(0))
    if not 7 <= digits <= 15:
        return False
    raw = m.group(0).strip()
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}", raw):
        return False  # a date
    if raw.startswith(("+", "00")) or re.match(r"1[-. ]?8\d\d|\(\d{3}\)\s?\d{3}", raw):
        return True
    if digits >= 10 and _NATIONAL_PHONE.fullmatch(raw):
        return True  # grouped like a dialled number: "0113 496 0871", "555-201-0147"
    before = text[max(0, m.start() - 40) : m.start()]
    return bool(patterns().phone_cue.search(before)) and digits >= 7


# Numbers written the way phone numbers are, with no cue word needed: a national number with
# its trunk 0 in two or three groups (UK, Ireland, Australia; 10 digits or more), the French
# pairs, and the North American 3-3-4 with dashes or dots. Dates, section numbers and amounts
# are not grouped like these.
_NATIONAL_PHONE = re.compile(
    r"0\d{1,4}[ -]\d{3,6}(?:[ -]\d{3,4})?|0\d(?:[ .]\d\d){4}|\d{3}([-.])\d{3}\1\d{4}"
)


_MAX_CANDIDATES = 60  # per sentence, for each kind of number-bearing channel


class _Taken:
    """Spans already claimed by an email or URL (sorted, for a bisect lookup)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.spans, (pos, 1 << 62)) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))


_TLDS = (
    "com",
    "net",
    "org",
    "io",
    "co",
    "uk",
    "de",
    "fr",
    "ie",
    "eu",
    "app",
    "info",
    "biz",
    "us",
    "ca",
    "au",
    "nl",
    "se",
    "fi",
    "dk",
    "es",
    "it",
    "jp",
    "in",
    "me",
    "tv",
    "gg",
    "ly",
)
_TLD = re.compile(r"\.(?:" + "|".join(_TLDS) + r")(?![a-z0-9-])")
_HELP_WORDS = (
    "help.",
    "support.",
    "contact.",
    "care.",
    "customercare.",
    "customerservice.",
    "service.",
)


def _url_candidates(ctx: AuditContext) -> list[tuple[int, int, str]]:
    """(start, end, kind) of URLs, bare domains and help hosts, found from literal anchors."""
    low = _lower(ctx)
    index = ctx.needles
    out: list[tuple[int, int, str]] = []
    for anchor in ("http", "www."):
        found = index.folded(anchor)
        k, n = 0, len(found)
        while k < n:
            m = _URL.match(low, found[k])
            if m:
                out.append((m.start(), m.end(), "url"))
                k = bisect.bisect_left(found, m.end(), k + 1)  # the next anchor past the URL
            else:
                k += 1
    pos_m = _TLD.search(low)
    while pos_m:
        pos = pos_m.start()
        start = pos
        # walk back over the host name (bounded), then let the regex confirm it
        while (
            start > 0 and pos - start < 64 and (low[start - 1].isalnum() or low[start - 1] in ".-")
        ):
            start -= 1
        m = _BARE_DOMAIN.match(low, start)
        if m and m.end() > pos:
            out.append((m.start(), m.end(), "bare"))
        pos_m = _TLD.search(low, max(pos + 1, m.end() if m else 0))
    for word in _HELP_WORDS:
        for pos in index.folded(word):
            m = _HELP_HOST.match(low, pos)
            if m:
                out.append((m.start(), m.end(), "help"))
    out.sort()
    return out


# The words a contact page's name starts with, lower case: every web_page pattern of the data
# file is one of these, a space and a page word ("contact page", "online form"), or "help desk"
# / "helpdesk". Kept in step with disclosures.yaml by a test.
_WEB_FIRST = (
    "contact",
    "contact-us",
    "contact us",
    "support",
    "help",
    "feedback",
    "customer service",
    "customer support",
    "customer care",
    "complaint",
    "complaints",
    "enquiry",
    "enquiries",
    "inquiry",
    "inquiries",
    "webform",
    "online",
    "web",
    "request",
    "submission",
)
_WEB_FIRST_DESK = (*(w + " " for w in _WEB_FIRST), "help")
_WEB_FIRST_SPAN = 24  # longer than any of them with its space


def _web_page_units(ctx: AuditContext, stems: tuple[str, ...]) -> Iterator[int]:
    """Units holding a page-word stem right after a contact word, in order.

    ``_stem_units`` of the page words is a superset ("our site", "this page" fill every
    policy); a web_page match needs its first word just before the page word, so units whose
    every page word lacks one are never searched. The check reads the lower-cased text, so a
    text where case folding differs from lower-casing takes the plain unit scan.
    """
    if not _folds_like_lower(ctx) or not _disjoint(ctx):
        yield from _iter_stem_units(ctx, stems)
        return
    units = _units(ctx)
    low = _lower(ctx)
    index = ctx.needles
    hits: set[int] = set()
    for stem in stems:
        first = _WEB_FIRST if stem.startswith(" ") else _WEB_FIRST_DESK
        found = index.folded(stem)
        k, n = 0, len(found)
        while k < n:
            pos = found[k]
            i = units.index_at(pos)
            if i >= 0 and low.endswith(first, max(0, pos - _WEB_FIRST_SPAN), pos):
                hits.add(i)
                k = bisect.bisect_left(found, max(pos + 1, units.spans[i][1]), k + 1)
            else:
                k += 1
    yield from sorted(hits)


def find_contact(ctx: AuditContext) -> dict[str, Any]:
    """Contact channels with the spans that show them."""
    p = patterns()
    text = ctx.text
    found: dict[str, list[dict[str, int]]] = {c: [] for c in CHANNELS}

    def add(channel: str, start: int, end: int) -> None:
        if len(found[channel]) < MAX_EVIDENCE:
            found[channel].append(_span(start, end))

    units = _units(ctx)
    low = _lower(ctx)
    taken = _Taken()
    ats = ctx.needles.folded("@")
    k = 0
    while k < len(ats):  # every address has an "@": match the domain after it, then the local part
        at = ats[k]
        dom = _EMAIL_DOMAIN.match(text, at + 1)
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at) if dom else None
        if dom and local and not taken.covers(local.start()):
            start, end = local.start(), dom.end()
            taken.add(start, end)
            if not _PLACEHOLDER_DOMAIN.search(text, start, end):
                add("email", start, end)
        k = bisect.bisect_left(ats, (dom.end() if dom else at) + 1, k + 1)
    for start, end, kind in _url_candidates(ctx):
        while end > start and text[end - 1] in ".,;:!?'\"":
            end -= 1
        if taken.covers(start):
            continue
        taken.add(start, end)
        url = text[start:end]
        if _PLACEHOLDER_DOMAIN.search(url):
            continue
        if kind == "bare" and "/" not in url and not p.url_words.search(url.split(".")[0]):
            continue  # "Booking.com" names the company; it is not a page
        if p.url_words.search(url) or _CONTACT_BEFORE.search(text, max(0, start - 60), start):
            add("web_form", start, end)
    # add() keeps the first MAX_EVIDENCE spans of a channel: once full, the rest is unread.
    for i in _web_page_units(ctx, p.stems["web_page"]):
        if len(found["web_form"]) >= MAX_EVIDENCE:
            break
        a, _b = units.spans[i]
        for m in p.web_page.finditer(text, *units.spans[i]):
            # "visit our Help Centre", "the Customer Service contact form": a page the reader
            # is sent to; "Reacher Help Center, whether delivered in a browser" names a product.
            if _PAGE_CUE.search(text, max(a, m.start() - 60), m.start()):
                add("web_form", m.start(), m.end())
    for i in _iter_stem_units(ctx, ("chat",)):
        if len(found["chat"]) >= MAX_EVIDENCE:
            break
        for m in p.chat.finditer(text, *units.spans[i]):
            add("chat", m.start(), m.end())
    digit_units: list[int] = []  # phones and addresses need a digit: visit those units once
    m = _DIGIT.search(text)
    while m:
        i = units.index_at(m.start())
        if i >= 0:
            digit_units.append(i)
        m = _DIGIT.search(text, units.spans[i][1] if i >= 0 else m.end())
    for i in digit_units:
        a, b = units.spans[i]
        # A real sentence holds a few numbers; a hostile one must not cost a check per digit.
        if _PHONE_CORE.search(text, a, b):
            for m in islice(_PHONE.finditer(text, a, b), _MAX_CANDIDATES):
                if not taken.covers(m.start()) and _phone_ok(text, m):
                    add("phone", m.start(), m.end())
        if low.find("box", a, b) != -1:  # "Box" lower-cases to "box" at the same offsets
            for m in islice(_PO_BOX.finditer(text, a, b), _MAX_CANDIDATES):
                add("postal_address", m.start(), m.end())
        if not _POSTCODE_CORE.search(text, a, b):
            continue
        for m in islice(_POSTCODE.finditer(text, a, b), _MAX_CANDIDATES):
            window_start = max(0, m.start() - 120)
            # The last street before the postcode; a numbered street ("2200 Market Street")
            # wins over a later "Suite 410," so the address is quoted from its start.
            street = numbered = None
            for st in p.street.finditer(text, window_start, m.start()):
                street = st
                if text[st.start()].isdigit():
                    numbered = st
            street = numbered or street
            if street is not None:
                add("postal_address", street.start(), m.end())
            elif _ADDRESS_CUE.search(text, max(0, m.start() - 150), m.start()):
                add("postal_address", m.start(), m.end())
    channels = [c for c in CHANNELS if found[c]]
    # Each span says which channel it shows (the key-terms box quotes one of each).
    evidence = sorted(
        ({**e, "channel": c} for c in channels for e in found[c]), key=lambda e: e["start"]
    )
    status = "present" if len(channels) >= 2 else "partial" if channels else "missing"
    return {"status": status, "channels": channels, "evidence": evidence[: MAX_EVIDENCE * 2]}


# ---------------------------------------------------------------------------------------------
# Cancellation
# ---------------------------------------------------------------------------------------------


_PREPOSITIONS = frozenset("by through via upon on after before when while without".split())
_CLAUSE_OPENERS = frozenset(
    "if although though when where while unless once as because since after before please "
    "to in for however but and or so yet".split()
)
# "you"/"we" as a subject: not right after a preposition or a verb that takes them as object.
_SUBJECT_PRONOUN = re.compile(
    r"(?<!\bto )(?<!\bwith )(?<!\bfor )(?<!\bfrom )(?<!\bby )(?<!\bof )(?<!\bnotify )"
    r"(?<!\binform )(?<!\bcontact )(?<!\bgive )(?<!\bsend )(?<!\btell )\b(you|we)\b",
    _I,
)


_DOUBLE_SPACE = re.compile(r"\s\s")
# Longer than the longest filler with one character between its words ("in our sole
# discretion", "reserves the right to"); checked against the data file in the tests.
_FILLER_SPAN = 40


def _last_subject_pronoun(s: str) -> str | None:
    """The last of ``_SUBJECT_PRONOUN.findall(s)``, or None.

    Its matches are whole words that cannot overlap, so the last one is the match at the
    highest offset: tried from the last "you"/"we" of the lower-cased window backwards
    (look-behinds still see the text before), not by matching at every offset.
    """
    low = s.lower()
    if len(low) != len(s):
        found = _SUBJECT_PRONOUN.findall(s)
        return found[-1] if found else None
    candidates = []
    for word in ("you", "we"):
        pos = low.find(word)
        while pos != -1:
            candidates.append(pos)
            pos = low.find(word, pos + 1)
    for pos in sorted(candidates, reverse=True):
        m = _SUBJECT_PRONOUN.match(s, pos)
        if m:
            return m.group(1)
    return None


def _strip_fillers(p: _Patterns, before: str) -> str:
    """``before`` without the fillers ending it ("may", "at any time", "have the right to")."""
    tail = before
    # Every filler is at most _FILLER_SPAN characters when its words are one character apart,
    # so unless the window has a run of two white-space characters, a match (which must end
    # the tail) starts in its last _FILLER_SPAN characters past the trailing [\s,] run; the
    # search starts there (its "\b" still sees the character before) instead of crawling all
    # 160 characters.
    spaced = _DOUBLE_SPACE.search(tail) is not None
    for _ in range(8):  # strip "may", "at any time", "have the right to" ...
        lo = 0
        if not spaced:
            core = len(tail)
            while core and (tail[core - 1].isspace() or tail[core - 1] == ","):
                core -= 1  # str.isspace is the engine's \s
            lo = max(0, core - _FILLER_SPAN)
        m = p.filler_tail.search(tail, lo)
        if not m or m.start() == len(tail):
            break
        tail = tail[: m.start()]
    return tail


# Just before a help or contact page's name: a word that sends the reader there, then at most
# two capitalised words of its name ("our Help Centre", "visit the Instagram Help Centre").
_PAGE_CUE = re.compile(
    r"(?:^|\b(?:our|the|your|its|their|a|an|this|visit|via|through|at|in|on|to|from|consult|"
    r"see|use|using|contact|contacting|relevant|dedicated|online))\s+\[?"
    r"(?:(?-i:[A-Z])[\w&'\u2019-]{0,30}\s+){0,2}$",
    re.I,
)

# What a customer holds and cancels, and a company acting in the same sentence.
_MEMBER_PLAN = re.compile(r"\b(?:memberships?|subscriptions?|plans?|contracts?)\b", re.I)
_COMPANY_ACTS = re.compile(
    r"\b(?:we|us|our|the\s+company|the\s+club)\b|\bby\s+(?:the\s+)?(?-i:[A-Z])", re.I
)

# "<holder> reserves / has / retains the right ... to": the word before the verb holds the right.
_RIGHT_HOLDER = re.compile(
    r"(?<![\w.&'\u2019-])([\w.&'\u2019-]{1,40})\s+(?:reserves?|retains?|has|have|shall\s+have)"
    r"\s+the\s+right\b"
)


def _actor(p: _Patterns, before: str, after: str, head: str = "") -> str | None:
    """Who acts on a cancel verb: "customer", "company" or None (unclear).

    ``before`` is a bounded window of the sentence before the verb, ``head`` the sentence's
    first characters (its likely subject) and ``after`` what follows the verb.
    """
    tail = _strip_fillers(p, before)
    tail = tail.rstrip(" ,\t\n")
    if not tail or tail[-1] in '.:;!?(\u2022-*"\u201c':
        return "customer"  # imperative: "Cancel your plan in Settings", "To cancel, ..."
    if (
        before.rstrip().endswith(" to")
        and p.imperative_head.match(head or tail)
        and _last_subject_pronoun(tail[-120:]) in (None, "you", "You")
    ):
        return "customer"  # purpose of an instruction: "Email help@shop.example to cancel."
    if _PASSIVE.search(tail):
        if re.match(r"[^.;!?]{0,40}?\bby\s+(?:us|the company|[A-Z])", after):
            return "company"
        # "Orders can be cancelled ...": the customer's only when the sentence says how.
        return "customer" if _PASSIVE_CUSTOMER.search(after) else "passive"
    words = re.findall(r"[\w.&'\u2019-]+", tail[-80:])
    last = words[-1] if words else ""
    two = " ".join(words[-2:]).lower()
    if p.customer_word.fullmatch(last) or p.customer_word.fullmatch(two) or last.lower() == "how":
        return "customer"
    if p.company_word.fullmatch(last) or (
        p.company_name.fullmatch(last)
        and re.search(r"(?:^|[,;:(]\s*|\b(?:and|but|then|that)\s+)" + re.escape(last) + r"$", tail)
    ):
        return "company"  # "Spotify may terminate", "..., Acme may close", not "the Acme Service"
    if last.lower() in _PREPOSITIONS:
        # "... by cancelling your membership": the gerund's actor is the clause's subject.
        first = re.match(r"\s*(?:[\d.()]{1,8}\s*)?([\w.&'\u2019-]+)", head or tail)
        head = first.group(1) if first else ""
        if p.company_word.fullmatch(head) or (
            p.company_name.fullmatch(head)
            and not p.customer_word.fullmatch(head)
            and head.lower() not in _CLAUSE_OPENERS
        ):
            return "company"
    pron = _last_subject_pronoun(tail[-120:])
    if pron:
        return "customer" if pron.lower() == "you" else "company"
    right = _RIGHT_HOLDER.search(before)
    if right:
        # "Acme reserves the right, in its sole discretion, to terminate your licence": the
        # right's holder acts on the verb, whoever's licence it ends.
        holder = right.group(1)
        if p.customer_word.fullmatch(holder):
            return "customer"
        if p.company_word.fullmatch(holder) or p.company_name.fullmatch(holder):
            return "company"
    if re.search(r"\bto\s*$", before) and re.match(r"\s{0,3}(?:your|my)\b", after, _I):
        return "customer"  # "... or to cancel your reservation": nobody else is named
    return None


_MAX_VERBS_PER_SENTENCE = 12
# Literals each match of cancel_verb / cancel_noun starts with (the first word of each of the
# data file's alternatives, "opt" for "opt(?:ing)? out"); a test keeps them in step.
_VERB_STARTS = (
    "cancel",
    "unsubscrib",
    "terminat",
    "withdraw",
    "opt",
    "clos",
    "delet",
    "deactivat",
    "end",
    "stop",
    "turn",
    "disabl",
    "discontinu",
    "downgrad",
)
_NOUN_STARTS = ("cancel", "right", "cooling", "unsubscrib")


def _word_starts(ctx: AuditContext, literals: tuple[str, ...]) -> list[int]:
    """Offsets where one of ``literals`` starts a word of the lower-cased text (computed once)."""
    key = ("disclosures.word_starts", literals)
    got = ctx.cache.get(key)
    if got is None:
        text = ctx.text
        index = ctx.needles
        got = sorted(
            {
                pos
                for lit in literals
                for pos in index.folded(lit)
                if not pos or not (text[pos - 1].isalnum() or text[pos - 1] == "_")
            }
        )
        ctx.cache[key] = got
    return got


def _sentence_matches(
    ctx: AuditContext, regex: re.Pattern[str], literals: tuple[str, ...], start: int, sent: str
) -> Iterator[re.Match[str]]:
    """``regex.finditer(sent)`` for the unit ``sent`` at ``start``, when every match begins at
    ``\b`` with one of ``literals`` (lower case, ignoring case).

    ``match`` is tried only at those word starts, in order, skipping the ones inside the
    previous match: what ``finditer`` finds, without the engine testing ``\b`` at every
    character. A word start is judged on the text, as ``\b`` does inside ``sent``, except at
    the unit's first character, where ``sent`` has nothing before it. Where case folding and
    lower-casing differ, plain ``finditer``.
    """
    if not _folds_like_lower(ctx):
        yield from regex.finditer(sent)
        return
    starts = _word_starts(ctx, literals)
    end = start + len(sent)
    k = bisect.bisect_left(starts, start)
    last = 0
    listed = k < len(starts) and starts[k] == start
    if sent and not listed and _lower(ctx).startswith(literals, start):
        m = regex.match(sent, 0)  # the text has a word character before; ``sent`` does not
        if m:
            last = m.end()
            yield m
    stop = bisect.bisect_left(starts, end, k)
    yield from matches_at(regex, sent, (pos - start for pos in islice(starts, k, stop)), last)


def find_cancellation(ctx: AuditContext, channel_spans: list[tuple[int, int]]) -> dict[str, Any]:
    """Whether the customer is told they may cancel and how."""
    p = patterns()
    text = ctx.text
    units = _units(ctx)
    instructions: list[dict[str, int]] = []
    mentions: list[dict[str, int]] = []
    # Every cancel_scan alternative starts at "\b" (and "withdraw" in "right of withdrawal"
    # follows white space), so each match holds a cancellation stem at a word start.
    # cancel_scan is cancel_verb's and cancel_noun's alternatives together, so a unit it does
    # not match yields no verb and no noun below: the units are not searched for it first.
    for i in _iter_stem_units(ctx, p.stems["cancellation"], word_start=True):
        if len(instructions) >= MAX_EVIDENCE:
            break  # the status and evidence are settled: the first eight instructions
        start, end = units.spans[i]
        sent = text[start:end]
        customer_at: list[tuple[int, int]] = []
        verbs = _sentence_matches(ctx, p.cancel_verb, _VERB_STARTS, start, sent)
        for k, m in enumerate(verbs):
            if k >= _MAX_VERBS_PER_SENTENCE:
                break  # a real sentence has a handful; a hostile one must not cost more
            if m.group("weak") and not p.objects_after.match(sent, m.end(), m.end() + 120):
                continue
            actor = _actor(
                p,
                sent[max(0, m.start() - 160) : m.start()],
                sent[m.end() : m.end() + 160],
                sent[:40],
            )
            if actor == "customer":
                customer_at.append((m.start(), m.end()))
            elif actor == "passive" and _how_search(p, sent, m.end(), m.end() + 240):
                customer_at.append((m.start(), m.end()))
        if not customer_at:
            # A noun counts when it is the customer's: "your cancellation rights",
            # "cancellation of your subscription", "you have a right of withdrawal".
            for noun in _sentence_matches(ctx, p.cancel_noun, _NOUN_STARTS, start, sent):
                near = sent[max(0, noun.start() - 30) : noun.end() + 30]
                if re.search(r"\byour\b|\byou\s+(?:have|may|can|are entitled)", near, _I) or (
                    # "All memberships require 15 days' notice to process cancellation": the
                    # plan's own cancellation, where no company acts in the sentence.
                    _MEMBER_PLAN.search(sent) and not _COMPANY_ACTS.search(sent)
                ):
                    customer_at.append((noun.start(), noun.end()))
                    break
        if not customer_at:
            continue
        how = False
        for a, b in customer_at:
            lo, hi = max(0, a - 100), min(len(sent), b + 240)
            cues = any(h.end() <= a - 4 or h.start() >= b for h in _how_iter(p, sent, lo, hi))
            if cues or any(start + lo <= cs < start + hi for cs, _ in channel_spans):
                how = True
                break
        if not how and i + 1 < len(units.spans):
            ns, ne = units.spans[i + 1]
            # The next sentence continues when it says "To do so, go to ..." or when this one
            # introduces a list ("You can cancel in three ways:").
            lead_in = sent.rstrip().endswith(":")
            if (
                ns - end < 300
                and (lead_in or _FOLLOW_UP.match(text, ns, ne))
                and (_how_search(p, text, ns, ne) or any(ns <= cs < ne for cs, _ in channel_spans))
            ):
                how = True
                end = ne
        (instructions if how else mentions).append(_span(start, end))
    status = "instructions" if instructions else "mention_only" if mentions else "missing"
    evidence = (instructions or mentions)[:MAX_EVIDENCE]
    return {"status": status, "evidence": evidence}


# ---------------------------------------------------------------------------------------------
# The other items
# ---------------------------------------------------------------------------------------------


def _evidence_units(
    ctx: AuditContext, family: str, limit: int = MAX_EVIDENCE
) -> list[dict[str, int]]:
    """Spans of the sentences (not headings: a "Refunds" title states no term) that match."""
    p = patterns()
    units = _units(ctx)
    hits = (
        i
        for i in _iter_hit_units(ctx, getattr(p, family), p.stems[family])
        if i not in units.headings
    )
    return [_span(*units.spans[i]) for i in islice(hits, limit)]


def find_refunds(ctx: AuditContext, findings: list[Finding]) -> dict[str, Any]:
    """Whether refunds are addressed at all (a "no refunds" term counts as addressed)."""
    evidence = _listed_or_found(ctx, "refunds", findings, "no_refund")
    return {"status": "present" if evidence else "missing", "evidence": evidence}


def _listed_or_found(
    ctx: AuditContext, family: str, findings: list[Finding], category: str
) -> list[dict[str, int]]:
    """The sentences the ``family`` pattern list matches and the clause findings of
    ``category`` (the clause detection reads wording the lists do not), in text order, the
    first ``MAX_EVIDENCE``."""
    spans = {(e["start"], e["end"]) for e in _evidence_units(ctx, family)}
    spans.update(
        (f.start, f.end)
        for f in findings
        if f.category == category and f.start is not None and f.end is not None
    )
    return [_span(a, b) for a, b in sorted(spans)[:MAX_EVIDENCE]]


def find_auto_renewal(ctx: AuditContext, findings: list[Finding]) -> dict[str, Any]:
    """Automatic renewal wording, from the clause findings and the shared pattern list."""
    evidence = _listed_or_found(ctx, "auto_renewal", findings, "auto_renewal")
    return {"present": bool(evidence), "evidence": evidence}


def find_effective_date(ctx: AuditContext) -> dict[str, Any]:
    """The first effective / last-updated date, with its span."""
    text = ctx.text
    p = patterns()
    units = _units(ctx)
    for i in _iter_stem_units(ctx, p.stems["effective_date"]):  # the first date wins
        a, b = units.spans[i]
        for m in p.date_cue.finditer(text, a, b):
            gap = _DATE_GAP.match(text, m.end(), min(len(text), m.end() + 40))
            pos = gap.end() if gap else m.end()
            d = _DATE.match(text, pos, min(len(text), pos + 40))
            if d:
                return {
                    "status": "present",
                    "value": d.group(0),
                    "evidence": [_span(m.start(), d.end())],
                }
    return {"status": "missing", "value": None, "evidence": []}


def _without_notice(ctx: AuditContext, start: int, end: int) -> bool:
    """``change_without.search(text, start, end)``, skipped where "without" is not there."""
    if _folds_like_lower(ctx) and _lower(ctx).find("without", start, end) == -1:
        return False  # every match starts with "without" (any case)
    return patterns().change_without.search(ctx.text, start, end) is not None


# Literals each change_doc match starts with ("polic" for "polic(?:y|ies)"); a test keeps
# them in step with the data file.
_DOC_STARTS = (
    "terms",
    "conditions",
    "agreement",
    "polic",
    "notice",
    "statement",
    "tos",
    "eula",
    "contract",
)


def _search_at_word_starts(
    ctx: AuditContext, regex: re.Pattern[str], literals: tuple[str, ...], a: int, b: int
) -> bool:
    """``regex.search(text, a, b)`` as a bool, when every match begins at ``\b`` with one
    of ``literals`` (lower case, ignoring case): ``match`` is tried at those word starts only.

    Each try sees the same text on both sides as the search would, so the answer is the
    same; where case folding and lower-casing differ, the plain search.
    """
    text = ctx.text
    if not _folds_like_lower(ctx):
        return regex.search(text, a, b) is not None
    starts = _word_starts(ctx, literals)
    k = bisect.bisect_left(starts, a)
    while k < len(starts) and starts[k] < b:
        if regex.match(text, starts[k], b):
            return True
        k += 1
    return False


_LEADING_MARKS = re.compile(r"\W{0,5}")


def _is_date_line(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] only dates the document ("Last updated: 3 March 2026", "Effective
    date: 1 May 2025."): the effective date's own cue and date (as :func:`find_effective_date`
    reads them) and nothing more on the line. Such a line holds a change word and a notice
    cue, yet says nothing about how customers hear of a change (DS307)."""
    while b > a and text[b - 1] in " \t\r\n.":
        b -= 1
    if b - a > 120:
        return False
    cue = patterns().date_cue.match(text, _LEADING_MARKS.match(text, a, b).end(), b)
    if cue is None:
        return False
    gap = _DATE_GAP.match(text, cue.end(), b)
    d = _DATE.match(text, gap.end() if gap else cue.end(), b)
    return d is not None and "\n" not in text[d.end() : b]


def find_changes_notice(ctx: AuditContext) -> dict[str, Any]:
    """Whether the document says how people hear about changes to it."""
    p = patterns()
    units = _units(ctx)
    text = ctx.text
    evidence: list[dict[str, int]] = []
    n = len(units.spans)
    headings: dict[str, bool] = {}  # whether a section heading names the document and a change
    # p.change is one "\b(?:chang...|modif...|updat...|amend...|revis...)\b": every match
    # begins with its stem at a word start.
    for i in _iter_hit_units(ctx, p.change, p.stems["change"], word_start=True):
        a, b = units.spans[i]
        if _without_notice(ctx, a, b) or _is_date_line(text, a, b):
            continue
        # "We may change these terms. We will email you 30 days before." spans two sentences,
        # and "Changes to this notice" may be the heading that names the document.
        pa = units.spans[i - 1][0] if i > 0 and a - units.spans[i - 1][1] < 200 else a
        nb = units.spans[i + 1][1] if i + 1 < n and units.spans[i + 1][0] - b < 200 else b
        names_doc = _search_at_word_starts(ctx, p.change_doc, _DOC_STARTS, pa, b)
        if not names_doc:
            sec = ctx.section_of(a)
            if sec is not None:
                got = headings.get(sec.heading)
                if got is None:
                    h = sec.heading
                    got = headings[h] = bool(p.change_doc.search(h) and p.change.search(h))
                names_doc = got
        if not names_doc:
            continue
        if p.change_notice.search(text, a, b):
            evidence.append(_span(a, b))
        elif nb > b and p.change_notice.search(text, b, nb) and not _without_notice(ctx, b, nb):
            evidence.append(_span(a, nb))
        if len(evidence) >= MAX_EVIDENCE:
            break
    return {"status": "present" if evidence else "missing", "evidence": evidence}


def find_governing_law(ctx: AuditContext, findings: list[Finding]) -> dict[str, Any]:
    """Whether the document names the law that governs it (a choice-of-law clause counts: the
    list misses "__Choice of Law.__", where Markdown underscores leave no word boundary)."""
    evidence = _listed_or_found(ctx, "governing_law", findings, "choice_of_law")
    return {"status": "present" if evidence else "missing", "evidence": evidence}


# ---------------------------------------------------------------------------------------------
# The checklist
# ---------------------------------------------------------------------------------------------


def required_items(
    kind: str, checklist: dict[str, Any], takes_payment: bool, ongoing: bool = False
) -> set[str]:
    """Which checklist items this kind of document must cover."""
    required = set(REQUIRED.get(kind, REQUIRED["other"]))
    if kind == "terms" and takes_payment:
        required.add("refunds")
    if kind == "refund" and ongoing:
        required.add("cancellation")
    if checklist["auto_renewal"]["present"] and kind != "privacy" and kind != "cookie":
        required |= {"cancellation", "refunds"}
    return required


def _takes_payment(ctx: AuditContext) -> bool:
    """``_MONEY.search(text, 0, 2_000_000)`` as a bool, tried only where a money stem starts.

    Every match starts with one of ``_MONEY_STEMS`` at a word start; ``match`` at that offset
    sees the real previous character for its ``\\b``. Common words ("pay", "order") turn up in
    the first lines, so this stops early where the search crawled the text position by position.
    """
    text = ctx.text
    if not _folds_like_lower(ctx):
        return bool(_MONEY.search(text, 0, _MONEY_LIMIT))
    index = ctx.needles
    for stem in _MONEY_STEMS:
        last = _MONEY_LIMIT - len(stem)  # find(stem, 0, limit) sees those starting up to here
        for pos in index.folded(stem):
            if pos > last:
                break
            if _MONEY.match(text, pos, _MONEY_LIMIT):
                return True
    return False


# Words of a refund policy for something that goes on or is booked ahead, which the customer may
# need to cancel, unlike goods bought and returned.
_ONGOING_WORDS = ("subscri", "membership", "recurring", "booking", "reservation", "appointment")


def _ongoing(ctx: AuditContext) -> bool:
    """A refund policy titled or named for cancellation, or about a subscription or booking."""
    name = f"{_title(ctx)} {PurePath(ctx.document.source).stem}".lower()
    if "cancel" in name:
        return True
    body = _lower(ctx)[:200_000]  # enough to tell, as in classify_kind
    return any(word in body for word in _ONGOING_WORDS)


def check_disclosures(
    ctx: AuditContext, findings: list[Finding], kind: str
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The disclosures checklist and a document-scope finding for each missing item."""
    if not ctx.text.strip():
        return None, []
    contact = find_contact(ctx)
    channel_spans = [(e["start"], e["end"]) for e in contact["evidence"]]
    checklist: dict[str, Any] = {
        "contact": contact,
        "cancellation": find_cancellation(ctx, channel_spans),
        "refunds": find_refunds(ctx, findings),
        "auto_renewal": find_auto_renewal(ctx, findings),
        "effective_date": find_effective_date(ctx),
        "changes_notice": find_changes_notice(ctx),
        "governing_law": find_governing_law(ctx, findings),
    }
    takes_payment = _takes_payment(ctx)
    required = required_items(kind, checklist, takes_payment, kind == "refund" and _ongoing(ctx))
    for name, item in checklist.items():
        if "status" in item:
            item["required"] = name in required
    return checklist, _findings(ctx, checklist, required)


# What DS302 suggests adding, in order of preference (the channel already given is skipped).
_OTHER_CHANNELS = (
    ("email", "an email address"),
    ("phone", "a phone number"),
    ("postal_address", "a postal address"),
    ("web_form", "a contact page"),
)


def _findings(ctx: AuditContext, c: dict[str, Any], required: set[str]) -> list[Finding]:
    out: list[Finding] = []
    renews = c["auto_renewal"]["present"]
    if "contact" in required:
        status = c["contact"]["status"]
        if status == "missing":
            out.append(
                ctx.finding(
                    CONTACT_MISSING,
                    None,
                    None,
                    "No way to contact you: add an email address, phone number, postal address or "
                    "contact page.",
                )
            )
        elif status == "partial":
            only = c["contact"]["channels"][0]
            # Suggest the channels the policy lacks, not the one it already gives.
            others = [w for ch, w in _OTHER_CHANNELS if ch != only][:3]
            out.append(
                ctx.finding(
                    CONTACT_PARTIAL,
                    None,
                    None,
                    f"Only one way to contact you ({only.replace('_', ' ')}): add another, such "
                    f"as {', '.join(others[:-1])} or {others[-1]}.",
                    extra={"channels": c["contact"]["channels"]},
                )
            )
    if "cancellation" in required:
        status = c["cancellation"]["status"]
        # After the finding's own statement, which leads as in every other message.
        hint = (
            (
                " It renews automatically, so say exactly how to cancel online "
                "(California's automatic renewal law)."
            )
            if renews
            else ""
        )
        sev = "error" if renews else None
        if status == "missing":
            out.append(
                ctx.finding(
                    CANCEL_MISSING,
                    None,
                    None,
                    "No cancellation terms: say that customers may cancel or close their "
                    f"account and how (the page, button or address to use).{hint}",
                    **({"severity": sev} if sev else {}),
                )
            )
        elif status == "mention_only":
            out.append(
                ctx.finding(
                    CANCEL_MENTION,
                    None,
                    None,
                    "Cancelling is mentioned but not how: say where to cancel (the page or "
                    f"button in the account settings, or the email address to write to).{hint}",
                    extra={"evidence": c["cancellation"]["evidence"][:3]},
                    **({"severity": sev} if sev else {}),
                )
            )
    if "refunds" in required and c["refunds"]["status"] == "missing":
        out.append(
            ctx.finding(
                REFUNDS_MISSING,
                None,
                None,
                "No refund terms: say whether customers can get their money back, within how many "
                "days and how to ask.",
            )
        )
    if "effective_date" in required and c["effective_date"]["status"] == "missing":
        out.append(
            ctx.finding(
                DATE_MISSING,
                None,
                None,
                'No effective date: add "Last updated: <date>" near the top.',
            )
        )
    if "changes_notice" in required and c["changes_notice"]["status"] == "missing":
        out.append(
            ctx.finding(
                CHANGES_MISSING,
                None,
                None,
                "No notice of changes: say how you will tell customers about changes to this "
                "document (for example by email 30 days before) and when they take effect.",
            )
        )
    if "governing_law" in required and c["governing_law"]["status"] == "missing":
        out.append(
            ctx.finding(
                LAW_MISSING,
                None,
                None,
                "No governing law: say which country's or state's law governs these terms.",
            )
        )
    return out
