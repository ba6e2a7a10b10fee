"""Fixes from reading offered rewrites (2026-12-03): inverted 'shall', a left-out phrase's comma."""

import pytest

from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import DocInfo

INFO = DocInfo()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "In no event shall we be liable for any loss.",
            "In no event will we be liable for any loss.",
        ),
        (
            "Under no circumstances (including negligence) shall Acme Corp be liable to you.",
            "Under no circumstances (including negligence) will Acme Corp be liable to you.",
        ),
        ("IN NO EVENT SHALL THE COMPANY BE LIABLE.", "IN NO EVENT WILL THE COMPANY BE LIABLE."),
        ("Nor shall you copy it.", "Nor will you copy it."),
        ("You shall pay the fee.", "You must pay the fee."),  # the ordinary duty still reads 'must'
    ],
)
def test_shall_after_a_fronted_negative_becomes_will(before, after):
    assert tf.replace_shall(before, INFO)[0] == after


@pytest.mark.parametrize(
    "text",
    [
        "Shall we meet on Monday?",  # inverted without a negative: a question, left alone
        "Neither party shall assign this Agreement.",  # 'must' would invert the prohibition
        "Only then shall the Company refund you.",  # inverted, not negative: left alone
    ],
)
def test_inverted_shall_without_negative_is_left(text):
    assert tf.replace_shall(text, INFO)[0] == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Please note that, subject to the law, we may change prices.",
            "Subject to the law, we may change prices.",
        ),
        ("We, please note that, may change prices.", "We may change prices."),
        ("Please note that fees apply.", "Fees apply."),
    ],
)
def test_left_out_phrase_takes_its_comma(before, after):
    assert tf.apply_lexicon(before, INFO)[0] == after


def test_irregular_past_after_a_quoted_noun_is_left():
    text = "Users are rewarded for the number of \u201cKudos\u201d received from others."
    assert "got" not in tf.apply_lexicon(text, INFO)[0]


@pytest.mark.parametrize(
    "text",
    [
        # the agent goes on past "and": only "you" would move
        "Loss is foreseeable if it was contemplated by you and Zynga when we made these Terms.",
        # the second verb shares the passive subject: "We will charge fees and will be shown"
        "Fees will be charged by us and will be shown on your invoice.",
    ],
)
def test_passive_agent_followed_by_and_is_not_moved(text):
    assert tf.passive_to_active(text, INFO)[0] == text


def test_passive_agent_still_moves():
    text = "Fees will be charged by us at the start of each month."
    assert tf.passive_to_active(text, INFO)[0] == "We will charge fees at the start of each month."


def test_shall_refer_in_a_definition_is_will():
    # a definition, not a duty: "must refer to" would order the words to do something
    text = 'Words like "we" and "us" shall refer to Acme Corp and its affiliates.'
    assert (
        tf.replace_shall(text, INFO)[0]
        == 'Words like "we" and "us" will refer to Acme Corp and its affiliates.'
    )


def test_irregular_past_after_a_capitalised_plural_noun_is_left():
    text = "You may use Developer Products obtained through Marketplace."
    assert tf.apply_lexicon(text, INFO)[0] == text
    assert tf.apply_lexicon("Spotify obtained the rights.", INFO)[0] == "Spotify got the rights."


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "In the event of any such amendments, you may close your account.",
            "If there are any such amendments, you may close your account.",
        ),
        (
            "In the event of material changes to these terms, we will notify you.",
            "If there are material changes to these terms, we will tell you.",
        ),
        (
            "In the event of a breach of these terms, we may suspend your account.",
            "If there is a breach of these terms, we may suspend your account.",
        ),
        (
            "In the event of any dispute between us, you may contact us.",
            "If there is any dispute between us, you may contact us.",
        ),
        (
            "IN THE EVENT OF ANY CHANGES, YOU MAY CANCEL.",
            "IF THERE ARE ANY CHANGES, YOU MAY CANCEL.",
        ),
    ],
)
def test_if_there_is_agrees_with_a_plural_noun(before, after):
    assert tf.apply_lexicon(before, INFO, before.isupper())[0] == after
