"""The trained clause model: load (JSON + NPZ, no pickle), score with numpy, swap for tests.

The shipped model lives in ``tosaudit/rules/data/clause_model.json`` (word and character n-gram
vocabularies, categories, parameters) and ``clause_model.npz`` (idf, weights, intercepts,
thresholds, pattern bonuses). Two hooks choose a
different model without touching the pipe: the ``TOSAUDIT_CLAUSE_MODEL`` environment variable
(path of a model ``.json``) and :func:`set_model` (used by the benchmark to inject the model of
a cross-validation fold that never saw the audited company).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tosaudit.clauses.features import Subwords, Vectorizer, sparse_dot, token_index, tokens_flat

MODEL_JSON = Path(__file__).resolve().parents[1] / "rules" / "data" / "clause_model.json"
FORMAT_VERSION = 2  # 2: character n-grams pooled per word (Subwords)
ENV_VAR = "TOSAUDIT_CLAUSE_MODEL"


class ModelError(RuntimeError):
    """The clause model file is missing or malformed; the message names the file."""


class ClauseModel:
    """Per-category linear classifiers over word TF-IDF and pooled character n-gram features.

    ``subwords`` carries the character part's weights (already scaled by its feature weight).
    """

    def __init__(
        self,
        categories: Sequence[str],
        vectorizer: Vectorizer,
        weights: np.ndarray,
        intercepts: np.ndarray,
        thresholds: np.ndarray,
        meta: dict[str, Any] | None = None,
        pattern_bonus: np.ndarray | None = None,
        subwords: Subwords | None = None,
    ) -> None:
        self.categories = tuple(categories)
        self.vectorizer = vectorizer
        self.subwords = subwords
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        # Scoring multiplies in float64 anyway: widening once (exact) spares a cast per row.
        self._weights64 = self.weights.astype(np.float64)
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.meta = meta or {}
        k = len(self.categories)
        # How much a data-file pattern match adds to a category's margin (learnt in training).
        self.pattern_bonus = (
            np.zeros(k) if pattern_bonus is None else np.asarray(pattern_bonus, dtype=np.float64)
        )
        if self.weights.shape != (vectorizer.n_features, k) or self.intercepts.shape != (k,):
            raise ModelError("clause model: weight shapes do not match the vocabulary")
        if subwords is not None and (
            subwords.weights is None or subwords.weights.shape != (subwords.n_features, k)
        ):
            raise ModelError("clause model: character weights do not match the vocabulary")

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores, one row per text and one column per category."""
        # The texts' tokens end to end: the word and character parts each look them up once.
        flat, lengths = tokens_flat(texts, self.strips_enumerators)
        # Each distinct token is looked up once (vocabulary id, character projection).
        uniq, inv = token_index(flat)
        ids = self.vectorizer.token_ids(uniq).take(inv)
        ptr, ind, data = self.vectorizer.transform_ids(ids, lengths)
        out = sparse_dot(ptr, ind, data, self._weights64) + self.intercepts
        if self.subwords is not None:
            out += self.subwords.scores_rows(self.subwords.table_rows(uniq).take(inv), lengths)
        return out

    @property
    def strips_enumerators(self) -> bool:
        """Whether the model was trained on texts without leading enumerators ("12.4",
        "(b)"): it then reads texts the same way (the parameter is kept in its metadata)."""
        params = self.meta.get("params") or {}
        return bool(params.get("strip_enumerators", 0))

    def margins(self, texts: Sequence[str]) -> np.ndarray:
        """Scores minus each category's threshold: > 0 means the model flags the category."""
        return self.decision(texts) - self.thresholds

    @staticmethod
    def confidence(margin: np.ndarray) -> np.ndarray:
        """A 0..1 confidence from a margin (a logistic squash; 0.5 at the threshold)."""
        return 1.0 / (1.0 + np.exp(-2.0 * margin))

    def save(self, path: Path) -> None:
        """Write ``path`` (.json: vocabulary and metadata) and ``path.with_suffix('.npz')``."""
        path = Path(path)
        vec = self.vectorizer
        words = sorted(vec.words, key=vec.words.__getitem__)
        sub = self.subwords
        grams = [] if sub is None else sorted(sub.grams, key=sub.grams.__getitem__)
        k = len(self.categories)
        meta = {
            "format_version": FORMAT_VERSION,
            "kind": "tfidf-linear",
            "categories": list(self.categories),
            "words": words,
            "grams": grams,
            "meta": self.meta,
            "credits": "Trained on CLAUDETTE (Lippi et al. 2019; Galassi et al. 2024), CC BY 4.0.",
        }
        path.write_text(
            json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        np.savez_compressed(
            path.with_suffix(".npz"),
            idf=vec.idf.astype(np.float32),
            weights=self.weights.astype(np.float32),
            intercepts=self.intercepts,
            thresholds=self.thresholds,
            pattern_bonus=self.pattern_bonus,
            gram_idf=np.zeros(0) if sub is None else sub.idf.astype(np.float32),
            gram_weights=(
                np.zeros((0, k)) if sub is None or sub.weights is None else sub.weights
            ).astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> ClauseModel:
        """Read a model written by :meth:`save` (``allow_pickle=False``)."""
        path = Path(path)
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            with np.load(path.with_suffix(".npz"), allow_pickle=False) as arrays:
                idf, w = arrays["idf"], arrays["weights"]
                b, th = arrays["intercepts"], arrays["thresholds"]
                bonus = arrays["pattern_bonus"] if "pattern_bonus" in arrays else None
                g_idf, g_w = arrays["gram_idf"], arrays["gram_weights"]
        except FileNotFoundError as exc:
            raise ModelError(
                f"{exc.filename}: clause model file not found (run `make train`)"
            ) from None
        except (ValueError, KeyError, OSError) as exc:
            raise ModelError(f"{path}: unreadable clause model ({exc})") from None
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{path}: unsupported clause model format {meta.get('format_version')!r}"
            )
        try:
            vec = Vectorizer(meta["words"], idf)
            sub = Subwords(meta["grams"], g_idf, g_w) if meta["grams"] else None
        except (KeyError, ValueError) as exc:
            raise ModelError(f"{path}: unreadable clause model ({exc})") from None
        return cls(meta["categories"], vec, w, b, th, meta.get("meta"), bonus, sub)


_LOCK = threading.Lock()
_ACTIVE: ClauseModel | None = None
_LOADED: dict[str, ClauseModel] = {}


def set_model(model: ClauseModel | None) -> None:
    """Use ``model`` for every following audit (None: back to the env var / shipped model)."""
    global _ACTIVE
    _ACTIVE = model


def get_model() -> ClauseModel:
    """The model in use: the one given to :func:`set_model`, else $TOSAUDIT_CLAUSE_MODEL, else
    the shipped one (each file loaded once per process)."""
    if _ACTIVE is not None:
        return _ACTIVE
    path = os.environ.get(ENV_VAR) or str(MODEL_JSON)
    with _LOCK:
        model = _LOADED.get(path)
        if model is None:
            model = _LOADED[path] = ClauseModel.load(Path(path))
    return model


def clear_caches() -> None:
    """Empty the per-word caches of clause scoring (character n-grams of each word and each
    word's projection onto the model), e.g. before a cold timing pass in a benchmark."""
    from tosaudit.clauses import features

    features._CHAR_CACHE.clear()
    for model in [*_LOADED.values(), _ACTIVE]:
        if model is not None and model.subwords is not None:
            model.subwords.clear()
