import gc
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tosaudit.api import audit_bytes, audit_text
from tosaudit.config import Config
from tosaudit.ingest import SUFFIXES

POLICY = (
    "Terms of Service\n\n"
    "1. Introduction\n"
    "Welcome to Acme. These terms explain how our service works.\n\n"
    "2. Liability\n"
    "Notwithstanding anything to the contrary herein contained, the Company shall not, under any "
    "circumstances whatsoever, be liable to the Licensee or any third party for any indirect, "
    "incidental, consequential, special or exemplary damages arising therefrom.\n"
)


def test_every_span_matches_its_excerpt():
    rep = audit_text(POLICY)
    assert rep.findings
    for f in rep.findings:
        if f.start is not None:
            assert rep.text[f.start : f.end] == f.excerpt
            line_start = rep.text.rfind("\n", 0, f.start) + 1
            assert f.column == f.start - line_start + 1
            assert f.line == rep.text.count("\n", 0, f.start) + 1


def test_audit_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the audit tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    rep = audit_text(POLICY + "\nWe renew your plan automatically every month.\n")
    assert rep.readability["words"] > 20


def test_ingest_error_becomes_report_error():
    rep = audit_bytes(b"   ", "empty.txt")
    assert rep.error == "the file is empty"
    assert rep.findings == []


def test_ignore_and_severity_override():
    cfg = Config.from_mapping({"ignore": ["RD102"], "severity": {"RD101": "error"}})
    rep = audit_text(POLICY, cfg)
    rules = {f.rule for f in rep.findings}
    assert "RD102" not in rules
    assert all(f.severity == "error" for f in rep.findings if f.rule == "RD101")


def test_json_record_shape():
    rec = audit_text(POLICY).to_record()
    for key in ("source", "error", "text_length", "readability", "findings"):
        assert key in rec
    f = rec["findings"][0]
    for key in (
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "page",
        "section",
        "excerpt",
        "explanation",
        "suggestion",
        "confidence",
        "source",
    ):
        assert key in f


@pytest.mark.parametrize("preset,ease", [("florida", 45), ("ohio", 40), ("virginia", 50)])
def test_statutory_presets(preset, ease):
    cfg = Config().with_preset(preset)
    assert cfg.target_reading_ease == ease


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


_CYCLES_PROBE = """
import gc, json, sys
from pathlib import Path
from tosaudit.api import audit_document
from tosaudit.ingest import ingest_file
left = {}
for name in sys.argv[1:]:
    doc = ingest_file(Path(name))
    audit_document(doc)  # first use: imports, loaders and caches may make cycles of their own
    gc.collect()
    gc.disable()
    report = audit_document(doc)
    assert report.findings, name
    del report
    left[Path(name).name] = gc.collect()
    gc.enable()
print(json.dumps(left))
"""


def test_audit_makes_no_reference_cycles():
    """What lets audit_document pause the cyclic collector: all it drops, refcounting frees.

    Measured in a fresh interpreter: in the test process, other tests' threads (Streamlit's
    event loop) drop cyclic garbage of their own at any moment and would be counted too.
    """
    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in SUFFIXES)
    assert len(paths) >= 10
    out = subprocess.run(
        [sys.executable, "-c", _CYCLES_PROBE, *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    left = json.loads(out.splitlines()[-1])
    assert len(left) == len(paths)
    assert {name: n for name, n in left.items() if n} == {}


def test_collector_paused_during_audit_and_restored(monkeypatch):
    import tosaudit.api as api

    seen: list[bool] = []
    real = api.segment

    def spy(doc):
        seen.append(gc.isenabled())
        return real(doc)

    monkeypatch.setattr(api, "segment", spy)
    assert gc.isenabled()
    audit_text("We may change these terms at any time.")
    assert seen == [False]
    assert gc.isenabled()

    def boom(doc):
        raise RuntimeError("stage failed")

    monkeypatch.setattr(api, "segment", boom)
    with pytest.raises(RuntimeError):
        audit_text("We may change these terms at any time.")
    assert gc.isenabled()  # back on after a failure too

    monkeypatch.setattr(api, "segment", spy)
    gc.disable()
    try:
        audit_text("We may change these terms at any time.")
        assert not gc.isenabled()  # a caller's choice to keep it off is left alone
    finally:
        gc.enable()
