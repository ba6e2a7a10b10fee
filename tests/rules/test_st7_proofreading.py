"""Shortcuts of branch st7 in the proofreading rules and the needle index equal the plain code."""

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tosaudit.config import Config
from tosaudit.models import Document
from tosaudit.readability import analyse
from tosaudit.rules import proofreading
from tosaudit.rules.base import AuditContext
from tosaudit.rules.needles import NeedleIndex, find_all, shipped_needles
from tosaudit.segment import segment


def _ctx(text: str) -> AuditContext:
    doc = Document(text=text, source="t.txt", format="txt")
    seg = segment(doc)
    return AuditContext(doc, seg, analyse([], [], len(seg.sections)), Config())


def _one_char_lowers() -> tuple[str, str]:
    """Every character whose lower case is one character, and those lower cases."""
    chars = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c < 0xE000 and len(chr(c).lower()) == 1
    ]
    return "".join(chars), "".join(c.lower() for c in chars)


def test_lowering_keeps_word_digit_and_space_classes():
    text, low = _one_char_lowers()
    for cls in (r"\w", r"\d", r"\s"):
        pattern = re.compile(cls)
        assert [m.start() for m in pattern.finditer(text)] == [
            m.start() for m in pattern.finditer(low)
        ], cls


def test_ignorecase_letters_are_lowered_letters_but_for_dotless_i_and_long_s():
    text, low = _one_char_lowers()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        folded = {m.start() for m in re.finditer(letter, text, re.IGNORECASE)}
        lowered = {m.start() for m in re.finditer(letter, low)}
        odd = {text[i] for i in folded ^ lowered}
        assert odd <= {"\u0131", "\u017f"}, (letter, odd)


_PIECES = [
    "5",
    "14",
    "(30)",
    "thirty",
    "Thirty",
    "FORTY-FIVE",
    "forty-five",
    "one",
    "Twelve",
    " ",
    "  ",
    "-",
    "\n",
    "day",
    "Days",
    "WEEK",
    "weeks",
    "month",
    "Year",
    "years",
    "'",
    "\u2019",
    "business ",
    "Calendar-",
    "working ",
    "today",
    "of delivery",
    "refund",
    "\u0131",
    "\u017f",
    "\u0130",
    "\u212a",
    "\u03a3",
    ".",
    "x",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=50).map("".join))
@settings(max_examples=1500, deadline=None)
@example("5 day\u017f and f\u0131ve weeks")  # IGNORECASE alone reads them as "s" and "i"
@example("5 days " + "x" * 31 + " 2 weeks")  # the stretch near "day" ends inside "weeks"
def test_durations_from_the_lower_cased_text_are_the_regex_matches(text):
    ctx = _ctx(text)
    fast = [(m.span(), m.groups()) for m in proofreading._durations(ctx)]
    plain = [(m.span(), m.groups()) for m in proofreading._durations(ctx, lower=False)]
    assert fast == plain


@given(
    st.lists(
        st.sampled_from(["day", "as", "by", " means", "x", " ", "\u0130", "@"]), max_size=40
    ).map("".join)
)
@settings(max_examples=500, deadline=None)
def test_shipped_index_answers_every_shipped_literal_as_a_find_loop(text):
    folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    index = NeedleIndex(text, folded)
    for needle in sorted(shipped_needles()):
        assert index.folded(needle) == find_all(folded, needle), needle
