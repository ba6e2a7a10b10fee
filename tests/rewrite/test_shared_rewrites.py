"""Rewrites shared across documents (``rewrite._shared_slot``): a document audited after
others gets exactly the report it gets alone."""

from __future__ import annotations

from tosaudit import rewrite
from tosaudit.api import audit_text
from tosaudit.readability import _count_sentence_cached

SHOUTED = "YOU SHALL NOT USE THE ACME CLOUD TO STORE UNLAWFUL CONTENT OR TO HARM OTHER USERS.\n"
# The document writes "Acme Cloud" capitalised mid-sentence: lowering the shouted sentence
# keeps it so. Without those sentences the name is lowered like any other words.
NAMES_IT = (
    "Terms\n\nWe run the Acme Cloud for you. You may use the Acme Cloud at any time. "
    "Our staff maintain the Acme Cloud every week.\n\n" + SHOUTED
)
SHOUTS_ONLY = "Terms\n\n" + SHOUTED
PARTIES = (
    'Terms\n\nThese terms are between Acme Ltd (the "Company", "we") and you (the "User", '
    '"you").\n\nThe User shall pay the Company the fees set out in the order form '
    "before the commencement of the Services.\n"
)
NO_PARTIES = (
    "Terms\n\nThe User shall pay the Company the fees set out in the order form "
    "before the commencement of the Services.\n"
)


def _records(report) -> list[tuple[str, int | None, dict]]:
    return [(f.rule, f.start, f.extra["rewrite"]) for f in report.findings if "rewrite" in f.extra]


def _alone(text: str):
    rewrite._shared_slot.cache_clear()
    _count_sentence_cached.cache_clear()
    return audit_text(text)


def test_a_rewrite_that_reads_the_vocabulary_is_not_shared():
    first = _alone(NAMES_IT)
    after = audit_text(SHOUTS_ONLY)  # the shouted sentence was rewritten for NAMES_IT
    alone = _alone(SHOUTS_ONLY)
    assert _records(after) == _records(alone)
    named = [r["rejected"] for _, _, r in _records(first) if "rejected" in r]
    lowered = [r["rejected"] for _, _, r in _records(alone) if "rejected" in r]
    assert any("Acme Cloud" in t for t in named), named
    assert lowered and not any("Acme Cloud" in t for t in lowered), lowered


def test_parties_are_part_of_the_key():
    with_parties = _alone(PARTIES)
    after = audit_text(NO_PARTIES)
    alone = _alone(NO_PARTIES)
    assert _records(after) == _records(alone)
    # The same sentence is rewritten with "you"/"we" only where the document defines them.
    ops = [o["op"] for _, _, r in _records(with_parties) for o in r["operations"]]
    assert "party" in ops, ops
    ops_alone = [o["op"] for _, _, r in _records(alone) for o in r["operations"]]
    assert "party" not in ops_alone, ops_alone


def test_a_repeated_document_gets_the_report_it_gets_alone():
    alone = _alone(PARTIES)
    again = audit_text(PARTIES)  # every rewrite of it now comes from the shared slots
    assert _records(again) == _records(alone)
    assert again.findings == alone.findings


def test_slots_are_bounded_and_cleared_with_the_per_text_caches():
    # The throughput benchmarks empty every bounded lru_cache before a cold pass.
    assert rewrite._shared_slot.cache_parameters()["maxsize"] > 1
    assert _count_sentence_cached.cache_parameters()["maxsize"] > 1
