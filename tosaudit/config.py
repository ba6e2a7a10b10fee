"""One Config object: thresholds, targets and enabled rules.

Read from ``[tool.tosaudit]`` in pyproject.toml, a ``.tosaudit.toml`` found by walking up from the
audited path, or an explicit file. Unknown keys are an error that names the key, because a typo in
a CI gate must not silently turn a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

# Statutory minimum Flesch Reading Ease scores for consumer contracts and policies.
# Florida Stat. 627.4145 (insurance policies: 45); Ohio Rev. Code 3902.04 (40);
# Virginia Code 38.2-3304 / 38.2-3100.1 (50). The plain-language default (grade 8, ease 60)
# follows the US Plain Writing Act guidance and common plain-language practice.
PRESETS: dict[str, dict[str, float]] = {
    "plain": {"target_grade": 8.0, "target_reading_ease": 60.0},
    "florida": {"target_grade": 12.0, "target_reading_ease": 45.0},
    "ohio": {"target_grade": 12.0, "target_reading_ease": 40.0},
    "virginia": {"target_grade": 12.0, "target_reading_ease": 50.0},
}


SEVERITIES = ("info", "warning", "error")
CUSTOM_SUBSTITUTION_CODE = "CFG100"


class ConfigError(ValueError):
    """A configuration file or value tosaudit cannot use; the message names the problem."""


@dataclass(frozen=True)
class Config:
    """Every setting of an audit; defaults are the plain-language target."""

    preset: str = "plain"
    target_grade: float = 8.0
    target_reading_ease: float = 60.0
    long_sentence_words: int = 25
    very_long_sentence_words: int = 40
    hard_sentence_grade: float = 12.0
    words_per_minute: int = 238
    max_bytes: int = 25 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    substitutions: dict[str, str] = field(default_factory=dict)
    patterns: tuple[dict[str, Any], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    rewrites: bool = True
    model: bool = True

    @classmethod
    def from_mapping(cls, data: dict[str, Any], origin: str = "config") -> Config:
        """Build a Config from a TOML table, rejecting unknown keys and wrong types by name."""
        if not isinstance(data, dict):
            raise ConfigError(f"{origin}: expected a table of settings")
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ConfigError(f"{origin}: unknown key '{key}'")
            values[name] = value
        preset = values.get("preset", "plain")
        if preset not in PRESETS:
            raise ConfigError(
                f"{origin}: unknown preset '{preset}' (choose from {', '.join(PRESETS)})"
            )
        merged = {**PRESETS[preset], **values}
        for name in ("select", "ignore", "exclude", "patterns"):
            if name in merged:
                if isinstance(merged[name], str | dict):
                    merged[name] = (merged[name],)
                if not isinstance(merged[name], list | tuple):
                    raise ConfigError(f"{origin}: '{name}' must be a list")
                merged[name] = tuple(merged[name])
        _check_types(merged, origin)
        for name, sev in merged.get("severity", {}).items():
            if sev not in SEVERITIES:
                raise ConfigError(f"{origin}: severity for '{name}' must be info, warning or error")
        if merged.get("fail_on") is not None and merged["fail_on"] not in SEVERITIES:
            raise ConfigError(f"{origin}: 'fail_on' must be info, warning or error")
        if merged.get("substitutions"):
            # Extra substitutions become one data rule, so they run like the shipped tables.
            merged["patterns"] = (
                *merged.get("patterns", ()),
                substitution_rule(merged["substitutions"]),
            )
        if merged.get("patterns"):
            _check_patterns(merged["patterns"], origin)
        try:
            return cls(**merged)
        except TypeError as exc:  # pragma: no cover - names and types are already checked
            raise ConfigError(f"{origin}: {exc}") from None

    def merged_with(self, **changes: Any) -> Config:
        """A copy with command-line settings applied over this config (same validation)."""
        return replace(self, **changes)

    def with_preset(self, preset: str) -> Config:
        """A copy using a named target preset (plain, florida, ohio, virginia)."""
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset '{preset}' (choose from {', '.join(PRESETS)})")
        return replace(self, preset=preset, **PRESETS[preset])

    def rule_enabled(self, code: str, groups: tuple[str, ...] = ()) -> bool:
        """Whether a rule runs, by its code, a code prefix or one of its groups."""

        def hit(names: tuple[str, ...]) -> bool:
            return any(code == n or code.startswith(n) or n in groups for n in names)

        if self.ignore and hit(self.ignore):
            return False
        return not self.select or hit(self.select)


def substitution_rule(swap: dict[str, str]) -> dict[str, Any]:
    """The data rule that carries a config's extra ``substitutions`` table."""
    return {
        "code": CUSTOM_SUBSTITUTION_CODE,
        "name": "custom-substitution",
        "kind": "substitution",
        "groups": ["custom", "plain-language"],
        "severity": "info",
        "message": "Use '{replacement}' instead of '{match}' (your style guide).",
        "description": "A word or phrase your configuration asks to replace with a plainer one.",
        "swap": dict(swap),
    }


def _check_types(values: dict[str, Any], origin: str) -> None:
    """Each value must have the type of its field's default (ints are fine for floats)."""
    for f in fields(Config):
        if f.name not in values:
            continue
        value = values[f.name]
        default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
        if default is None:  # optional strings (fail_on)
            ok = value is None or isinstance(value, str)
        elif isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, tuple) and f.name != "patterns":
            ok = all(isinstance(v, str) for v in value)
        elif isinstance(default, tuple):
            ok = all(isinstance(v, dict) for v in value)
        elif isinstance(default, dict):
            ok = isinstance(value, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            )
        else:
            ok = isinstance(value, type(default))
        if not ok:
            kind = "a list of tables" if f.name == "patterns" else type(default).__name__
            if isinstance(default, tuple) and f.name != "patterns":
                kind = "a list of strings"
            if isinstance(default, dict):
                kind = "a table of strings"
            if default is None:
                kind = "a string"
            raise ConfigError(f"{origin}: '{f.name}' must be {kind}, not {value!r}")
        if isinstance(default, float):
            values[f.name] = float(value)


def _check_patterns(records: tuple[dict[str, Any], ...], origin: str) -> None:
    """Compile the config's pattern rules now so a bad one fails at load time, not mid-batch."""
    from tosaudit.rules.data import RuleDataError, load_rules  # late: rules import config

    try:
        load_rules(records, f"{origin}: patterns")
    except RuleDataError as exc:
        raise ConfigError(str(exc)) from None


def load_config_file(path: str | Path) -> Config:
    """Read a TOML file: a pyproject.toml's [tool.tosaudit] table or a whole .tosaudit.toml."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tosaudit", {})
    elif "tool" in data and "tosaudit" in data["tool"]:
        data = data["tool"]["tosaudit"]
    return Config.from_mapping(data, origin=str(path))


def find_config_file(start: str | Path) -> Path | None:
    """The first .tosaudit.toml, or pyproject.toml with [tool.tosaudit], walking up from a path."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / ".tosaudit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if "tosaudit" in data.get("tool", {}):
                return pyproject
    return None


def find_config(start: str | Path) -> Config:
    """The config that applies to a path (walking up), or the defaults when there is none."""
    found = find_config_file(start)
    return load_config_file(found) if found else Config()
