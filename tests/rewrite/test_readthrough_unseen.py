"""Fixes from reading every offered rewrite of the unseen ToS and the samples (2026-12-03).

Each case is the general shape of a sentence that read wrongly, with a must and a must-not side.
"""

import pytest

from tosaudit.rewrite import split as sp
from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import DocInfo

INFO = DocInfo()


def lex(text: str) -> str:
    return tf.apply_lexicon(text, INFO)[0]


def units(text: str) -> list[str] | None:
    result = sp.split_sentence(text)
    return result.units if result else None


# --------------------------------------------------------------- example lists that end early


@pytest.mark.parametrize(
    "text",
    [
        # A qualifier of the main clause after the list: cutting moves it onto the examples.
        "Do not collect information about users, including e-mail addresses, without their consent.",
        "You are responsible for all fees, including taxes, associated with your use of the Service.",
        "You will be liable for any damages, including costs and fees, incurred by us or the "
        "alleged infringer as the result of your notice.",
        "We will notify you of material changes, such as price changes, at least 30 days before "
        "the change takes effect.",
        # A preposition after the hedge: "This includes without limitation about ..." fails.
        "We make no warranties of any kind about the materials, including without limitation "
        "regarding the accuracy of such materials.",
    ],
)
def test_example_list_followed_by_more_of_the_sentence_is_not_cut(text):
    assert not any(u.startswith(("This includes", "Examples include")) for u in units(text) or [])


@pytest.mark.parametrize(
    ("text", "second"),
    [
        (
            "You may not use the Services for any unlawful purpose, including fraud, spam and "
            "harassment.",
            "This includes fraud, spam and harassment.",
        ),
        (
            "We disclaim all warranties, including, without limitation, the implied warranties of "
            "merchantability, fitness for a particular purpose, and non-infringement.",
            "This includes, without limitation, the implied warranties of merchantability, "
            "fitness for a particular purpose, and non-infringement.",
        ),
        (
            "Your use must not violate any laws, including copyright or trademark laws, export "
            "control or sanctions laws, or other laws in your country.",
            "This includes copyright or trademark laws, export control or sanctions laws, or "
            "other laws in your country.",
        ),
        (
            "We collect data about you, such as your name, email address and phone number.",
            "Examples include your name, email address and phone number.",
        ),
    ],
)
def test_example_list_that_ends_the_sentence_is_still_cut(text, second):
    assert units(text)[-1] == second


# --------------------------------------------------------------- semicolons


@pytest.mark.parametrize(
    "text",
    [
        # Each "that" clause depends on "does not warrant"; alone they read as promises.
        "We do not warrant that the Service will meet your needs; that the Service will be "
        "secure or error-free; that any errors will be corrected; or that the Service is free "
        "of viruses.",
        # The last item of a verb list: "Perform it." would read as an order.
        "This includes the right to copy it to our database; show it to you and other users; "
        "share it with other users; and perform it, in case your content is music or video.",
    ],
)
def test_semicolon_before_a_dependent_item_is_no_cut(text):
    assert units(text) is None


def test_semicolon_joiner_before_a_clause_still_cuts():
    assert units(
        "You may download an application that works with us; or you may use your account "
        "to sign in to another service."
    ) == [
        "You may download an application that works with us.",
        "Or you may use your account to sign in to another service.",
    ]


# --------------------------------------------------------------- clause joins


@pytest.mark.parametrize(
    "text",
    [
        # The main clause comes after "then": a connector before "if" changes nothing.
        "However, if you buy a product on your account, or you are an owner of an account "
        "with the product, then you will be responsible for the product's actions.",
        # No verb after "and": "You and the Provider." is a fragment.
        "Each purchase is an electronic contract between you and the Store, and you and the "
        "Product Provider.",
    ],
)
def test_no_cut_that_leaves_a_fragment(text):
    assert units(text) is None


def test_clause_join_with_a_verb_still_cuts():
    assert units(
        "Each purchase is an electronic contract with the Store, and you and the Provider "
        "agree to these terms."
    ) == [
        "Each purchase is an electronic contract with the Store.",
        "You and the Provider agree to these terms.",
    ]


# --------------------------------------------------------------- conditions


def test_condition_with_only_stays_attached():
    # "only ... if X": X is the one case, "We will only seek fees. This applies if X" is not.
    got = units(
        "The arbitrator may award reasonable fees to the winner, but we will only seek such "
        "fees if the arbitrator finds that your claim is frivolous."
    )
    assert not got or not any(u.startswith("This applies if") for u in got)


def test_condition_without_only_still_moves():
    assert units("We may suspend your account at any time if you break these Terms.") == [
        "We may suspend your account at any time.",
        "This applies if you break these Terms.",
    ]


def test_fronted_condition_holding_a_main_clause_is_not_moved():
    # "auto-renewal will stop" is a main clause too; "This applies if you cancel, auto-renewal
    # will stop" would make it part of the condition.
    got = units(
        "If you choose to cancel, auto-renewal will stop, we will not charge you for future "
        "periods, and you will lose access at the end of the cycle."
    )
    assert not got or not any("auto-renewal will stop." in u for u in got)


def test_fronted_condition_with_a_plain_list_still_moves():
    assert units("If you cancel, pause or downgrade your plan, we will email you a receipt.") == [
        "We will email you a receipt.",
        "This applies if you cancel, pause or downgrade your plan.",
    ]


# --------------------------------------------------------------- table rows and their contexts


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("You are required to pay the fee.", "You must pay the fee."),
        ("We are required to keep records.", "We must keep records."),
        (
            "Some features are subject to terms as set forth in the Product Terms.",
            "Some features are subject to terms as stated in the Product Terms.",
        ),
        (
            "You agree to cease and desist from sharing the content.",
            "You agree to stop sharing the content.",
        ),
        (
            "Please attempt to resolve the dispute first.",
            "Please try to resolve the dispute first.",
        ),
    ],
)
def test_rows_change(before, after):
    assert lex(before) == after


