import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import readability
from tosaudit.api import audit_text

SENTENCES = [
    "The cat sat on the mat.",
    "Notwithstanding anything to the contrary herein, the Licensee shall indemnify the Company "
    "against all claims, damages and expenses arising therefrom.",
    "We may change these terms at any time.",
    "You can cancel your plan from the account page whenever you like.",
]
TEXT = " ".join(SENTENCES)


@pytest.mark.parametrize(
    "metric",
    [
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
    ],
)
def test_metrics_match_textstat(metric):
    ours = readability.analyse(SENTENCES, [0] * len(SENTENCES), 1).document
    assert ours[metric] == pytest.approx(getattr(textstat, metric)(TEXT), abs=0.01)


def test_text_standard_matches_textstat():
    ours = readability.analyse(SENTENCES, [0] * len(SENTENCES), 1).document
    assert ours["text_standard"] == textstat.text_standard(TEXT)


def test_sections_add_up_to_document():
    res = readability.analyse(SENTENCES, [0, 0, 1, 1], 2)
    assert res.sections[0]["words"] + res.sections[1]["words"] == res.document["words"]
    assert res.document["sentences"] == 4
    assert res.sentence_grades[1] > res.sentence_grades[0]


def test_long_sentence_share_and_reading_time():
    long = " ".join(["word"] * 30) + "."
    res = readability.analyse([long, "Short one here."], [0, 0], 1, words_per_minute=200)
    assert res.document["long_sentence_share"] == 0.5
    assert res.document["reading_time_minutes"] == pytest.approx(33 / 200, abs=0.01)


def test_empty_text_scores_zero():
    res = readability.analyse([], [], 0)
    assert res.document["words"] == 0
    assert res.document["flesch_kincaid_grade"] == 0.0


def test_report_has_every_metric():
    rep = audit_text(TEXT)
    for key in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
        "text_standard",
        "words",
        "sentences",
        "reading_time_minutes",
    ):
        assert key in rep.readability


def _reference_counts(text: str, long_words: int = 25) -> readability.Counts:
    """The straightforward per-word loop the packed counting must equal."""
    import re

    words = readability.words_of(text)
    syl = poly = fog = dc = lw_easy = lw_hard = 0
    for i, word in enumerate(words):
        low = word.lower()
        n = textstat.syllable_count(low) if len(low) <= 64 else max(1, len(low) // 3)
        syl += n
        poly += n >= 3
        if low not in readability._EASY_WORDS:
            dc += 1
            fog += n >= 3
        if i < readability.LINSEAR_WORDS:
            lw_hard += n >= 3
            lw_easy += 0 < n < 3
    nw = len(words)
    tokens = text.split()
    return readability.Counts(
        sentences=1 if nw else 0,
        words=nw,
        syllables=syl,
        polysyllables=poly,
        fog_hard=fog,
        dc_hard=dc,
        letters=len(re.sub(r"\W", "", text)),
        chars=sum(len(t) for t in tokens),
        tokens=len(tokens),
        long_sentences=1 if nw > long_words else 0,
        lw_easy=lw_easy,
        lw_hard=lw_hard,
        lw_words=min(nw, readability.LINSEAR_WORDS),
        lw_sentences=1 if nw else 0,
    )


HARD_TEXTS = [
    *SENTENCES,
    "DON'T 'Tis the rock'n'roll ''t of O'Neil's user's ΟΔΟΣ İstanbul naïve café ½ x_y 42.",
    "Words\x1cwith\u2028odd\u00a0spaces and 'quotes' and “curly” — dashes; colons: done!",
    " ".join(["indemnification"] * 130) + " and " + " ".join(["cat"] * 40),
    "a" * 70 + " supercalifragilisticexpialidocious unpronounceablewordxyz",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HARD_TEXTS)
def test_count_sentence_equals_reference(text):
    readability.clear_caches()
    assert readability.count_sentence(text) == _reference_counts(text)
    # And again from warm caches.
    assert readability.count_sentence(text) == _reference_counts(text)


def test_total_equals_adding_one_by_one():
    parts = [readability.count_sentence(t) for t in HARD_TEXTS + SENTENCES * 40]
    acc = readability.Counts()
    for p in parts:
        acc = acc + p
    assert readability.total(parts) == acc
    assert readability.total([]) == readability.Counts()


@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "Company",
                "shall",
                "indemnify",
                "don't",
                "O'Neil's",
                "'t",
                "''",
                "—",
                ",",
                ".",
                "Σ",
                "ΟΔΟΣ",
                "İ",
                "x_y",
                "42",
                "\u00a0",
                "\n",
                "café",
                "'quoted'",
                "rock'n'roll",
            ]
        ),
        max_size=160,
    ).map(" ".join)
)
@settings(max_examples=60, deadline=None)
def test_count_sentence_equals_reference_on_random_text(text):
    assert readability.count_sentence(text) == _reference_counts(text)


def test_analyse_metrics_equal_uncached_and_are_separate_dicts():
    """Sections with equal counts (two empty ones, one repeated paragraph) share the cached
    metrics' values but never the dict itself; the figures are metrics' own."""
    readability.clear_caches()
    texts = [SENTENCES[1], SENTENCES[3], SENTENCES[1]]
    read = readability.analyse(texts, [1, 3, 4], 5)
    counts = read.sentence_counts
    want = [
        readability.metrics(readability.total(p))
        for p in ([], [counts[0]], [], [counts[1]], [counts[2]])
    ]
    assert list(read.sections) == want
    assert read.document == readability.metrics(readability.total(counts))
    assert read.sections[0] == read.sections[2] and read.sections[1] == read.sections[4]
    assert read.sections[0] is not read.sections[2]
    assert read.sections[1] is not read.sections[4]
    read.sections[0]["words"] = -1  # a caller changing its copy leaves the others alone
    again = readability.analyse(texts, [1, 3, 4], 5)
    assert again.sections[0] == want[0] and again.sections[2] == want[2]


def test_metrics_cache_is_emptied_with_the_other_caches():
    readability.analyse([SENTENCES[0]], [0], 1)
    assert readability._metrics_cached.cache_info().currsize > 0
    readability.clear_caches()
    assert readability._metrics_cached.cache_info().currsize == 0
