"""The checks: an explicit registry of every rule, code first."""

from __future__ import annotations

from collections.abc import Iterable

from tosaudit.config import Config
from tosaudit.models import SEVERITY_RANK, Finding
from tosaudit.rules.base import AuditContext, Rule
from tosaudit.rules.data import load_rules, shipped_rules


def _python_rules() -> list[Rule]:
    # Explicit imports, no import-time discovery: each module lists its rules in RULES.
    from tosaudit.rules import clauses, proofreading, readability_rules

    return [*readability_rules.RULES, *clauses.RULES, *proofreading.RULES]


_REGISTRY: dict[str, Rule] | None = None


def registry() -> dict[str, Rule]:
    """Every built-in rule by code (Python rules and shipped data rules)."""
    global _REGISTRY
    if _REGISTRY is None:
        reg: dict[str, Rule] = {}
        for rule in [*_python_rules(), *shipped_rules()]:
            if rule.code in reg:
                raise RuntimeError(f"duplicate rule code {rule.code}")
            reg[rule.code] = rule
        _REGISTRY = reg
    return _REGISTRY


def describe_all() -> list[dict]:
    """Metadata of every rule, including document-level checks registered elsewhere."""
    from tosaudit import disclosures
    from tosaudit.rewrite.rules import RULES as plain_rules

    rules = list(registry().values()) + list(disclosures.RULES) + list(plain_rules)
    return sorted((r.describe() for r in rules), key=lambda d: d["code"])


def enabled_rules(config: Config) -> list[Rule]:
    """Built-in rules the config enables, plus the config's own pattern rules."""
    rules = [r for r in registry().values() if config.rule_enabled(r.code, r.groups)]
    if config.patterns:
        rules += load_rules(config.patterns, "config patterns")
    return rules


def run_rules(ctx: AuditContext, rules: Iterable[Rule]) -> list[Finding]:
    """Run rules in order; every finding they yield, unsorted."""
    out: list[Finding] = []
    for rule in rules:
        out.extend(rule.check(ctx))
    return out


def sort_key(f: Finding) -> tuple:
    return (f.start if f.start is not None else -1, -SEVERITY_RANK[f.severity], f.rule)