@pytest.mark.parametrize(
    "text",
    [
        # An account is needed; "An account must use the Services" gives the account a duty.
        "An account is required to use the Services.",
        # A purpose, not a duty of "access".
        "Access is required to maintain the security of our systems.",
        # "the aforementioned" -> "the this".
        "You agree that the aforementioned provided electronically satisfies the requirement.",
        # A noun after an adjective: "a reasonable try".
        "We will make a reasonable attempt to warn you by email.",
        # A title or defined term, after a heading number or a colon.
        "| [I. Additional Product Terms](#i-terms) | We have a few specific rules.",
        "Special terms may apply (See [Section B(5): Additional Terms](#5-terms)).",
    ],
)
def test_rows_do_not_change(text):
    assert lex(text) == text


def test_title_word_at_the_start_of_the_sentence_still_changes():
    assert lex("Notwithstanding Section 5, you may cancel.") == "Despite Section 5, you may cancel."


# --------------------------------------------------------------- shall


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Termination shall not act as a waiver of any breach and shall not release you "
            "from any liability.",
            "Termination will not act as a waiver of any breach and will not release you "
            "from any liability.",
        ),
        (
            "You shall pay all fees and shall not resell the Service.",
            "You must pay all fees and must not resell the Service.",
        ),
        (
            "The Agreement is accepted on the first use, whichever shall first occur.",
            "The Agreement is accepted on the first use, whichever will first occur.",
        ),
    ],
)
def test_shall_without_its_own_subject(before, after):
    assert tf.replace_shall(before, INFO)[0] == after


# --------------------------------------------------------------- second reading


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "You must ensure that your password is secure.",
            "You must make sure that your password is secure.",
        ),
        (
            "Please ensure you keep your password secret.",
            "Please make sure you keep your password secret.",
        ),
        (
            "You can reply to the last message you received.",
            "You can reply to the last message you got.",
        ),
        ("In addition, you may have other rights.", "Also, you may have other rights."),
        (
            "Any changes or modification will apply in 30 days.",
            "Any changes will apply in 30 days.",
        ),
        (
            "This Agreement starts upon acceptance as aforesaid.",
            "This Agreement starts on acceptance as stated above.",
        ),
    ],
)
def test_second_reading_rows_change(before, after):
    assert lex(before) == after


@pytest.mark.parametrize(
    "text",
    [
        # "make sure" takes a clause, never a noun.
        "We look at logs to ensure the security of your data.",
        # A participle: "is got", "may be got", "have got", "sent and got" do not read.
        "If this product is acquired under a government contract, use is restricted.",
        "We do not warrant the results that may be obtained through your use.",
        "You can reply to the last message you have received.",
        "The plan includes 75 messages (sent and received) per month.",
        # "Also, you may also".
        "In addition, you may also have other rights.",
    ],
)
def test_second_reading_rows_do_not_change(text):
    assert lex(text) == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "THE SITE IS OWNED AND OPERATED BY AUTOMATTIC, INC. AND ITS AFFILIATES.",
            "The site is owned and operated by Automattic, Inc. and its affiliates.",
        ),
        (
            "THE SERVICE IS PROVIDED BY ACME WIDGETS LLC WITHOUT WARRANTY.",
            "The service is provided by Acme Widgets LLC without warranty.",
        ),
        (
            "THE SERVICE IS PROVIDED AS IS WITHOUT WARRANTY OF ANY KIND.",
            "The service is provided as is without warranty of any kind.",
        ),
        (
            "WE DISCLAIM ALL WARRANTIES, INCLUDING, BUT NOT LIMITED TO, MERCHANTABILITY.",
            "We disclaim all warranties, including, but not limited to, merchantability.",
        ),
    ],
)
def test_shouted_company_name_keeps_its_capitals(before, after):
    assert tf.sentence_case(before, INFO)[0] == after


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # The parallel "or with" needs the first "with" to stay.
        ("Organizations may be associated with one entity or with many Users.", None),
        ("Fees associated with your use are yours.", "Fees linked to your use are yours."),
        # "replace" needs an object; "supersede" may stand alone.
        ("If you have a separate agreement, that agreement will supersede.", None),
        (
            "This Agreement supersedes any prior agreement.",
            "This Agreement replaces any prior agreement.",
        ),
    ],
)
def test_rows_that_need_their_context(text, after):
    assert lex(text) == (after or text)


def test_preposition_parallel_is_read_within_its_clause():
    assert lex("We may end it upon notice to you, and upon any such end you pay.") == (
        "We may end it on notice to you, and on any such end you pay."
    )


def test_shouted_including_but_not_limited_to_reads():
    got = units(
        "WE DISCLAIM ALL WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE WARRANTIES OF MERCHANTABILITY AND TITLE."
    )
    assert got[-1].startswith("This includes, but is not limited to,")


@pytest.mark.parametrize(
    "text",
    [
        "You may not frame any Materials (including any trademark, logo or other information) "
        "without our express written consent.",
        "Abuse (including threats of abuse or retribution) of an employee will result in "
        "immediate account termination.",
    ],
)
def test_including_aside_inside_the_sentence_stays(text):
    assert sp.move_aside(text) is None


def test_including_aside_at_the_end_still_moves():
    main, aside, _, _ = sp.move_aside(
        "We may share your data with our partners (including advertisers and analytics firms)."
    )
    assert aside == "This includes advertisers and analytics firms."
