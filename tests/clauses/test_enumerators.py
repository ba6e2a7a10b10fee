"""Leading enumerators ("12.4", "(b)", "iv.", bullets, "Section 5.") are not part of what a
clause model trained with ``strip_enumerators`` reads, in training (``train._fit`` via
``tokens``) and at run time (``ClauseModel.decision`` via ``tokens_flat``) alike."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.clauses.features import enumerator_end, tokens, tokens_flat
from tosaudit.clauses.model import ClauseModel
from tosaudit.training.data import Example
from tosaudit.training.train import PARAMS, _fit

CLAUSE = "Club may terminate your membership at any time."


def strip_enumerators(text: str) -> str:
    """``text`` from :func:`enumerator_end` on: what a stripping model reads."""
    end = enumerator_end(text)
    return text[end:] if end else text


@pytest.mark.parametrize(
    "prefix",
    [
        "12.4 ",
        "12.4.1 ",
        "12.4. ",
        "12. ",
        "3. ",
        "(a) ",
        "(b)\t",
        "( b ) ",
        "(12) ",
        "(aa) ",
        "(iv) ",
        "b) ",
        "iv) ",
        "iv. ",
        "IV. ",
        "a. ",
        "B. ",
        "xiv. ",
        "\u2022 ",
        "\u2022\t",
        "- ",
        "* ",
        "\u2013 ",
        "\u25aa ",
        "\uf0b7 ",
        "Section 5. ",
        "SECTION 12.3: ",
        "Section 5 \u2013 ",
        "Article IV. ",
        "\u00a7 4.2: ",
        "Clause 7. ",
        "12. (a) ",
        "5.1 (b) (ii) ",
        "  12.4 ",
        "\n(c) ",
    ],
)
def test_enumerators_are_skipped(prefix: str) -> None:
    text = prefix + CLAUSE
    assert strip_enumerators(text).strip() == CLAUSE
    assert tokens(text, strip=True) == tokens(CLAUSE)
    flat, lengths = tokens_flat([text, CLAUSE], strip=True)
    assert lengths[0] == lengths[1] and flat[: lengths[0]] == tokens(CLAUSE)
    # Without strip (the shipped model) the number is read as before.
    assert tokens(text) != tokens(CLAUSE)


@pytest.mark.parametrize(
    "text",
    [
        CLAUSE,
        "Section 5 of these Terms applies to every order.",  # a reference, not a number
        "30 days after notice we may close the account.",  # a quantity
        "U.S. law governs these Terms.",
        "e.g. a late fee may apply.",
        "I agree to these Terms.",
        "Ltd. will be governed by the laws of Singapore.",
        "-5% off every renewal.",
        "Civil. The courts decide.",  # "civil" is not a Roman numeral
        "(we) may remove content.",
        "12.4",  # nothing but an enumerator: kept, there is nothing else to read
        "16.",
        "(a)",
        "\u2022",
        "",
    ],
)
def test_other_first_words_are_kept(text: str) -> None:
    assert enumerator_end(text) == 0
    assert strip_enumerators(text) == text


def test_at_most_three_stacked_enumerators() -> None:
    assert strip_enumerators("1. 2. 3. 4. We may") == " 4. We may"


def test_only_first_enumerators_count() -> None:
    # A number inside the sentence is a word like any other.
    assert tokens("We may, under 12.4, terminate.", strip=True) == [
        "we", "may", ",", "under", "00", ".", "0", ",", "terminate", ".",
    ]  # fmt: skip


PIECES = st.sampled_from(
    ["12.4 ", "(b) ", "iv. ", "\u2022 ", "- ", "Section 5. ", "We may", " stop", "16.", "\u2019s",
     "caf\u00e9", "\n", "  ", "(", "x", "I."]
)  # fmt: skip


@given(st.lists(st.lists(PIECES, max_size=8).map("".join), max_size=6))
@settings(max_examples=500)
def test_tokens_flat_strips_like_tokens(texts: list[str]) -> None:
    flat, lengths = tokens_flat(texts, strip=True)
    per_text = [tokens(t, strip=True) for t in texts]
    assert lengths == [len(t) for t in per_text]
    assert flat == [tok for toks in per_text for tok in toks]
    assert per_text == [tokens(strip_enumerators(t)) for t in texts]


def test_a_model_scores_the_clause_the_same_with_or_without_its_number(tmp_path: Path) -> None:
    clauses = [
        ("We may terminate your account at any time.", {"unilateral_termination"}),
        ("Disputes go to binding arbitration.", {"arbitration"}),
        ("Contact us by email.", set()),
    ]
    # Training sees numbered and bare versions; both give the same rows.
    ex = [
        Example(f"c{g}", f"{n}{t}", frozenset(lab), "sentences")
        for g, n in enumerate(["", "12.4 ", "(b) ", "iv. "])
        for t, lab in clauses
    ]
    model = _fit(ex, range(len(ex)), {**PARAMS, "min_df": 1, "strip_enumerators": 1})
    assert model.strips_enumerators
    texts = ["7.2 We may terminate your account at any time.", clauses[0][0]]
    got = model.decision(texts)
    np.testing.assert_allclose(got[0], got[1])
    # The setting is saved with the model and read back.
    model.save(tmp_path / "m.json")
    again = ClauseModel.load(tmp_path / "m.json")
    assert again.strips_enumerators
    np.testing.assert_allclose(again.decision(texts), got, atol=1e-5)
    # A model trained without it reads the number.
    plain = _fit(ex, range(len(ex)), {**PARAMS, "min_df": 1, "strip_enumerators": 0})
    assert not plain.strips_enumerators
    assert not np.allclose(*plain.decision(texts))


@pytest.mark.parametrize(
    "hostile",
    [
        "1." * 2_500_000,  # 5 MB of section numbers
        "(" * 5_000_000,
        "(a) " * 1_250_000,
        "\u2022 " * 2_500_000,
        " " * 5_000_000 + "x",
        "Section " * 600_000,
        "i" * 5_000_000,
    ],
)
def test_hostile_text_is_read_in_a_bounded_window(hostile: str) -> None:
    t0 = time.perf_counter()
    end = enumerator_end(hostile)
    tokens(hostile, strip=True)
    tokens_flat([hostile, hostile], strip=True)
    assert time.perf_counter() - t0 < 1.0
    assert end < 256
