import pytest

from tosaudit.rewrite.verify import fk_grade, negations, verify

BEFORE = (
    "In the event that you terminate your plan prior to 1 May 2025, you shall not receive "
    "a refund of the $10 fee (10% of the price) within 30 days; see https://acme.com or "
    "write to help@acme.com."
)


def _failed(after: str, **kw) -> set[str]:
    ok, checks, _, _ = verify(BEFORE, [after], **kw)
    return {c.name for c in checks if not c.ok}


def test_a_faithful_plainer_rewrite_passes():
    after = (
        "If you end your plan before 1 May 2025, you must not get a refund of the $10 fee "
        "(10% of the price) within 30 days. See https://acme.com or write to help@acme.com."
    )
    ok, checks, g0, g1 = verify(BEFORE, [after])
    assert ok, [c for c in checks if not c.ok]
    assert g1 < g0


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (("1 May 2025", "May 2025"), "numbers"),
        (("$10", "10"), "money"),
        (("10%", "10"), "percentages"),
        (("30 days", "30"), "durations"),
        (("1 May 2025", "1 2025"), "dates"),
        (("help@acme.com", "us"), "emails"),
        (("https://acme.com", "our site"), "urls"),
        (("shall not", "shall"), "negations"),
        (("shall not", "may not"), "modals"),
    ],
)
def test_each_loss_is_caught(change, check):
    assert check in _failed(BEFORE.replace(*change))


def test_a_must_may_not_become_a_will_or_may():
    before = "You must pay the fee within 30 days of the date of the invoice we send you."
    ok, checks, _, _ = verify(before, ["You will pay the fee within 30 days of the invoice."])
    assert not ok and "modals" in {c.name for c in checks if not c.ok}


def test_added_negation_is_caught_unless_repeated_by_a_list():
    before = "You must not copy, sell or change the app or any part of it in any way."
    after = ["You must not copy the app.", "You must not sell the app."]
    ok, checks, _, _ = verify(before, after)
    assert "negations" in {c.name for c in checks if not c.ok}


def test_defined_terms_and_names_are_kept():
    before = "Acme may change the Services at any time, and Acme will tell you by e-mail first."
    failed = {
        c.name
        for c in verify(
            before, ["We may change the services at any time."], defined_terms={"Services"}
        )[1]
        if not c.ok
    }
    assert {"defined_terms", "proper_names"} <= failed
    ok = verify(
        before,
        ["Acme may change the Services at any time.", "Acme will tell you by e-mail first."],
        defined_terms={"Services"},
    )[0]
    assert ok


def test_grade_must_drop():
    before = "You may cancel at any time."
    assert "grade" in {c.name for c in verify(before, [before + " "])[1] if not c.ok}
    assert fk_grade(["One two three. Four five six."]) == pytest.approx(
        fk_grade(["One two three. Four five six."])
    )


def test_negation_equivalents():
    assert negations("You cannot do this, and you don't have to.")["not"] == 2
    assert negations("All fees, with the exception of taxes.")["except"] == 1
    assert negations("This does not apply if you pay.") == negations("unless you pay")


def test_defined_term_inside_a_longer_one_in_a_shouted_sentence_is_kept():
    ok, checks, _, _ = verify(
        "THE TRIPADVISOR MEDIA GROUP COMPANIES DISCLAIM ALL WARRANTIES OF ANY KIND WHATSOEVER.",
        ["The TRIPADVISOR MEDIA GROUP COMPANIES disclaim all warranties of any kind."],
        defined_terms=frozenset({"TripAdvisor", "TRIPADVISOR MEDIA GROUP COMPANIES"}),
    )
    assert {c.name: c.ok for c in checks}["defined_terms"]
    ok, checks, _, _ = verify(
        "THE TRIPADVISOR MEDIA GROUP COMPANIES DISCLAIM ALL WARRANTIES OF ANY KIND WHATSOEVER.",
        ["The group companies disclaim all warranties of any kind."],
        defined_terms=frozenset({"TripAdvisor", "TRIPADVISOR MEDIA GROUP COMPANIES"}),
    )
    assert not {c.name: c.ok for c in checks}["defined_terms"]
