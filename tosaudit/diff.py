"""What changed between two versions of a policy: clauses, readability, disclosures.

Works on document records (``DocumentReport.to_record()``), so it can compare two fresh audits
or two saved JSON reports. Unfavourable clauses are matched by category and normalised text
(case, punctuation, numbering and line breaks ignored), then by near match (one text inside
the other, or mostly the same words), so moving, re-wrapping or lightly editing a clause is not
a change, but a new clause or a substantially reworded one is.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

READABILITY_KEYS = (
    ("flesch_reading_ease", "reading ease"),
    ("flesch_kincaid_grade", "grade level"),
    ("gunning_fog", "Gunning Fog"),
    ("smog_index", "SMOG"),
    ("words", "words"),
    ("sentences", "sentences"),
    ("reading_time_minutes", "reading time (min)"),
)
_RANK = {
    "missing": 0,
    "absent": 0,
    "partial": 1,
    "mention_only": 1,
    "present": 2,
    "instructions": 2,
}
SIMILAR = 0.6  # word-set overlap (Jaccard) above which two clause texts are the same clause
_NON_WORD = re.compile(r"[^\w]+")
# "4.2", "12.", "iv.", "(a)", "b)" at the start of a clause: numbering, not wording.
_LEADING_NUMBER = re.compile(
    r"^\s*(?:\d{1,4}(?:\.\d{1,4}){0,4}\.?|[ivxlc]{1,6}\.|\(\w{1,4}\)|\w\))\s+"
)


def normalise(text: str) -> str:
    """Lower case, words only, leading clause numbering dropped."""
    return _NON_WORD.sub(" ", _LEADING_NUMBER.sub("", text.lower(), count=1)).strip()


def _clauses(rec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for f in rec.get("findings") or ():
        if f.get("category"):
            key = (f["category"], normalise(f.get("excerpt") or f["message"]))
            out.setdefault(key, f)
    return out


def _similar(x: str, y: str) -> bool:
    """Same clause, lightly edited or cut differently into sentences."""
    if x in y or y in x:
        return True
    wx, wy = set(x.split()), set(y.split())
    return bool(wx and wy) and len(wx & wy) / len(wx | wy) >= SIMILAR


def _match_clauses(
    a: dict[tuple[str, str], dict[str, Any]], b: dict[tuple[str, str], dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Clauses only in ``b`` (added) and only in ``a`` (removed): exact text first, then a
    near match in the same category, so re-wrapping or a one-word edit is not a change."""
    only_a = [k for k in a if k not in b]
    only_b = [k for k in b if k not in a]
    for kb in list(only_b):
        for ka in only_a:
            if ka[0] == kb[0] and _similar(ka[1], kb[1]):
                only_a.remove(ka)
                only_b.remove(kb)
                break
    return [_clause_entry(b[k]) for k in only_b], [_clause_entry(a[k]) for k in only_a]


def _clause_entry(f: dict[str, Any]) -> dict[str, Any]:
    return {
        k: f.get(k)
        for k in ("category", "rule", "severity", "line", "page", "section", "excerpt", "message")
    }


def _state(v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    if "status" in v:
        return str(v["status"])
    if "present" in v:
        return "present" if v["present"] else "absent"
    return None


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The changes from ``old`` to ``new`` as a JSON-ready record."""
    added, removed = _match_clauses(_clauses(old), _clauses(new))
    ra, rb = old.get("readability") or {}, new.get("readability") or {}
    readability = {
        key: {
            "old": ra.get(key),
            "new": rb.get(key),
            "change": round(rb[key] - ra[key], 2)
            if isinstance(ra.get(key), int | float) and isinstance(rb.get(key), int | float)
            else None,
        }
        for key, _ in READABILITY_KEYS
        if key in ra or key in rb
    }
    da, db = old.get("disclosures") or {}, new.get("disclosures") or {}
    gained, lost, changed = [], [], []
    for key in dict.fromkeys([*da, *db]):
        sa, sb = _state(da.get(key)), _state(db.get(key))
        if sa == sb or (sa is None and sb is None):
            continue
        item = {"item": key, "old": sa, "new": sb}
        if key == "auto_renewal":  # gaining an auto-renewal clause is not an improvement
            changed.append(item)
        elif _RANK.get(sb or "missing", 0) > _RANK.get(sa or "missing", 0):
            gained.append(item)
        elif _RANK.get(sb or "missing", 0) < _RANK.get(sa or "missing", 0):
            lost.append(item)
        else:
            changed.append(item)
    ca = Counter(f["rule"] for f in old.get("findings") or ())
    cb = Counter(f["rule"] for f in new.get("findings") or ())
    rules = {r: {"old": ca[r], "new": cb[r]} for r in sorted(set(ca) | set(cb)) if ca[r] != cb[r]}
    ga, gb = old.get("grade") or {}, new.get("grade") or {}
    return {
        "old": old.get("source"),
        "new": new.get("source"),
        "grade": {
            "old": ga.get("letter"),
            "new": gb.get("letter"),
            "old_score": ga.get("score"),
            "new_score": gb.get("score"),
        },
        "clauses_added": added,
        "clauses_removed": removed,
        "readability": readability,
        "disclosures_gained": gained,
        "disclosures_lost": lost,
        "disclosures_changed": changed,
        "findings_by_rule": rules,
    }


def _num(v: Any) -> str:
    return f"{v:.1f}" if isinstance(v, float) else str(v)


def render_text(d: dict[str, Any]) -> str:
    """A readable account of a diff record."""
    out = [f"Comparing {d['old']} -> {d['new']}"]
    g = d["grade"]
    if g["old"] or g["new"]:
        out.append(
            f"Grade: {g['old']} ({_num(g['old_score'])}) -> {g['new']} ({_num(g['new_score'])})"
        )
    parts = []
    for key, label in READABILITY_KEYS:
        r = d["readability"].get(key)
        if r and r["change"] is not None:
            parts.append(f"{label} {_num(r['old'])} -> {_num(r['new'])} ({r['change']:+g})")
    if parts:
        out.append("Readability: " + ", ".join(parts))
    for title, key, sign, src in (
        ("added", "clauses_added", "+", d["new"]),
        ("removed", "clauses_removed", "-", d["old"]),
    ):
        items = d[key]
        out.append(f"Unfavourable clauses {title}: {len(items)}")
        for c in items:
            where = f"{src}:{c['line']}" if c.get("line") else src
            text = " ".join((c.get("excerpt") or c.get("message") or "").split())
            if len(text) > 160:
                text = text[:159] + "…"
            out.append(f"  {sign} [{c['category']}] {where}: {text}")
    for title, key in (
        ("gained", "disclosures_gained"),
        ("lost", "disclosures_lost"),
        ("changed", "disclosures_changed"),
    ):
        if d[key]:
            out.append(
                f"Disclosures {title}: "
                + ", ".join(
                    f"{i['item']} ({i['old'] or 'none'} -> {i['new'] or 'none'})" for i in d[key]
                )
            )
    if d["findings_by_rule"]:
        out.append(
            "Findings by rule: "
            + ", ".join(f"{r} {c['old']} -> {c['new']}" for r, c in d["findings_by_rule"].items())
        )
    return "\n".join(out) + "\n"
