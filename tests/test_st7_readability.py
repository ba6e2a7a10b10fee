"""readability's shortcuts (branch st7) equal the built-ins they replace."""

import math
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tosaudit import readability


def _same_float(a: float, b: float) -> bool:
    """Equal floats, zero's sign included (NaN equals NaN)."""
    return repr(a) == repr(b)


# Exact halves of a hundredth and their neighbours, where rounding is decided by a hair.
_near_halves = st.builds(
    lambda k, ulps: (
        math.nextafter((k + 0.5) / 100, math.inf if ulps > 0 else -math.inf)
        if ulps
        else (k + 0.5) / 100
    ),
    st.integers(-(10**7), 10**7),
    st.integers(-3, 3),
)


@given(
    st.one_of(
        st.floats(),
        st.floats(-200.0, 200.0),
        st.floats(-1e-3, 1e-3),
        _near_halves,
        st.integers(-(10**9), 10**9).map(lambda k: k / 1000),
    )
)
@settings(max_examples=3000, deadline=None)
@example(-0.001)
@example(-0.0)
@example(0.005)
@example(-1e-300)
@example(1e7 + 0.005)
@example(0.125)
@example(2.675)
def test_round2_is_round_to_two_digits(x):
    assert _same_float(readability.round2(x), round(x, 2)), x


@given(st.lists(st.integers(-3, 20), min_size=1, max_size=30))
@settings(max_examples=1000, deadline=None)
def test_commonest_grade_is_still_counters(grades):
    assert readability._commonest(grades) == Counter(grades).most_common(1)[0][0]


def test_stress_table_agrees_with_every_phone_of_the_dictionary():
    readability.syllables("dictionary")  # loads the CMU dictionary
    phones = {p for entry in readability._CMU.values() for p in entry[0]}
    assert phones <= readability._STRESS.keys(), sorted(phones - readability._STRESS.keys())
    for p in phones:
        assert readability._STRESS[p] == int(p[-1].isdigit()), p


def test_stresses_fall_back_to_textstats_test_for_an_unknown_phone():
    assert readability._stresses(["AH0", "XX3", "QQ"]) == 2


_LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=25)
_TOKENS = st.text(
    alphabet=st.sampled_from(list("abcdeilnorstuyz'-.0123_") + ["\u00e9", "\u0130", "\u00df", "A"]),
    min_size=1,
    max_size=20,
)
_REAL_WORDS = [
    "hyphenation",
    "supercalifragilistic",
    "tosaudit",
    "gdpr",
    "arbitrability",
    "unsubscribing",
    "cookie",
    "a",
    "xyzzy",
    "nonrefundable",
]


def test_no_hyphenation_pattern_is_a_lone_dot():
    # _hyphen_points lets the automaton match at the final dot, where Pyphen tries nothing.
    assert "." not in readability._PYPHEN.hd.patterns


@given(st.one_of(_LETTERS, _TOKENS, st.sampled_from(_REAL_WORDS)))
@settings(max_examples=2000, deadline=None)
def test_hyphen_points_are_pyphens(word):
    assert readability._hyphen_points(word) == len(readability._PYPHEN.positions(word)), word


@given(st.one_of(_LETTERS, _TOKENS, st.sampled_from(_REAL_WORDS)))
@settings(max_examples=1000, deadline=None)
def test_syllables_are_textstats(word):
    import textstat

    readability.clear_caches()
    assert readability.syllables(word) == textstat.syllable_count(word), word


def test_syllables_of_the_samples_words_are_textstats(samples_dir):
    import textstat

    from tosaudit.config import Config
    from tosaudit.ingest import SUFFIXES, ingest_file

    words = set()
    for path in sorted(samples_dir.iterdir()):
        if path.suffix.lower() in SUFFIXES and not path.name.lower().startswith("readme"):
            text = ingest_file(path, Config()).text
            words.update(w.lower() for w in readability.words_of(text))
    assert len(words) > 1000
    readability.clear_caches()
    for word in sorted(words):
        assert readability.syllables(word) == textstat.syllable_count(word), word
