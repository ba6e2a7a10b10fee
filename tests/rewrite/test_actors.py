"""Who does what: a rewrite must keep the actor of each main verb (tosaudit.rewrite.actors)."""

from __future__ import annotations

import time

import pytest

from tosaudit.rewrite.actors import actions, same_actors
from tosaudit.rewrite.verify import verify


def _same(before: str, after: str, shouted: bool = False, parties=None) -> bool:
    return same_actors(actions(before, shouted, parties), actions(after, shouted, parties))[0]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The parties swapped round a verb, with the verb plain or as written.
        ("We may terminate your account at any time.", "You may end our account at any time."),
        ("We may terminate your account at any time.", "You may terminate our account."),
        # Passive to active with the wrong subject.
        ("Fees will be charged by us.", "You will charge fees."),
        ("Your data is shared by Acme with partners.", "You share your data with partners."),
        # A split that repeats the wrong subject.
        (
            "We may collect your data, and share it with partners.",
            "We may collect your data. You may share it with partners.",
        ),
        # Main point first that swaps who breaches and who suspends.
        (
            "If you breach these Terms, we may suspend your account.",
            "You may suspend our account. This applies if we breach these Terms.",
        ),
        # A name swapped for another (a name in mid-sentence; at the start of a sentence a
        # capital is not evidence of a name, and the proper-names check covers a lost name).
        (
            "After notice, Spotify may change the price.",
            "After notice, Apple may change the price.",
        ),
    ],
)
def test_changed_actor_is_rejected(before, after):
    assert not _same(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We may terminate your account at any time.", "We may end your account at any time."),
        ("Fees will be charged by us.", "We will charge fees."),
        ("The services are provided by Acme Labs LLC.", "Acme Labs LLC provides the services."),
        (
            "We may collect your data, and share it with partners.",
            "We may collect your data. We may share it with partners.",
        ),
        (
            "If you breach these Terms, we may suspend your account.",
            "We may suspend your account. This applies if you breach these Terms.",
        ),
        # Modal phrases and their modal are the same action.
        ("The AAA is unable to appoint an arbitrator.", "The AAA cannot appoint an arbitrator."),
        ("You are able to cancel at any time.", "You can cancel at any time."),
        # Adverbs and -ly verbs.
        ("Rovio hereby grants you a license.", "Rovio grants you a license."),
        (
            "So long as you comply with these Terms, we give you a license.",
            "So long as you follow these Terms, we give you a license.",
        ),
        # A capital at the start of a sentence is not a name by itself.
        ("Modifications will not apply retroactively.", "Changes will not apply retroactively."),
        # "you" after a verb is its object, "us" before a modal an object of "to".
        ("Yahoo may provide you with notices today.", "Yahoo may give you notices today."),
        (
            "Benefits to us (e.g. through deals) may also impact the ranking.",
            "Benefits to us may also impact the ranking. For example, through deals.",
        ),
        ("In addition, you waive your moral rights.", "Also, you waive your moral rights."),
        # An object pronoun is not a subject.
        (
            "They explain their liability to you in the event of a problem.",
            "They explain their liability to you if there is a problem.",
        ),
    ],
)
def test_same_actor_is_accepted(before, after):
    assert _same(before, after)


def test_parties_are_their_pronoun():
    parties = {"User": "you"}
    assert _same("The User shall pay the fee.", "You must pay the fee.", parties=parties)
    assert not _same("The User shall pay the fee.", "We must pay the fee.", parties=parties)


def test_shouted_text_compares_without_case():
    before = "ANY QUESTION WILL BE DECIDED BY A COURT AND NOT THE ARBITRATOR."
    after = "Any question will be decided by a court and not the arbitrator."
    assert _same(before, after, shouted=True)
    assert not _same("ZYNGA MAY END YOUR ACCOUNT.", "You may end Zynga's account.", shouted=True)


def test_verify_names_the_actors_check():
    ok, checks, _, _ = verify(
        "We may terminate your account at any time without notice.",
        ["You may end our account at any time without notice."],
    )
    assert not ok
    failed = {c.name: c.detail for c in checks if not c.ok}
    assert "actors" in failed and "we" in failed["actors"]


def test_actions_stay_linear_on_hostile_input():
    big = "we may " * 200_000
    t = time.perf_counter()
    actions(big)
    assert time.perf_counter() - t < 5
