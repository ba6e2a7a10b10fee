"""Text normalisation and sparse TF-IDF features shared by training and run time.

The CLAUDETTE sentence file is lower-cased and tokenised with spaces around punctuation, while
real documents are not; both go through :func:`tokens` so "subscriber's" and "subscriber 's"
give the same features. Features are word 1-2 grams (TF-IDF, looked up in a fixed
vocabulary) and character 3-5 grams inside words (padded with spaces, like scikit-learn's
``char_wb``) pooled per word (:class:`Subwords`). Nothing here needs scikit-learn at run time:
a sentence becomes (indices, values) and scores are numpy dot products.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, count, repeat

import numpy as np

# Letters/digits runs, or any single other visible character. Linear: no nested quantifiers.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
# _TOKEN for a lower-cased ASCII text, with the classes spelt out: the engine tests them in a
# 256-bit table, where Unicode \w and \s call the character database for every character.
# The white space is Unicode \s among ASCII characters (\t-\r and \x1c-\x1f as well as " ").
_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[^a-z0-9_\t-\r\x1c- ]|_")
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
_QUOTE_PAIRS = tuple((chr(a), b) for a, b in _QUOTES.items())
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")
# Longest sentence fed to the model: a clause never needs more, and a hostile 5 MB "sentence"
# must cost no more than a long one.
MAX_CHARS = 4000
CHAR_MIN, CHAR_MAX = 3, 5

# One leading enumerator: a section number ("12.", "12.4", "12.4.1."), a letter, number or
# Roman numeral in brackets or before ")" or "." ("(b)", "(bb)", "b)", "iv."), a bullet, or a
# "Section 5." / "Article IV:" label (only with its punctuation: "Section 5 of these Terms"
# is a reference, not a number). It must be followed by white space (or end the text), so
# "U.S. law", "e.g. this" and "-5%" keep their first word; a bare "30" ("30 days' notice")
# is a number, not an enumerator. Every part is bounded (no nested or open quantifiers), so
# a match reads a few dozen characters at most.
_ROMAN = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"
_ENUMERATOR = re.compile(
    r"\s{0,8}(?:"
    r"(?:section|sec\.|article|art\.|clause|part|\u00a7{1,2})[ \t]{0,3}"
    r"(?:\d{1,3}(?:\.\d{1,3}){0,4}|" + _ROMAN + r"|[a-z])"
    r"(?:[ \t]?[.:]|[ \t]{1,3}[-\u2013\u2014])"
    r"|\([ \t]?(?:\d{1,3}|(?P<letter>[a-z])(?P=letter)?|" + _ROMAN + r")[ \t]?\)"
    r"|(?:\d{1,3}|[a-z]|" + _ROMAN + r")\)"
    r"|\d{1,3}(?:\.\d{1,3}){1,4}\.?"
    r"|(?:\d{1,3}|[a-z]|" + _ROMAN + r")\."
    r"|[-*>\u2013\u2014\u2022\u2023\u2043\u00b7\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb"
    r"\u25e6\u25b6\u25ba\u27a2\u2713\u2714\uf0b7]"
    r")(?=\s|$)",
    re.IGNORECASE,
)
_MAX_ENUMERATORS = 3  # "12. (a) (i) text": stacked numbers, at most this many
# Characters read for them: more than _MAX_ENUMERATORS of the longest enumerator, so the end
# of this window is never mistaken for the end of the text.
_ENUM_WINDOW = 256


def enumerator_end(text: str) -> int:
    """Where the text starts once leading enumerators ("12.4", "(b)", "iv.", "\u2022",
    "Section 5.") are skipped: 0 when it has none.

    A model trained with ``strip_enumerators`` skips them in training and scoring alike
    (:func:`tokens` and :func:`tokens_flat` with ``strip``), so a clause scores the same with
    or without its section number. A text that is nothing but enumerators ("16.") keeps
    them: there is nothing else to read.
    """
    head = text[:_ENUM_WINDOW]  # bounded: a hostile text costs no more than a short one
    end = 0
    for _ in range(_MAX_ENUMERATORS):
        m = _ENUMERATOR.match(head, end)
        if m is None or m.end() == end:
            break
        end = m.end()
    if end and len(text) == len(head) and not head[end:].strip():
        return 0
    return end


def tokens(text: str, strip: bool = False) -> list[str]:
    """Lower-cased word and punctuation tokens; digits folded to 0 (dates and amounts vary).

    With ``strip`` leading enumerators are skipped (:func:`enumerator_end`): "12.4 Club may
    terminate" gives the tokens of "Club may terminate"."""
    start = enumerator_end(text) if strip else 0
    low = text[start : start + MAX_CHARS]
    if not low.isascii():
        low = _map_quotes(low)
    return _mapped_tokens(low)


