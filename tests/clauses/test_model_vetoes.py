"""A sentence that states a liability without limiting it is not a limitation-of-liability
clause on the model's word alone (detect._model_vetoed)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tosaudit.clauses.detect import _model_vetoed, detect
from tosaudit.rules.base import AuditContext

LOL = "limitation_of_liability"


@pytest.mark.parametrize(
    "sentence",
    [
        "Member shall be liable to the Club for any damage caused to Club property.",
        "The Member shall be liable to the Club for all costs arising from a breach.",
        "Under this guarantee, we are liable for any lack of conformity that you discover.",
        "The Customer is responsible for keeping the password safe.",
        "You will be held accountable for any misuse of your account.",
        "Acme is liable for damages arising as a foreseeable result of its negligence.",
    ],
)
def test_stated_liability_is_not_a_limitation(sentence: str) -> None:
    assert _model_vetoed(LOL, sentence, 0, len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We shall not be liable for any indirect or consequential losses.",
        "Acme isn\u2019t responsible for third-party content.",
        "Acme can't be held responsible for your content.",
        "Our total liability will never exceed the fees you paid.",
        "Acme disclaims all liability for interruptions.",
        "Our liability is limited to the amount you paid us.",
        "You use the service at your own risk and we have no liability.",
        "Liability for indirect damages is excluded.",
        "The service is provided as is, and liability is capped at 100 euros.",
        "We are liable only for gross negligence.",
        "YOU ASSUME ALL RISKS AND RESPONSIBILITY FOR YOUR USE OF THE SERVICE.",
        "Any indirect, special or consequential damages, including loss of profits.",  # no "liab"
    ],
)
def test_limited_or_other_sentences_are_left_to_the_model(sentence: str) -> None:
    assert not _model_vetoed(LOL, sentence, 0, len(sentence))


def test_other_categories_are_untouched() -> None:
    s = "Member shall be liable to the Club."
    assert not _model_vetoed("unilateral_termination", s, 0, len(s))


def test_offsets_select_the_sentence() -> None:
    text = "We are not liable for loss. Member shall be liable to the Club."
    assert not _model_vetoed(LOL, text, 0, 27)
    assert _model_vetoed(LOL, text, 28, len(text))


def test_detect_drops_model_only_stated_liability(make_ctx: Callable[..., AuditContext]) -> None:
    text = (
        "Member shall be liable to the Club for any damage caused to Club property.\n\n"
        "We shall not be liable for any indirect or consequential losses arising from use."
    )
    hits = [h for h in detect(make_ctx(text)).hits if h.category == LOL]
    assert [text[h.start : h.end] for h in hits] == [
        "We shall not be liable for any indirect or consequential losses arising from use."
    ]


def test_hostile_sentence_stays_fast() -> None:
    text = "liable " * 800_000  # 5.6 MB, no limiting word
    t0 = time.perf_counter()
    assert _model_vetoed(LOL, text, 0, len(text))
    assert time.perf_counter() - t0 < 0.5


UT = "unilateral_termination"


@pytest.mark.parametrize(
    "sentence",
    [
        "You may terminate your account at any time.",
        "You may terminate the Agreements at any time.",
        "You can cancel your subscription at any time in your settings.",
        "You are free to stop using the Services and close your account whenever you like.",
        "You have the right to end this contract with one month's notice.",
        # A limit on the customer, not the company ending the contract.
        "You may not terminate this agreement before the end of the term.",
    ],
)
def test_the_customers_own_termination_right_is_not_unilateral(sentence: str) -> None:
    assert _model_vetoed(UT, sentence, 0, len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We may terminate your account at any time.",
        "You may terminate your account, and we may suspend it at any time.",
        "Either you or we may terminate this agreement at any time.",
        "You may cancel at any time; Acme may terminate your account without notice.",
        "Acme reserves the right to terminate your account.",
        "If you breach these Terms, your account may be closed.",  # no "you may ... end"
    ],
)
def test_company_terminations_are_left_to_the_model(sentence: str) -> None:
    assert not _model_vetoed(UT, sentence, 0, len(sentence))


def test_detect_drops_model_only_customer_termination(
    make_ctx: Callable[..., AuditContext],
) -> None:
    text = (
        "You may terminate your account at any time by contacting support.\n\n"
        "We may terminate your account at any time without notice for any reason."
    )
    hits = [h for h in detect(make_ctx(text)).hits if h.category == UT]
    assert [text[h.start : h.end] for h in hits] == [
        "We may terminate your account at any time without notice for any reason."
    ]


def test_hostile_termination_sentence_stays_fast() -> None:
    text = "you may " * 700_000 + "terminate"  # 5.6 MB
    t0 = time.perf_counter()
    _model_vetoed(UT, text, 0, len(text))
    assert time.perf_counter() - t0 < 0.5


@pytest.mark.parametrize(
    "sentence",
    [
        "We may terminate this License Agreement at any time without notice.",
        "Acme may suspend your account at any time for any reason.",
        "Either party may terminate this agreement on 30 days' notice.",
    ],
)
def test_ending_the_contract_is_not_changing_it(sentence: str) -> None:
    assert _model_vetoed("unilateral_change", sentence, 0, len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We may modify or terminate the service at any time.",
        "We may suspend your account or reduce your storage to the free level.",
        "We may change these terms at any time.",
        "We may discontinue any feature without notice.",
    ],
)
def test_a_change_word_keeps_the_model_hit(sentence: str) -> None:
    assert not _model_vetoed("unilateral_change", sentence, 0, len(sentence))


def test_terminate_licence_sentence_gets_no_unilateral_change() -> None:
    from tosaudit.api import audit_text

    rep = audit_text("We may terminate this License Agreement at any time without notice.")
    cats = {f.category for f in rep.findings if f.category}
    assert "unilateral_change" not in cats
    assert "unilateral_termination" in cats
