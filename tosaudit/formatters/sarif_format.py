"""SARIF 2.1.0 for code-scanning tools: each rule once, each finding a result with a region.

Regions use the finding's line and column, which for .txt and .md inputs are positions in the
real file (the document text is the file content), so code scanning can annotate policy files
in pull requests. Columns count Unicode code points (``columnKind: unicodeCodePoints``), as
Python offsets do. Other formats (PDF, DOCX, HTML) are extracted text: their findings are
anchored on line 1 of the file and carry the position in the extracted text under
``properties``. Results are written as they stream; ``tool`` (with every rule seen, once) and
the invocation close the run in ``finish``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tosaudit.formatters.common import Writer, render_records
from tosaudit.models import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/tosaudit/"
EXACT_FORMATS = ("txt", "md")


def artifact_uri(source: str, base: Path | None = None) -> str:
    """A relative URI (forward slashes, percent-encoded) when the file is under ``base``
    (the repository root for code scanning), else an absolute ``file:`` URI."""
    p = Path(source)
    base = (base or Path.cwd()).resolve()
    try:
        rel = p.resolve().relative_to(base)
        return quote(rel.as_posix())
    except ValueError:
        return p.resolve().as_uri()
    except OSError:  # pragma: no cover - unresolvable path
        return quote(p.as_posix())


def sarif_rule(desc: dict[str, Any]) -> dict[str, Any]:
    """A ``reportingDescriptor`` from a rule's ``describe()`` record."""
    short = desc.get("description") or desc.get("name") or desc["code"]
    full = desc.get("documentation") or short
    # SARIF tags must be unique; a rule's category is often one of its groups too.
    tags = list(dict.fromkeys([*desc.get("groups", ()), *filter(None, [desc.get("category")])]))
    rule: dict[str, Any] = {
        "id": desc["code"],
        "name": desc.get("name") or desc["code"],
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {
            "text": full
            + (
                f"\n\nWhy it matters: {desc['why_it_matters']}"
                if desc.get("why_it_matters")
                else ""
            )
        },
        "defaultConfiguration": {"level": LEVEL.get(desc.get("severity", "warning"), "warning")},
        "properties": {"tags": tags, "scope": desc.get("scope")},
    }
    if desc.get("category"):
        rule["properties"]["category"] = desc["category"]
    return rule


def _fingerprint(source_uri: str, f: dict[str, Any], seen: dict[str, int]) -> str:
    # Rule + normalised excerpt (+ occurrence number) survives edits elsewhere in the file,
    # so code scanning keeps tracking the same finding across commits.
    key = f"{source_uri}\x00{f['rule']}\x00{' '.join((f.get('excerpt') or f['message']).split())}"
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}\x00{seen[key]}".encode()).hexdigest()[:32]


class SarifWriter(Writer):
    """One SARIF log with one run; options: ``rules`` (describe records), ``base_dir``."""

    name = "sarif"
    extension = "sarif"

    def start(self) -> None:
        self.rules = [sarif_rule(d) for d in self.options.get("rules") or ()]
        self.rule_index = {r["id"]: i for i, r in enumerate(self.rules)}
        base = self.options.get("base_dir")
        self.base = Path(base) if base else None
        self.notifications: list[dict[str, Any]] = []
        self.out.write('{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n')
        self.out.write('  "runs": [\n    {\n      "columnKind": "unicodeCodePoints",\n')
        self.out.write('      "results": [')
        self._first = True

    def _rule_index(self, f: dict[str, Any]) -> int:
        # A rule missing from the registry's list still gets one descriptor (built from its
        # finding), so every result has a ruleIndex; `tool` is written last for this reason.
        code = f["rule"]
        if code not in self.rule_index:
            self.rule_index[code] = len(self.rules)
            self.rules.append(
                sarif_rule(
                    {
                        "code": code,
                        "name": f.get("name"),
                        "description": f.get("explanation"),
                        "severity": f.get("severity"),
                        "category": f.get("category"),
                        "why_it_matters": f.get("why_it_matters"),
                    }
                )
            )
        return self.rule_index[code]

    def _result(self, uri: str, fmt: str | None, f: dict[str, Any], seen: dict) -> dict:
        region: dict[str, Any]
        exact = fmt in EXACT_FORMATS and f.get("line") and f.get("end_line")
        if exact:
            region = {
                "startLine": f["line"],
                "startColumn": f["column"],
                "endLine": f["end_line"],
                "endColumn": f["end_column"],
            }
            if f.get("excerpt"):
                region["snippet"] = {"text": f["excerpt"]}
        else:
            region = {"startLine": 1}  # document scope, or a position in extracted text
        message = f["message"]
        if f.get("suggestion"):
            message += f" Suggestion: {f['suggestion']}"
        props: dict[str, Any] = {
            k: f[k]
            for k in ("category", "section", "page", "confidence", "source", "name")
            if f.get(k) is not None
        }
        if not exact and f.get("line"):
            props["text_position"] = {
                "line": f["line"],
                "column": f["column"],
                "start": f.get("start"),
                "end": f.get("end"),
            }
        res: dict[str, Any] = {
            "ruleId": f["rule"],
            "level": LEVEL[f["severity"]],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {"tosaudit/v1": _fingerprint(uri, f, seen)},
            "properties": props,
            "ruleIndex": self._rule_index(f),
        }
        return res

    def add(self, d: dict[str, Any]) -> None:
        uri = artifact_uri(d["source"], self.base)
        if d.get("error"):
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{d['source']}: error: {d['error']}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            return
        seen: dict[str, int] = {}
        for f in d.get("findings", ()):
            body = json.dumps(self._result(uri, d.get("format"), f, seen), ensure_ascii=False)
            self.out.write(("\n        " if self._first else ",\n        ") + body)
            self._first = False

    def finish(self, summary: dict[str, Any]) -> None:
        invocation = {
            "executionSuccessful": not self.notifications,
            "toolExecutionNotifications": self.notifications,
        }
        self.out.write(("" if self._first else "\n      ") + "],\n")
        self.out.write('      "invocations": [' + json.dumps(invocation, ensure_ascii=False))
        self.out.write("],\n")
        tool = {
            "driver": {
                "name": "tosaudit",
                "version": self.version,
                "semanticVersion": self.version,
                "informationUri": INFORMATION_URI,
                "rules": self.rules,
            }
        }
        self.out.write('      "tool": ' + json.dumps(tool, ensure_ascii=False) + ",\n")
        self.out.write('      "properties": {"summary": ' + json.dumps(summary) + "}\n")
        self.out.write("    }\n  ]\n}\n")


def render(report: Report, **options: Any) -> str:
    records = [d.to_record() for d in report.documents]
    return render_records(SarifWriter, records, version=report.tosaudit_version, **options)
