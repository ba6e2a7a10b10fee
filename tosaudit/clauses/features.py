"""Text normalisation and sparse TF-IDF features shared by training and run time.

The CLAUDETTE sentence file is lower-cased and tokenised with spaces around punctuation, while
real documents are not; both go through :func:`tokens` so "subscriber's" and "subscriber 's"
give the same features. Features are word 1-2 grams and character 3-5 grams inside words
(padded with spaces, like scikit-learn's ``char_wb``), looked up in a fixed vocabulary. Nothing
here needs scikit-learn: a sentence becomes (indices, values) and scores are numpy dot products.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import repeat

import numpy as np

# Letters/digits runs, or any single other visible character. Linear: no nested quantifiers.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_DIGITS = re.compile(r"\d")
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
# Longest sentence fed to the model: a clause never needs more, and a hostile 5 MB "sentence"
# must cost no more than a long one.
MAX_CHARS = 4000
CHAR_MIN, CHAR_MAX = 3, 5


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens; digits folded to 0 (dates and amounts vary)."""
    low = text[:MAX_CHARS].translate(_QUOTES).lower()
    return _TOKEN.findall(_DIGITS.sub("0", low))


def word_features(toks: Sequence[str]) -> list[str]:
    """Word unigrams and bigrams."""
    out = list(toks)
    out += map(" ".join, zip(toks, toks[1:], strict=False))  # "a b", built in C
    return out


_CHAR_CACHE: dict[str, tuple[str, ...]] = {}


def char_features(word: str) -> tuple[str, ...]:
    """Character 3-5 grams of one space-padded word (memoised: words repeat a lot)."""
    got = _CHAR_CACHE.get(word)
    if got is None:
        w = f" {word} "
        n = len(w)
        got = tuple(w[i : i + k] for k in range(CHAR_MIN, CHAR_MAX + 1) for i in range(n - k + 1))
        if len(_CHAR_CACHE) < 200_000:
            _CHAR_CACHE[word] = got
    return got


def features(text: str) -> tuple[list[str], list[str]]:
    """(word features, char features) of one sentence."""
    toks = tokens(text)
    chars: list[str] = []
    for t in toks:
        if t[0].isalnum():
            chars.extend(char_features(t))
    return word_features(toks), chars


class Vectorizer:
    """Maps sentences to L2-normalised sublinear TF-IDF rows over a fixed vocabulary."""

    def __init__(
        self, words: Sequence[str], chars: Sequence[str], idf: np.ndarray, char_weight: float = 1.0
    ) -> None:
        self.words = {w: i for i, w in enumerate(words)}
        off = len(words)
        self.chars = {c: off + i for i, c in enumerate(chars)}
        self.n_features = off + len(chars)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.char_weight = char_weight
        self._char_cache: dict[str, tuple[int, ...]] = {}
        if self.idf.shape != (self.n_features,):
            raise ValueError("idf length does not match the vocabulary")

    def _char_ids(self, word: str) -> tuple[int, ...]:
        """Vocabulary indices of a token's character n-grams (memoised per token).

        Punctuation tokens have none (n-grams are taken inside words only).
        """
        got = self._char_cache.get(word)
        if got is None:
            getc = self.chars.get
            got = (
                tuple(i for i in map(getc, char_features(word)) if i is not None)
                if word[:1].isalnum()
                else ()
            )
            if len(self._char_cache) < 200_000:
                self._char_cache[word] = got
        return got

    def transform(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (indptr, indices, data) of the TF-IDF matrix of ``texts``."""
        get = self.words.get
        cached = self._char_cache.get
        ids: list[int] = []  # -1 for a word feature outside the vocabulary (dropped below)
        lengths: list[int] = []
        for text in texts:
            toks = tokens(text)
            before = len(ids)
            ids += map(get, word_features(toks), repeat(-1))
            # One C-level dict lookup per token; only unseen words go through _char_ids.
            for t, got in zip(toks, map(cached, toks), strict=True):
                ids += self._char_ids(t) if got is None else got
            lengths.append(len(ids) - before)
        n_rows = len(lengths)
        nf = self.n_features
        # Count repeated features per row in numpy: one key per (row, feature).
        all_ids = np.asarray(ids, dtype=np.int64)
        known = all_ids >= 0
        keys = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)[known] * nf + all_ids[known]
        uniq, counts = np.unique(keys, return_counts=True)
        rows = uniq // nf
        ind = uniq % nf
        ptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=ptr[1:])
        data = (1.0 + np.log(counts.astype(np.float64))) * self.idf[ind]
        if self.char_weight != 1.0:
            data[ind >= len(self.words)] *= self.char_weight
        # Row-wise L2 normalisation without scipy.
        sq = data * data
        row_len = np.diff(ptr)
        nonempty = row_len > 0
        norms = np.zeros(n_rows)
        if len(sq):
            norms[nonempty] = np.add.reduceat(sq, ptr[:-1][nonempty])
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        data /= np.repeat(norms, row_len)
        return ptr, ind, data


def sparse_dot(
    ptr: np.ndarray, ind: np.ndarray, data: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """(rows x features) CSR matrix times a dense (features x k) matrix."""
    n = len(ptr) - 1
    out = np.zeros((n, weights.shape[1]))
    if not len(ind):
        return out
    contrib = weights[ind] * data[:, None]
    lengths = np.diff(ptr)
    nonempty = lengths > 0
    out[nonempty] = np.add.reduceat(contrib, ptr[:-1][nonempty], axis=0)
    return out
