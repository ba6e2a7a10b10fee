"""The fast paths of the disclosure checks give exactly what the plain searches give."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import disclosures as D
from tosaudit.api import audit_text
from tosaudit.config import Config
from tosaudit.models import Document
from tosaudit.readability import analyse
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment


def _ctx(text: str) -> AuditContext:
    doc = Document(text=text, source="t.txt", format="txt")
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = analyse(
        [text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, Config())


_MONEY_PIECES = [
    "pay",
    "paid",
    "payment",
    "prepay",
    "Orders",
    "order",
    "border",
    "fees",
    "coffee",
    "PRICE",
    "priced",
    "bill",
    "billed",
    "billing",
    "subscriptions",
    "invoice",
    "charged",
    "purchase",
    "_",
    "-",
    " ",
    "\n",
    "x",
    "\u017f",  # long s: the engine folds it to "s"
    "\u0131",  # dotless i
    "\u0130",  # dotted capital I
    "\u00e9",
]


@given(st.lists(st.sampled_from(_MONEY_PIECES), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_takes_payment_is_the_plain_search(text):
    ctx = AuditContext(Document(text=text, source="t.txt", format="txt"), None, None, Config())
    assert D._takes_payment(ctx) == bool(D._MONEY.search(text, 0, 2_000_000))


def test_money_stems_start_every_alternative():
    alternatives = D._MONEY.pattern.split("(?:")[1].split(")")[0].split("|")
    for word in alternatives:
        assert word.startswith(D._MONEY_STEMS), word


def _plain_strip(p, before: str) -> str:
    """The filler stripping as it was: a full search of the tail each round."""
    tail = before
    for _ in range(8):
        m = p.filler_tail.search(tail)
        if not m or m.start() == len(tail):
            break
        tail = tail[: m.start()]
    return tail


_FILLER_PIECES = [
    "you",
    "We",
    "may",
    "at any time",
    "have the right to",
    "have  the right   to",
    "reserves the right to",
    "in our sole discretion",
    "in\nour sole\tdiscretion",
    "not",
    "to",
    "or",
    "suspend and/or",
    "x",
    "_",
    " ",
    "  ",
    ",",
    "\n",
    "\t",
]


@given(st.lists(st.sampled_from(_FILLER_PIECES), max_size=25).map("".join))
@settings(max_examples=800, deadline=None)
def test_filler_window_gives_the_full_search(before):
    p = D.patterns()
    assert D._strip_fillers(p, before) == _plain_strip(p, before)


def test_filler_span_covers_every_filler():
    # Each filler with one character between its words fits in the window searched.
    p = D.patterns()
    prefix, suffix = r"(?:\b(?:", r")[\s,]*)$"
    assert p.filler_tail.pattern.startswith(prefix) and p.filler_tail.pattern.endswith(suffix)
    body = p.filler_tail.pattern[len(prefix) : -len(suffix)]
    single = body.replace(r"\s+", " ")
    assert not any(c in single for c in "*+.[\\"), single
    # Pattern text is never shorter than what it matches once "\s+" is one space (no
    # classes, dots or repeats are left).
    assert max(len(a) for a in single.split("|")) <= D._FILLER_SPAN


def test_contact_and_cancellation_still_found():
    text = (
        "Terms of Service\n\nYou may at any time, cancel your subscription in Settings. "
        "We reserves the right to  terminate your account. Contact us at help@acme.test. "
        "Fees are billed monthly."
    )
    rep = audit_text(text)
    assert rep.disclosures["cancellation"]["status"] == "instructions"


def test_fast_paths_stay_linear_on_a_5_mb_sentence():
    text = ("may you cancel , " * (5_000_000 // 17))[:5_000_000]
    ctx = _ctx(text)
    t = time.perf_counter()
    D._takes_payment(ctx)
    D.find_cancellation(ctx, [])
    assert time.perf_counter() - t < 10


_UNIT_PIECES = [
    "We may end your plan. ",
    "You can cancel in Settings.\n\n",
    "## Changes\n\n",
    "Last updated: 1 May 2024. ",
    "send ",
    "recommend ",
    "These terms are governed by the laws of Ireland. ",
    "Refunds are given within 14 days. ",
    "contact page ",
    "live chat ",
    "x",
    "\n",
]


def _plain_stem_units(ctx, stems, word_start):
    """The unit scan as it was: one str.find loop per stem over the lower-cased text."""
    units = D._units(ctx)
    low, text = D._lower(ctx), ctx.text
    hits = set()
    for stem in stems:
        pos = low.find(stem)
        while pos != -1:
            if word_start and pos and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
                pos = low.find(stem, pos + 1)
                continue
            i = units.index_at(pos)
            if i >= 0:
                hits.add(i)
                pos = low.find(stem, max(pos + 1, units.spans[i][1]))
            else:
                pos = low.find(stem, pos + 1)
    return sorted(hits)


@given(st.lists(st.sampled_from(_UNIT_PIECES), min_size=1, max_size=80).map("".join))
@settings(max_examples=150, deadline=None)
def test_stem_units_from_the_needle_index_equal_the_find_scan(text):
    ctx = _ctx(text)
    p = D.patterns()
    for family, word_start in (("cancellation", True), ("change", True), ("effective_date", False)):
        stems = p.stems[family]
        plain = _plain_stem_units(ctx, stems, word_start)
        assert D._stem_units(ctx, stems, word_start) == plain
        assert list(D._iter_stem_units(ctx, stems, word_start)) == plain
        assert D._hit_units(ctx, p.change, stems, word_start) == [
            i for i in plain if p.change.search(text, *D._units(ctx).spans[i])
        ]


def test_stem_units_of_overlapping_units_follow_the_find_scan():
    # Overlapping units (a heading inside a sentence span) keep the scan's skip rule exactly.
    from tosaudit.models import Segmented, Sentence

    text = "We may end it. You can cancel and end it now. Cancel."
    doc = Document(text=text, source="t.txt", format="txt")
    sents = (Sentence(0, 30), Sentence(15, 45, kind="heading"), Sentence(20, len(text)))
    ctx = AuditContext(doc, Segmented(doc, (), (), sents), None, Config())
    assert not D._disjoint(ctx)
    stems = D.patterns().stems["cancellation"]
    assert D._stem_units(ctx, stems, True) == _plain_stem_units(ctx, stems, True)


_VERB_PIECES = [
    "cancel",
    "Cancelled",
    "you can ",
    "opt out of renewal",
    "opt\n out of the auto",
    "opting out of recurring",
    "withdraw from",
    "withdrawal",
    "end",
    "ends",
    "recommend",
    "turn off",
    "Turning  off",
    "close your account",
    "cancellation",
    "right of withdrawal",
    "right to withdraw",
    "cooling-off period",
    "unsubscribe link",
    "x",
    "_",
    " ",
    ", ",
    "\u017f",
    "\u212a",
]


@given(
    st.lists(st.sampled_from(_VERB_PIECES), max_size=20).map("".join),
    st.lists(st.sampled_from(_VERB_PIECES), max_size=6).map("".join),
)
@settings(max_examples=600, deadline=None)
def test_sentence_matches_equal_finditer(sentence, before):
    text = before + sentence + " Next."
    ctx = AuditContext(Document(text=text, source="t.txt", format="txt"), None, None, Config())
    p = D.patterns()
    start = len(before)
    sent = text[start : start + len(sentence)]
    for regex, literals in ((p.cancel_verb, D._VERB_STARTS), (p.cancel_noun, D._NOUN_STARTS)):
        got = [m.span() for m in D._sentence_matches(ctx, regex, literals, start, sent)]
        assert got == [m.span() for m in regex.finditer(sent)]


def _alternatives(pattern):
    """The top-level alternatives of an alternation."""
    out, depth, cur = [], 0, ""
    for ch in pattern:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [*out, cur]


def test_verb_and_noun_starts_begin_every_alternative():
    from importlib import resources

    import yaml

    path = resources.files("tosaudit.rules") / "data" / "disclosures.yaml"
    k = yaml.safe_load(path.read_text(encoding="utf-8"))["cancellation"]

    for alt in _alternatives(k["strong"]) + _alternatives(k["weak"]):
        assert alt.startswith(D._VERB_STARTS), alt
    for alt in _alternatives(k["nouns"]):
        assert alt.startswith(D._NOUN_STARTS), alt


_WEB_PIECES = [
    "Contact ",
    "contact-us",
    " page",
    " Form",
    " site",
    " website",
    " portal",
    " hub",
    " desk",
    "desk",
    "help",
    "Help ",
    "customer service",
    "customer  care",
    "online",
    "web",
    "request",
    "submission",
    "our",
    ". ",
    "\n\n",
    "x",
    "\u017f",
]


@given(st.lists(st.sampled_from(_WEB_PIECES), min_size=1, max_size=50).map("".join))
@settings(max_examples=400, deadline=None)
def test_web_page_units_hold_every_web_page_match(text):
    ctx = _ctx(text)
    p = D.patterns()
    spans = D._units(ctx).spans

    def matching(units):
        return [i for i in units if p.web_page.search(text, *spans[i])]

    plain = matching(D._stem_units(ctx, p.stems["web_page"]))
    assert matching(D._web_page_units(ctx, p.stems["web_page"])) == plain


def test_web_first_words_follow_the_data_file():
    # _WEB_FIRST lists the first words of disclosures.yaml's web_page patterns; a change there
    # must be mirrored (this fails until it is).
    from importlib import resources

    import yaml

    path = resources.files("tosaudit.rules") / "data" / "disclosures.yaml"
    web = yaml.safe_load(path.read_text(encoding="utf-8"))["contact"]["web_page"]
    assert web == [
        "(?:contact(?:[- ]us)?|support|help|feedback|customer (?:service|support|care)|"
        "complaints?|enquir(?:y|ies)|inquir(?:y|ies)|webform) (?:page|form|cent(?:er|re)|site|"
        "website|portal|hub|desk)",
        "help ?desk",
        "(?:online|web|contact|support|request|submission) form",
    ]
    assert D.patterns().stems["web_page"] == (
        " page",
        " form",
        " cent",
        " site",
        " website",
        " portal",
        " hub",
        "desk",
    )


def _kind_counting_every_kind(ctx) -> str:
    """classify_kind as it was: every kind's body words counted."""
    from pathlib import PurePath

    p = D.patterns()
    title = D._title(ctx)
    stem = PurePath(ctx.document.source).stem.replace("_", " ").replace("-", " ")
    headings = [ctx.text[s.heading_start : s.heading_end] for s in ctx.segmented.sections[:40]]
    scores = {}
    body = D._lower(ctx)[:200_000]
    for kind in ("terms", "privacy", "refund", "cookie"):
        score = 25.0 * len(set(m.group(0).lower() for m in p.kind_title[kind].finditer(title)))
        score += 12.0 * bool(p.kind_title[kind].search(stem))
        score += 3.0 * min(8, sum(1 for h in headings if p.kind_title[kind].search(h)))
        hits = sum(body.count(word) for word in p.kind_body[kind])
        scores[kind] = score + min(hits, 30)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 4 else "other"


