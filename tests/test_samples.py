"""Every sample audits cleanly, keeps the offsets invariant, and shows its deliberate problem."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tosaudit.api import audit_file
from tosaudit.ingest import SUFFIXES, ingest_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = sorted(
    p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in SUFFIXES and p.name != "README.md"
)


def _builder():
    spec = importlib.util.spec_from_file_location("samples_build", SAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_output_of_build_is_committed():
    build = _builder()
    expected = {f"{name}.{fmt}" for name, fmts in build.OUTPUTS.items() for fmt in fmts}
    assert expected == {p.name for p in FILES}
    assert len({p.suffix for p in FILES}) == 5  # txt, md, html, docx, pdf


def test_committed_samples_match_their_sources(tmp_path):
    """A source edited without rebuilding (or a hand-edited output) fails here."""
    build = _builder()
    for path in build.build(out_dir=tmp_path):
        committed = SAMPLES / path.name
        if path.suffix in (".pdf", ".docx"):
            # Bytes depend on the fpdf2/python-docx version; the extracted text must not.
            assert ingest_file(path).text == ingest_file(committed).text, path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sample_audits_and_offsets_hold(path):
    rep = audit_file(path)
    assert rep.error is None
    assert rep.readability["words"] > 150
    text = rep.text
    for f in rep.findings:
        if f.start is not None:
            assert 0 <= f.start <= f.end <= len(text)
            assert text[f.start : f.end] == f.excerpt, (f.rule, f.start)
    for sec in rep.sections:
        first_line = text[sec["start"] : sec["end"]].split("\n", 1)[0]
        assert sec["heading"] in first_line


def test_same_policy_same_text_across_structured_formats():
    texts = {p.suffix: ingest_file(p).text for p in FILES if p.stem == "plain-terms"}
    assert texts[".html"] == texts[".docx"]
    # The PDF's core font has no bullet character; the build draws "- " instead.
    assert texts[".pdf"] == texts[".docx"].replace("\u2022 ", "- ")


def test_hidden_autorenewal_is_small_print_on_the_last_page():
    doc = ingest_file(SAMPLES / "hidden-autorenewal.pdf")
    pages = doc.metadata["pages"]
    assert pages >= 3
    start = doc.text.index("YOUR SUBSCRIPTION WILL AUTOMATICALLY RENEW")
    end = doc.text.index("do not use the Services.", start)
    assert doc.page_at(start) == pages
    spans = [s for s in doc.layout if s.start < end and s.end > start]
    assert spans and all(s.font_size == 7.0 and s.page == pages for s in spans)
    body = doc.metadata["body_font_size"]
    assert body == 11.0
    # The finding positions the audit reports for it carry the last page too.
    rep = audit_file(SAMPLES / "hidden-autorenewal.pdf")
    inside = [f for f in rep.findings if f.start is not None and start <= f.start < end]
    assert all(f.page == pages for f in inside)


def test_hidden_autorenewal_has_contact_details():
    text = ingest_file(SAMPLES / "hidden-autorenewal.pdf").text
    assert "support@streamline.example" in text and "+1 302 555 0147" in text


def test_placeholder_sample_keeps_its_placeholders():
    for name in ("template-placeholders.docx", "template-placeholders.txt"):
        text = ingest_file(SAMPLES / name).text
        assert "[INSERT COMPANY NAME]" in text and "{{DATE}}" in text


def test_no_contact_sample_has_no_contact_channel():
    text = ingest_file(SAMPLES / "no-contact-privacy.html").text
    assert "@" not in text and "http" not in text
    assert re.search(r"\d[\d ()-]{6,}\d", text) is None  # nothing that looks like a phone number


@pytest.mark.slow
def test_throughput_benchmark_runs_on_the_samples(capsys):
    spec = importlib.util.spec_from_file_location(
        "throughput", SAMPLES.parent / "benchmarks" / "throughput.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(SAMPLES), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert f"files: {len(FILES)} " in out
    assert re.search(r"ratio full audit / textstat: \d+\.\d\dx", out)
    assert module.main([str(SAMPLES / "sources")]) == 2  # no policy files there