def _map_quotes(text: str) -> str:
    """``text.translate(_QUOTES)``."""
    # One str.replace per mapped character gives translate's result (no target is itself
    # mapped) at a fraction of its cost: a dict translate takes about 20 ns a character even
    # where it changes nothing.
    for a, b in _QUOTE_PAIRS:
        text = text.replace(a, b)
    return text


def _mapped_tokens(low: str) -> list[str]:
    """:func:`tokens` of a text already cut to ``MAX_CHARS`` and quote-mapped."""
    if low.isascii():
        # An ASCII text holds none of the characters _QUOTES maps, and its only \d are 0-9:
        # lowering and folding the digits as bytes is one C pass each (no regex scan).
        return _ASCII_TOKEN.findall(
            low.encode("ascii").lower().translate(_ZERO_DIGITS).decode("ascii")
        )
    return _TOKEN.findall(_DIGITS.sub("0", low.lower()))


# The ASCII characters that make a token on their own: neither a letter or digit (lower-cased
# text holds no capitals) nor white space.
_ASCII_SINGLES = tuple(
    c for c in map(chr, range(128)) if not (c.isalnum() or c.isspace() or c.isupper())
)


def tokens_flat(texts: Sequence[str], strip: bool = False) -> tuple[list[str], list[int]]:
    """The :func:`tokens` of every text laid end to end, and each text's token count
    (``strip``: leading enumerators skipped, as in :func:`tokens`).

    The ASCII texts (once curly quotes and dashes are mapped) are tokenised together without
    a regex: joined one per line, lowered, each punctuation character that occurs padded
    with spaces (a few dozen ``str.replace`` calls for the whole batch), and every line split
    at white space. That cuts the same tokens as :data:`_TOKEN` (letter/digit runs, single
    other characters) without the regex engine's cost per token, the bulk of tokenising.
    """
    if strip:
        cut = [t[e : e + MAX_CHARS] for t in texts for e in (enumerator_end(t),)]
    else:
        cut = [t[:MAX_CHARS] for t in texts]
    per_text: list[list[str] | None] = [None] * len(cut)
    batch: list[int] = []
    for i, t in enumerate(cut):
        if not t.isascii():
            # A text whose only non-ASCII characters are curly quotes, dashes or no-break
            # spaces joins the batch once they are mapped, instead of paying the Unicode
            # regex, several times the cost.
            t = cut[i] = _map_quotes(t)
        if t.isascii():
            batch.append(i)
    if batch:
        # A line feed ends each text; inside a text it is white space like any other.
        joined = "\n".join([cut[i].replace("\n", " ") for i in batch])
        low = joined.encode("ascii").lower().translate(_ZERO_DIGITS).decode("ascii")
        for c in _ASCII_SINGLES:
            if c in low:
                low = low.replace(c, f" {c} ")
        for i, line in zip(batch, low.split("\n"), strict=True):
            per_text[i] = line.split()
    flat: list[str] = []
    lengths: list[int] = []
    for text, toks in zip(cut, per_text, strict=True):
        if toks is None:
            toks = _mapped_tokens(text)
        flat += toks
        lengths.append(len(toks))
    return flat, lengths