_KIND_PIECES = [
    "Terms of Service\n\n",
    "Privacy Policy\n\n",
    "Cookie Policy\n\n",
    "Refunds\n\n",
    "# Returns\n\n",
    "## Cookies\n\n",
    "These terms apply. ",
    "We process your personal data. ",
    "We use cookies and pixel tags. ",
    "Refunds and store credit. ",
    "You agree to arbitration. ",
    "x. ",
]


@given(
    st.lists(st.sampled_from(_KIND_PIECES), max_size=40).map("".join),
    st.sampled_from(["t.txt", "privacy-policy.txt", "cookies.md", "refund_policy.txt", "tos.txt"]),
)
@settings(max_examples=300, deadline=None)
def test_kind_skipping_hopeless_kinds_gives_the_same_kind(text, source):
    doc = Document(text=text, source=source, format="txt")
    seg = segment(doc)
    ctx = AuditContext(doc, seg, None, Config())
    assert D.classify_kind(ctx) == _kind_counting_every_kind(ctx)


_PRONOUN_PIECES = [
    "you",
    "You",
    "YOU",
    "we",
    "We",
    "to ",
    "with ",
    "notify ",
    "your",
    "were",
    "x",
    " ",
    "\n",
    "by ",
    "\u0130",
    "-",
]


