"""A small audited batch shared by the format tests: two policies (one with HTML in its text,
one in Markdown) and one file that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tosaudit.api import audit_file
from tosaudit.models import Report

POLICY = (
    "Terms of Service\n\n1. Subscription\n\n"
    "Your subscription renews automatically each month until you cancel. We may change these "
    'terms at any time without notice. <script>alert("pwned")</script> Ünïcode “quotes” here.\n\n'
    "2. Disputes\n\nAny dispute shall be resolved by binding arbitration. Notwithstanding "
    "anything to the contrary herein contained, the Company shall not, under any circumstances "
    "whatsoever, be liable to the Licensee for consequential damages.\n\n"
    '=HYPERLINK("http://evil") is how a formula starts.\n\nContact: help@acme.com\n'
)
PLAIN = "# Refunds\n\nYou can get your money back within 30 days. Email help@acme.com.\n"


@pytest.fixture
def batch_files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "terms.txt"
    a.write_text(POLICY, encoding="utf-8")
    b = tmp_path / "refunds.md"
    b.write_text(PLAIN, encoding="utf-8")
    c = tmp_path / "empty.txt"
    c.write_text("")
    return [a, b, c]


@pytest.fixture
def report(batch_files: list[Path]) -> Report:
    return Report("0.1.0", [audit_file(p) for p in batch_files])


@pytest.fixture
def report_schema(fixtures_dir: Path) -> dict:
    return json.loads((fixtures_dir / "report.schema.json").read_text())
