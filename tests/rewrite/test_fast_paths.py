"""The fast paths of the rewrite stage give exactly what the straightforward code gives."""

import subprocess
import sys
from collections import Counter

import pytest
from name_reference import ref_name_words

from tosaudit.readability import count_sentence, metrics, total
from tosaudit.rewrite import transforms as tf
from tosaudit.rewrite.transforms import DocInfo
from tosaudit.rewrite.verify import _names, facts, fk_grade

SENTENCES = [
    "We may terminate your account at any time without notice.",
    "The User shall pay all fees within thirty (30) days, i.e. by 1 May 2024.",
    "Don't-Stop x-Y TripAdvisor's (Beta) \u201cService\u201d: I, Bob and O'Neil agree.",
    "YOU AGREE THAT THE SERVICE IS PROVIDED AS IS.",
    "",
    "   ",
    "... !!! 12 34",
    "Refunds: 10% or 10 per cent, EUR 5 or $5, payable on May 3 but you may not ask.",
    "It is required to cannot won't shan't is authorised to; this does not apply if so.",
]


def _slow_fk(units: list[str]) -> float:
    counts = [count_sentence(u) for u in units if u.strip()]
    return float(metrics(total(counts))["flesch_kincaid_grade"]) if counts else 0.0


def _slow_names(text: str) -> Counter[str]:
    return Counter(ref_name_words(text))


@pytest.mark.parametrize("text", SENTENCES)
def test_fk_grade_matches_the_full_metrics(text):
    assert fk_grade([text]) == _slow_fk([text])
    assert fk_grade([text, "Short one.", ""]) == _slow_fk([text, "Short one.", ""])


TRICKY = [
    "a x-Y b",
    "a x--Y Z",
    "ab-cd-Ef Gh",
    "q/R S",
    "x\u2019Y Z",
    "1Abc d Ef",
    "_Abc x Def",
    "\u00e9B c D",
]


@pytest.mark.parametrize("text", SENTENCES + TRICKY)
def test_proper_names_match_a_token_by_token_scan(text):
    assert _names(text) == _slow_names(text)


def test_facts_count_words_once_per_fact():
    f = facts(
        "You must not pay 10 percent, two dollars or USD 5 within 3 months; "
        "we cannot refund in May 4 or in June."
    )
    assert f.negations == Counter({"not": 2})  # "cannot" is "can not"
    assert f.modals == Counter({"must": 1, "can": 1, "may": 1})  # the month too: words count
    assert f.money == Counter({"dollars": 1, "usd": 1})
    assert f.percentages == Counter({"percent": 1})
    assert f.durations == Counter({"month": 1})
    assert f.dates == Counter({"june": 1, "may": 1})
    assert f.numbers == Counter({"10": 1, "5": 1, "3": 1, "4": 1, "two": 1})
    assert all(n > 0 for c in (f.numbers, f.money, f.dates) for n in c.values())


def test_is_all_caps_counts_ascii_letters_only():
    assert tf.is_all_caps("YOU AGREE THAT THE SERVICE IS PROVIDED AS IS.")
    assert not tf.is_all_caps("You agree that the service is provided as is.")
    # Non-ASCII letters count for neither side, as with the [A-Z] / [a-z] patterns.
    assert tf.is_all_caps("\u00e9\u00e9\u00e9 YOU AGREE THAT THE SERVICE IS PROVIDED AS IS.")
    assert not tf.is_all_caps("\u00c9\u00c9\u00c9\u00c9 you agree that the service is provided")


def test_nested_defined_terms_restore_the_longer_one_whatever_the_order():
    info = DocInfo(
        defined_terms=frozenset({"Yahoo", "YAHOO ENTITIES", "Services"}),
        vocabulary=lambda: ({}, frozenset()),
    )
    text, _ = tf.sentence_case("THE YAHOO ENTITIES ARE NOT LIABLE FOR THE SERVICES.", info)
    assert text == "The YAHOO ENTITIES are not liable for the Services."


def test_rewrites_do_not_depend_on_the_hash_seed():
    code = (
        "from tosaudit.rewrite import transforms as tf\n"
        "from tosaudit.rewrite.transforms import DocInfo\n"
        "info = DocInfo(defined_terms=frozenset({'Yahoo', 'YAHOO ENTITIES', 'Yahoo Inc',"
        " 'Entities'}), vocabulary=lambda: ({}, frozenset()))\n"
        "print(tf.sentence_case('YAHOO ENTITIES AND YAHOO INC ARE NOT LIABLE.', info)[0])\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(outs) == 1
