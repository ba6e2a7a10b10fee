"""json, jsonl, csv and text: structure, schema, streaming and safety."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema

from tosaudit.formatters import FORMATTERS, WRITERS
from tosaudit.formatters.common import Summary, render_records, repeats_suggestion_above


def test_json_matches_the_documented_schema(report, report_schema):
    data = json.loads(FORMATTERS["json"](report, include_text=True))
    jsonschema.validate(data, report_schema)
    docs = data["documents"]
    assert [d["source"] for d in docs] == [d.source for d in report.documents]
    assert docs[2]["error"] == "the file is empty"
    assert data["summary"]["documents"] == 3 and data["summary"]["failed"] == 1
    for d in docs[:2]:
        for f in d["findings"]:
            if f["start"] is not None:
                assert d["text"][f["start"] : f["end"]] == f["excerpt"]


def test_json_leaves_text_out_unless_asked(report):
    data = json.loads(FORMATTERS["json"](report))
    assert all("text" not in d for d in data["documents"])


def test_json_of_an_empty_batch_is_valid(report_schema):
    from tosaudit.models import Report

    data = json.loads(FORMATTERS["json"](Report("0.1.0")))
    jsonschema.validate(data, report_schema)
    assert data["documents"] == [] and data["summary"]["documents"] == 0


class _Recorder(io.StringIO):
    """Counts what had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed_at: list[int] = []

    def flush(self) -> None:
        self.flushed_at.append(self.getvalue().count("\n"))


def test_jsonl_writes_and_flushes_one_line_per_document(report, report_schema):
    out = _Recorder()
    w = WRITERS["jsonl"](out, version="9.9")
    w.start()
    for d in report.documents:
        w.add(d.to_record())
    w.finish(Summary().to_record())
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert out.flushed_at == [1, 2, 3]  # each document is out before the next one is audited
    doc_schema = {**report_schema["$defs"]["document"], "$defs": report_schema["$defs"]}
    for line, d in zip(lines, report.documents, strict=True):
        rec = json.loads(line)
        jsonschema.validate(rec, doc_schema)
        assert rec["source"] == d.source and rec["tosaudit_version"] == "9.9"


def test_csv_one_row_per_finding_and_per_failed_document(report):
    rows = list(csv.DictReader(io.StringIO(FORMATTERS["csv"](report))))
    n_findings = sum(len(d.findings) for d in report.documents)
    assert len(rows) == n_findings + 1
    assert rows[-1]["document"].endswith("empty.txt") and rows[-1]["error"] == "the file is empty"
    first = report.documents[0].findings
    spans = [f for f in first if f.start is not None]
    row = next(r for r in rows if r["rule"] == spans[0].rule and r["start"] == str(spans[0].start))
    assert row["line"] == str(spans[0].line) and row["column"] == str(spans[0].column)
    assert row["severity"] == spans[0].severity and row["category"] == (spans[0].category or "")
    for col in (
        "document",
        "rule",
        "category",
        "severity",
        "line",
        "column",
        "page",
        "excerpt",
        "suggestion",
    ):
        assert col in rows[0]


def test_csv_neutralises_formula_cells():
    from tosaudit.formatters.csv_format import CsvWriter

    out = io.StringIO()
    w = CsvWriter(out)
    w.start()
    w.add(
        {
            "source": "a.txt",
            "error": None,
            "findings": [
                {
                    "rule": "X1",
                    "name": "x",
                    "category": None,
                    "severity": "info",
                    "message": "m",
                    "start": 0,
                    "end": 5,
                    "line": 1,
                    "column": 1,
                    "page": None,
                    "section": "+cmd",
                    "excerpt": '=HYPERLINK("http://evil")',
                    "explanation": "",
                    "suggestion": "@SUM(1)",
                    "confidence": None,
                    "source": "pattern",
                }
            ],
        }
    )
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["excerpt"] == '\'=HYPERLINK("http://evil")'
    assert row["suggestion"] == "'@SUM(1)" and row["section"] == "'+cmd"
    assert row["message"] == "m"


def test_text_lists_findings_with_positions(report):
    out = FORMATTERS["text"](report)
    d = report.documents[0]
    f = next(f for f in d.findings if f.line)
    assert f"{d.source}:{f.line}:{f.column}: {f.severity}: {f.rule} {f.message}" in out
    assert f"{report.documents[2].source}: error: the file is empty" in out


def test_summary_counts(report):
    s = Summary()
    for d in report.documents:
        s.add(d.to_record())
    rec = s.to_record()
    assert rec["documents"] == 3 and rec["failed"] == 1
    assert sum(rec["grades"].values()) == 2
    assert rec["findings"] == sum(len(d.findings) for d in report.documents)
    assert sum(rec["findings_by_category"].values()) == rec["findings"]
    assert "auto_renewal" in rec["findings_by_category"]
    assert s.lines()[0].startswith("3 document(s) audited, 1 could not be read")


