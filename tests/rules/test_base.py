"""The rule context's finding constructor equals the Finding dataclass's own."""

import pytest

from tosaudit.models import Document, Finding
from tosaudit.rules.base import new_finding

REQUIRED = {
    "rule": "XX1",
    "name": "x",
    "severity": "warning",
    "message": "m",
    "explanation": "e",
    "source": "check",
}


def test_minimal_equals_dataclass_init():
    got = new_finding(dict(REQUIRED))
    assert got == Finding(**REQUIRED)
    assert type(got) is Finding
    assert got.extra == {} and got.start is None


def test_full_equals_dataclass_init():
    kw = dict(REQUIRED, start=3, end=9, line=1, column=4, excerpt="abcdef", extra={"k": 1})
    kw.update(suggestion="s", confidence=0.5, buried={"page": 2}, section="S", page=2)
    assert new_finding(dict(kw)) == Finding(**kw)
    assert new_finding(dict(kw)).to_record() == Finding(**kw).to_record()


def test_default_extra_is_fresh_per_finding():
    a, b = new_finding(dict(REQUIRED)), new_finding(dict(REQUIRED))
    assert a.extra is not b.extra


def test_frozen_like_the_dataclass():
    f = new_finding(dict(REQUIRED))
    with pytest.raises(AttributeError):
        f.rule = "other"  # type: ignore[misc]


def test_unknown_or_missing_keyword_fails_like_the_dataclass():
    with pytest.raises(TypeError):
        new_finding(dict(REQUIRED, nonsense=1))
    with pytest.raises(TypeError):
        new_finding({"rule": "XX1"})


def test_context_finding_positions():
    from tosaudit import readability
    from tosaudit.config import Config
    from tosaudit.rules.base import AuditContext
    from tosaudit.rules.readability_rules import HardSentence
    from tosaudit.segment import segment

    text = "Title\n\nFirst line here.\nSecond line, which is the one.\n"
    doc = Document(text, "t", "txt")
    seg = segment(doc)
    ctx = AuditContext(doc, seg, readability.analyse([], [], len(seg.sections)), Config())
    start = text.index("Second")
    f = ctx.finding(HardSentence(), start, start + 6, "msg", extra={"grade": 1.0})
    assert (f.line, f.column, f.end_line, f.end_column) == (4, 1, 4, 7)
    assert f.excerpt == "Second" and f.rule == "RD101" and f.extra == {"grade": 1.0}
