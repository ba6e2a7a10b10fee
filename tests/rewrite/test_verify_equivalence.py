"""verify's fast paths give what straightforward code gives, on many sentences.

The references below read every word with the TOKEN pattern, count with Counters, run every
normalisation whose trigger is in the text and build all nine fact checks one by one; verify
and its helpers must agree with them on the sample texts and on edited copies of them.
"""

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from name_reference import ref_name_words

from tosaudit.rewrite import actors
from tosaudit.rewrite import verify as vf
from tosaudit.rewrite.transforms import TOKEN, ascii_tokens, is_all_caps

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _sample_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SAMPLES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s.strip() for s in re.split(r"(?<=[.;:!?])\s+|\n{2,}", text) if s.strip()]
    return out


SENTENCES = _sample_sentences() + [
    "You can\u2019t use it; we won\u2019t refund \u0661\u0662 or \uff11 days \u201cnot\u201d.",
    "It is required\tto pay; you are obliged to pay; you cannot cancel, except for fees.",
    "THE COMPANY SHALL NOT BE LIABLE; YOU MAY NOT SUE.",
    "Acme Labs provides the Service and the User agrees; we'll see, I think, Mr. Bob.",
    "Fees will be charged by Acme Labs LLC and are payable by us within 30 days.",
    "No-one may use non-exclusive rights; neither party shall, nor will it, without notice.",
    "Pay $5, \u20ac5 or 5 per cent (5%) on May 1 to help@acme.com or www.acme.com/x.",
]
SWAPS = ["not", "may", "must", "no", "Acme", "thirty", "days", "cannot", "can't", "5", "We"]


def _edits(sentence: str, rnd: random.Random) -> list[str]:
    """Edited copies: a word dropped, swapped or added, the case changed, a split."""
    words = sentence.split()
    out = [sentence, sentence.lower(), sentence.upper()]
    for _ in range(4):
        w = list(words)
        if not w:
            break
        i = rnd.randrange(len(w))
        op = rnd.randrange(3)
        if op == 0:
            del w[i]
        elif op == 1:
            w[i] = rnd.choice(SWAPS)
        else:
            w.insert(i, rnd.choice(SWAPS))
        out.append(" ".join(w))
    return out


def _ref_normalise(low: str, rules: list[tuple[re.Pattern[str], str, str]]) -> str:
    for rx, rep, trigger in rules:
        if trigger in low:
            low = rx.sub(rep, low)
    return low


def _ref_facts(text: str) -> vf.Facts:
    low = text.lower()
    tally = {name: Counter() for name in vf._FACT_NAMES}

    def count(words: list[str], table: dict, only: str | None) -> None:
        for w in words:
            for fact, key in table.get(w, ()):
                if only is None or fact == only:
                    tally[fact][key] += 1

    count(TOKEN.findall(low), vf._BASE_FACTS, None)
    count(TOKEN.findall(_ref_normalise(low, vf._NEG_EQUIV)), vf._NEG_MODAL_FACTS, "negations")
    count(TOKEN.findall(_ref_normalise(low, vf._MODAL_EQUIV)), vf._NEG_MODAL_FACTS, "modals")
    tally["numbers"].update(vf._NUMBER.findall(text))
    for c in vf._CURRENCY_CHARS:
        tally["money"][c] += text.count(c)
    tally["percentages"]["%"] += text.count("%")
    tally["percentages"]["per cent"] += low.count("per cent")
    tally["dates"]["may"] += len(vf._MAY_DATE.findall(low))
    d = {k: dict(+v) for k, v in tally.items()}  # (+: without zero counts)
    return vf.Facts(
        numbers=d["numbers"],
        money=d["money"],
        percentages=d["percentages"],
        durations=d["durations"],
        dates=d["dates"],
        emails=tuple(vf._EMAIL.findall(text)),
        urls=tuple(m.group(0) for m in vf._URL.finditer(text)),
        negations=d["negations"],
        modals=d["modals"],
    )


