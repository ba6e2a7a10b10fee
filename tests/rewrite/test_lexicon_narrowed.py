"""The narrowed table rows (source TOSAUDIT, GARNER 'consideration'): must and must-not cases."""

import pytest

from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import DocInfo

INFO = DocInfo()


def lex(text: str) -> str:
    return tf.apply_lexicon(text, INFO)[0]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Refunds are given where required by applicable law.",
            "Refunds are given where required by law.",
        ),
        ("You keep your rights under applicable laws.", "You keep your rights under the law."),
        (
            "You must act in compliance with applicable laws.",
            "You must act in compliance with the law.",
        ),
        ("Do not break any applicable law.", "Do not break any law."),
        (
            "We may amend these terms at any time and from time to time.",
            "We may amend these terms at any time.",
        ),
        (
            "We may, from time to time and at any time, change fees.",
            "We may, at any time, change fees.",
        ),
        ("We may update the app from time to time.", "We may update the app at times."),
        ("Do not break any applicable laws or rules.", "Do not break any laws or rules."),
        (
            "In consideration for the fee, we host your site.",
            "In return for the fee, we host your site.",
        ),
        ("In consideration of your use, you agree.", "In return for your use, you agree."),
        ("Refunds are contingent upon inspection.", "Refunds depend on inspection."),
        ("Your refund is contingent on approval.", "Your refund depends on approval."),
        # Without "is"/"are" the guideline row still reads.
        (
            "Any refund, contingent upon inspection, is paid.",
            "Any refund, depending on inspection, is paid.",
        ),
        (
            "Except as otherwise set out in these Terms, fees apply.",
            "Except as otherwise stated in these Terms, fees apply.",
        ),
        (
            "Except as expressly set forth in these Terms, fees apply.",
            "Except as expressly stated in these Terms, fees apply.",
        ),
    ],
)
def test_narrowed_rows_change(before, after):
    assert lex(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "The applicable fee is shown at checkout.",  # 'applicable' alone stays a flag
        "Pick the law applicable to your region.",  # 'applicable' after the noun
        "We give your request careful consideration.",  # 'consideration' as thought, not price
        "Read the Applicable Law section.",  # a heading or defined term in mid-sentence
    ],
)
def test_narrowed_rows_do_not_change(text):
    assert lex(text) == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("You may be requested to log in again.", "You may be asked to log in again."),
        ("You may request that we delete it.", "You may ask that we delete it."),
        ("We may request you to prove your age.", "We may ask you to prove your age."),
        ("You may request deletion of your data.", "You may ask for deletion of your data."),
        (
            "The Guide will supersede and prevail over these terms.",
            "The Guide will prevail over these terms.",
        ),
    ],
)
def test_request_and_supersede_rows_read(before, after):
    assert lex(before) == after


@pytest.mark.parametrize(
    "text",
    ["We reviewed the request to proceed.", "Read the request that we sent."],  # nouns
)
def test_request_as_noun_is_kept(text):
    assert lex(text) == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Disputes go to the courts located in Santa Clara County.",
            "Disputes go to the courts in Santa Clara County.",
        ),
        ("The file is located on our servers.", "The file is on our servers."),
        ("Users located outside of the EU pay more.", "Users outside of the EU pay more."),
        (
            "Websites operated by third parties are not ours.",
            "Websites run by third parties are not ours.",
        ),
        (
            "Enter the address associated with your account.",
            "Enter the address linked to your account.",
        ),
        ("The app is not intended for children.", "The app is not meant for children."),
        ("This is not intended to limit your rights.", "This is not meant to limit your rights."),
        (
            "These rules (collectively, the Rules) apply.",
            "These rules (together, the Rules) apply.",
        ),
        ("Call our telephone line.", "Call our phone line."),
    ],
)
def test_plain_equivalent_rows_change(before, after):
    assert lex(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "We located the file yesterday.",  # 'locate' as finding something stays
        "Call the Telephone Services line.",  # a name or defined term
        "The intended recipient must reply.",  # 'intended' alone stays
    ],
)
def test_plain_equivalent_rows_do_not_change(text):
    assert lex(text) == text


def test_terms_hereof_is_these_terms():
    assert (
        lex("Subject to the terms hereof, you may use the app.")
        == "Subject to these terms, you may use the app."
    )
    assert lex("The provisions hereof survive.") == "The provisions of these terms survive."


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "You represent that you are authorized to accept these Terms.",
            "You represent that you are allowed to accept these Terms.",
        ),
        ("The agent is authorised to act for you.", "The agent is allowed to act for you."),
    ],
)
def test_authorized_to_keeps_the_permission(before, after):
    # "may" (FPLG) would read as a possibility in a representation or warranty.
    assert tf.apply_lexicon(before, DocInfo())[0] == after


def test_allowed_to_counts_as_the_same_modal_as_authorized_to():
    from tosaudit.rewrite.verify import modals

    assert modals("you are authorized to use it") == modals("you are allowed to use it")
    assert modals("you are allowed to use it") != modals("you must use it")
    assert modals("you are permitted to use it") == modals("you are allowed to use it")
