"""Proofreading rules PR401-PR408: text that must and must not produce each finding."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tosaudit import readability
from tosaudit.config import Config
from tosaudit.ingest import ingest_file
from tosaudit.models import Document, Paragraph, Segmented, Sentence
from tosaudit.rules import proofreading as pr
from tosaudit.rules import registry
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
RULES = {r.code: r for r in pr.RULES}


def ctx_for_doc(doc: Document) -> AuditContext:
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = readability.analyse(
        [doc.text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, Config())


def run(code: str, text: str) -> list:
    ctx = ctx_for_doc(Document(text=text, source="t.txt", format="txt"))
    found = list(RULES[code].check(ctx))
    for f in found:  # the offsets invariant
        assert text[f.start : f.end] == f.excerpt
        assert f.rule == code
    return found


def excerpts(code: str, text: str) -> list[str]:
    return [f.excerpt for f in run(code, text)]


# ------------------------------------------------------------------------------ PR401


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thank you for shopping with [INSERT COMPANY NAME].", "[INSERT COMPANY NAME]"),
        ("Effective date: {{DATE}}", "{{DATE}}"),
        ("This agreement is with <COMPANY NAME> and you.", "<COMPANY NAME>"),
        ("Last updated [Date].", "[Date]"),
        ("You have XX days to return an item.", "XX"),
        ("A restocking fee of TBD may apply.", "TBD"),
        ("Lorem ipsum dolor sit amet, consectetur.", "Lorem ipsum dolor sit amet"),
        ("These terms are between you and Company Name.", "Company Name"),
        ("Email us at support@yourdomain.com today.", "support@yourdomain.com"),
        ("Ship to [ADDRESS LINE 1], then wait.", "[ADDRESS LINE 1]"),
        ("Refunds take [NUMBER] business days.", "[NUMBER]"),
        ("Sign here: [____].", "[____]"),
        ("Questions? Write to [Company Name] (our support team).", "[Company Name]"),
        ("Send it to [your email address].", "[your email address]"),
        ("Contact our support team at [email] to start a return.", "[email]"),
        ("Ship items to our return center at [address].", "[address]"),
        ("You have [30] days from the receipt date to return items.", "[30] days"),
        ("Refunds will be processed within [7] business days.", "[7] business days"),
        ("Contact us at:\n[City, State, ZIP Code]\n", "[City, State, ZIP Code]"),
    ],
)
def test_placeholder_found(text, expected):
    assert excerpts("PR401", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "If you want a guarantee, please [contact us].",  # link text from a web page
        # Markdown links: their text has a target, so it is not a field left to fill in.
        "* [The Pocket Service](#service)\n* [License Grant](#grant)",
        "We keep an open door to [your feedback](mailto:help@acme.example).",
        "Write to us by [email](mailto:help@acme.example) at any time.",
        "As noted in [3] and [12], the rules changed in 2019.",
        '"We [the Company] may end it," the notice said.',
        "Read our [Privacy Policy][privacy] and [Contact Page](https://acme.example/contact).",
        "See section [3] and note [a].",
        "Article XX of the Treaty applies.",
        "Our 2 TB plan suits most teams.",
        "The company name Acme is a trademark.",
        "Email help@brightleaf.example for help.",  # .example is a real fictional domain
        "Use the {braces} sparingly; <b>bold</b> is fine.",
    ],
)
def test_placeholder_not_found(text):
    assert run("PR401", text) == []


def test_placeholder_message_says_replace():
    [f] = run("PR401", "Call {{PHONE NUMBER}} now.")
    assert "Replace it with the real value" in f.message and f.severity == "error"


# ------------------------------------------------------------------------------ PR402


def test_repeated_word_found_and_suggests_one():
    [f] = run("PR402", "Read the the terms carefully.")
    assert f.excerpt == "the the" and f.suggestion == "the"
    assert excerpts("PR402", "We will refund the\nthe price within a week.") == ["the\nthe"]
    assert excerpts("PR402", "The the rules apply.") == ["The the"]


@pytest.mark.parametrize(
    "text",
    [
        "He said that that was fine.",
        "We had had enough.",
        "Terms\n\nTerms apply to everyone.",  # a heading followed by the same word
        "Bora Bora is lovely.",
        "the theory of the thing",
    ],
)
def test_repeated_word_not_found(text):
    assert run("PR402", text) == []


# ------------------------------------------------------------------------------ PR403


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We may share data (for example with partners. Then we stop.", ["("]),
        ("Fees apply) to every plan.", [")"]),
        ("The \u201cService is ours.", ["\u201c"]),
        ('He said "stop and left.', ['"']),
        ("Our services (\u201cServices\u201c) are great.", ["\u201c"]),  # mismatched quotes
        ("See [the list.", ["["]),
    ],
)
def test_unbalanced_found(text, expected):
    assert excerpts("PR403", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We may share data (for example, with partners) when needed.",
        "a) first item\nb) second item",
        "1) Sign up. 2) Pay. 3) Enjoy.",
        'The "Service" and the \u201cApp\u201d are ours.',
        "Nested (like [this] one) is fine.",
    ],
)
def test_unbalanced_not_found(text):
    assert run("PR403", text) == []


def test_parenthesis_split_across_paragraphs_is_not_reported():
    assert run("PR403", "We keep data (for backups\n\nand audits) for a year.") == []


# ------------------------------------------------------------------------------ PR404 / PR405


def test_unused_definition():
    text = (
        'Acme Ltd ("Acme") runs the app (the "App"). The App is free. '
        'Some features are paid ("Premium Features").'
    )
    assert excerpts("PR404", text) == ["Acme", "Premium Features"]
    text = 'Acme Inc. (the "Company," "us" or "we") runs the app.'
    assert excerpts("PR404", text) == ["Company"]


@pytest.mark.parametrize(
    "text",
    [
        'Acme Ltd ("Acme") runs it. Acme is based in Leeds.',
        'Our apps (the "Service") are great. Each of our Services is free.',  # plural use
        '"Content" means anything you post. Your Content is yours.',
        'The Digital Millennium Copyright Act ("DMCA") applies.',  # abbreviation
        'Unsolicited mail (also referred to as "Spam") is banned.',  # an alias
        'We ("we", "us" or "our") run it.',  # pronouns
        # American style: the comma inside the quotes is not part of the term.
        'JumpRope, Inc. (collectively, the "Company," "us," "our," or "we") runs it. The '
        "Company is based in Boston.",
    ],
)
def test_used_definition_not_reported(text):
    assert run("PR404", text) == []


def test_undefined_term_said_to_be_defined():
    text = "You may buy Paid Services (as defined below). Fees are charged monthly."
    assert excerpts("PR405", text) == ["Paid Services"]
    ok = 'You may buy Paid Services (as defined below). "Paid Services" means our premium plans.'
    assert run("PR405", ok) == []
    glossary = "You may buy Credits (as defined below).\n\nCredits: tokens you spend in the app."
    assert run("PR405", glossary) == []


# ------------------------------------------------------------------------------ PR406

NUMBERED = "\n\n".join(f"{i}. Heading {i}\n\nText of section {i} goes here." for i in range(1, 13))


def test_cross_reference_to_missing_section():
    text = NUMBERED + "\n\nSee Section 14 for refunds and Section 3 for fees."
    [f] = run("PR406", text)
    assert f.excerpt == "Section 14" and "sections run to 12" in f.message


@pytest.mark.parametrize(
    "tail",
    [
        "See Section 12.",
        "Section 230 of the Communications Decency Act protects us.",
        "As required by Title 17, United States Code, Section 512, we respond to notices.",
        "Under Article 6(1)(b) GDPR we process your data.",
    ],
)
def test_cross_reference_not_reported(tail):
    assert run("PR406", NUMBERED + "\n\n" + tail) == []


def test_unnumbered_document_is_not_checked():
    assert run("PR406", "Terms\n\nSee Section 14 for details.") == []


# ------------------------------------------------------------------------------ PR407 / PR408


def test_inconsistent_refund_window():
    text = (
        "You can return items within 14 days of delivery for a refund.\n\n"
        "Returns\n\nWe offer a 30-day refund on all items."
    )
    [f] = run("PR407", text)
    assert f.excerpt == "30-day" and "14 days" in f.message and f.extra["topic"] == "refund window"


def test_inconsistent_notice_of_changes():
    text = (
        "We will give you 30 days' notice of changes to these terms. Elsewhere: we may "
        "change these terms with 60 days notice."
    )
    assert excerpts("PR407", text) == ["60 days"]


@pytest.mark.parametrize(
    "text",
    [
        # a refund *processing* time is not the refund window
        "Return items within 30 days of delivery for a full refund. Refunds are processed within "
        "10 working days.",
        "The withdrawal period is fourteen (14) days. It expires fourteen (14) calendar days after "
        "the day of purchase.",
        "Tell us within 7 days if an item is damaged. We refund within 14 days of delivery.",
    ],
)
def test_consistent_or_different_terms_not_reported(text):
    assert run("PR407", text) == []


def test_company_named_differently():
    text = "These terms are with Acme Inc. and nobody else.\n\nPayments go to Acme LLC."
    [f] = run("PR408", text)
    assert f.excerpt == "Acme LLC" and "Acme Inc." in f.message


@pytest.mark.parametrize(
    "text",
    [
        "These terms are with Acme Inc. Acme Inc. may change them.",
        "Meta Platforms Inc. and Meta Platforms Limited are separate companies.",
        "Facebook Ireland Limited and Facebook, Inc. provide the service.",
    ],
)
def test_company_names_not_reported(text):
    assert run("PR408", text) == []


# ------------------------------------------------------------------------------ whole documents


def test_template_sample_is_full_of_placeholders_and_the_control_sample_is_clean():
    for name in ("template-placeholders.txt", "plain-terms.md"):
        if not (SAMPLES / name).exists():
            pytest.fail(f"sample {name} is missing")
    ctx = ctx_for_doc(ingest_file(SAMPLES / "template-placeholders.txt"))
    placeholders = list(RULES["PR401"].check(ctx))
    assert len(placeholders) >= 12
    assert {"[INSERT COMPANY NAME]", "{{DATE}}", "TBD", "XX"} <= {f.excerpt for f in placeholders}
    ctx = ctx_for_doc(ingest_file(SAMPLES / "plain-terms.md"))
    assert [f for r in pr.RULES for f in r.check(ctx)] == []


def test_rules_registered_with_codes_and_docs():
    reg = registry()
    for code in ("PR401", "PR402", "PR403", "PR404", "PR405", "PR406", "PR407", "PR408"):
        assert reg[code].doc and "proofreading" in reg[code].groups


@pytest.mark.parametrize(
    "chunk",
    [
        "word ",
        "the the ",
        "x@y ",
        "[INSERT ",
        "(a ",
        "XX ",
        "Section 99 ",
        "30 days notice ",
        "Acme Inc. Acme LLC ",
    ],
)
def test_linear_on_a_5_mb_sentence(chunk):
    text = chunk * (5_000_000 // len(chunk))
    doc = Document(text=text, source="big.txt", format="txt")
    seg = Segmented(doc, (), (Paragraph(0, len(text)),), (Sentence(0, len(text), -1, 0),))
    small = ctx_for_doc(Document(text="x", source="x", format="txt"))
    ctx = AuditContext(doc, seg, small.readability, Config())
    t0 = time.perf_counter()
    for rule in pr.RULES:
        found = list(rule.check(ctx))
        assert len(found) <= pr.MAX_PER_RULE * 4
    assert time.perf_counter() - t0 < 15


_XREF_PIECES = [
    "Section",
    "Sections",
    "Clause",
    "Article",
    "Paragraphs",
    "\u00a7",
    "section",
    " ",
    "  ",
    "\n",
    "1",
    "12",
    ".",
    "3",
    "x",
    "(",
    "Act",
    "of the",
    ",",
]


@given(st.lists(st.sampled_from(_XREF_PIECES), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_xref_matches_equal_finditer(text):
    """Cross-references tried only at their needles equal a full finditer."""
    from tosaudit.config import Config
    from tosaudit.models import Document
    from tosaudit.rules.base import AuditContext
    from tosaudit.rules.proofreading import _XREF, _xref_matches

    ctx = AuditContext(Document(text=text, source="t.txt", format="txt"), None, None, Config())
    got = [(m.start(), m.end(), m.group(1)) for m in _xref_matches(ctx)]
    assert got == [(m.start(), m.end(), m.group(1)) for m in _XREF.finditer(text)]


_REPEAT_PIECES = [
    "the",
    "The",
    "THE",
    "thE",
    " ",
    "\n",
    "\t",
    "s",
    "is",
    "i",
    "\u0131",
    "\u017f",
    "\u212a",
    "k",
    "x",
    "-",
    "'",
    ".",
    "\u0130",
]


@given(st.lists(st.sampled_from(_REPEAT_PIECES), max_size=25).map("".join))
@example("\u0131s \u0131s")  # dotless i matches "i" only under IGNORECASE
@example("i\u017f i\u017f")  # long s likewise matches "s"
@example("\u212a \u212a")  # the Kelvin sign lower-cases to "k"
@example("\u0130s is is")  # lowering "İ" changes the length
@settings(max_examples=400, deadline=None)
def test_repeated_word_matches_equal_finditer(text):
    """Doubled words tried only where the lower-cased text holds the word equal a finditer."""
    from types import SimpleNamespace

    ctx = SimpleNamespace(text=text, lower_text=text.lower())
    for word in ("the", "is", "k", "s", "i"):
        regex = pr._repeat_pattern(word)
        got = [m.span() for m in pr.RepeatedWord._matches(ctx, word, regex)]
        assert got == [m.span() for m in regex.finditer(text)]
