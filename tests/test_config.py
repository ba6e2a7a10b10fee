import pytest

from tosaudit.config import Config, ConfigError, find_config, load_config_file


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
