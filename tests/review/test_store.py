"""The review store: decisions keyed by content hash + rule + span, WAL, history, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from tosaudit.api import audit_text
from tosaudit.models import Finding
from tosaudit.review import (
    FindingKey,
    ReviewError,
    ReviewStore,
    default_db_path,
    reviewed_records,
    to_csv,
    to_json,
)


def _finding(rule: str = "RD101", start: int | None = 0, end: int | None = 5) -> Finding:
    return Finding(
        rule=rule,
        name="x",
        severity="warning",
        message="m",
        explanation="e",
        source="pattern",
        start=start,
        end=end,
        excerpt="Hello",
    )


@pytest.fixture
def store(tmp_path) -> ReviewStore:
    return ReviewStore(tmp_path / "r.sqlite")


def test_wal_mode_and_schema_version(store: ReviewStore) -> None:
    assert store.journal_mode == "wal"
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1


def test_decision_survives_a_new_store_on_the_same_file(tmp_path) -> None:
    path = tmp_path / "r.sqlite"
    ReviewStore(path).decide("h1", _finding(), "dismissed", "Ana", "boilerplate", source="a.txt")
    again = ReviewStore(path).decisions("h1")
    d = again[FindingKey("RD101", 0, 5)]
    assert (d.status, d.reviewer, d.comment, d.source, d.excerpt) == (
        "dismissed",
        "Ana",
        "boilerplate",
        "a.txt",
        "Hello",
    )
    assert d.decided_at.endswith("+00:00")


def test_key_is_hash_rule_and_span(store: ReviewStore) -> None:
    store.decide("h1", _finding(), "accepted", "Ana")
    assert store.decisions("h2") == {}  # other document
    keys = store.decisions("h1")
    assert FindingKey("RD101", 0, 6) not in keys  # other span
    assert FindingKey("RD102", 0, 5) not in keys  # other rule
    assert FindingKey("RD101", 0, 5) in keys


def test_replacing_a_decision_keeps_history(store: ReviewStore) -> None:
    f = _finding()
    store.decide("h", f, "accepted", "Ana")
    store.decide("h", f, "needs_change", "Bo", "say 30 days")
    assert store.decisions("h")[FindingKey.of(f)].status == "needs_change"
    assert [h["status"] for h in store.history("h")] == ["accepted", "needs_change"]
    assert store.clear("h", f, "Bo") is True
    assert store.decisions("h") == {}
    assert store.clear("h", f, "Bo") is False
    assert [h["status"] for h in store.history("h")][-1] == "cleared"


def test_document_scope_finding_uses_minus_one(store: ReviewStore) -> None:
    f = _finding("DS001", None, None)
    store.decide("h", f, "accepted", "Ana")
    store.decide("h", f, "dismissed", "Ana")  # replaces: NULLs would have made two rows
    assert list(store.decisions("h")) == [FindingKey("DS001", -1, -1)]


@pytest.mark.parametrize(
    ("status", "reviewer", "comment", "message"),
    [
        (
            "maybe",
            "Ana",
            "",
            "unknown decision 'maybe' (choose from accepted, dismissed, needs_change)",
        ),
        ("accepted", "  ", "", "enter the reviewer's name before recording a decision"),
        ("needs_change", "Ana", "", "say what needs to change in the comment"),
        ("accepted", "A" * 201, "", "the reviewer's name is over 200 characters"),
        ("accepted", "Ana", "c" * 5001, "the comment is over 5000 characters"),
    ],
)
def test_bad_decisions_are_refused(store, status, reviewer, comment, message) -> None:
    with pytest.raises(ReviewError) as err:
        store.decide("h", _finding(), status, reviewer, comment)
    assert str(err.value) == message
    assert store.decisions("h") == {}


def test_not_a_database_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ReviewError, match="cannot use the review database"):
        ReviewStore(bad)


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "r.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA user_version=99")
    with pytest.raises(ReviewError, match="newer tosaudit"):
        ReviewStore(path)


def test_default_path_from_env(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TOSAUDIT_REVIEW_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("TOSAUDIT_REVIEW_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "tosaudit" / "reviews.sqlite"


def test_concurrent_writers(store: ReviewStore) -> None:
    def work(n: int) -> None:
        for i in range(20):
            store.decide("h", _finding(start=n * 100 + i, end=n * 100 + i + 1), "accepted", f"r{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.decisions("h")) == 80


def test_exports_join_findings_and_decisions(store: ReviewStore) -> None:
    text = (
        "The Customer shall, notwithstanding anything to the contrary herein, indemnify and "
        "hold harmless the Company and its affiliates from any and all claims, damages, "
        "losses and liabilities arising out of or in connection with the use of the Service.\n"
        "=cmd|' /C calc'!A0 is a formula.\n"
    )
    rep = audit_text(text, source="t.txt")
    spanned = [k for k, x in enumerate(rep.findings) if x.start is not None]
    assert spanned, "the hard sentence rule should fire on this text"
    first = spanned[0]
    f = rep.findings[first]
    store.decide(rep.content_hash, f, "dismissed", "Ana", "fine here", source=rep.source)
    recs = reviewed_records(rep, store.decisions(rep.content_hash))
    assert len(recs) == len(rep.findings)
    assert recs[first]["status"] == "dismissed" and recs[first]["comment"] == "fine here"
    assert all(r["status"] == "pending" for k, r in enumerate(recs) if k != first)
    rows = list(csv.DictReader(io.StringIO(to_csv(recs))))
    assert rows[first]["status"] == "dismissed" and rows[first]["excerpt"] == f.excerpt
    data = json.loads(to_json(rep, recs))
    assert data["review_summary"]["dismissed"] == 1
    assert data["findings"][first]["reviewer"] == "Ana"


def test_csv_neutralises_formulas() -> None:
    out = to_csv(
        [{"document": "d", "excerpt": '=HYPERLINK("x")', "comment": "+1", "status": "pending"}]
    )
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["excerpt"] == '\'=HYPERLINK("x")' and row["comment"] == "'+1"
