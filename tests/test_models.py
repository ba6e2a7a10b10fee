"""Records of the report model: Finding.to_record matches dataclasses.asdict exactly."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from tosaudit.api import audit_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_finding_record_is_asdict_in_order_and_unaliased():
    report = audit_file(SAMPLES / "hidden-autorenewal.pdf")
    assert report.findings
    for f in report.findings:
        expected = dataclasses.asdict(f)
        if not expected["extra"]:
            expected.pop("extra")
        got = f.to_record()
        assert json.dumps(got) == json.dumps(expected)  # same keys, order and values
        if f.buried:
            assert got["buried"] is not f.buried
            assert got["buried"]["reasons"] is not f.buried["reasons"]
    assert any(f.buried for f in report.findings)
