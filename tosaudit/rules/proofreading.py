"""Proofreading rules: placeholders, repeated words, brackets, definitions, cross-references."""

from __future__ import annotations

from tosaudit.rules.base import Rule

RULES: list[Rule] = []
