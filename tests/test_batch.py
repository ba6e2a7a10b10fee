"""Batch: file collection, ordered bounded streaming, worker processes and the Dask executor."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import distributed
import pytest

from tosaudit import __version__, batch
from tosaudit.api import audit_file
from tosaudit.batch import Keep, audit_path_safe, audit_stream, collect, ordered_stream
from tosaudit.config import Config
from tosaudit.formatters import Summary

POLICY = (
    "Terms\n\n1. Renewal\n\nYour subscription renews automatically each month until you cancel. "
    "Any dispute shall be resolved by binding arbitration.\n\nContact: help@acme.com\n"
)


def _tree(root: Path) -> None:
    (root / "a" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "terms.md").write_text(POLICY)
    (root / "a" / "privacy.txt").write_text(POLICY)
    (root / "a" / "deep" / "refund.html").write_text(f"<html><body><p>{POLICY}</p></body></html>")
    (root / "a" / "logo.png").write_bytes(b"\x89PNG\r\n")
    (root / ".hidden" / "secret.txt").write_text(POLICY)
    (root / "a" / "drafts").mkdir()
    (root / "a" / "drafts" / "old.txt").write_text(POLICY)


def _rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_collect_walks_folders_recursively_in_sorted_order(tmp_path):
    _tree(tmp_path)
    assert _rel(collect([tmp_path]), tmp_path) == [
        "terms.md",
        "a/privacy.txt",
        "a/deep/refund.html",
        "a/drafts/old.txt",
    ]


def test_collect_no_recursive_takes_only_the_top_folder(tmp_path):
    _tree(tmp_path)
    assert _rel(collect([tmp_path], recursive=False), tmp_path) == ["terms.md"]


def test_collect_glob_and_exclude(tmp_path):
    _tree(tmp_path)
    assert _rel(collect([tmp_path], glob="*.txt"), tmp_path) == [
        "a/privacy.txt",
        "a/drafts/old.txt",
    ]
    assert _rel(collect([tmp_path], exclude=["drafts"]), tmp_path) == [
        "terms.md",
        "a/privacy.txt",
        "a/deep/refund.html",
    ]
    assert _rel(collect([tmp_path], exclude=["*.html", "a/privacy.txt"]), tmp_path) == [
        "terms.md",
        "a/drafts/old.txt",
    ]


def test_collect_keeps_explicit_files_and_dedupes(tmp_path):
    _tree(tmp_path)
    logo = tmp_path / "a" / "logo.png"
    missing = tmp_path / "missing.txt"
    got = collect([logo, tmp_path / "terms.md", tmp_path, missing])
    # Named files are audited whatever their suffix (the audit reports what is wrong with them).
    assert got[0] == logo and got[1] == tmp_path / "terms.md"
    assert got.count(tmp_path / "terms.md") == 1
    assert got[-1] == missing


def test_ordered_stream_keeps_input_order_and_bounds_pending():
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def work(i: int) -> int:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.02 if i % 3 == 0 else 0.001)  # early items finish last
        with lock:
            in_flight -= 1
        return i * i

    submitted = 0

    def submit(i: int):
        nonlocal submitted
        submitted += 1
        return pool.submit(work, i)

    with ThreadPoolExecutor(4) as pool:
        out = []
        for k, value in enumerate(ordered_stream(range(40), submit, window=5)):
            out.append(value)
            # Never more than `window` items submitted beyond what was handed back.
            assert submitted - (k + 1) <= 5
    assert out == [i * i for i in range(40)]
    assert peak <= 5


def test_ordered_stream_accepts_finished_values():
    assert list(ordered_stream([1, 2, 3], lambda x: x * 10, window=2)) == [10, 20, 30]


def _comparable(rep):
    rec = rep.to_record()
    return (
        rec["source"],
        rec["error"],
        rec["readability"],
        [(f["rule"], f["start"], f["end"]) for f in rec["findings"]],
    )


def test_parallel_results_match_serial_in_input_order(tmp_path):
    paths = []
    for i in range(12):
        p = tmp_path / f"doc{i:02d}.txt"
        # Different lengths so documents finish out of order.
        p.write_text(POLICY * (1 + (11 - i) % 4))
        paths.append(p)
    paths.insert(5, tmp_path / "missing.txt")
    serial = list(audit_stream(paths, Config(), workers=1))
    parallel = list(audit_stream(paths, Config(), workers=2))
    assert [r.source for r in parallel] == [str(p) for p in paths]
    assert [_comparable(r) for r in parallel] == [_comparable(r) for r in serial]
    assert parallel[5].error == "no such file"
    assert any(f.category == "auto_renewal" for f in parallel[0].findings)


def test_workers_drop_text_and_sentences_unless_kept(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(POLICY)
    q = tmp_path / "b.txt"
    q.write_text(POLICY)
    slim = list(audit_stream([p, q], workers=2))
    assert all(r.text is None and r.sentences == [] for r in slim)
    full = list(audit_stream([p, q], workers=2, keep=Keep(text=True, sentences=True)))
    assert full[0].text == POLICY and full[0].sentences


def test_internal_error_becomes_the_documents_error(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(POLICY)

    def boom(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(batch, "audit_file", boom)
    rep = audit_path_safe(p, Config())
    assert rep.error == "internal error: RuntimeError: boom"
    assert rep.source == str(p)


def test_unknown_executor():
    with pytest.raises(batch.BatchError, match="unknown executor 'spark'"):
        audit_stream([], executor="spark")


def test_read_input_checks_size_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(batch.IngestError, match="over the 0 MB limit"):
        batch.read_input(p, Config(max_bytes=100))
    with pytest.raises(batch.IngestError, match="no such file"):
        batch.read_input(tmp_path / "nope.txt", Config())


@pytest.mark.enable_socket
def test_dask_executor_streams_in_order(tmp_path):
    paths = []
    for i in range(6):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(POLICY * (1 + i % 3))
        paths.append(p)
    paths.insert(2, tmp_path / "missing.txt")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = list(audit_stream(paths, Config(), executor="dask", client=client))
    assert [r.source for r in got] == [str(p) for p in paths]
    assert got[2].error == "no such file"
    local = [audit_file(p) for p in paths]
    assert [_comparable(r) for r in got] == [_comparable(r) for r in local]
    assert all(r.text is None for r in got)


def test_a_failing_warm_up_does_not_stop_a_parallel_batch(tmp_path, monkeypatch):
    import tosaudit.api

    def broken(*_a, **_k):
        raise KeyError("stems")

    monkeypatch.setattr(tosaudit.api, "audit_text", broken)
    paths = []
    for i in range(3):
        p = tmp_path / f"{i}.txt"
        p.write_text(POLICY)
        paths.append(p)
    got = list(audit_stream(paths, Config(), workers=2))
    assert [r.source for r in got] == [str(p) for p in paths]
    assert all(r.error is None for r in got)


def test_collect_skips_folder_documentation_but_not_named_files(tmp_path):
    (tmp_path / "README.md").write_text("How to edit these policies")
    (tmp_path / "terms.md").write_text("Terms")
    named = tmp_path / "README.md"
    assert [p.name for p in collect([tmp_path])] == ["terms.md"]
    assert [p.name for p in collect([named])] == ["README.md"]


def _record(rep) -> dict:
    rec = rep.to_record()
    rec.pop("timings", None)  # wall-clock figures differ from run to run
    return rec


def test_prepared_stream_builds_records_and_json_lines_in_the_workers(tmp_path):
    from tosaudit.batch import Output, prepared_stream
    from tosaudit.formatters.jsonl_format import JsonlWriter

    paths = []
    for i in range(6):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(POLICY * (1 + (5 - i) % 3))
        paths.append(p)
    paths.insert(2, tmp_path / "missing.txt")
    serial = list(audit_stream(paths, Config(), workers=1))
    plain = list(prepared_stream(paths, Config(), output=Output(), workers=2))
    encoded = list(prepared_stream(paths, Config(), output=Output(writer=JsonlWriter), workers=2))
    assert [d.source for d in encoded] == [str(p) for p in paths]
    assert [d.error for d in encoded][2] == "no such file"
    for rep, full, enc in zip(serial, plain, encoded, strict=True):
        assert full.text is None
        rec = dict(full.record)
        rec.pop("timings", None)
        assert rec == _record(rep)
        worst = max((batch.SEVERITY_RANK[f.severity] for f in rep.findings), default=-1)
        assert (
            (full.worst, full.findings) == (worst, len(rep.findings)) == (enc.worst, enc.findings)
        )
        # The worker's line is the writer's own encoding of the record.
        line = json.loads(enc.text)
        line.pop("timings", None)
        assert line == {"tosaudit_version": __version__, **_record(rep)}
        # Only what the batch summary reads comes back beside the text.
        summary, counted = Summary(), Summary()
        summary.add(enc.record)
        counted.add(full.record)
        assert summary.to_record() == counted.to_record()


def test_prepared_stream_turns_a_failing_record_into_a_one_line_error(tmp_path, monkeypatch):
    from tosaudit.batch import Output, prepared_stream
    from tosaudit.formatters.jsonl_format import JsonlWriter

    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p in paths:
        p.write_text(POLICY)
    to_record = batch.DocumentReport.to_record

    def fails_for_a(self, **kw):
        if self.source.endswith("a.txt") and self.error is None:
            raise RuntimeError("no record")
        return to_record(self, **kw)

    monkeypatch.setattr(batch.DocumentReport, "to_record", fails_for_a)
    done = list(prepared_stream(paths, Config(), output=Output(writer=JsonlWriter), workers=1))
    assert done[0].error == "internal error: RuntimeError: no record"
    assert done[0].text is None and done[0].record["error"] == done[0].error
    assert done[1].error is None and done[1].text  # the batch goes on
