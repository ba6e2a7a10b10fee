"""Unfavourable-clause rules (patterns + trained model). Filled in by the clause-detection work."""

from __future__ import annotations

from tosaudit.rules.base import Rule

RULES: list[Rule] = []
