"""Split fixes from reading offered rewrites (2026-12-03): list items and asides that are no clause."""

from tosaudit.rewrite import split as sp

LIST_BY_SEMICOLONS = (
    "WhatsApp does not accept responsibility for losses not caused by our breach of these Terms; "
    "losses that are not reasonably foreseeable by you and us at the time of entering into these "
    "Terms; and events beyond our reasonable control."
)


def _units(text: str) -> list[str] | None:
    result = sp.split_sentence(text)
    return result.units if result else None


def test_semicolon_before_a_noun_with_a_relative_clause_is_no_cut():
    units = _units(LIST_BY_SEMICOLONS)
    assert not units or not any(u.startswith("Losses that") for u in units)


def test_semicolon_between_clauses_still_cuts():
    assert _units("You may cancel at any time; we will refund the unused part of your fee.") == [
        "You may cancel at any time.",
        "We will refund the unused part of your fee.",
    ]


def test_aside_that_continues_a_verb_phrase_stays():
    text = (
        "Payments will be processed automatically (e.g. debited from your balance or charged to "
        "your card) until you cancel the subscription."
    )
    units = _units(text) or [text]
    assert not any(u.startswith("For example, debited") for u in units)
    text = "You may use that Content (including to copy and display it) only as the Service allows."
    units = _units(text) or [text]
    assert not any(u.startswith("This includes to") for u in units)


def test_aside_with_a_noun_phrase_still_moves():
    units = _units(
        "We collect data (for example, your name and email address) when you sign up for an account."
    )
    assert units == [
        "We collect data when you sign up for an account.",
        "For example, your name and email address.",
    ]


def test_comma_inside_a_company_name_is_no_condition_end():
    text = (
        "If you have downloaded the App from the Apple, Inc. (\u201cApple\u201d) App Store or if "
        "you are using the App on an iOS device, you acknowledge that you have read, understood, "
        "and agree to the following notice regarding Apple."
    )
    units = _units(text)
    assert units is None or not any(u.startswith("Inc.") for u in units)


def test_including_aside_inside_the_sentence_is_not_cut_off():
    # Cutting at ", including" would leave "you keep ownership of all rights." (of everything).
    text = "You retain ownership of all rights, including intellectual property rights, in the User Content."
    units = _units(text)
    assert units is None or any("in the User Content" in u and "ownership" in u for u in units)


def test_including_before_a_preposition_is_not_cut():
    text = "Do not misuse any reporting or appeals process, including by making groundless or frivolous reports."
    units = _units(text) or [text]
    assert not any(u.startswith("This includes by") for u in units)


def test_including_a_list_to_the_end_still_cuts():
    assert _units(
        "We collect data about you, including your name, email address and phone number."
    ) == [
        "We collect data about you.",
        "This includes your name, email address and phone number.",
    ]
    assert _units(
        "We may share data with partners, including, without limitation, our payment processors."
    ) == [
        "We may share data with partners.",
        "This includes, without limitation, our payment processors.",
    ]


def test_which_clause_with_a_modal_after_a_plural_noun_reads_they():
    text = "We may also update our Services, which might not work properly if you do not install the updates."
    assert _units(text) == [
        "We may also update our Services.",
        "They might not work properly if you do not install the updates.",
    ]


def test_which_clause_with_a_modal_after_a_singular_noun_keeps_this():
    text = "We may suspend your account without notice, which may mean you lose access to your content."
    assert _units(text) == [
        "We may suspend your account without notice.",
        "This may mean you lose access to your content.",
    ]