def test_every_format_stays_fast_on_a_5mb_sentence():
    import time

    from tosaudit.formatters.common import render_records

    text = "word " * (1024 * 1024)  # 5 MB, no punctuation
    f = {
        "rule": "RD102",
        "name": "very-long-sentence",
        "category": None,
        "severity": "warning",
        "message": "Very long sentence.",
        "explanation": "e",
        "source": "readability",
        "start": 0,
        "end": len(text),
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": len(text) + 1,
        "page": None,
        "section": None,
        "excerpt": text,
        "suggestion": None,
        "confidence": None,
    }
    rec = {
        "source": "big.txt",
        "error": None,
        "format": "txt",
        "text": text,
        "findings": [f],
        "readability": {"words": 1024 * 1024},
        "grade": {"letter": "E", "score": 1.0},
        "sentences": [{"flesch_kincaid_grade": 400000.0}],
    }
    for name, writer in WRITERS.items():
        start = time.perf_counter()
        out = render_records(writer, [rec], rules=[])
        assert time.perf_counter() - start < 5, name
        assert out


def test_text_prints_a_hard_wrapped_suggestion_on_one_line():
    from tosaudit.api import audit_text
    from tosaudit.models import Report

    text = (
        "12.4 The Club may terminate this Agreement and all memberships issued under it at any\n"
        "time, for any reason or no reason, without refund of any prepaid membership fees.\n"
    )
    rep = audit_text(text, source="gym.txt")
    wrapped = [f for f in rep.findings if f.suggestion and "\n" in f.suggestion]
    assert wrapped  # the rewrite keeps the line break of the text it replaces
    out = FORMATTERS["text"](Report(tosaudit_version="0", documents=[rep]))
    lines = [ln for ln in out.splitlines() if ln.startswith("      suggestion: ")]
    assert len(lines) == len([f for f in rep.findings if f.suggestion])
    assert " ".join(wrapped[0].suggestion.split()) in out


def test_text_keeps_list_items_of_a_suggestion_on_their_own_lines():
    from tosaudit.formatters.text_format import _suggestion_lines

    rewrite = (
        "By booking, you agree to get:\n(i) an email before you\narrive,\n"
        "(ii) an email after you leave.\n\n- a receipt\n\u2022 a survey"
    )
    assert _suggestion_lines(rewrite) == [
        "By booking, you agree to get:",
        "(i) an email before you arrive,",
        "(ii) an email after you leave.",
        "- a receipt",
        "\u2022 a survey",
    ]
    # Wrapped prose whose next line merely starts with a word is joined.
    assert _suggestion_lines("We may end this\nagreement at any\ntime.") == [
        "We may end this agreement at any time."
    ]
    assert _suggestion_lines("") == []


def test_text_list_suggestion_lines_are_indented_under_it():
    rec = {
        "source": "x.txt",
        "readability": {},
        "grade": {},
        "findings": [
            {
                "rule": "RD101",
                "severity": "warning",
                "message": "Hard sentence",
                "line": 1,
                "column": 1,
                "suggestion": "You agree to get:\n(a) one email\n(b) two emails",
            }
        ],
    }
    out = render_records(WRITERS["text"], [rec], rules=[])
    assert (
        "      suggestion: You agree to get:\n        (a) one email\n        (b) two emails\n"
        in out
    )


def _repeated_suggestion_record() -> dict:
    def finding(rule: str, suggestion: str | None, start: int = 0) -> dict:
        return {
            "rule": rule,
            "name": rule,
            "severity": "warning",
            "message": "m",
            "explanation": "e",
            "line": 1,
            "column": 1,
            "start": start,
            "end": 40,
            "suggestion": suggestion,
        }

    return {
        "source": "x.txt",
        "readability": {},
        "grade": {},
        "findings": [
            finding("RD101", "We may end it."),
            finding("RD102", "We may end it."),
            finding("CL207", None),
            finding("PL501", "We may end it."),
            finding("PL502", "We may end it.", start=5),
        ],
    }


# The second of two findings on one span with one suggestion (RD101 and RD102) points up; a
# finding without a suggestion in between, or another span, prints it again.
_EXPECTED_SUGGESTIONS = ["We may end it.", "the same as above", "We may end it.", "We may end it."]


def test_repeated_suggestion_flags():
    rec = _repeated_suggestion_record()
    assert repeats_suggestion_above(rec["findings"]) == [False, True, False, False, False]
    assert repeats_suggestion_above([]) == []


def test_text_prints_a_repeated_suggestion_once():
    out = render_records(WRITERS["text"], [_repeated_suggestion_record()], rules=[])
    lines = [ln.strip() for ln in out.splitlines() if "suggestion:" in ln]
    assert lines == [f"suggestion: {s}" for s in _EXPECTED_SUGGESTIONS]


def test_markdown_prints_a_repeated_suggestion_once():
    out = render_records(WRITERS["markdown"], [_repeated_suggestion_record()])
    lines = [ln.strip() for ln in out.splitlines() if "Suggestion:" in ln]
    assert lines == [f"- Suggestion: {s}" for s in _EXPECTED_SUGGESTIONS]


def test_html_prints_a_repeated_suggestion_once():
    out = render_records(WRITERS["html"], [_repeated_suggestion_record()])
    found = re.findall(r"<strong>Suggestion:</strong> (.*?)</div>", out)
    assert found[0] == "We may end it."
    assert re.fullmatch(r'<a href="#doc\d+-f0">the same as above</a>', found[1])
    assert found[2:] == _EXPECTED_SUGGESTIONS[2:]
