import pytest

from tosaudit.api import audit_text
from tosaudit.config import Config
from tosaudit.rules.data import DataRule, RuleDataError


def _run(spec, text):
    cfg = Config(patterns=(spec,), select=(spec["code"],))
    return [f for f in audit_text(text, cfg).findings if f.rule == spec["code"]]


def test_substitution_suggests_the_plain_word():
    spec = {
        "code": "X001",
        "name": "swap",
        "kind": "substitution",
        "message": "Use '{replacement}' instead of '{match}'.",
        "swap": {"prior to": "before", "in the event that": "if"},
    }
    found = _run(spec, "Prior to using the app, read this. In the event that it fails, call us.")
    assert [f.suggestion for f in found] == ["before", "if"]
    assert found[0].excerpt == "Prior to"


def test_existence_must_and_must_not_match():
    spec = {
        "code": "X002",
        "name": "tbd",
        "kind": "existence",
        "message": "Placeholder {match}.",
        "tokens": ["TBD"],
    }
    assert len(_run(spec, "The fee is TBD for now.")) == 1
    assert _run(spec, "The fee is outbdated.") == []


def test_presence_reports_absence_once():
    spec = {
        "code": "X003",
        "name": "email",
        "kind": "presence",
        "message": "No email.",
        "patterns": [r"[\w.+-]+@[\w-]+\.[\w.]+"],
    }
    assert len(_run(spec, "Write to us by post.")) == 1
    assert _run(spec, "Write to help@acme.com please.") == []


def test_occurrence_limit():
    spec = {
        "code": "X004",
        "name": "long",
        "kind": "occurrence",
        "max": 5,
        "message": "{words} words (max {max}).",
    }
    found = _run(spec, "One two three four five six seven. Short one.")
    assert [f.message for f in found] == ["7 words (max 5)."]


def test_bad_rule_data_is_a_clear_error():
    with pytest.raises(RuleDataError, match="unknown kind 'regex'"):
        DataRule({"code": "X9", "name": "n", "kind": "regex", "message": "m"})
    with pytest.raises(RuleDataError, match="bad pattern"):
        DataRule(
            {
                "code": "X9",
                "name": "n",
                "kind": "existence",
                "message": "m",
                "patterns": ["(unclosed"],
            }
        )
