"""Readability rules: what a hard sentence is, and what only looks hard to the formulas."""

from __future__ import annotations

from tosaudit.api import audit_text
from tosaudit.rules.readability_rules import _LINK, _grade_without_links


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


def test_link_pattern_and_grade() -> None:
    assert _LINK.search("at www.acme.example/a-b.").group(0) == "www.acme.example/a-b."
    assert _LINK.search("mail help@acme.example now").group(0) == "help@acme.example"
    assert _LINK.search("The end. The next one.") is None
    assert _grade_without_links("We keep it at www.acme.example/privacy-policy.") < 8


def test_link_pattern_is_linear_on_hostile_input() -> None:
    import time

    for hostile in (
        "a." * 1_000_000 + "/" + "x" * 1_000_000,
        "a" * 5_000_000,
        "a-" * 2_500_000,  # a word boundary at every other character
        "a@" * 2_500_000,
    ):
        t0 = time.perf_counter()
        list(_LINK.finditer(hostile))
        assert time.perf_counter() - t0 < 5, hostile[:10]
