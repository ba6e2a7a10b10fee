"""The legalese table (``data/legalese.yaml``) as a phrase index, and English inflection helpers.

Matching is done on word tokens with a dictionary of normalised phrases (longest first), not with
one huge regular-expression alternation: a dictionary lookup per token and phrase length is linear
in the sentence and stays fast on hostile input, where a 600-branch alternation would not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Verbs whose forms are not the regular -s/-ed/-ing ones: base -> (3sg, past, participle, -ing).
IRREGULAR: dict[str, tuple[str, str, str, str]] = {
    "be": ("is", "was", "been", "being"),
    "have": ("has", "had", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"),
    "give": ("gives", "gave", "given", "giving"),
    "keep": ("keeps", "kept", "kept", "keeping"),
    "send": ("sends", "sent", "sent", "sending"),
    "buy": ("buys", "bought", "bought", "buying"),
    "begin": ("begins", "began", "begun", "beginning"),
    "tell": ("tells", "told", "told", "telling"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "get": ("gets", "got", "got", "getting"),
    "make": ("makes", "made", "made", "making"),
    "take": ("takes", "took", "taken", "taking"),
    "choose": ("chooses", "chose", "chosen", "choosing"),
    "pay": ("pays", "paid", "paid", "paying"),
    "repay": ("repays", "repaid", "repaid", "repaying"),
    "say": ("says", "said", "said", "saying"),
    "meet": ("meets", "met", "met", "meeting"),
    "let": ("lets", "let", "let", "letting"),
    "set": ("sets", "set", "set", "setting"),
    "cut": ("cuts", "cut", "cut", "cutting"),
    "put": ("puts", "put", "put", "putting"),
    "run": ("runs", "ran", "run", "running"),
    "lose": ("loses", "lost", "lost", "losing"),
    "hold": ("holds", "held", "held", "holding"),
    "bind": ("binds", "bound", "bound", "binding"),
    "spend": ("spends", "spent", "spent", "spending"),
    "spread": ("spreads", "spread", "spread", "spreading"),
    "forbid": ("forbids", "forbade", "forbidden", "forbidding"),
    "write": ("writes", "wrote", "written", "writing"),
    "sell": ("sells", "sold", "sold", "selling"),
    "grant": ("grants", "granted", "granted", "granting"),
    "mean": ("means", "meant", "meant", "meaning"),
    "leave": ("leaves", "left", "left", "leaving"),
    "bring": ("brings", "brought", "brought", "bringing"),
    "know": ("knows", "knew", "known", "knowing"),
    "see": ("sees", "saw", "seen", "seeing"),
    "read": ("reads", "read", "read", "reading"),
    "build": ("builds", "built", "built", "building"),
    "lead": ("leads", "led", "led", "leading"),
    "win": ("wins", "won", "won", "winning"),
    "shut": ("shuts", "shut", "shut", "shutting"),
    "upload": ("uploads", "uploaded", "uploaded", "uploading"),
}
_PAST_TO_BASE = {v[1]: k for k, v in IRREGULAR.items()}
_PP_TO_BASE = {v[2]: k for k, v in IRREGULAR.items()}

# Verbs that double their final consonant before -ed and -ing (final stressed short syllable).
_DOUBLE = frozenset(
    "stop drop plan ship submit permit commit refer occur transfer admit omit regret prefer "
    "control equip rob chat shop ban bar tap tip remit transmit expel compel rebut log".split()
)
_VOWELS = "aeiou"

FORMS = ("base", "s", "past", "pp", "ing")


def _regular(base: str, form: str) -> str:
    if form == "base":
        return base
    if form == "s":
        if base.endswith(("s", "x", "z", "ch", "sh", "o")):
            return base + "es"
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            return base[:-1] + "ies"
        return base + "s"
    if form in ("past", "pp"):
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            return base[:-1] + "ied"
        if base in _DOUBLE:
            return base + base[-1] + "ed"
        return base + "ed"
    # -ing
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if base in _DOUBLE:
        return base + base[-1] + "ing"
    return base + "ing"


def inflect(verb: str, form: str) -> str:
    """A verb (or phrasal verb: its first word inflects) in one of FORMS."""
    first, sep, rest = verb.partition(" ")
    if first in IRREGULAR and form != "base":
        s, past, pp, ing = IRREGULAR[first]
        word = {"s": s, "past": past, "pp": pp, "ing": ing}[form]
    else:
        word = _regular(first, form)
    return word + sep + rest


def plural(noun: str) -> str:
    """Regular plural of a noun phrase's last word."""
    head, sep, last = noun.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        p = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        p = last[:-1] + "ies"
    else:
        p = last + "s"
    return head + sep + p


