"""The word-start scan of the cancellation "how" pattern finds what the pattern's own scan
finds."""

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit import disclosures as D


def _how_alternatives() -> list[str]:
    path = resources.files("tosaudit.rules") / "data" / "disclosures.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cancellation"]["how"]


def _top_level_branches(group: str) -> list[str]:
    """The "|"-separated branches of a group's body, nested groups left whole."""
    branches, depth, start = [], 0, 0
    for i, ch in enumerate(group):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or group[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and group[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(group[start:i])
            start = i + 1
    branches.append(group[start:])
    return branches


def test_every_how_alternative_starts_a_word():
    """The scan tries the pattern only where a run of word characters starts: every
    alternative must begin with \\b and a letter (a literal, or a group of literals)."""
    for alt in _how_alternatives():
        assert alt.startswith("\\b"), alt
        rest = alt[2:]
        if rest.startswith("(?:"):
            depth, end = 0, None
            for i, ch in enumerate(rest):
                if ch == "(" and rest[i - 1 : i] != "\\":
                    depth += 1
                elif ch == ")" and rest[i - 1 : i] != "\\":
                    depth -= 1
                    if depth == 0:
                        end = i
                        break
            assert end is not None, alt
            firsts = [b[:1] for b in _top_level_branches(rest[3:end])]
        else:
            firsts = [rest[:1]]
        assert all(f.isalpha() for f in firsts), alt


_PIECES = [
    "by visiting",
    "go to",
    "Goes  to",
    "click",
    "settings",
    "your account",
    "in the app",
    "from your account page",
    "via our website",
    "contact us",
    "e-mail",
    "written notice",
    "replying to",
    "unsubscribe link",
    "through the settings menu",
    "abyvisiting",
    "x",
    "_go to",
    "é",
    "-",
    " ",
    " ",
    "\n",
    ".",
    "1",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.data())
@settings(max_examples=600, deadline=None)
def test_how_scan_equals_finditer(text, data):
    p = D.patterns()
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text) + 5))
    want = [(m.start(), m.end()) for m in p.how.finditer(text, lo, hi)]
    assert [(m.start(), m.end()) for m in D._how_iter(p, text, lo, hi)] == want
    assert D._how_search(p, text, lo, hi) == (p.how.search(text, lo, hi) is not None)


@pytest.mark.parametrize(
    "text",
    [
        "x Goes  to settings",
        "By Visiting our site, CLICK the Button.",
        "abyvisiting x_go to é-mail contact",
        "You can cancel in the app or from your Account Page at any time.",
    ],
)
def test_how_scan_on_mixed_case_and_word_joins(text):
    p = D.patterns()
    want = [(m.start(), m.end()) for m in p.how.finditer(text)]
    assert want  # each text holds a match
    assert [(m.start(), m.end()) for m in D._how_iter(p, text, 0, len(text))] == want
