"""Threshold and pattern-bonus calibration on out-of-fold scores (train.calibrate)."""

from __future__ import annotations

import numpy as np

from tosaudit.training.train import BONUSES, _f1, calibrate


def _data() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # One category: positives score 1.0-1.4, negatives -1.0..0.6; no pattern hits.
    pos = np.array([1.0, 1.1, 1.2, 1.3, 1.4])
    neg = np.array([-1.0, -0.5, 0.0, 0.2, 0.6])
    scores = np.r_[pos, neg][:, None]
    truth = np.r_[np.ones(5, bool), np.zeros(5, bool)][:, None]
    return scores, np.zeros_like(truth), truth


def test_threshold_separates_the_classes() -> None:
    scores, hits, truth = _data()
    th, bonus = calibrate(scores, hits, truth)
    assert 0.6 < th[0] < 1.0  # the F1-best cut lies between the classes
    assert bonus[0] == 0.0  # no pattern hits: the smallest bonus wins ties


def test_shrink_pulls_the_threshold_towards_zero() -> None:
    scores, hits, truth = _data()
    full, _ = calibrate(scores, hits, truth)
    half, _ = calibrate(scores, hits, truth, shrink=0.5)
    assert np.isclose(half[0], full[0] * 0.5)
    none, _ = calibrate(scores, hits, truth, shrink=0.0)
    assert none[0] == 0.0


def test_bonus_is_chosen_again_for_the_shrunk_threshold() -> None:
    # Two positives only a pattern finds (score -0.2) and a negative the model scores 0.3.
    scores = np.array([1.0, 1.2, -0.2, -0.2, 0.3, -1.0])[:, None]
    hits = np.array([False, False, True, True, False, False])[:, None]
    truth = np.array([True, True, True, True, False, False])[:, None]
    th, bonus = calibrate(scores, hits, truth)
    assert ((scores + bonus * hits > th) == truth).all()
    th2, bonus2 = calibrate(scores, hits, truth, shrink=0.5)
    assert np.isclose(th2[0], th[0] * 0.5)
    # At the shrunk threshold no bonus of the grid does better than the one chosen.
    best = max(_f1(scores[:, 0] + b * hits[:, 0] > th2[0], truth[:, 0]) for b in BONUSES)
    assert _f1(scores[:, 0] + bonus2[0] * hits[:, 0] > th2[0], truth[:, 0]) == best
