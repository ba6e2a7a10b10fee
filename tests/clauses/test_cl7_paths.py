"""Faster paths of clause scoring (branch cl7) give exactly what the slower ones they replace
give: texts with curly quotes and dashes tokenised in the batch."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.clauses import features
from tosaudit.clauses.features import tokens, tokens_flat


def _regex_tokens(text: str) -> list[str]:
    """The reference: :data:`features._TOKEN` on the text as :func:`tokens` prepares it."""
    low = text[: features.MAX_CHARS].translate(features._QUOTES).lower()
    return features._TOKEN.findall(re.sub(r"\d", "0", low))


# Pieces that mix the batch's cases: ASCII, curly quotes, symbols, Unicode white space
# (\u2009, \u2028, \x85), combining marks, a lone surrogate, and the characters that must not
# join the batch (accented letters, non-ASCII digits, capitals that lower, final sigma, and
# the circled capital \u24b6: a symbol, not a letter, that lowering changes).
PIECES = st.sampled_from(
    [
        "We may",
        " change",
        "\n",
        ", ",
        "Ab12",
        "\u2019s",
        "\u201cfee\u201d",
        "\u2013",
        "\u00a0",
        "\u2022 item",
        "\u00a9 2024",
        "\u00a7",
        "\u20ac5",
        "\u00ae",
        "\u00b4",
        "\u2009",
        "\u2028",
        "\x85",
        "\u0301",
        "\ud800",
        "\U0001f600",
        "caf\u00e9",
        "\u00c9T\u00c9",
        "\u0663",
        "\u00b2",
        "\u0130",
        "\u24b6",
        "\u039f\u0394\u039f\u03a3 x",
        "_",
    ]
)


@given(st.lists(st.lists(PIECES, max_size=10).map("".join), max_size=8))
@settings(max_examples=1500)
def test_tokens_flat_with_symbols_equals_the_regex(texts):
    flat, lengths = tokens_flat(texts)
    per_text = [_regex_tokens(t) for t in texts]
    assert lengths == [len(t) for t in per_text]
    assert flat == [tok for toks in per_text for tok in toks]
    assert flat == [tok for t in texts for tok in tokens(t)]


@given(st.lists(st.text(max_size=40), max_size=6))
@settings(max_examples=1500)
def test_tokens_flat_of_any_unicode_equals_the_regex(texts):
    flat, _ = tokens_flat(texts)
    assert flat == [tok for t in texts for tok in _regex_tokens(t)]


def test_quoted_texts_join_the_batch(monkeypatch):
    # Texts whose only non-ASCII characters are curly quotes, dashes and no-break spaces are
    # cut without the per-text regex path; a text with a bullet still takes it.
    seen: list[str] = []

    def regex_path(text: str) -> list[str]:
        seen.append(text)
        return _regex_tokens(text)

    monkeypatch.setattr(features, "_mapped_tokens", regex_path)
    texts = ["We\u2019ll \u201cend\u201d it", "\u00a9 2024 \u2013 Acme\u00a0Inc.", "2\u20135 x"]
    flat, lengths = tokens_flat(texts)
    assert flat == [
        *["we", "'", "ll", '"', "end", '"', "it"],
        *["\u00a9", "0000", "-", "acme", "inc", "."],
        *["0", "-", "0", "x"],
    ]
    assert lengths == [7, 6, 4]
    assert seen == ["\u00a9 2024 - Acme Inc."]
