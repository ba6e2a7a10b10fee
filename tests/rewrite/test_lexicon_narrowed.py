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
        ("Do not break any applicable laws or rules.", "Do not break any laws or rules."),
        (
            "In consideration for the fee, we host your site.",
            "In return for the fee, we host your site.",
        ),
        ("In consideration of your use, you agree.", "In return for your use, you agree."),
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