def base_of_participle(pp: str) -> str | None:
    """Best-effort base form of a past participle ("charged" -> "charge"), None if unsure."""
    low = pp.lower()
    if low in _PP_TO_BASE:
        return _PP_TO_BASE[low]
    if not low.endswith("ed") or len(low) < 4:
        return None
    stem = low[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz" + _VOWELS:
        return stem[:-1]  # stopped -> stop
    if stem.endswith(("ss", "sh", "ch", "x", "ll", "ff", "zz")):
        return stem
    if stem.endswith(("c", "g", "v", "u", "z")):
        return stem + "e"  # charged, served, issued, realized
    if stem.endswith(("er", "en", "it", "on", "ow", "aw", "ew", "ay", "ey", "oy", "or")):
        return stem  # offered, opened, limited, reviewed, displayed, monitored
    last_vowels = re.search(r"[aeiou]+(?=[^aeiou]*$)", stem)
    if last_vowels and len(last_vowels.group(0)) >= 2:
        return stem  # obtained, exceeded, appeared
    if len(stem) >= 2 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS:
        return stem + "e"  # used, based, provided, required, updated
    return stem  # collected, posted, granted


def past_of(base: str) -> str:
    return inflect(base, "past")


def a_or_an(word: str) -> str:
    """The indefinite article that fits the sound of ``word`` (spelling heuristics)."""
    low = word.lower()
    if not low:
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    if low.startswith(("uni", "use", "usu", "ute", "uti", "eu", "one", "once", "ewe")):
        return "a"
    if len(word) > 1 and word.isupper():  # acronyms are read letter by letter
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if low[0] in _VOWELS else "a"


def match_case(source: str, target: str) -> str:
    """``target`` in the case pattern of ``source`` (UPPER, Capitalised or as written)."""
    if not target:
        return target
    # ASCII text with a lower-case letter, or none, is not all capitals: no list of letters.
    if not source.isascii() or source.isupper():
        letters = [c for c in source if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


@dataclass(frozen=True, slots=True)
class Entry:
    """One legalese phrase form and what replaces it."""

    phrase: str  # the legalese as found (normalised, lower case)
    plain: str  # the replacement in the same grammatical form
    kind: str  # "substitution", "doublet" or "nominalisation"
    source: str
    auto: bool  # False: point it out, never replace automatically
    form: str = ""  # verb form of the match ("pp"/"past" ambiguous: resolved in context)
    lemma: str = ""  # the plain verb lemma, to re-inflect a "-ed" form from context
    verb_only: bool = False  # replaced only where the word is clearly a verb (not a noun)


def normalise(phrase: str) -> str:
    """Lower case with single spaces and no space before commas (the index key)."""
    return re.sub(r"\s+", " ", phrase.strip().lower()).replace(" ,", ",")


@dataclass(frozen=True)
class Lexicon:
    """Every phrase form of the table by its normalised text, and the longest phrase length."""

    entries: dict[str, Entry]
    prefixes: frozenset[str]  # every proper word prefix of a phrase: where a scan may go on
    max_words: int
    provenance: dict[str, str]
    counts: dict[str, int]


def _add(index: dict[str, Entry], entry: Entry) -> None:
    # The first row wins, so a more specific earlier row is never overwritten by a later one.
    index.setdefault(entry.phrase, entry)


class LexiconError(ValueError):
    """The legalese table is malformed; the message names the row."""


def _check_rows(data: dict[str, Any]) -> None:
    sizes = {"substitutions": (4, 5), "doublets": (3, 4), "nominalisations": (4, 5)}
    for section, (low, high) in sizes.items():
        for row in data.get(section, []) or []:
            if not isinstance(row, list) or not low <= len(row) <= high:
                raise LexiconError(f"legalese table: {section}: malformed row {row!r}")
            if not all(isinstance(x, str) for x in row):
                # YAML reads bare on/off/yes/no/true as booleans: such words must be quoted.
                raise LexiconError(f"legalese table: {section}: non-text value in {row!r}")


def build(data: dict[str, Any]) -> Lexicon:
    """Index a table with ``substitutions``, ``doublets`` and ``nominalisations`` rows."""
    _check_rows(data)
    index: dict[str, Entry] = {}
    for row in data.get("substitutions", []):
        src, plain, kind, source = (str(row[0]), str(row[1] or ""), row[2], row[3])
        auto = not (len(row) > 4 and row[4] == "flag")
        verb_only = len(row) > 4 and row[4] == "verb"
        src = normalise(src)
        if kind == "v":
            for form in FORMS:
                if form == "pp":
                    continue  # regular source verbs: pp == past, resolved in context
                _add(
                    index,
                    Entry(
                        normalise(inflect(src, form)),
                        inflect(plain, form),
                        "substitution",
                        source,
                        auto,
                        form,
                        plain,
                        verb_only,
                    ),
                )
        elif kind == "n":
            _add(index, Entry(src, plain, "substitution", source, auto))
            _add(index, Entry(normalise(plural(src)), plural(plain), "substitution", source, auto))
        elif kind == "x":
            _add(index, Entry(src, plain, "substitution", source, auto))
        else:
            raise LexiconError(f"legalese table: unknown kind {kind!r} for {src!r}")
    for row in data.get("doublets", []):
        auto = not (len(row) > 3 and row[3] == "flag")
        _add(index, Entry(normalise(row[0]), str(row[1]), "doublet", row[2], auto))
    for row in data.get("nominalisations", []):
        light, noun, plain, source = (str(row[0]), str(row[1]), str(row[2]), row[3])
        auto = not (len(row) > 4 and row[4] == "flag")
        for form in FORMS:
            if form == "pp" and inflect(light, "pp") == inflect(light, "past"):
                continue
            phrase = normalise(f"{inflect(light, form)} {noun}")
            plain_form = inflect(plain, form) if plain != "may" else plain
            _add(index, Entry(phrase, plain_form, "nominalisation", source, auto, form, plain))
    max_words = max(len(k.split()) for k in index) if index else 1
    counts = {
        "substitutions": len(data.get("substitutions", [])),
        "doublets": len(data.get("doublets", [])),
        "nominalisations": len(data.get("nominalisations", [])),
    }
    prefixes = set()
    for key in index:
        words = key.replace(",", " ,").split()
        for k in range(1, len(words)):
            prefixes.add(" ".join(words[:k]).replace(" ,", ","))
    return Lexicon(index, frozenset(prefixes), max_words, dict(data.get("provenance", {})), counts)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped table, parsed and indexed once."""
    path = resources.files("tosaudit.rewrite") / "data" / "legalese.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
    return build(yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {})
