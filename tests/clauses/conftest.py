"""Helpers for clause tests: build an audit context without running the whole pipe."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tosaudit import readability
from tosaudit.config import Config
from tosaudit.models import Document
from tosaudit.rules.base import AuditContext
from tosaudit.segment import segment


def build_ctx(doc: Document | str, config: Config | None = None) -> AuditContext:
    """An AuditContext for a Document (or plain text) as the pipe builds it."""
    if isinstance(doc, str):
        doc = Document(text=doc, source="<test>", format="txt")
    seg = segment(doc)
    prose = [s for s in seg.sentences if s.kind == "sentence"]
    read = readability.analyse(
        [doc.text[s.start : s.end] for s in prose], [s.section for s in prose], len(seg.sections)
    )
    return AuditContext(doc, seg, read, config or Config())


@pytest.fixture
def make_ctx() -> Callable[..., AuditContext]:
    return build_ctx


@pytest.fixture
def mixed_sentences() -> list[str]:
    """Five sentences: three clauses of different categories, a fair one, a plain one."""
    return [
        "We may terminate your account at any time without notice.",
        "Any dispute will be settled by binding arbitration in Delaware.",
        "You can cancel your plan online at any time.",
        "We may change these terms at our sole discretion.",
        "Prices include VAT.",
    ]
