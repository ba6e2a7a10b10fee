import pytest
import textstat

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