def token_index(flat: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """(distinct tokens in order of first appearance, index of each token among them).

    The model looks each distinct token of a document up once instead of each occurrence.
    """
    first: dict[str, int] = {}
    # setdefault returns the position of a token's first occurrence: one C-level pass.
    at = np.fromiter(map(first.setdefault, flat, count()), dtype=np.int64, count=len(flat))
    lut = np.empty(len(flat), dtype=np.int64)
    lut[np.fromiter(first.values(), dtype=np.int64, count=len(first))] = np.arange(len(first))
    return list(first), lut.take(at)


def word_features(toks: Sequence[str]) -> list[str]:
    """Word unigrams and bigrams."""
    out = list(toks)
    out += map(" ".join, zip(toks, toks[1:], strict=False))  # "a b", built in C
    return out


_CHAR_CACHE: dict[str, tuple[str, ...]] = {}


def _gram_slices(n: int) -> tuple[slice, ...]:
    """The slices of the 3-5 grams of a padded word of ``n`` characters, in feature order."""
    return tuple(slice(i, i + k) for k in range(CHAR_MIN, CHAR_MAX + 1) for i in range(n - k + 1))


# The slices for padded words up to 64 characters, made once: cutting a word with
# map(word.__getitem__, slices) runs in C.
_GRAM_SLICES = tuple(_gram_slices(n) for n in range(65))


def _char_grams(word: str) -> Iterable[str]:
    """The character 3-5 grams of one space-padded word (:func:`char_features` without
    memoising: scoring projects each distinct word once and keeps the projection instead)."""
    w = f" {word} "
    n = len(w)
    return map(w.__getitem__, _GRAM_SLICES[n] if n < len(_GRAM_SLICES) else _gram_slices(n))


def char_features(word: str) -> tuple[str, ...]:
    """Character 3-5 grams of one space-padded word (memoised: words repeat a lot)."""
    got = _CHAR_CACHE.get(word)
    if got is None:
        got = tuple(_char_grams(word))
        if len(_CHAR_CACHE) < 200_000:
            _CHAR_CACHE[word] = got
    return got


class Vectorizer:
    """Maps token lists to L2-normalised sublinear TF-IDF rows of word 1-2 grams.

    At run time a bigram is not built as a string: every token of the vocabulary has an id, a
    unigram feature is an array lookup by that id and a bigram feature a binary search of the
    pair's key (first id * number of ids + second id) among the vocabulary's bigram keys. The
    rows hold the same (row, feature) pairs as :func:`word_features` looked up one by one.
    """

    def __init__(self, words: Sequence[str], idf: np.ndarray) -> None:
        self.words = {w: i for i, w in enumerate(words)}
        self.n_features = len(self.words)
        self.idf = np.asarray(idf, dtype=np.float64)
        if self.idf.shape != (self.n_features,):
            raise ValueError("idf length does not match the vocabulary")
        self._token_ids: dict[str, int] = {}
        unigram: list[int] = []  # feature index of each token id, -1 when not a feature
        pairs: list[tuple[int, int, int]] = []  # (first id, second id, feature index)

        def token_id(tok: str) -> int:
            got = self._token_ids.get(tok)
            if got is None:
                got = self._token_ids[tok] = len(unigram)
                unigram.append(-1)
            return got

        for feature, index in self.words.items():
            parts = feature.split(" ")
            # Tokens hold no space, so a feature is a unigram or "first second"; anything
            # else (an empty part, two spaces) is never produced by word_features.
            if not all(parts) or len(parts) > 2:
                continue
            if len(parts) == 1:
                unigram[token_id(feature)] = index
            else:
                pairs.append((token_id(parts[0]), token_id(parts[1]), index))
        self._n_ids = n = len(unigram)
        # One trailing -1 so that id -1 (a token outside the vocabulary) maps to "no feature".
        self._unigram = np.asarray([*unigram, -1], dtype=np.int64)
        keys = np.asarray([a * n + b for a, b, _ in pairs], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._bigram_keys = keys[order]
        self._bigram_index = np.asarray([i for _, _, i in pairs], dtype=np.int64)[order]

    def transform(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (indptr, indices, data) of the TF-IDF matrix of ``texts``."""
        return self.transform_tokens([tokens(t) for t in texts])

    def transform_tokens(
        self, token_lists: Sequence[Sequence[str]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`transform` for already tokenised texts."""
        flat: list[str] = []
        for toks in token_lists:
            flat += toks
        return self.transform_flat(flat, [len(t) for t in token_lists])

    def transform_flat(
        self, flat: Sequence[str], lengths: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`transform_tokens` for the texts' tokens laid end to end (``lengths``:
        each text's token count), so a whole document costs a few array operations."""
        return self.transform_ids(self.token_ids(flat), lengths)

    def token_ids(self, toks: Sequence[str]) -> np.ndarray:
        """The vocabulary id of each token (-1 outside the vocabulary)."""
        return np.fromiter(
            map(self._token_ids.get, toks, repeat(-1)), dtype=np.int64, count=len(toks)
        )

    def transform_ids(
        self, ids: np.ndarray, lengths: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`transform_flat` from the tokens' ids (:meth:`token_ids`)."""
        n_rows = len(lengths)
        row = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)
        uni = self._unigram.take(ids)  # id -1 takes the trailing -1
        known = uni >= 0
        rows = [row[known]]
        feats = [uni[known]]
        if len(ids) > 1 and len(self._bigram_keys):
            first, second = ids[:-1], ids[1:]
            # A bigram never spans two texts, and needs both tokens in the vocabulary.
            ok = (row[:-1] == row[1:]) & (first >= 0) & (second >= 0)
            keys = first[ok] * self._n_ids + second[ok]
            at, hit = _find(self._bigram_keys, keys)
            rows.append(row[:-1][ok][hit])
            feats.append(self._bigram_index.take(at[hit]))
        return _csr_pairs(
            np.concatenate(rows), np.concatenate(feats), n_rows, self.n_features, self.idf
        )


def _find(keys: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position of each query in the sorted ``keys``, whether it is there at all)."""
    at = np.searchsorted(keys, queries)
    at[at == len(keys)] = 0
    return at, keys.take(at) == queries


def _csr_tfidf(
    ids: list[int], lengths: list[int], nf: int, idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR parts of L2-normalised sublinear TF-IDF rows from each row's feature ids."""
    n_rows = len(lengths)
    all_ids = np.asarray(ids, dtype=np.int64)
    known = all_ids >= 0  # -1: a feature outside the vocabulary
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)[known]
    return _csr_pairs(rows, all_ids[known], n_rows, nf, idf)


def _csr_pairs(
    rows: np.ndarray, ids: np.ndarray, n_rows: int, nf: int, idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR parts of L2-normalised sublinear TF-IDF rows from (row, feature id) pairs, in any
    order (a repeated pair is a repeated feature)."""
    # Count repeated features per row in numpy: one key per (row, feature).
    uniq, counts = unique_counts(rows * nf + ids)
    rows, ind = np.divmod(uniq, max(nf, 1))  # one pass for both
    ptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=ptr[1:])
    data = (1.0 + np.log(counts.astype(np.float64))) * idf[ind]
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


def unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` for a 1-d integer array, faster here.

    The keys arrive as a few runs already in order (rows ascending), which a stable sort
    (timsort/radix) exploits while ``np.unique``'s quicksort does not; the result is the same
    (sorted distinct keys and how often each occurs).
    """
    ordered = np.sort(keys, kind="stable")
    n = len(ordered)
    if not n:
        return ordered, np.zeros(0, dtype=np.intp)
    # One flag past the end marks where the last run stops: the runs' bounds come from one
    # flatnonzero, and their lengths from a plain diff (``np.diff(append=)`` costs a
    # broadcast and a concatenate in Python, several microseconds a call).
    new = np.empty(n + 1, dtype=bool)
    new[0] = new[n] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:n])
    bounds = np.flatnonzero(new)
    return ordered.take(bounds[:-1]), np.diff(bounds)


def is_word(token: str) -> bool:
    """Whether a token is a word (letters/digits), not punctuation."""
    return token[:1].isalnum()


class Subwords:
    """Character 3-5 gram features pooled per word: each word is an L2-normalised TF-IDF vector
    of its own character n-grams, and a sentence is the sum of its words' vectors divided by
    the square root of its word count.

    Because the pooling is linear, a linear model's score of the character part is the sum of
    per-word scores (:meth:`scores`): each distinct word is projected once per process and
    cached, so a sentence costs one dict lookup per word instead of ~25 n-gram lookups. In
    grouped CV this scores as well as sentence-level character n-grams (see
    ``tosaudit/training/experiment.py``) at a fraction of the cost.
    """

    MAX_CACHE = 300_000  # distinct words kept; a hostile text of random words resets it

    def __init__(
        self, grams: Sequence[str], idf: np.ndarray, weights: np.ndarray | None = None
    ) -> None:
        self.grams = {g: i for i, g in enumerate(grams)}
        self.n_features = len(self.grams)
        self.idf = np.asarray(idf, dtype=np.float64)
        if self.idf.shape != (self.n_features,):
            raise ValueError("character idf length does not match the vocabulary")
        self.weights = None if weights is None else np.asarray(weights, dtype=np.float64)
        self._keys_of_grams()
        self._reset()

    # Bits per character in a gram's integer key; 5 characters fit in an int64.
    _BITS = 12

    def _keys_of_grams(self) -> None:
        """Give each character of the vocabulary a small id (1..) and each gram an integer
        key (its characters' ids side by side), so :meth:`word_rows` looks grams up with
        array operations instead of cutting and hashing one string per gram. A vocabulary
        that does not fit (too many characters, odd lengths) keeps the string lookups."""
        self._char_ids: np.ndarray | None = None
        chars = sorted({c for g in self.grams for c in g})
        if (
            not chars
            or len(chars) >= 1 << self._BITS
            or ord(chars[-1]) > 0x2FFFF
            or any(not CHAR_MIN <= len(g) <= CHAR_MAX for g in self.grams)
        ):
            return
        table = np.zeros(ord(chars[-1]) + 1, dtype=np.int64)  # 0: not in any gram
        table[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
        keys = np.asarray([self._key(g, table) for g in self.grams], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._gram_keys = keys[order]
        self._gram_index = np.asarray(list(self.grams.values()), dtype=np.int64)[order]
        self._char_ids = table

    def _key(self, gram: str, table: np.ndarray) -> int:
        return sum(int(table[ord(c)]) << (self._BITS * j) for j, c in enumerate(gram))

    def _reset(self) -> None:
        k = 0 if self.weights is None else self.weights.shape[1]
        # Row 0 is punctuation (scores nothing, not counted as a word).
        self._index: dict[str, int] = {}
        self._rows: list[np.ndarray] = [np.zeros((1, k))]
        self._n_rows = 1
        self._table = np.zeros((1, k))
        self._word = np.zeros(1)

    def clear(self) -> None:
        """Forget every cached word projection."""
        self._reset()

    def word_rows(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of each word's L2-normalised character n-gram TF-IDF vector."""
        if self._char_ids is not None:
            return self._word_rows_by_keys(words)
        return self._word_rows_by_strings(words)

    def _word_rows_by_keys(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`word_rows` with every gram of every word looked up at once as an integer key
        (the same (word, gram) pairs as :func:`char_features` and a dict lookup per gram)."""
        assert self._char_ids is not None
        table = self._char_ids
        padded = [f" {w} " if is_word(w) else "" for w in words]
        joined = "".join(padded)
        if joined.isascii():
            codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).astype(np.int64)
        else:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            codes = codes.astype(np.int64)
        # Character ids; a character outside every gram is 0 and rules its grams out.
        ids = np.zeros(len(codes) + CHAR_MAX, dtype=np.int64)
        inside = codes < len(table)
        ids[: len(codes)][inside] = table[codes[inside]]
        lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
        word = np.repeat(np.arange(len(padded), dtype=np.int64), lengths)
        # Characters left in the word from each position (a gram never crosses a word end).
        left = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(codes), dtype=np.int64)
        rows: list[np.ndarray] = []
        feats: list[np.ndarray] = []
        key = np.zeros(len(codes), dtype=np.int64)
        known = np.ones(len(codes), dtype=bool)
        for j in range(CHAR_MAX):
            part = ids[j : j + len(codes)]
            key |= part << (self._BITS * j)
            known &= part > 0
            k = j + 1
            if k < CHAR_MIN:
                continue
            ok = known & (left >= k)
            at, hit = _find(self._gram_keys, key[ok])
            rows.append(word[ok][hit])
            feats.append(self._gram_index.take(at[hit]))
        return _csr_pairs(
            np.concatenate(rows), np.concatenate(feats), len(words), self.n_features, self.idf
        )

    def _word_rows_by_strings(
        self, words: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        get = self.grams.get
        ids: list[int] = []
        lengths: list[int] = []
        for w in words:
            before = len(ids)
            if is_word(w):
                ids += map(get, _char_grams(w), repeat(-1))
            lengths.append(len(ids) - before)
        return _csr_tfidf(ids, lengths, self.n_features, self.idf)

    def _add(self, words: list[str]) -> None:
        """Project unseen words onto the weights and append them to the table."""
        assert self.weights is not None
        if self._n_rows + len(words) > self.MAX_CACHE:
            self._reset()
        ptr, ind, data = self.word_rows(words)
        proj = sparse_dot(ptr, ind, data, self.weights)
        flags = np.fromiter(map(is_word, words), dtype=np.float64, count=len(words))
        self._index.update(zip(words, range(self._n_rows, self._n_rows + len(words)), strict=True))
        self._n_rows += len(words)
        self._table = np.vstack([self._table, proj])
        self._word = np.concatenate([self._word, flags])

    def scores(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """(texts x k) character-part scores of tokenised texts."""
        flat: list[str] = []
        for toks in token_lists:
            flat += toks
        return self.scores_flat(flat, [len(t) for t in token_lists])

    def scores_flat(self, flat: Sequence[str], lengths: Sequence[int]) -> np.ndarray:
        """Like :meth:`scores` for the texts' tokens laid end to end (``lengths``: each
        text's token count)."""
        if self.weights is None:
            raise ValueError("character features have no weights")
        uniq, inv = token_index(flat)
        return self.scores_rows(self.table_rows(uniq).take(inv), lengths)

    def table_rows(self, words: Sequence[str]) -> np.ndarray:
        """The row of each of ``words`` (distinct) in the projection table, projecting the
        unseen ones first (in order)."""
        if self.weights is None:
            raise ValueError("character features have no weights")
        get = self._index.get
        rows = list(map(get, words, repeat(-1)))
        if -1 in rows:
            self._add(list(compress(words, map((-1).__eq__, rows))))  # in order, in C
            get = self._index.get
            rows = list(map(get, words, repeat(0)))
        return np.asarray(rows, dtype=np.int64)

    def scores_rows(self, ids: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Like :meth:`scores_flat` from each token's table row (:meth:`table_rows`)."""
        n = len(lengths)
        out = np.zeros((n, self._table.shape[1]))
        lens = np.asarray(lengths, dtype=np.int64)
        nonempty = lens > 0
        if not nonempty.any():
            return out
        # Each text's first token: np.r_ would cost more than the sum itself.
        starts = np.zeros(n, dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        starts = starts[nonempty]
        # take() copies whole rows; fancy indexing goes through numpy's per-row iterator.
        sums = np.add.reduceat(self._table.take(ids, axis=0), starts, axis=0)
        words = np.add.reduceat(self._word.take(ids), starts)
        out[nonempty] = sums / np.sqrt(np.maximum(words, 1.0))[:, None]
        return out

    def pooled(self, token_lists: Sequence[Sequence[str]]):  # -> scipy.sparse.csr_matrix
        """The (texts x grams) pooled feature matrix, for training (needs scipy)."""
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        r_ind: list[int] = []
        r_ptr = [0]
        scale: list[float] = []
        for toks in token_lists:
            words = [t for t in toks if is_word(t)]
            for w in words:
                r_ind.append(vocab.setdefault(w, len(vocab)))
            r_ptr.append(len(r_ind))
            scale.append(1.0 / np.sqrt(max(len(words), 1)))
        ptr, ind, data = self.word_rows(list(vocab))
        per_word = csr_matrix((data, ind, ptr), shape=(len(vocab), self.n_features))
        counts = csr_matrix(
            (np.repeat(scale, np.diff(r_ptr)), r_ind, r_ptr), shape=(len(token_lists), len(vocab))
        )
        return (counts @ per_word).tocsr()


def sparse_dot(
    ptr: np.ndarray, ind: np.ndarray, data: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """(rows x features) CSR matrix times a dense (features x k) matrix."""
    n = len(ptr) - 1
    out = np.zeros((n, weights.shape[1]))
    if not len(ind):
        return out
    # take() gathers rows faster than fancy indexing; float32 weights still multiply in float64.
    contrib = np.multiply(weights.take(ind, axis=0), data[:, None])
    lengths = np.diff(ptr)
    nonempty = lengths > 0
    out[nonempty] = np.add.reduceat(contrib, ptr[:-1][nonempty], axis=0)
    return out
