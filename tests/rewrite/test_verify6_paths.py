"""verify6's shortcuts against the plain code they replace (Hypothesis and edge cases).

- ``_normalise_both``: the negation and modal rules with a scan per shared piece of their
  triggers, against each rule list run in full;
- ``actors._has_ly``: the gate of the -ly adverb test holds wherever a word ends in "ly";
- ``actors._pair_positions``: the capitals picked in C, against a word-by-word reading.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.rewrite import actors
from tosaudit.rewrite import verify as vf
from tosaudit.rewrite.transforms import TOKEN, ascii_tokens

# Pieces of every trigger and of the phrases around them, so drawn texts hit the rules (and
# the pieces without their triggers: "ab" in "about", "can" in "cancel").
_FRAGMENTS = [
    *(trigger for _, _, trigger in vf._NEG_EQUIV + vf._MODAL_EQUIV),
    "this does not apply if",
    "with the exception of",
    "except for",
    "in the absence of",
    "cannot",
    "can't",
    "can\u2019t",
    "won't",
    "shan\u2019t",
    "is required to",
    "are obliged\tto",
    "is authorised to",
    "is allowed to",
    "are permitted to",
    "is unable to",
    "has the ability to",
    "it is incumbent upon",
    "about",
    "cancel",
    "liability",
    "available to",
    "related to",
    "n't",
    "ab",
    "ed",
    " ",
    "\n",
    "-",
    "'",
    "x",
]
_TEXTS = st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join)


def _both_in_full(low: str) -> tuple[str, str]:
    return vf._normalise(low, vf._NEG_EQUIV), vf._normalise(low, vf._MODAL_EQUIV)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_normalise_both_as_each_full_rule_list(low: str) -> None:
    assert vf._normalise_both(low) == _both_in_full(low)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeilnorstuxy '\u2019-\t", max_size=60))
def test_normalise_both_on_arbitrary_text(low: str) -> None:
    assert vf._normalise_both(low) == _both_in_full(low)


def test_normalise_both_cases() -> None:
    for low in (
        "",
        "you cannot cancel, except for fees",
        "liability is limited; it is made available to you",
        "we won't; you can't; it is required to pay",
        "with the exception of for",
        "it is unable to",
        "has the ability to sue",
    ):
        assert vf._normalise_both(low) == _both_in_full(low), low
    # A rule that changes the text: the full lists run.
    assert vf._normalise_both("you cannot sue")[0] == "you can not sue"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aLlYyz -'\u2019.\u00e9", max_size=40))
def test_ly_gate_holds_where_a_word_ends_in_ly(text: str) -> None:
    if any(word.lower().endswith("ly") for word in TOKEN.findall(text)):
        assert actors._has_ly(text)


def _ref_pair_positions(text: str, lows: list[str], starts: list[int]) -> list[int]:
    picked = set()
    for k in range(1, len(lows)):
        if lows[k] in actors._MODAL_START:
            picked.add(k)
        if lows[k - 1] in actors._NO_MODAL_SUBJECTS:
            picked.add(k)
        if text[starts[k - 1]].isupper() and lows[k].endswith("s"):
            picked.add(k)
    return sorted(picked)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["We", "we", "you", "I", "Acme", "provides", "may", "is", "Terms", "apply", "s", "S"]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_pair_positions_as_a_word_by_word_reading(text: str) -> None:
    lows, starts = ascii_tokens(text)
    assert actors._pair_positions(text, lows, starts) == _ref_pair_positions(text, lows, starts)
