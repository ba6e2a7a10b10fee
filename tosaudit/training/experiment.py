"""Quick model experiments on labelled sentences (no audit pipe): grouped-CV out-of-fold scores.

Same company folds as ``benchmarks/clauses.py``; each labelled sentence is scored as it is
(no re-segmentation), so a run takes seconds to a minute instead of minutes. Two figures per
variant: F1 at the model's own threshold 0 and at thresholds chosen by an inner grouped CV on
the training folds only (what ``make train`` does). Use it to compare features and models,
then confirm a winner with the full benchmark.

    python -m tosaudit.training.experiment [--variant base --variant nochar ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from tosaudit.training.data import CATEGORIES, DEFAULT_DATA, Example, load_all
from tosaudit.training.train import PARAMS, _best_threshold, _fit, _labels, _shuffled


def f1_table(pred: np.ndarray, Y: np.ndarray) -> tuple[list[float], float, float]:
    """Per-category F1, micro-F1, macro-F1."""
    f1s = []
    TP = W = 0
    for k in range(Y.shape[1]):
        tp = int((pred[:, k] & Y[:, k]).sum())
        wrong = int((pred[:, k] ^ Y[:, k]).sum())
        f1s.append(2 * tp / (2 * tp + wrong) if tp + wrong else 0.0)
        TP += tp
        W += wrong
    return f1s, 2 * TP / (2 * TP + W), float(np.mean(f1s))


Scorer = Callable[[Sequence[Example], Sequence[int], Sequence[int]], np.ndarray]


def linear_scorer(params: dict[str, float]) -> Scorer:
    """Fit the shipped model kind on ``tr`` rows and score ``te`` rows."""

    def run(ex: Sequence[Example], tr: Sequence[int], te: Sequence[int]) -> np.ndarray:
        model = _fit(ex, tr, {**PARAMS, **params})
        return model.decision([ex[i].text for i in te])

    return run


def folds_of(ex: Sequence[Example], n: int) -> np.ndarray:
    groups = sorted({e.group for e in ex})
    fold_of = {g: i % n for i, g in enumerate(_shuffled(groups))}
    return np.array([fold_of[e.group] for e in ex])


def evaluate(ex: Sequence[Example], scorer: Scorer, outer: int = 5, inner: int = 4) -> None:
    """Print F1 at threshold 0 and with inner-CV thresholds."""
    Y = _labels(ex)
    fo = folds_of(ex, outer)
    scores = np.zeros(Y.shape)
    pred_inner = np.zeros(Y.shape, dtype=bool)
    for f in range(outer):
        tr = np.flatnonzero(fo != f)
        te = np.flatnonzero(fo == f)
        scores[te] = scorer(ex, tr, te)
        if inner:
            sub = [ex[i] for i in tr]
            fi = folds_of(sub, inner)
            oof = np.zeros((len(sub), Y.shape[1]))
            for g in range(inner):
                a = np.flatnonzero(fi != g)
                b = np.flatnonzero(fi == g)
                oof[b] = scorer(sub, a, b)
            th = np.array([_best_threshold(oof[:, k], Y[tr, k]) for k in range(Y.shape[1])])
            pred_inner[te] = scores[te] > th
    for name, pred in (("thr0", scores > 0), ("inner", pred_inner)):
        if name == "inner" and not inner:
            continue
        f1s, mi, ma = f1_table(pred, Y)
        print(
            f"  {name:6s} micro {mi:.3f} macro {ma:.3f}  "
            + " ".join(f"{c[:6]}={v:.2f}" for c, v in zip(CATEGORIES, f1s, strict=True))
        )


VARIANTS: dict[str, dict[str, float]] = {
    "base": {},
    "nochar": {"char_weight": 0.0},
    "char04": {"char_weight": 0.4},
    "char08": {"char_weight": 0.8},
    "C025": {"C": 0.25},
    "C1": {"C": 1.0},
    "unbalanced": {"balanced": 0},
    "logistic": {"logistic": 1, "C": 4.0},
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", action="append", default=None)
    ap.add_argument("--no-inner", action="store_true")
    args = ap.parse_args(argv)
    ex, _ = load_all(DEFAULT_DATA)
    for name in args.variant or list(VARIANTS):
        t0 = time.perf_counter()
        print(name, file=sys.stderr)
        evaluate(ex, linear_scorer(VARIANTS[name]), inner=0 if args.no_inner else 4)
        print(f"  ({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
