"""HTML: self-contained, escaped, sortable index, chart, checklist, highlighted text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup

from tosaudit.formatters import FORMATTERS
from tosaudit.formatters.html_format import (
    MAX_BARS,
    highlight_segments,
    render_document,
    sentence_chart,
)


class _TextOf(HTMLParser):
    """The exact text inside the policy-text div (BeautifulSoup collapses whitespace-only
    strings between tags, a browser with white-space: pre-wrap does not)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False  # only the first document's text
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "div"
        elif tag == "div" and ("class", "policy-text") in attrs and not self.done:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def _policy_text(html: str) -> str:
    p = _TextOf()
    p.feed(html)
    return "".join(p.parts)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_policy_script_is_escaped_and_never_live(report):
    html = FORMATTERS["html"](report)
    assert '<script>alert("pwned")' not in html
    assert "&lt;script&gt;alert(" in html
    soup = _soup(html)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    scripts = soup.find_all("script")
    assert len(scripts) == 1  # ours, and only ours
    assert scripts[0]["nonce"] == nonce and "pwned" not in scripts[0].get_text()
    # Nothing in the page may carry an event handler attribute either.
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]


def test_self_contained(report):
    html = FORMATTERS["html"](report)
    soup = _soup(html)
    assert not soup.find_all("link")
    for tag in soup.find_all(src=True):
        assert not tag["src"].startswith(("http:", "https:", "//"))
    for tag in soup.find_all(href=True):
        assert tag["href"].startswith("#")
    assert "default-src 'none'" in html


def test_index_table_is_sortable_and_links_documents(report):
    soup = _soup(FORMATTERS["html"](report))
    table = soup.find("table", id="index")
    headers = [th.get_text(strip=True) for th in table.find_all("th", class_="sortable")]
    assert {"Grade", "Findings", "Reading ease"} <= set(headers)
    rows = table.tbody.find_all("tr")
    assert len(rows) == 3
    for tr, d in zip(rows, report.documents, strict=True):
        link = tr.find("a")["href"]
        assert soup.find(id=link[1:]) is not None
        assert tr.get_text().count(d.source) == 1
    grade_col = headers.index("Grade")
    assert (
        float(rows[0].find_all("td")[grade_col]["data-sort"]) == report.documents[0].grade["score"]
    )
    assert "error: the file is empty" in rows[2].get_text()


def test_document_text_is_complete_and_findings_are_highlighted(report):
    html = FORMATTERS["html"](report)
    soup = _soup(html)
    doc = report.documents[0]
    section = soup.find("section", id="doc1")
    text_div = section.find("div", class_="policy-text")
    assert _policy_text(html) == doc.text  # every character, in order, escaped not dropped
    marks = text_div.find_all("mark")
    spans = [f for f in doc.findings if f.start is not None]
    assert marks and len(spans) > 0
    referenced = {ref for m in marks for ref in m["data-f"].split()}
    for i, f in enumerate(doc.findings):
        item = section.find(id=f"doc1-f{i}")
        assert item is not None and f.message in item.get_text()
        if f.start is not None and f.end > f.start:
            assert f"doc1-f{i}" in referenced


def test_readability_against_targets_and_chart(report):
    html = FORMATTERS["html"](report, target_grade=8, target_reading_ease=60)
    section = _soup(html).find("section", id="doc1")
    rows = {
        tr.find("td").get_text(): tr
        for tr in section.find("table", class_="readability").tbody.find_all("tr")
    }
    assert "≥ 60" in rows["Flesch Reading Ease"].get_text()
    assert "≤ 8" in rows["Flesch-Kincaid grade"].get_text()
    svg = section.find("svg", class_="chart")
    assert len(svg.find_all("rect")) == len(report.documents[0].sentences)
    assert svg.find("line", class_="target") is not None


def test_highlight_segments_handles_overlaps():
    text = "abcdefghij"
    findings = [
        {"start": 1, "end": 5, "severity": "info", "rule": "A", "message": "a"},
        {"start": 3, "end": 8, "severity": "error", "rule": "B", "message": "b"},
        {"start": None, "end": None, "severity": "warning", "rule": "C", "message": "c"},
    ]
    segs = highlight_segments(text, findings)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["findings"]) for s in segs] == [
        ("a", []),
        ("bc", [0]),
        ("de", [0, 1]),
        ("fgh", [1]),
        ("ij", []),
    ]
    assert segs[2]["severity"] == "error"


def test_sentence_chart_buckets_long_documents():
    sentences = [{"flesch_kincaid_grade": float(i % 20)} for i in range(5000)]
    chart = sentence_chart(sentences, target_grade=8)
    assert len(chart["bars"]) <= MAX_BARS
    assert chart["sentences"] == 5000
    assert chart["over"] == sum(1 for i in range(5000) if i % 20 > 8)
    assert sentence_chart([], 8) is None


def test_disclosures_and_key_terms_are_rendered_escaped():
    rec = {
        "source": "x.txt",
        "error": None,
        "format": "txt",
        "kind": "terms",
        "grade": {"letter": "C", "score": 60.0, "parts": {"readability": 50.0}},
        "readability": {"flesch_reading_ease": 55.0, "flesch_kincaid_grade": 9.0},
        "text": "Email <b>us</b> at help@acme.com.",
        "sentences": [],
        "findings": [],
        "disclosures": {
            "contact": {
                "status": "partial",
                "channels": ["email"],
                "evidence": [{"start": 0, "end": 5}],
            },
            "cancellation": {"status": "missing", "evidence": []},
            "auto_renewal": {"present": False, "evidence": []},
            "effective_date": {"status": "present", "value": "1 May <2025>"},
        },
        "key_terms": {"summary": "You can <cancel> any time", "items": ["renews monthly"]},
    }
    html = render_document(rec)
    soup = _soup(html)
    box = soup.find("div", class_="key-terms")
    assert "You can <cancel> any time" in box.get_text() and box.find("cancel") is None
    rows = soup.find("table", class_="disclosures").find_all("tr")
    assert [r.find_all("td")[1].get_text() for r in rows] == [
        "partial",
        "missing",
        "absent",
        "present",
    ]
    assert "1 May <2025>" in rows[3].get_text()
    assert "channels: email" in rows[0].get_text()
    assert soup.find("b") is None  # the document's own markup stays text
    assert soup.find("table", id="index") is None  # one document: no index


def test_key_terms_items_are_a_list_with_markdown_to_paste():
    rec = {
        "source": "x.txt",
        "error": None,
        "findings": [],
        "readability": {},
        "grade": {},
        "key_terms": {
            "items": [
                {
                    "topic": "Renewal",
                    "text": "Your plan <renews> monthly.",
                    "start": 0,
                    "end": 5,
                    "rule": "CL210",
                }
            ],
            "markdown": "## Key terms\n\n- **Renewal:** Your plan renews monthly.\n",
        },
    }
    box = _soup(render_document(rec)).find("div", class_="key-terms")
    assert [li.get_text() for li in box.find_all("li")] == ["Renewal: Your plan <renews> monthly."]
    assert box.find("pre").get_text().startswith("## Key terms")
    assert "CL210" not in box.get_text()  # offsets and rule codes are not for the reader


def test_render_document_accepts_a_document_report(report):
    html = render_document(report.documents[0])
    assert html.startswith("<!DOCTYPE html>")
    assert _policy_text(html) == report.documents[0].text
