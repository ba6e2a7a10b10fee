"""The held-out unseen set's labels are well-formed (offsets, spans, categories, disclosures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tosaudit.training.data import CATEGORIES as CLAUDETTE_CATEGORIES

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "unseen"
CATEGORIES = set(CLAUDETTE_CATEGORIES)
DOCS = sorted(p for p in DATA.glob("*.md") if p.name != "README.md")


def _rows(doc: Path) -> list[dict]:
    path = doc.with_name(f"{doc.stem}.labels.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_there_are_documents_each_with_labels() -> None:
    assert len(DOCS) >= 6
    for doc in DOCS:
        assert doc.with_name(f"{doc.stem}.labels.jsonl").is_file(), doc.name


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_labels_are_well_formed(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    rows = _rows(doc)
    assert rows, "a document without any labelled sentence measures nothing"
    previous_end = 0
    for row in rows:
        assert set(row) == {"start", "end", "labels", "levels", "text"}
        start, end = row["start"], row["end"]
        assert 0 <= start < end <= len(text), row
        assert text[start:end] == row["text"]
        assert text[start:end].strip() == text[start:end], "span has surrounding whitespace"
        assert start >= previous_end, "spans are sorted and do not overlap"
        previous_end = end
        assert set(row["labels"]) <= CATEGORIES
        assert set(row["levels"]) <= CATEGORIES
        assert all(level in (1, 2, 3) for level in row["levels"].values())
        # labels = exactly the categories at level 2 or 3; level 1 appears only in levels
        assert set(row["labels"]) == {c for c, lv in row["levels"].items() if lv >= 2}
        assert row["levels"], "a line must carry at least one category"


def test_disclosures_labels_cover_every_document() -> None:
    gold = json.loads((DATA / "disclosures.json").read_text(encoding="utf-8"))["documents"]
    assert set(gold) == {d.name for d in DOCS}
    for label in gold.values():
        assert label["contact"] in {"present", "partial", "missing"}
        assert label["cancellation"] in {"instructions", "mention_only", "missing"}
        assert label["refunds"] in {"present", "missing"}


def test_every_category_has_support_in_the_set() -> None:
    # the set was extended (Pocket, Cloudup) so that arbitration is measured too
    support = {c: 0 for c in CATEGORIES}
    for doc in DOCS:
        for row in _rows(doc):
            for cat in row["labels"]:
                support[cat] += 1
    assert all(n > 0 for n in support.values()), support
