"""The trained clause model: loads safely, scores with numpy, round-trips, can be swapped."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from tosaudit.api import audit_text
from tosaudit.clauses import model as model_mod
from tosaudit.clauses.features import tokens
from tosaudit.clauses.model import MODEL_JSON, ClauseModel, ModelError, get_model, set_model
from tosaudit.training.data import CATEGORIES, Example
from tosaudit.training.train import train

ARBITRATION = (
    "Any dispute between you and us will be resolved by final and binding "
    "arbitration, and you waive your right to go to court."
)
LIABILITY = (
    "In no event shall the company be liable for any indirect, incidental or "
    "consequential damages arising from your use of the service."
)
NEUTRAL = "Our offices are open from nine to five on weekdays and closed on public holidays."


def test_shipped_model_loads_and_scores() -> None:
    model = ClauseModel.load(MODEL_JSON)
    assert model.categories == CATEGORIES
    m = model.margins([ARBITRATION, LIABILITY, NEUTRAL, ""])
    assert m.shape == (4, len(CATEGORIES))
    # Arbitration is decided with its pattern: training learns how much a match adds.
    arb = CATEGORIES.index("arbitration")
    assert m[0, arb] + model.pattern_bonus[arb] > 0 and m[2, arb] + model.pattern_bonus[arb] <= 0
    assert m[1, CATEGORIES.index("limitation_of_liability")] > 0
    assert (m[2] <= 0).all() and (m[3] <= 0).all()


def test_model_files_hold_no_pickle() -> None:
    with zipfile.ZipFile(MODEL_JSON.with_suffix(".npz")) as zf:
        for name in zf.namelist():
            assert name.endswith(".npy")
    with np.load(MODEL_JSON.with_suffix(".npz"), allow_pickle=False) as arrays:
        assert {"idf", "weights", "intercepts", "thresholds", "pattern_bonus"} <= set(arrays)


def test_normalisation_matches_tokenised_sentence_file() -> None:
    assert tokens("The Subscriber\u2019s account, (see 12.3).") == tokens(
        "the subscriber 's account , ( see 00.0 ) ."
    )


def _tiny_examples() -> list[Example]:
    rows = []
    for g in range(6):
        group = f"company{g}"
        rows.append(
            Example(
                group,
                f"disputes go to binding arbitration number {g}",
                frozenset({"arbitration"}),
                "sentences",
            )
        )
        rows.append(
            Example(
                group,
                f"these terms are governed by the laws of place {g}",
                frozenset({"choice_of_law"}),
                "sentences",
            )
        )
        rows.append(
            Example(group, f"we are happy to help you with question {g}", frozenset(), "sentences")
        )
        rows.append(
            Example(group, f"contact support by email for topic {g}", frozenset(), "sentences")
        )
    return rows


def test_train_save_load_round_trip(tmp_path: Path) -> None:
    model = train(_tiny_examples(), {"inner_folds": 3, "min_df": 1})
    path = tmp_path / "m.json"
    model.save(path)
    again = ClauseModel.load(path)
    texts = ["binding arbitration applies", "governed by the laws of somewhere", "hello"]
    np.testing.assert_allclose(model.margins(texts), again.margins(texts), atol=1e-5)
    np.testing.assert_allclose(model.pattern_bonus, again.pattern_bonus)
    assert again.margins(texts)[0, CATEGORIES.index("arbitration")] > 0


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="clause model file not found"):
        ClauseModel.load(tmp_path / "nope.json")


def test_bad_model_falls_back_to_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    bad.with_suffix(".npz").write_bytes(b"junk")
    monkeypatch.setenv(model_mod.ENV_VAR, str(bad))
    report = audit_text("Your subscription renews automatically every month until you cancel.")
    rules = {f.rule: f for f in report.findings}
    assert "CL299" in rules and "unreadable clause model" in rules["CL299"].message
    assert rules["CL210"].source == "pattern"


def test_set_model_overrides_and_resets() -> None:
    tiny = train(_tiny_examples(), {"inner_folds": 3, "min_df": 1})
    set_model(tiny)
    try:
        assert get_model() is tiny
    finally:
        set_model(None)
    assert get_model() is not tiny


def test_train_command_reports_missing_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from tosaudit.training.train import main

    assert main(["--data", str(tmp_path), "--out", str(tmp_path / "m.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not found" in err
    assert not (tmp_path / "m.json").exists()
