"""What every output format shares: the writer interface, the batch summary, a spool file.

A format is a ``Writer``: ``start()``, then ``add(record)`` once per document record (the dict of
``DocumentReport.to_record``) as each document finishes, then ``finish(summary)``. Writers only
see records, never live objects, so every format is a pure function of the report's records and
a batch streams through them without being held in memory.
"""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from typing import Any, ClassVar, TextIO

from tosaudit import __version__


class Summary:
    """Counts over a batch: documents, failures, grades, findings by category and severity."""

    def __init__(self) -> None:
        self.documents = 0
        self.failed = 0
        self.grades: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.words = 0

    def add(self, rec: dict[str, Any]) -> None:
        self.documents += 1
        if rec.get("error"):
            self.failed += 1
            return
        grade = (rec.get("grade") or {}).get("letter")
        if grade:
            self.grades[grade] += 1
        self.words += int((rec.get("readability") or {}).get("words", 0))
        for f in rec.get("findings", ()):
            self.categories[f.get("category") or "(readability and style)"] += 1
            self.severities[f["severity"]] += 1
            self.rules[f["rule"]] += 1

    def to_record(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "words": self.words,
            "grades": dict(sorted(self.grades.items())),
            "findings": sum(self.severities.values()),
            "findings_by_severity": {
                s: self.severities[s] for s in ("error", "warning", "info") if self.severities[s]
            },
            "findings_by_category": dict(self.categories.most_common()),
        }

    def lines(self) -> list[str]:
        """The end-of-run summary a person reads on the terminal."""
        rec = self.to_record()
        out = [
            f"{rec['documents']} document(s) audited, {rec['failed']} could not be read; "
            f"{rec['findings']} finding(s)"
            + (
                " (" + ", ".join(f"{n} {s}" for s, n in rec["findings_by_severity"].items()) + ")"
                if rec["findings_by_severity"]
                else ""
            )
        ]
        if rec["grades"]:
            out.append("grades: " + ", ".join(f"{g} {n}" for g, n in rec["grades"].items()))
        if rec["findings_by_category"]:
            out.append(
                "findings by category: "
                + ", ".join(f"{c} {n}" for c, n in rec["findings_by_category"].items())
            )
        return out


class Writer:
    """Base class of the streaming formats; subclasses override the three steps."""

    name: ClassVar[str] = ""
    extension: ClassVar[str] = "txt"
    needs_text: ClassVar[bool] = False  # the format prints the document text itself
    needs_sentences: ClassVar[bool] = False  # the format uses per-sentence scores

    def __init__(self, out: TextIO, **options: Any) -> None:
        self.out = out
        self.options = options
        self.version: str = options.get("version") or __version__

    def start(self) -> None:
        """Write whatever comes before the first document."""

    # Whether ``encode`` gives this format's text for one record (then a batch worker can
    # build it and the parent only writes it in order, with ``add_encoded``).
    encodes: ClassVar[bool] = False

    def add(self, rec: dict[str, Any]) -> None:
        """Write (or spool) one document record."""
        raise NotImplementedError

    def encode(self, rec: dict[str, Any]) -> str:
        """This format's text for one record, depending on nothing but it and the options."""
        raise NotImplementedError

    def add_encoded(self, text: str) -> None:
        """Write one document's text made by ``encode`` (possibly in another process)."""
        raise NotImplementedError

    def finish(self, summary: dict[str, Any]) -> None:
        """Write whatever comes after the last document."""


def spool() -> tempfile.SpooledTemporaryFile:
    """A text buffer that moves to disk past 8 MB: per-document parts of formats that must
    print an index first (html, markdown) wait here instead of in memory."""
    return tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8")


def copy_spool(buf: Any, out: TextIO) -> None:
    buf.seek(0)
    while chunk := buf.read(1 << 20):
        out.write(chunk)
    buf.close()


def render_records(writer_cls: type[Writer], records: list[dict[str, Any]], **options: Any) -> str:
    """Run a writer over records held in memory and return its output."""
    out = io.StringIO()
    w = writer_cls(out, **options)
    w.start()
    summary = Summary()
    for rec in records:
        summary.add(rec)
        w.add(rec)
    w.finish(summary.to_record())
    return out.getvalue()


def repeats_suggestion_above(findings: list[dict[str, Any]]) -> list[bool]:
    """For each finding: does its suggestion repeat the one of the finding just before it?

    A hard sentence that is also very long (RD101 and RD102) gets one rewrite; a report that
    prints it twice in a row is only longer. Formats print "the same as above" instead.
    """
    flags: list[bool] = []
    last: tuple[Any, Any, str] | None = None
    for f in findings:
        suggestion = f.get("suggestion")
        key = (f.get("start"), f.get("end"), suggestion) if suggestion else None
        flags.append(key is not None and key == last)
        last = key
    return flags