def _ref_verify(before: str, after_units: list[str], terms: frozenset[str], removable: set[str]):
    """verify's checks without its fast paths (actors and grade taken from verify's helpers)."""
    after = " ".join(after_units)
    fb, fa = _ref_facts(before), _ref_facts(after)
    checks = [vf._same(n, getattr(fb, n), getattr(fa, n)) for n in vf._FACT_NAMES[:5]]
    for name in ("emails", "urls"):
        lost = [x for x in getattr(fb, name) if x not in after]
        checks.append(vf.Check(name, not lost, f"lost {', '.join(lost)}" if lost else ""))
    lost_neg, added_neg = vf._lost(fb.negations, fa.negations), vf._lost(fa.negations, fb.negations)
    detail = "; ".join(
        p for p in (lost_neg and f"lost {', '.join(lost_neg)}", added_neg and f"added {', '.join(added_neg)}") if p
    )  # fmt: skip
    checks.append(vf.Check("negations", not detail, detail))
    checks.append(vf._modal_check(fb.modals, fa.modals, False))
    shouted = is_all_caps(before)
    missing = [
        t
        for t in sorted(terms)
        if t not in removable
        and vf._whole_word(t, shouted).search(before)
        and not vf._whole_word(t, shouted).search(after)
    ]
    checks.append(
        vf.Check("defined_terms", not missing, f"lost {', '.join(missing)}" * bool(missing))
    )
    if shouted:
        checks.append(vf.Check("proper_names", True, "not applicable: all caps"))
    else:
        lost = [
            w
            for w in dict.fromkeys(ref_name_words(before))
            if w not in removable and w not in after
        ]
        checks.append(vf.Check("proper_names", not lost, f"lost {', '.join(lost)}" * bool(lost)))
    return checks  # fmt: skip


def test_facts_as_the_straightforward_count() -> None:
    rnd = random.Random(21)
    for sentence in SENTENCES:
        for text in _edits(sentence, rnd):
            vf.facts.cache_clear()
            assert vf.facts(text) == _ref_facts(text), text
            if text.isascii():
                ascii_tokens(text)
                assert vf.facts(text, shared=True) == _ref_facts(text), text


def test_name_words_as_a_token_by_token_scan() -> None:
    rnd = random.Random(22)
    for sentence in SENTENCES:
        for text in _edits(sentence, rnd):
            assert vf._name_words(text) == ref_name_words(text), text
            assert vf._names(text) == Counter(ref_name_words(text)), text


def test_verify_checks_as_the_straightforward_checks() -> None:
    rnd = random.Random(23)
    terms = frozenset({"Service", "User", "Acme Labs", "Content", "Terms", "Spotify", "YouTube"})
    failed_facts = 0
    for sentence in SENTENCES:
        for after in _edits(sentence, rnd)[1:]:
            ok, checks, _, _ = vf.verify(
                sentence, [after], grade_before=99.0, defined_terms=terms, removable={"User"}
            )
            expected = _ref_verify(sentence, [after], terms, {"User"})
            assert checks[: len(expected)] == expected, (sentence, after)
            assert [c.name for c in checks[len(expected) :]] == ["actors", "grade"]
            assert ok == all(c.ok for c in checks)
            failed_facts += not all(c.ok for c in checks[:9])
    assert failed_facts > 50  # the edits do change facts: the slow path is tested too


def _ref_pair_positions(text: str, lows: list[str], starts: list[int]) -> list[int]:
    raw = [text[s : s + len(w)] for s, w in zip(starts, lows, strict=True)]
    return [
        k
        for k in range(1, len(lows))
        if lows[k] in actors._MODAL_START
        or lows[k - 1] in actors._NO_MODAL_SUBJECTS
        or (lows[k].endswith("s") and raw[k - 1][0].isupper())
    ]


def test_pair_positions_as_a_word_by_word_scan() -> None:
    rnd = random.Random(24)
    for sentence in SENTENCES:
        for text in _edits(sentence, rnd):
            found = list(TOKEN.finditer(text))
            lows = [m.group(0).lower() for m in found]
            starts = [m.start() for m in found]
            assert actors._pair_positions(text, lows, starts) == _ref_pair_positions(
                text, lows, starts
            ), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We also may terminate it.", [("we", "end", True)]),
        ("Acme FULLY may provide it.", [("acme", "provide", False)]),
        # The verb after a modal skips an -ly word as written: "apply" is skipped, "APPLY" not.
        ("Acme may APPLY it.", [("acme", "apply", False)]),
        ("Acme may apply it.", [("acme", "it", False)]),
        ("Acme may fully provide it.", [("acme", "provide", False)]),
        ("Acme provides \u2019the\u2019 Service; you agree.", [("acme", "provide", False)]),
        ("The fees will be charged by Acme Labs.", [("labs", "charge", True)]),
    ],
)
def test_actions_read_words_as_written(text: str, expected: list) -> None:
    got = actors.actions(text)
    assert [a for a in got if a[0] != "you"] == expected


def test_fast_paths_stay_linear_on_a_hostile_sentence() -> None:
    import time

    text = ("Acme\u2019s fees can not be 5 per cent or $5 except 1 May; we also may " * 40_000)[
        :5_000_000
    ]
    t = time.process_time()
    vf.facts.cache_clear()
    vf.facts(text)
    vf._name_words(text)
    vf.fk_grade([text])
    assert time.process_time() - t < 30
