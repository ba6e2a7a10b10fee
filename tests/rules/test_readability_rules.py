"""Readability rules: what a hard sentence is, and what only looks hard to the formulas."""

from __future__ import annotations

from tosaudit.api import audit_text
from tosaudit.rules.readability_rules import _grade_without_links, _is_address


def _rules(text: str) -> list[str]:
    return [f.rule for f in audit_text(text).findings if f.rule.startswith("RD10")]


def test_an_address_alone_does_not_make_a_sentence_hard() -> None:
    for text in (
        "Our Privacy Policy is located at www.sudoai.com/privacy-policy.",
        "Questions about these terms go to legal-notices@mozilla-foundation.org today.",
        "Read the full rules at https://shop.example/help/returns-and-refunds-policy today.",
    ):
        report = audit_text(text)
        assert report.sentences[0]["flesch_kincaid_grade"] > 12, text  # textstat's reading
        assert "RD101" not in _rules(text), text


def test_a_hard_sentence_with_an_address_is_still_hard() -> None:
    text = (
        "Notwithstanding the foregoing, indemnification obligations shall survive termination "
        "of this agreement indefinitely, see https://acme.example/terms."
    )
    assert "RD101" in _rules(text)


def test_addresses_and_the_grade_without_them() -> None:
    for token in (
        "www.acme.example/a-b.",
        "help@acme.example",
        "(https://x.example/y)",
        "acme.io/terms",
    ):
        assert _is_address(token), token
    for token in ("and/or", "e.g.", "U.S.", "24/7", "@acme", "he/she."):
        assert not _is_address(token), token
    assert _grade_without_links("We keep it at www.acme.example/privacy-policy.") < 8
    assert _grade_without_links("The end of it, and/or the rest.") is None


def test_address_check_is_linear_on_hostile_input() -> None:
    import time

    for hostile in (
        "a." * 1_000_000 + "/" + "x" * 1_000_000,
        "a" * 5_000_000,
        "a-" * 2_500_000,
        "a@" * 2_500_000,
        "a/ " * 1_500_000,
    ):
        t0 = time.perf_counter()
        _grade_without_links(hostile)
        assert time.perf_counter() - t0 < 5, hostile[:10]


_SHOUT = (
    "TO THE FULLEST EXTENT PERMITTED BY LAW, IN NO EVENT WILL THE COMPANY BE LIABLE FOR ANY "
    "INDIRECT, INCIDENTAL, SPECIAL OR CONSEQUENTIAL DAMAGES, OR FOR ANY LOSS OF PROFITS, DATA "
    "OR GOODWILL, HOWEVER CAUSED."
)


def _capitals(report) -> list:
    return [f for f in report.findings if f.rule == "RD105"]


def test_a_wall_of_capitals_is_reported_once_over_its_paragraphs() -> None:
    text = "Limits\n\n" + _SHOUT + "\n\n" + "SOME STATES DO NOT ALLOW THESE LIMITS.\n\nThe end.\n"
    report = audit_text(text)
    [f] = _capitals(report)
    assert text[f.start : f.end].startswith("TO THE FULLEST")
    assert text[f.start : f.end].endswith("THESE LIMITS.")  # the next shouted paragraph joins
    assert f.severity == "info" and "capitals" in f.message


def test_short_capitals_and_normal_case_are_not_reported() -> None:
    for text in (
        "IMPORTANT NOTICE\n\nPlease read these terms.\n",  # a heading
        "PLEASE READ THESE TERMS CAREFULLY BEFORE USING THE SERVICE.\n",  # a short notice
        _SHOUT.capitalize() + "\n",
        "We use the EU GDPR, the UK DPA and the US CCPA as our guides for all data we hold "
        "about you and your account, every day of the year, in every country we serve.\n",
    ):
        assert not _capitals(audit_text(text)), text


def test_an_all_caps_font_counts_as_capitals() -> None:
    from tosaudit.api import audit_document
    from tosaudit.models import Document, LayoutSpan

    body = _SHOUT.capitalize()
    text = "Limits\n\n" + body + "\n"
    start = text.index(body)
    doc = Document(
        text=text,
        source="t.docx",
        format="docx",
        layout=(LayoutSpan(start, start + len(body), all_caps=True),),
    )
    assert len(_capitals(audit_document(doc))) == 1
    plain = Document(text=text, source="t.docx", format="docx")
    assert not _capitals(audit_document(plain))


def test_address_opening_marks_are_bounded_and_fast():
    import time

    assert _is_address('("https://example.com/terms")')
    assert _is_address("[[<support@example.com>]]")
    token = "(" * 5_000_000 + "/"
    t0 = time.perf_counter()
    for pos in range(200):
        assert not _is_address(token[pos : pos + 1000] + "/")
    assert not _is_address(token)
    assert time.perf_counter() - t0 < 2.0
