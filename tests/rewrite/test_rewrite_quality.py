"""Rewrite quality: splits that would leave a shared complement, a dangling connector or an
order to the reader; words that lose their meaning or their case; PL501 naming the words its
suggestion keeps. Each fix has sentences it must change and sentences it must leave alone."""

from __future__ import annotations

import pytest

from tosaudit.api import audit_text
from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.engine import doc_info, rewrite_sentence
from tosaudit.rewrite.transforms import DocInfo

INFO = DocInfo()


def _units(text: str) -> list[str]:
    return rewrite_sentence(text, doc_info(text, [(0, len(text))])).units


def _text(text: str) -> str:
    return rewrite_sentence(text, doc_info(text, [(0, len(text))])).text


# ------------------------------------------------------------------------------ splits


@pytest.mark.parametrize(
    "text",
    [
        # "submit comments" completes both "choose to" and "invite you to".
        "You may choose to, or we may invite you to, submit comments or ideas about the "
        "Services, including without limitation about how to improve the Services.",
        "You can, and we will, keep a copy of every invoice we send to your account.",
        "You may wish to, and we may ask you to, confirm your identity before we refund you.",
    ],
)
def test_no_cut_between_clauses_that_share_what_follows(text: str) -> None:
    assert not any(u.rstrip(".").endswith((" to", " can", " will", " may")) for u in _units(text))


@pytest.mark.parametrize(
    "text",
    [
        "We use the information to provide and improve the Services, enforce our agreements, "
        "and prevent fraud, and we may share it with our affiliates.",
        # A clause that ends in "to" or a modal and is complete: the next one does not wait.
        "There are some locations that we cannot ship to, and we do not ship to post office "
        "boxes, so please confirm that we can deliver to you before placing your order.",
        "We try to provide the best service we can, but you agree that the service is provided "
        "as it is, without any promise of any kind.",
    ],
)
def test_a_clause_join_still_splits_when_nothing_is_shared(text: str) -> None:
    assert len(_units(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Our failure to enforce any provision of these Terms shall not be a waiver, however, "
        "and we may enforce it later at any time.",
        "We may suspend your account for a breach of these Terms, and however we choose to do "
        "so, we will tell you the reason in writing.",
    ],
)
def test_no_dangling_however_at_a_sentence_edge(text: str) -> None:
    for unit in _units(text):
        assert not unit.rstrip(". ").lower().endswith("however"), unit
        assert not (unit.startswith("However") and not unit.startswith("However,")), unit


def test_however_set_off_after_a_semicolon_still_opens_the_second_sentence() -> None:
    text = "Acme may enforce these Terms; however, Acme is not required to monitor your use."
    assert _units(text)[1].startswith("However, Acme")


@pytest.mark.parametrize(
    "text",
    [
        "We may investigate and take action against you, and Enforce these Terms, and we may "
        "suspend your account.",
        "We may collect data about your device, and Enforce any rules we set, and we may tell "
        "you about it.",
    ],
)
def test_no_part_starts_with_a_title_case_verb_as_an_order(text: str) -> None:
    assert not any(u.startswith("Enforce") for u in _units(text))


def test_a_name_after_and_still_starts_a_sentence() -> None:
    text = "Acme may update the app at any time, and Acme will tell you about any change."
    assert _units(text) == [
        "Acme may update the app at any time.",
        "Acme will tell you about any change.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "YOU AGREE THAT WE MAY INVESTIGATE ANY VIOLATION, AND ENFORCE THESE TERMS BY ANY "
        "MEANS, AND WE MAY SUSPEND YOUR ACCOUNT.",
        "The parties agree that a court may enforce this clause, and enforce any award of the "
        "arbitrator, in any jurisdiction.",
    ],
)
def test_a_verb_after_and_keeps_the_subject_of_its_own_clause(text: str) -> None:
    """The verb after "and" belongs to the that-clause with its own modal ("we may"): the
    first subject repeated before it ("You enforce these terms") changes who acts."""
    units = _units(text)
    assert not any(u.lower().startswith(("you enforce", "the parties enforce")) for u in units)


def test_repeated_subject_still_splits_a_plain_verb_list() -> None:
    text = "We may collect your data, and share it with our partners for marketing purposes."
    assert _units(text) == [
        "We may collect your data.",
        "We may share it with our partners for marketing purposes.",
    ]


# ------------------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The date is indicated by the invoice.", "The date is shown by the invoice."),
        (
            "The price is as indicated by the order form.",
            "The price is as shown by the order form.",
        ),
        (
            "Unless otherwise indicated by us, tax is included.",
            "Unless otherwise shown by us, tax is included.",
        ),
        ("You indicated by email that you agree.", "You showed by email that you agree."),
        (
            "The candidate elected by the members serves.",
            "The candidate chosen by the members serves.",
        ),
        ("This is an initial fee.", "This is a first fee."),
    ],
)
def test_lexicon_replacements(before: str, after: str) -> None:
    assert tf.apply_lexicon(before, INFO)[0] == after


@pytest.mark.parametrize(
    "text",
    [
        "Your plan renews at the end of the initial term.",
        "Fees are fixed for the initial subscription term.",
        "The initial period lasts twelve months.",
    ],
)
def test_initial_term_is_kept(text: str) -> None:
    assert tf.apply_lexicon(text, INFO)[0] == text


