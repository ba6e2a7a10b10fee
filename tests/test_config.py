import pytest

from tosaudit.api import audit_text
from tosaudit.batch import collect
from tosaudit.config import (
    CUSTOM_SUBSTITUTION_CODE,
    Config,
    ConfigError,
    find_config,
    find_config_file,
    load_config_file,
)


def test_unknown_key_is_named(tmp_path):
    p = tmp_path / ".tosaudit.toml"
    p.write_text("target_grade = 9\nbogus_key = 1\n")
    with pytest.raises(ConfigError, match="unknown key 'bogus_key'"):
        load_config_file(p)


def test_pyproject_table_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.tosaudit]\ntarget-grade = 10\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub).target_grade == 10


def test_preset_sets_targets():
    cfg = Config.from_mapping({"preset": "ohio"})
    assert cfg.target_reading_ease == 40


def test_bad_preset():
    with pytest.raises(ConfigError, match="unknown preset 'texas'"):
        Config.from_mapping({"preset": "texas"})


def test_select_and_ignore():
    cfg = Config.from_mapping({"select": ["RD"], "ignore": ["RD102"]})
    assert cfg.rule_enabled("RD101")
    assert not cfg.rule_enabled("RD102")
    assert not cfg.rule_enabled("CL201")


# --- extensions: types, patterns, substitutions, severity, exclude, fail_on -------------------


HARD = (
    "Notwithstanding anything to the contrary herein contained, the Company shall not, under "
    "any circumstances whatsoever, be liable to the Licensee for consequential damages.\n"
)


def test_wrong_type_is_named():
    with pytest.raises(ConfigError, match="'target_grade' must be float, not 'nine'"):
        Config.from_mapping({"target-grade": "nine"})
    with pytest.raises(ConfigError, match="'select' must be a list of strings"):
        Config.from_mapping({"select": [1, 2]})
    with pytest.raises(ConfigError, match="'severity' must be a table of strings"):
        Config.from_mapping({"severity": {"RD101": 3}})
    assert Config.from_mapping({"target_grade": 9}).target_grade == 9.0


def test_bad_severity_and_fail_on():
    with pytest.raises(ConfigError, match="severity for 'RD101' must be info, warning or error"):
        Config.from_mapping({"severity": {"RD101": "fatal"}})
    with pytest.raises(ConfigError, match="'fail_on' must be info, warning or error"):
        Config.from_mapping({"fail_on": "never"})
    assert Config.from_mapping({"fail-on": "error"}).fail_on == "error"


def test_severity_override_changes_findings():
    cfg = Config.from_mapping({"severity": {"RD101": "error"}})
    hard = [f for f in audit_text(HARD, cfg).findings if f.rule == "RD101"]
    assert hard and all(f.severity == "error" for f in hard)
    default = [f for f in audit_text(HARD).findings if f.rule == "RD101"]
    assert default and all(f.severity == "warning" for f in default)


def test_select_and_ignore_from_config_in_an_audit():
    only = Config.from_mapping({"select": ["RD101"]})
    assert {f.rule for f in audit_text(HARD, only).findings} == {"RD101"}
    without = Config.from_mapping({"ignore": ["RD"]})
    assert not any(f.rule.startswith("RD") for f in audit_text(HARD, without).findings)


def test_pattern_rules_as_data(tmp_path):
    p = tmp_path / ".tosaudit.toml"
    p.write_text(
        "[[patterns]]\n"
        'code = "ACME001"\nname = "brand-name"\nkind = "existence"\nseverity = "error"\n'
        "tokens = [\"Acme Corp\"]\nmessage = \"Write 'Acme', not '{match}'.\"\n"
    )
    cfg = load_config_file(p)
    hits = [
        f
        for f in audit_text("You buy from Acme Corp today. Acme is fine.", cfg).findings
        if f.rule == "ACME001"
    ]
    assert len(hits) == 1
    assert hits[0].excerpt == "Acme Corp" and hits[0].severity == "error"
    assert hits[0].message == "Write 'Acme', not 'Acme Corp'."
    assert not [f for f in audit_text("Acme is fine.", cfg).findings if f.rule == "ACME001"]


def test_bad_pattern_fails_at_load_time():
    with pytest.raises(ConfigError, match=r"rule X1: bad pattern"):
        Config.from_mapping(
            {
                "patterns": [
                    {
                        "code": "X1",
                        "name": "x",
                        "kind": "existence",
                        "patterns": ["(unclosed"],
                        "message": "m",
                    }
                ]
            }
        )
    with pytest.raises(ConfigError, match="unknown kind 'regex'"):
        Config.from_mapping(
            {"patterns": [{"code": "X1", "name": "x", "kind": "regex", "message": "m"}]}
        )


def test_extra_substitutions(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.tosaudit.substitutions]\n"utilise" = "use"\n"in lieu of" = "instead of"\n')
    cfg = load_config_file(p)
    text = "You may utilise the service in lieu of a refund. We use plain words."
    hits = [f for f in audit_text(text, cfg).findings if f.rule == CUSTOM_SUBSTITUTION_CODE]
    assert [(f.excerpt, f.suggestion) for f in hits] == [
        ("utilise", "use"),
        ("in lieu of", "instead of"),
    ]
    assert all(text[f.start : f.end] == f.excerpt for f in hits)


def test_exclude_paths_from_config(tmp_path):
    (tmp_path / ".tosaudit.toml").write_text('exclude = ["archive", "*.draft.md"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text("Old terms.")
    (tmp_path / "terms.md").write_text("Terms.")
    (tmp_path / "terms.draft.md").write_text("Draft.")
    cfg = find_config(tmp_path)
    assert [p.name for p in collect([tmp_path], exclude=cfg.exclude)] == ["terms.md"]


def test_tosaudit_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.tosaudit]\ntarget-grade = 10\n")
    (tmp_path / ".tosaudit.toml").write_text("target-grade = 7\n")
    assert find_config(tmp_path / "policy.txt").target_grade == 7


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.tosaudit]\npreset = 'florida'\n")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(inner) == tmp_path / "pyproject.toml"
    assert find_config(inner).target_reading_ease == 45


def test_invalid_toml_is_a_config_error(tmp_path):
    p = tmp_path / ".tosaudit.toml"
    p.write_text("target-grade = = 3\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config_file(p)
    with pytest.raises(ConfigError, match="config file not found"):
        load_config_file(tmp_path / "nope.toml")
