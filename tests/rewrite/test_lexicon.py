import pytest
import yaml

from tosaudit.rewrite import lexicon as lx


def _table() -> dict:
    from importlib import resources

    path = resources.files("tosaudit.rewrite") / "data" / "legalese.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_table_has_200_sourced_entries_without_duplicates():
    data = _table()
    rows = data["substitutions"]
    assert len(rows) >= 200
    sources = set(data["provenance"])
    for section in ("substitutions", "doublets", "nominalisations"):
        for row in data[section]:
            assert all(isinstance(x, str) for x in row), row
            assert row[-1] in sources or row[-2] in sources, row
    keys = [(r[0], r[2]) for r in rows]
    assert len(keys) == len(set(keys))


def test_every_legalese_form_is_indexed():
    lex = lx.lexicon()
    assert lex.entries["prior to"].plain == "before"
    assert lex.entries["terminated"].plain == "ended"
    assert lex.entries["commences"].plain == "starts"
    assert lex.entries["modifications"].plain == "changes"
    assert lex.entries["made a payment"].plain == "paid"
    assert lex.entries["any and all"].kind == "doublet"
    assert not lex.entries["said"].auto  # flagged only: "said" is also an ordinary verb


def test_yaml_booleans_are_a_clear_error():
    with pytest.raises(lx.LexiconError, match="non-text value"):
        lx.build({"substitutions": [["upon", True, "x", "GARNER"]]})
    with pytest.raises(lx.LexiconError, match="malformed row"):
        lx.build({"doublets": [["right", "title and interest", "rights", "GARNER", "x"]]})
    with pytest.raises(lx.LexiconError, match="unknown kind"):
        lx.build({"substitutions": [["hereby", "", "q", "GARNER"]]})


@pytest.mark.parametrize(
    ("verb", "form", "expected"),
    [
        ("end", "s", "ends"),
        ("end", "past", "ended"),
        ("end", "ing", "ending"),
        ("try", "s", "tries"),
        ("try", "past", "tried"),
        ("stop", "past", "stopped"),
        ("give", "pp", "given"),
        ("give", "past", "gave"),
        ("find out", "s", "finds out"),
        ("use", "ing", "using"),
        ("make sure", "past", "made sure"),
    ],
)
def test_inflect(verb, form, expected):
    assert lx.inflect(verb, form) == expected


@pytest.mark.parametrize(
    ("pp", "base"),
    [
        ("charged", "charge"),
        ("collected", "collect"),
        ("stopped", "stop"),
        ("applied", "apply"),
        ("processed", "process"),
        ("used", "use"),
        ("provided", "provide"),
        ("offered", "offer"),
        ("reviewed", "review"),
        ("obtained", "obtain"),
        ("billed", "bill"),
        ("given", "give"),
        ("limited", "limit"),
        ("sent", "send"),
    ],
)
def test_base_of_participle(pp, base):
    assert lx.base_of_participle(pp) == base


def test_articles_and_case():
    assert lx.a_or_an("hour") == "an"
    assert lx.a_or_an("user") == "a"
    assert lx.a_or_an("end") == "an"
    assert lx.a_or_an("first") == "a"
    assert lx.match_case("PRIOR TO", "before") == "BEFORE"
    assert lx.match_case("Prior to", "before") == "Before"
    assert lx.plural("end") == "ends" and lx.plural("entry") == "entries"