def test_the_noun_indication_is_flagged_not_replaced() -> None:
    text = "We will give you an indication of the fees."
    new, _ops, flagged = tf.apply_lexicon(text, INFO)
    assert new == text
    assert [f["from"] for f in flagged] == ["indication"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Spotify Premium will be provided by us under these terms.", "Spotify Premium"),
        ("Acme's content may be removed by us at any time.", "Acme's content"),
        ("Microsoft accounts will be closed by us at any time.", "Microsoft accounts"),
        ("PROVISION 12 will be enforced by us in accordance with the law.", "PROVISION 12"),
    ],
)
def test_passive_to_active_keeps_names_and_capitals(text: str, kept: str) -> None:
    new = tf.passive_to_active(text, INFO)[0]
    assert kept in new


def test_passive_to_active_still_lowers_a_plain_noun() -> None:
    assert tf.passive_to_active("Fees will be charged by us.", INFO)[0] == "We will charge fees."


def test_passive_to_active_lowers_a_common_noun_phrase_the_document_writes_in_lower_case() -> None:
    from tosaudit.rewrite.engine import doc_info

    sentence = "Payment details will be processed by us within ten days."
    text = "We take payment when you order. " + sentence
    info = doc_info(text, [(0, len(text))])
    assert tf.passive_to_active(sentence, info)[0] == (
        "We will process payment details within ten days."
    )
    # A document that never writes "payment" in lower case may mean a name: it keeps it.
    alone = doc_info(sentence, [(0, len(sentence))])
    assert "Payment details" in tf.passive_to_active(sentence, alone)[0]
    # "Microsoft accounts": a name, cased mid-sentence elsewhere, keeps its capital.
    names = "Use your Microsoft account. Microsoft accounts will be closed by us at any time."
    info = doc_info(names, [(0, len(names))])
    assert "Microsoft accounts" in tf.passive_to_active(names.split(". ")[1], info)[0]


def test_words_in_capitals_keep_their_case_outside_a_shouted_sentence() -> None:
    text = (
        "If you fail to comply with this PROVISION, we shall be entitled to terminate your "
        "account prior to the end of the term, as ACME may decide."
    )
    new = _text(text)
    assert "PROVISION" in new and "ACME" in new


def test_a_shouted_sentence_is_still_recased_on_purpose() -> None:
    text = "YOU SHALL NOT USE THE SERVICE PRIOR TO ACCEPTING THESE TERMS AND THIS PROVISION."
    new = _text(text)
    assert new.startswith("You ") and "provision" in new.lower() and "PROVISION" not in new


# ------------------------------------------------------------------------------ PL501


def _pl501(text: str):
    [f] = [f for f in audit_text(text).findings if f.rule == "PL501"]
    return f


def test_pl501_tells_replaced_words_from_words_kept_in_the_suggestion() -> None:
    f = _pl501("Please submit your application prior to the deadline, and we shall review it.")
    assert f.suggestion is not None and "submit" in f.suggestion
    replaced, kept = f.message.split(";", 1)
    assert "'prior to'" in replaced and "'submit'" not in replaced
    assert "'submit'" in kept and "by hand" in kept


def test_pl501_with_only_flagged_words_says_they_are_for_a_person() -> None:
    f = _pl501("Please submit your application to our office by email before the end of the month.")
    assert f.message.startswith("Legalese to reword by hand: 'submit'.")
    assert f.suggestion is None


def test_repeated_subject_is_linear_on_a_long_run_of_ands():
    import time

    from tosaudit.rewrite import split

    text = "We may collect your data" + ", and share it" * 6000 + "."
    t0 = time.perf_counter()
    cuts = split._repeated_subject(text, (), ([], []))
    assert time.perf_counter() - t0 < 2  # was about 20 s: every "and" rescanned the text
    assert len(cuts) == 6000 and cuts[0][2] == "We may "


def test_repeated_subject_stops_at_a_negation_or_an_infinitive():
    from tosaudit.rewrite import split

    assert split._repeated_subject("We will not sell your data, and share it.", (), ([], [])) == []
    assert split._repeated_subject("We may use it to host files, and share it.", (), ([], [])) == []
    assert split._repeated_subject("We may store, host, copy, and share it.", (), ([], [])) == []
    assert split._repeated_subject("We may collect your data, and share it.", (), ([], []))


def test_a_short_sentence_keeps_its_condition_first() -> None:
    from tosaudit.api import audit_text

    # Already plain: "We will refund it. This applies if ..." would only read longer.
    short = (
        "If you buy a plan with a card, and you turn on renewal, your plan will renew each year."
    )
    assert not [f.suggestion for f in audit_text(short).findings if f.suggestion]
    long = (
        "If you buy a subscription plan with a credit card and you switch on automatic renewal "
        "in your account settings, your subscription plan will renew each year on the same date."
    )
    [suggestion] = {f.suggestion for f in audit_text(long).findings if f.suggestion}
    assert suggestion.startswith("Your subscription plan will renew each year on the same date.")
    assert "This applies if you buy a subscription plan" in suggestion


def test_an_aside_that_is_a_dependent_clause_stays_put() -> None:
    from tosaudit.rewrite import split as sp

    text = (
        "We may create accounts in your name (for example, when it is required to set up an "
        "account with a broker) to send requests."
    )
    assert sp.move_aside(text) is None  # "For example, when it is required ..." is no sentence
    kept = sp.move_aside("We collect data (for example, your name) when you sign up for it.")
    assert kept is not None and kept[1] == "For example, your name."
