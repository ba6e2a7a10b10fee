"""Markdown for PR comments: a table, escaped text, details per document."""

from __future__ import annotations

from tosaudit.formatters import FORMATTERS
from tosaudit.formatters.common import render_records
from tosaudit.formatters.markdown_format import MAX_FINDINGS, MarkdownWriter, md_escape


def test_summary_table_and_details(report):
    md = FORMATTERS["markdown"](report)
    lines = md.splitlines()
    header = lines.index("| Document | Grade | Reading ease | Grade level | Findings | Error |")
    rows = lines[header + 2 : header + 5]
    assert len(rows) == 3 and all(r.startswith("| ") for r in rows)
    assert "the file is empty" in rows[2]
    assert md.count("<details>") == sum(1 for d in report.documents if d.findings)


def test_policy_markup_is_escaped():
    finding = {
        "rule": "X",
        "name": "x",
        "severity": "warning",
        "line": 1,
        "message": "Bad <img src=x onerror=alert(1)>",
        "excerpt": 'Click <script>alert("pwned")</script> | now',
        "suggestion": "Use [this](http://evil)",
    }
    rec = {
        "source": "<b>a</b>.txt",
        "error": None,
        "findings": [finding],
        "grade": {},
        "readability": {},
    }
    md = render_records(MarkdownWriter, [rec])
    assert "<script>" not in md and "<img" not in md and "<b>a</b>" not in md
    assert '&lt;script&gt;alert\\("pwned"\\)&lt;/script&gt; \\| now' in md
    assert "\\[this\\]\\(http://evil\\)" in md


def test_md_escape():
    assert md_escape("a|b *c* [x](y) <i>") == r"a\|b \*c\* \[x\]\(y\) &lt;i&gt;"
    assert md_escape("line\nbreak") == "line break"


def test_long_finding_lists_are_cut():
    findings = [
        {"rule": "X", "name": "x", "severity": "info", "message": f"m{i}", "line": i + 1}
        for i in range(MAX_FINDINGS + 7)
    ]
    rec = {"source": "a.txt", "error": None, "findings": findings, "grade": {}, "readability": {}}
    md = render_records(MarkdownWriter, [rec])
    assert "… and 7 more" in md
    assert f"m{MAX_FINDINGS - 1}" in md and f"m{MAX_FINDINGS}:" not in md
