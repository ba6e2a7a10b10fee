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


def _context(doc):
    from tosaudit import readability
    from tosaudit.config import Config
    from tosaudit.rules.base import AuditContext
    from tosaudit.segment import segment

    seg = segment(doc)
    return AuditContext(doc, seg, readability.analyse([], [], len(seg.sections)), Config())


def test_context_finding_equals_the_dataclass_path():
    from tosaudit.models import LayoutSpan
    from tosaudit.rules.data import DataRule
    from tosaudit.rules.readability_rules import HardSentence

    text = "# Terms\n\nFirst line here.\n\n## Fees\n\nSecond line, which is the one.\n"
    paged = (LayoutSpan(0, 20, page=1), LayoutSpan(20, len(text), page=2))
    rule = DataRule(
        {"code": "ZZ1", "name": "z", "kind": "existence", "message": "m", "tokens": ["x"]}
    )
    for doc in (Document(text, "t", "txt"), Document(text, "t", "pdf", layout=paged)):
        ctx = _context(doc)
        for r in (HardSentence(), rule):
            for start, end, extra in (
                (text.index("Second"), text.index("Second") + 6, {"extra": {"grade": 1.0}}),
                (text.index("First"), text.index("First") + 5, {"severity": "error"}),
                (None, None, {}),
                (text.index("Second"), text.index("Second") + 6, {}),  # section from the memo
            ):
                fast = ctx.finding(r, start, end, "msg", **extra)
                slow = ctx._finding_slow(r, start, end, "msg", extra)
                assert fast == slow and fast.to_record() == slow.to_record()
        assert (
            ctx.finding(HardSentence(), 0, 1, "m").extra
            is not ctx.finding(HardSentence(), 0, 1, "m").extra
        )
        with pytest.raises(AttributeError):
            ctx.finding(HardSentence(), 0, 1, "m").rule = "x"  # type: ignore[misc]
    pages = [ctx.finding(HardSentence(), s, s + 1, "m").page for s in (0, len(text) - 2)]
    assert pages == [1, 2]


def test_context_finding_rejects_unknown_fields_like_the_dataclass():
    from tosaudit.rules.readability_rules import HardSentence

    ctx = _context(Document("Some text here.", "t", "txt"))
    with pytest.raises(TypeError):
        ctx.finding(HardSentence(), 0, 4, "m", nonsense=1)