@given(st.lists(st.sampled_from(_PRONOUN_PIECES), max_size=40).map("".join))
@settings(max_examples=800, deadline=None)
def test_last_subject_pronoun_is_the_last_findall(s):
    found = D._SUBJECT_PRONOUN.findall(s)
    assert D._last_subject_pronoun(s) == (found[-1] if found else None)


_CANCEL_PIECES = [
    "cancel",
    "cancelled",
    "cancellation",
    "close",
    "closes",
    "end",
    "ending",
    "send",
    "turn off",
    "turn",
    "withdraw from",
    "right of withdrawal",
    "opt out of renewal",
    "unsubscribe link",
    "cooling-off period",
    "x",
    " ",
    "-",
]


@given(st.lists(st.sampled_from(_CANCEL_PIECES), max_size=20).map("".join))
@settings(max_examples=600, deadline=None)
def test_cancel_scan_matches_exactly_where_a_verb_or_noun_does(s):
    p = D.patterns()
    either = p.cancel_verb.search(s) or p.cancel_noun.search(s)
    assert bool(p.cancel_scan.search(s)) == bool(either)


@given(
    st.lists(
        st.sampled_from(
            [
                "without",
                "WITHOUT",
                "with",
                "out",
                " notice",
                " prior",
                " any",
                "x",
                " ",
                "\u0131",
                "We may change these terms",
            ]
        ),
        max_size=20,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_without_notice_shortcut_is_the_search(text):
    ctx = AuditContext(Document(text=text, source="t.txt", format="txt"), None, None, Config())
    p = D.patterns()
    assert p.change_without.pattern.startswith(r"\bwithout")
    for a, b in ((0, len(text)), (1, max(1, len(text) - 2))):
        assert D._without_notice(ctx, a, b) == bool(p.change_without.search(text, a, b))


_DOC_PIECES = [
    "terms",
    "Terms",
    "TERMS",
    "conditions",
    "agreement",
    "policy",
    "Policies",
    "polic",
    "notice",
    "statement",
    "tos",
    "ToS",
    "eula",
    "contract",
    "contractor",
    "x",
    "_",
    " ",
    "\n",
    "\u017f",
    "\u212a",
]


@given(st.lists(st.sampled_from(_DOC_PIECES), max_size=25).map("".join), st.data())
@settings(max_examples=600, deadline=None)
def test_search_at_word_starts_is_the_search(text, data):
    ctx = AuditContext(Document(text=text, source="t.txt", format="txt"), None, None, Config())
    p = D.patterns()
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    got = D._search_at_word_starts(ctx, p.change_doc, D._DOC_STARTS, a, b)
    assert got == bool(p.change_doc.search(text, a, b))


def test_doc_starts_begin_every_change_doc_alternative():
    p = D.patterns()
    prefix, suffix = r"\b(?:", r")\b"
    assert p.change_doc.pattern.startswith(prefix) and p.change_doc.pattern.endswith(suffix)
    for alt in _alternatives(p.change_doc.pattern[len(prefix) : -len(suffix)]):
        assert alt.startswith(D._DOC_STARTS), alt
