"""Rules written as data (YAML): existence, substitution, occurrence and presence checks.

A data file holds ``provenance`` (where its word lists and thresholds come from) and ``rules``.
Legal and plain-language editors can review and extend these files without Python; teams add
their own through ``patterns`` in the config. Patterns are compiled once and run per sentence;
they must be plain alternations and literals (no nested quantifiers) so they stay linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule

KINDS = ("existence", "substitution", "occurrence", "presence")
_REQUIRED = ("code", "name", "kind", "message")


class RuleDataError(ValueError):
    """A rule data file (shipped or from the config) is malformed; the message says where."""


def _word_pattern(phrase: str) -> str:
    """A literal phrase matched on word boundaries, any run of spaces between words."""
    parts = [re.escape(p) for p in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


class DataRule(Rule):
    """A rule defined by a data record; its ``doc`` is the record's ``description``."""

    def __init__(self, spec: Mapping[str, Any], origin: str = "data") -> None:
        missing = [k for k in _REQUIRED if k not in spec]
        if missing:
            raise RuleDataError(
                f"{origin}: rule {spec.get('code', '?')} lacks {', '.join(missing)}"
            )
        if spec["kind"] not in KINDS:
            raise RuleDataError(f"{origin}: rule {spec['code']}: unknown kind '{spec['kind']}'")
        self.spec = dict(spec)
        self.code = spec["code"]
        self.name = spec["name"]
        self.kind = spec["kind"]
        self.groups = tuple(spec.get("groups", ()))
        self.severity = spec.get("severity", "info")
        self.scope = spec.get("scope", "document" if self.kind == "presence" else "sentence")
        self.category = spec.get("category")
        self.source = spec.get("source", "pattern")
        self.explanation = spec.get("explanation", spec.get("description", ""))
        self.why_it_matters = spec.get("why_it_matters", "")
        self.message = spec["message"]
        self.description = spec.get("description", self.explanation)
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        try:
            if self.kind == "substitution":
                swap: dict[str, str] = dict(spec.get("swap", {}))
                if not swap:
                    raise RuleDataError(f"{origin}: rule {self.code}: empty swap table")
                self.swap = {k.lower(): v for k, v in swap.items()}
                # Longest first so "in the event that" wins over "in the event".
                alts = sorted(swap, key=len, reverse=True)
                self.regex = re.compile("|".join(_word_pattern(a) for a in alts), flags)
            elif self.kind in ("existence", "presence"):
                tokens = list(spec.get("tokens", ()))
                raw = list(spec.get("patterns", ()))
                if not tokens and not raw:
                    raise RuleDataError(f"{origin}: rule {self.code}: no tokens or patterns")
                self.regex = re.compile(
                    "|".join([_word_pattern(t) for t in tokens] + [f"(?:{p})" for p in raw]), flags
                )
            else:
                self.max_words = int(spec["max"])
        except re.error as exc:
            raise RuleDataError(f"{origin}: rule {self.code}: bad pattern ({exc})") from None
        except KeyError as exc:
            raise RuleDataError(f"{origin}: rule {self.code}: missing {exc}") from None

    @property
    def doc(self) -> str:
        return self.description

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        if self.kind == "presence":
            if not self.regex.search(text):
                yield ctx.finding(self, None, None, self.message)
            return
        if self.kind == "occurrence":
            counts = ctx.readability.sentence_counts
            for k, (_, s) in enumerate(ctx.prose_sentences):
                if counts[k].words > self.max_words:
                    yield ctx.finding(
                        self,
                        s.start,
                        s.end,
                        self.message.format(words=counts[k].words, max=self.max_words),
                    )
            return
        for _, s in ctx.prose_sentences:
            for m in self.regex.finditer(text, s.start, s.end):
                found = m.group(0)
                if self.kind == "substitution":
                    plain = self.swap.get(" ".join(found.lower().split()), "")
                    yield ctx.finding(
                        self,
                        m.start(),
                        m.end(),
                        self.message.format(match=found, replacement=plain),
                        suggestion=plain or None,
                    )
                else:
                    yield ctx.finding(self, m.start(), m.end(), self.message.format(match=found))


def load_rules(records: Iterable[Mapping[str, Any]], origin: str) -> list[DataRule]:
    return [DataRule(r, origin) for r in records]


@cache
def shipped_rules() -> tuple[DataRule, ...]:
    """Every data rule in the package's ``rules/data/*.yaml`` files (parsed once)."""
    out: list[DataRule] = []
    folder = resources.files("tosaudit.rules") / "data"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml") and item.name.startswith("rules_"):
            data = yaml.safe_load(item.read_text(encoding="utf-8")) or {}
            out += load_rules(data.get("rules", []), item.name)
    return tuple(out)
