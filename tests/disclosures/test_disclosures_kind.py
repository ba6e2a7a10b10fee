"""Document kind from title, file name, headings and words; the checklist on the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from tosaudit import disclosures as ds
from tosaudit import readability
from tosaudit.config import Config
from tosaudit.ingest import ingest_file
from tosaudit.models import Document
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _ctx(doc: Document) -> AuditContext:
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = readability.analyse(
        [doc.text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, Config())


def kind_of(text: str, source: str = "doc.txt") -> str:
    return ds.classify_kind(_ctx(Document(text=text, source=source, format="txt")))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Terms of Service\n\nBy using the app you agree to these terms.", "terms"),
        ("PRIVACY NOTICE\n\nWe process your personal data as data controller.", "privacy"),
        ("Returns & Refunds\n\nYou can return unworn items within 30 days for a refund.", "refund"),
        ("Cookie Policy\n\nWe use cookies and similar tracking technologies.", "cookie"),
        ("Opening hours\n\nWe are open from 9 to 5 on weekdays.", "other"),
        # the body decides when the title is neutral
        (
            "Our promise\n\nWe collect personal data. Your personal data is processed lawfully. The "
            "data controller is Acme. You may object to processing of your personal data.",
            "privacy",
        ),
    ],
)
def test_kind_from_title_and_words(text, kind):
    assert kind_of(text) == kind


def test_file_name_counts_when_the_text_is_neutral():
    assert kind_of("Welcome.\n\nRead this carefully.", source="privacy-policy.html") == "privacy"
    assert kind_of("Welcome.\n\nRead this carefully.", source="notes.txt") == "other"


# Every sample and its known answer (samples/README.md lists the deliberate problems).
EXPECTED = {
    "plain-terms.md": ("terms", "present", "instructions", "present"),
    "plain-terms.html": ("terms", "present", "instructions", "present"),
    "no-contact-privacy.html": ("privacy", "missing", "mention_only", "missing"),
    "template-placeholders.txt": ("refund", "missing", "instructions", "present"),
    "dense-legalese.txt": ("terms", "partial", "missing", "present"),
    "no-cancellation.md": ("terms", "present", "missing", "missing"),
    "hidden-autorenewal.pdf": ("terms", "present", "mention_only", "present"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_samples_checklist(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.fail(f"sample {name} is missing from samples/")
    ctx = _ctx(ingest_file(path))
    kind = ds.classify_kind(ctx)
    result, found = ds.check_disclosures(ctx, [], kind)
    assert (
        kind,
        result["contact"]["status"],
        result["cancellation"]["status"],
        result["refunds"]["status"],
    ) == EXPECTED[name]
    codes = {f.rule for f in found}
    if EXPECTED[name][1] == "missing":
        assert "DS301" in codes
    if name == "hidden-autorenewal.pdf":  # renews automatically, says not how to cancel
        [f] = [f for f in found if f.rule == "DS304"]
        assert f.severity == "error"
    if name == "plain-terms.md":  # the control case: nothing about contact or cancelling
        assert not codes & {"DS301", "DS302", "DS303", "DS304", "DS305"}
