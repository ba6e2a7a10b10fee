"""Proofreading rules: placeholders, repeated words, brackets, definitions, cross-references,
inconsistent durations and company names.

These catch what a careful editor would before publishing: a template never filled in, "the
the", a parenthesis never closed, a defined term nobody uses, "see Section 14" in a 12-section
document, a refund window of 14 days in one place and 30 in another. Every pattern is linear on
hostile input (bounded repeats, literal prefilters) and runs on the whole text once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, islice, repeat
from operator import eq
from typing import Any

import yaml

from tosaudit.models import Finding
from tosaudit.rules.base import AuditContext, Rule
from tosaudit.rules.needles import find_all, matches_at

# A flood of one kind of finding helps nobody: after this many, the rest add nothing.
MAX_PER_RULE = 100

# ---------------------------------------------------------------------------------------------
# PR401 placeholders
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Placeholder:
    what: str
    needles: tuple[str, ...]  # literals every match contains (lower case when ignore_case)
    ignore_case: bool
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def placeholder_patterns() -> tuple[_Placeholder, ...]:
    """The placeholder list of ``rules/data/proofreading.yaml``, compiled once."""
    path = resources.files("tosaudit.rules") / "data" / "proofreading.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in data["placeholders"]:
        ic = bool(item.get("ignore_case"))
        needles = item["needle"] if isinstance(item["needle"], list) else [item["needle"]]
        out.append(
            _Placeholder(
                item["what"],
                tuple(n.lower() if ic else n for n in needles),
                ic,
                re.compile(item["pattern"], re.IGNORECASE if ic else 0),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _placeholder_needles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinct needles of the case-sensitive and of the case-insensitive placeholders."""
    pats = placeholder_patterns()
    exact = dict.fromkeys(n for ph in pats if not ph.ignore_case for n in ph.needles)
    folded = dict.fromkeys(n for ph in pats if ph.ignore_case for n in ph.needles)
    return tuple(exact), tuple(folded)


def _windows(n: int, positions: list[int], size: int, width: int) -> Iterator[tuple[int, int]]:
    """(lo, hi) of the stretches of a text ``n`` long within ``width`` characters of the
    occurrences at ``positions`` (sorted, each ``size`` long), overlapping ones merged."""
    k, count = 0, len(positions)
    while k < count:
        pos = positions[k]
        lo = max(0, pos - width)
        hi = min(n, pos + size + width)
        k += 1
        while k < count and positions[k] - width <= hi:  # merge overlapping stretches
            hi = min(n, positions[k] + size + width)
            k += 1
        yield lo, hi


def _window_matches(
    text: str, positions: list[int], size: int, regex: re.Pattern[str], width: int
) -> Iterator[re.Match[str]]:
    """Matches of ``regex`` near the occurrences at ``positions`` (sorted, each ``size`` long)
    of a literal every match contains.

    The regex runs only over the stretches within ``width`` characters of one (nearby
    stretches merged, so each character is scanned once): a pattern that starts with a
    look-behind thus never crawls the whole text. Matches must be shorter than ``width``.
    """
    for lo, hi in _windows(len(text), positions, size, width):
        yield from regex.finditer(text, lo, hi)


class Placeholder(Rule):
    """Placeholder text left in from a template: "[INSERT COMPANY NAME]", "{{DATE}}",
    "<COMPANY NAME>", "[Date]", "XX days", "TBD", lorem ipsum, a literal "Company Name", or an
    example.com address.

    A published policy with placeholders tells customers nobody read it, and the missing value
    (a date, an address, a number of days) is usually a term they need.
    """

    code = "PR401"
    name = "placeholder-text"
    groups = ("proofreading",)
    severity = "error"
    explanation = "Template text was left in: fill in the real value before publishing."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        index = ctx.needles
        exact, folded = _placeholder_needles()
        if len(ctx.lower_text) == len(text):
            folded_found = {n: index.folded(n) for n in folded}
        else:  # lowering moved offsets: the lower-case needles are looked for in the text as is
            folded_found = {n: find_all(text, n) for n in folded}
        # Each distinct needle is located once (three patterns share "["), all of them in the
        # document's one needle pass.
        occurrences = {False: {n: index.exact(n) for n in exact}, True: folded_found}
        hits: list[tuple[int, int, str]] = []
        for ph in placeholder_patterns():
            found = occurrences[ph.ignore_case]
            for needle in ph.needles:
                for m in _window_matches(text, found[needle], len(needle), ph.regex, 120):
                    hits.append((m.start(), m.end(), ph.what))
        last_end = -1
        shown = 0
        for start, end, what in sorted(hits, key=lambda h: (h[0], -h[1])):
            if start < last_end:
                continue  # "[INSERT {{DATE}}]": one finding is enough
            last_end = end
            shown += 1
            if shown > MAX_PER_RULE:
                break
            yield ctx.finding(
                self,
                start,
                end,
                f'Placeholder left in: "{text[start:end][:60]}" ({what}). Replace it with '
                "the real value.",
            )


# ---------------------------------------------------------------------------------------------
# PR402 repeated words
# ---------------------------------------------------------------------------------------------

# Doubled on purpose in good English ("that that", "had had").
_REPEAT_OK = frozenset(
    {
        "that",
        "had",
        "bye",
        "ha",
        "hee",
        "ho",
        "no",
        "so",
        "very",
        "mahi",
        "bora",
        "chop",
        "tut",
        "is",
    }
)


def _paragraph_index(ctx: AuditContext) -> tuple[list[int], list[int]]:
    key = "proofreading.paragraphs"
    if key not in ctx.cache:
        paras = ctx.segmented.paragraphs
        ctx.cache[key] = ([p.start for p in paras], [p.end for p in paras])
    return ctx.cache[key]


def _same_paragraph(ctx: AuditContext, a: int, b: int) -> bool:
    starts, ends = _paragraph_index(ctx)
    i = bisect.bisect_right(starts, a) - 1
    return i >= 0 and b <= ends[i]


def _repeat_pattern(word: str) -> re.Pattern[str]:
    """``word`` twice in a row (any case, same spelling twice), as a whole word."""
    return re.compile(
        r"(?<![A-Za-z'\u2019-])(" + re.escape(word) + r")"
        r"(?:[ \t]{1,5}|[ \t]{0,5}\r?\n[ \t]{0,5})"
        r"(\1)(?![A-Za-z'\u2019-])",
        re.IGNORECASE,
    )


class RepeatedWord(Rule):
    """The same word twice in a row ("the the", "to to"), within one paragraph."""

    code = "PR402"
    name = "repeated-word"
    groups = ("proofreading",)
    severity = "warning"
    explanation = "A word is repeated by mistake."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        # Cheap pass first: split() and compare neighbours; the regex only runs per doubled word.
        tokens = ctx.lower_text.split()
        # Pairs compared in C (map/compress); Python only sees tokens equal to the next one.
        following = map(str.rstrip, tokens[1:], repeat('.,;:!?)"\u201d'))
        same = compress(tokens, map(eq, tokens, following))
        doubled = {a for a in same if a.isalpha() and a not in _REPEAT_OK}
        for word in sorted(doubled):
            yield from islice(self._check_word(ctx, word), MAX_PER_RULE)

    @staticmethod
    def _matches(ctx: AuditContext, word: str, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, tried only where the lower-cased text holds ``word``.

        The pattern starts with a look-behind, so ``finditer`` would test every character of
        the document. A match begins where the text equals ``word`` ignoring case; for an
        ASCII word that is where the lower-cased text holds it, unless the text has one of
        the two characters that match an ASCII letter only under IGNORECASE ("ı", "ſ"; the
        Kelvin sign lower-cases to "k"). Otherwise, or when lowering changed the length,
        the plain ``finditer``.
        """
        text, low = ctx.text, ctx.lower_text
        if not word.isascii() or len(low) != len(text) or "\u0131" in text or "\u017f" in text:
            yield from regex.finditer(text)
            return
        last = 0
        pos = low.find(word)
        while pos != -1:
            if pos >= last:
                m = regex.match(text, pos)
                if m:
                    last = m.end()
                    yield m
            pos = low.find(word, pos + 1)

    def _check_word(self, ctx: AuditContext, word: str) -> Iterator[Finding]:
        regex = _repeat_pattern(word)
        for m in self._matches(ctx, word, regex):
            word = m.group(1)
            if word.lower() in _REPEAT_OK or (len(word) == 1 and word not in "aA"):
                continue
            if word.isupper() and len(word) > 1 and word != m.group(2):
                continue
            if not _same_paragraph(ctx, m.start(), m.end()):
                continue  # a heading followed by a line starting with the same word
            yield ctx.finding(
                self,
                m.start(),
                m.end(),
                f'Repeated word: "{m.group(0).split()[0]} {m.group(2)}". Delete one.',
                suggestion=m.group(1),
            )


# ---------------------------------------------------------------------------------------------
# PR403 unbalanced brackets and quotes
# ---------------------------------------------------------------------------------------------

_BRACKET_CHARS = re.compile(r"[()\[\]{}\u201c\u201d\"]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = {"(", "[", "{", "\u201c"}
_QUOTES = {'"', "\u201c", "\u201d"}
_QUOTE_CLOSE = {'"': '"', "\u201c": "\u201d"}
# "a) ...", "1) ...", "iv) ..." list markers and ":)" are not stray closers.
_ENUMERATOR = re.compile(r"(?:^|[\s>\u2022*-])(?:[A-Za-z]{1,2}|[0-9]{1,3}|[ivxlcIVXLC]{1,6})$")


_Marks = list[tuple[str, int]]


_QUOTE_PAIR = re.compile('\u201c\u201d|""')
_MAX_DEPTH = 8


def _balanced(marks: str) -> bool:
    """Whether a paragraph's bracket characters, in order, certainly give no finding.

    True only for what the full scan passes without a mark: every quotation mark in a pair
    adjacent among the marks ("..." or curly, nothing bracketed inside, so never nested) and
    brackets that nest properly, at most _MAX_DEPTH deep. Anything else gets the full scan,
    which also keeps this linear on hostile nesting.
    """
    marks = _QUOTE_PAIR.sub("", marks)  # one left-to-right pass over the original order
    if '"' in marks or "\u201c" in marks or "\u201d" in marks:
        return False
    for _ in range(_MAX_DEPTH):
        if not marks:
            return True
        shorter = marks.replace("()", "").replace("[]", "").replace("{}", "")
        if len(shorter) == len(marks):
            return False
        marks = shorter
    return not marks


def _scan_paragraph(text: str, a: int, b: int) -> tuple[_Marks, _Marks]:
    """(unclosed openers, stray closers) of one paragraph, each as (char, offset)."""
    if _balanced("".join(_BRACKET_CHARS.findall(text, a, b))):
        return [], []
    return _scan_marks(text, a, b)


# The characters _BRACKET_CHARS matches; no other character lower-cases to one of them.
_BRACKETS = ("(", ")", "[", "]", "{", "}", "\u201c", "\u201d", '"')


def _bracket_marks(ctx: AuditContext) -> tuple[list[int], str]:
    """Offsets of every bracket and quotation mark, in order, and those characters."""
    index = ctx.needles
    at = sorted(pos for ch in _BRACKETS for pos in index.folded(ch))
    text = ctx.text
    return at, "".join([text[pos] for pos in at])


def _scan_paragraphs(ctx: AuditContext) -> list[tuple[_Marks, _Marks]]:
    """``_scan_paragraph`` of every paragraph, with the marks read off the needle index.

    A paragraph without marks, or whose marks certainly balance, is done without a regular
    expression over its text; only the others get the full scan.
    """
    text = ctx.text
    at, marks = _bracket_marks(ctx)
    out: list[tuple[_Marks, _Marks]] = []
    for p in ctx.segmented.paragraphs:
        lo = bisect.bisect_left(at, p.start)
        hi = bisect.bisect_left(at, p.end, lo)
        if lo == hi or _balanced(marks[lo:hi]):
            out.append(([], []))
        else:
            out.append(_scan_marks(text, p.start, p.end))
    return out


def _scan_marks(text: str, a: int, b: int) -> tuple[_Marks, _Marks]:
    """``_scan_paragraph`` mark by mark (the full scan)."""
    stack: list[tuple[str, int]] = []
    stray: list[tuple[str, int]] = []
    mixed: list[tuple[str, int]] = []
    orphans: list[tuple[str, int]] = []
    for m in _BRACKET_CHARS.finditer(text, a, b):
        ch, pos = m.group(0), m.start()
        if (
            ch in _QUOTES
            and stack
            and stack[-1][0] in _QUOTES
            and (ch != "\u201c" or stack[-1][0] == "\u201c")
        ):
            # closes the open quotation; "\u201cword\"" or "\u201cword\u201c" mixes styles
            if ch != _QUOTE_CLOSE[stack[-1][0]]:
                mixed.append((ch, pos))
            stack.pop()
        elif ch == '"':
            stack.append((ch, pos))
        elif ch in _OPENERS:
            stack.append((ch, pos))
        else:
            want = _PAIRS.get(ch, "")  # "\u201d" with no quotation open closes nothing
            if stack and stack[-1][0] == want:
                stack.pop()
            elif any(c == want for c, _ in stack):
                while stack and stack[-1][0] != want:  # an inner opener was never closed
                    orphans.append(stack.pop())
                stack.pop()
            elif ch == "\u201d":
                stray.append((ch, pos))
            else:
                before = text[max(a, pos - 8) : pos]
                if ch == ")" and (_ENUMERATOR.search(before) or before.endswith((":", ";"))):
                    continue
                stray.append((ch, pos))
    return sorted(orphans + stack, key=lambda x: x[1]), sorted(stray + mixed, key=lambda x: x[1])


class UnbalancedBrackets(Rule):
    """A bracket or quotation mark opened and never closed (or closed and never opened) within a
    paragraph. List markers such as "a)" or "1)" are not counted."""

    code = "PR403"
    name = "unbalanced-brackets"
    groups = ("proofreading",)
    severity = "warning"
    explanation = "An unmatched bracket or quote makes readers wonder where the aside ends."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        scans = _scan_paragraphs(ctx)
        shown = 0
        for i, (unclosed, stray) in enumerate(scans):
            if shown >= MAX_PER_RULE:
                return
            shown += len(unclosed) + len(stray)
            unclosed, stray = unclosed[:MAX_PER_RULE], stray[:MAX_PER_RULE]
            # A parenthesis split across two paragraphs (a page break in a PDF) is not an error.
            if unclosed and i + 1 < len(scans) and scans[i + 1][1]:
                nxt = scans[i + 1][1]
                if unclosed[-1][0] == _PAIRS.get(nxt[0][0]):
                    unclosed = unclosed[:-1]
                    scans[i + 1] = (scans[i + 1][0], nxt[1:])
            for ch, pos in unclosed:
                close = {"(": ")", "[": "]", "{": "}", "\u201c": "\u201d", '"': '"'}[ch]
                yield ctx.finding(
                    self,
                    pos,
                    pos + 1,
                    f'"{ch}" is never closed in this paragraph: add the matching "{close}".',
                )
            for ch, pos in stray:
                if ch in _QUOTES:
                    msg = (
                        f'Mismatched quotation marks: "{ch}" closes a quotation opened '
                        "with another style of quote."
                    )
                else:
                    msg = f'"{ch}" closes something that was never opened in this paragraph.'
                yield ctx.finding(self, pos, pos + 1, msg)


# ---------------------------------------------------------------------------------------------
# PR404 / PR405 defined terms
# ---------------------------------------------------------------------------------------------

_Q_OPEN = '"\u201c'
_Q_CLOSE = '"\u201d'
# ("Services"), (the "Terms"), (collectively, the "Agreement"), ("we", "us" or "our")
_PAREN = re.compile(r"\(([^()\n]{1,200})\)")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{1,60})[\"\u201d]")
_PAREN_FILLER = re.compile(
    r"(?:[\s,;:/]|\b(?:and|or|and/or|each|together|collectively|individually|jointly|"
    r"hereinafter|hereafter|herein|the|a|an|referred|to|as|called|defined|"
    r"further|below|above|all|any|of|them|such)\b)*",
    re.IGNORECASE,
)
_MEANS = re.compile(
    r"\*{0,2}[\"\u201c]([A-Z][^\"\u201c\u201d\n]{0,60})[\"\u201d]\*{0,2}\s{0,3}"
    r"(?:means|shall mean|will mean|refers to|shall refer to|has the meaning|includes|is defined)\b"
)
_CALLED = re.compile(
    r"\b(?:referred to (?:herein |below |hereinafter )?as|hereinafter|defined as)\s{1,3}"
    r"(?:the\s{1,3})?[\"\u201c]([^\"\u201c\u201d\n]{1,60})[\"\u201d]",
    re.IGNORECASE,
)
_MEANS_NEEDLES = (
    " means",
    " mean",
    " refers to",
    " refer to",
    " has the meaning",
    " includes",
    " is defined",
)
_CALLED_NEEDLES = ("referred to", "hereinafter", "defined as")
_AS_DEFINED = re.compile(
    r"\b((?:[A-Z][\w-]{1,30}\s){0,3}[A-Z][\w-]{1,30})\s{1,3}\(?\s{0,2}as\s(?:such\sterm\sis\s)?"
    r"defined\s(?:below|above|herein|hereunder|in\s(?:these|this|the)\s(?:Terms|Agreement|"
    r"Policy|Conditions))"
)
_ALIAS = re.compile(r"\b(?:also|previously|formerly|sometimes|commonly)\b", re.IGNORECASE)
_PRONOUNS = frozenset("we us our you your i me my they them their it its".split())


@dataclass(frozen=True)
class Definition:
    term: str
    start: int  # offset of the term inside its quotes
    end: int


def definitions(ctx: AuditContext) -> list[Definition]:
    """Terms the document defines in quotes, with the span of each defining occurrence."""
    key = "proofreading.definitions"
    if key in ctx.cache:
        return ctx.cache[key]
    text = ctx.text
    out: dict[str, Definition] = {}
    if '"' in text or "\u201c" in text:
        for m in _PAREN.finditer(text):
            inner = m.group(1)
            if '"' not in inner and "\u201c" not in inner:
                continue  # every _QUOTED match opens with one of them
            quoted = list(_QUOTED.finditer(inner))
            if not quoted:
                continue
            if _ALIAS.search(inner):
                continue  # "(also referred to as "SPAM")" names an alias, not a definition
            rest = _QUOTED.sub(" ", inner)
            if _PAREN_FILLER.fullmatch(rest) is None:
                continue  # "(see the "Privacy" page for more)" is not a definition
            for q in quoted:
                raw = q.group(1)
                # American style puts the comma inside the quotes: ("Company," "us" or "we").
                term = raw.strip().rstrip(",.;:").rstrip()
                if term and term.lower() not in _PRONOUNS and term not in out:
                    s = m.start(1) + q.start(1) + len(raw) - len(raw.lstrip())
                    out[term] = Definition(term, s, s + len(term))
        aligned = len(ctx.lower_text) == len(text)
        index = ctx.needles
        for regex, needles in ((_MEANS, _MEANS_NEEDLES), (_CALLED, _CALLED_NEEDLES)):
            if not regex.flags & re.IGNORECASE:
                found = {n: index.exact(n) for n in needles}
            elif aligned:
                found = {n: index.folded(n) for n in needles}
            else:  # lowering moved offsets: the needles are looked for in the text as it is
                found = {n: find_all(text, n) for n in needles}
            for m in (
                m for n in needles for m in _window_matches(text, found[n], len(n), regex, 90)
            ):
                if _ALIAS.search(text, max(0, m.start() - 15), m.start() + 8):
                    continue  # "also referred to as": an alias, not a definition
                term = m.group(1).strip()
                if term and term.lower() not in _PRONOUNS and term not in out:
                    out[term] = Definition(term, m.start(1), m.start(1) + len(m.group(1)))
    result = sorted(out.values(), key=lambda d: d.start)
    ctx.cache[key] = result
    return result


def _is_used(text: str, term: str, skip: tuple[int, int]) -> bool:
    """Whether the term is used as a whole word (plural and possessive too) outside ``skip``."""
    pos = text.find(term)
    while pos != -1:
        end = pos + len(term)
        before = text[pos - 1] if pos else " "
        after = text[end : end + 2]
        if (
            not (before.isalnum() or before == "_")
            and not (skip[0] <= pos < skip[1])
            and (not after[:1].isalnum() or after[:1] == "s" and not after[1:2].isalnum())
        ):
            return True
        pos = text.find(term, pos + 1)
    return False


class UnusedDefinition(Rule):
    """A term defined in quotes ("Services", "Content") that the document never uses again."""

    code = "PR404"
    name = "unused-definition"
    groups = ("proofreading",)
    severity = "info"
    explanation = "A definition nobody uses is clutter, or a sign the text uses another name."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        for d in definitions(ctx):
            if not d.term[:1].isupper() or len(d.term.split()) > 6 or d.term.isupper():
                continue  # an abbreviation ("DMCA") not reused is harmless
            # "Acme Ltd ("Acme")": the name just before its definition is not a use.
            if not _is_used(text, d.term, (max(0, d.start - 80), d.end + 2)):
                yield ctx.finding(
                    self,
                    d.start,
                    d.end,
                    f'"{d.term}" is defined but never used: remove the definition or use it.',
                )


class UndefinedTerm(Rule):
    """A term the text says is defined ("Paid Services (as defined below)") that is never
    defined."""

    code = "PR405"
    name = "undefined-term"
    groups = ("proofreading",)
    severity = "warning"
    explanation = "The text points to a definition that is not there."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        if "defined" not in text:
            return
        known = {d.term.lower() for d in definitions(ctx)}
        found = ctx.needles.exact("defined")
        for m in _window_matches(text, found, len("defined"), _AS_DEFINED, 150):
            term = m.group(1)
            words = term.split()
            # "Paid Services" may be defined as "Paid Service"; try the longest tail too.
            candidates = {" ".join(words[i:]).lower() for i in range(len(words))}
            candidates |= {c[:-1] for c in candidates if c.endswith("s")}
            if candidates & known:
                continue
            if re.search(
                r"(?m)^\s{0,4}\**" + re.escape(words[-1]) + r"\**\s{0,2}[:\u2013\u2014-]", text
            ):
                continue  # defined in a glossary line "Term: meaning"
            yield ctx.finding(
                self,
                m.start(1),
                m.end(1),
                f'"{term}" is said to be defined, but no definition was found: add one.',
            )


# ---------------------------------------------------------------------------------------------
# PR406 cross-references to sections that do not exist
# ---------------------------------------------------------------------------------------------

_XREF = re.compile(
    r"\b(?:Sections?|Clauses?|Articles?|Paragraphs?|\u00a7)\s{0,2}(\d{1,3}(?:\.\d{1,3}){0,3})"
    r"(?![\d.]\d)"
)
# A statute, not this document: "Section 230 of the Communications Decency Act".
_FOREIGN_AFTER = re.compile(
    r"\s{0,2}(?:\([\w.]{1,6}\)\s{0,2}){0,4}(?:of\s(?:the\s)?(?!(?:these|this|our|the\s(?:Terms|"
    r"Agreement|Policy|Conditions|EULA))\b)(?:[A-Z]|\w+\s(?:Act|Code|Law|Regulation|Directive))"
    r"|(?:of|under)\s(?:the\s)?(?:GDPR|CCPA|DMCA|UK|US|U\.S|EU|California|Digital|Federal|"
    r"Consumer|Civil|Penal|Copyright|Data|Communications|Telecommunications|Electronic)"
    r"|[^.;\n]{0,30}\b(?:U\.S\.C|USC|Act|Code|GDPR|Regulation|Directive|Statute|CFR|C\.F\.R)\b)"
)
_FOREIGN_BEFORE = re.compile(
    r"\b(?:Act|Code|U\.S\.C|USC|GDPR|CCPA|Regulation|Directive|Statute|Law|Title\s\d{1,3})\b"
    r"[^.;]{0,90}$|of\sthe\s{1,3}$"
)
_LINE_NUMBER = re.compile(
    r"(?m)^[ \t#*]{0,6}(?:(?:Section|Clause|Article|Part)\s{1,3})?"
    r"(\d{1,3}(?:\.\d{1,3}){0,3})[.):]?[ \t]"
)


# Every _XREF match begins with one of these (its alternation's first words).
_XREF_NEEDLES = ("Section", "Clause", "Article", "Paragraph", "\u00a7")


def _xref_matches(ctx: AuditContext) -> Iterator[re.Match[str]]:
    """The matches ``_XREF.finditer(text)`` gives, tried only where a needle starts.

    A match can only begin at a needle, so trying those positions in order and skipping the
    ones inside the previous match is exactly what ``finditer`` does, without the regex
    engine testing ``\b`` at every character of the document.
    """
    starts = {pos for needle in _XREF_NEEDLES for pos in ctx.needles.exact(needle)}
    return matches_at(_XREF, ctx.text, sorted(starts))


def _known_numbers(ctx: AuditContext) -> set[str]:
    """Section numbers the document has: its sections' and every numbered line's."""
    nums = {s.number for s in ctx.segmented.sections if s.number}
    # _LINE_NUMBER matches only at line starts: tried there (ctx.document.line_starts, found
    # once) instead of by finditer, which makes the engine test "^" at every character. Where
    # a match runs past a newline (only "Section\n5 " can) the next line's own match, which
    # finditer skips, reads the same number, so the set is the same.
    text = ctx.text
    match = _LINE_NUMBER.match
    for start in ctx.document.line_starts:
        m = match(text, start)
        if m:
            nums.add(m.group(1))
    return {n.rstrip(".") for n in nums if n and n[0].isdigit()}


class MissingCrossReference(Rule):
    """A reference to a section that does not exist ("see Section 14" in a 12-section
    document). References to statutes ("Section 230 of the Communications Decency Act") are
    left alone."""

    code = "PR406"
    name = "missing-cross-reference"
    groups = ("proofreading",)
    severity = "warning"
    explanation = "The text sends readers to a section that is not there."

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        text = ctx.text
        numbers = _known_numbers(ctx)
        tops = {n.split(".")[0] for n in numbers}
        if len(tops) < 3:
            return  # the document is not numbered: nothing to check against
        for m in _xref_matches(ctx):
            ref = m.group(1)
            if _FOREIGN_AFTER.match(text, m.end()):
                continue
            before = text[max(0, m.start() - 100) : m.start()]
            if _FOREIGN_BEFORE.search(before):
                continue
            top = ref.split(".")[0]
            if top not in tops:
                missing = True
            elif "." in ref:
                # only checkable when the document numbers that section's subsections
                subs = {n for n in numbers if n.startswith(top + ".")}
                missing = (
                    bool(subs)
                    and ref not in subs
                    and not any(n.startswith(ref + ".") for n in subs)
                )
            else:
                missing = False
            if missing:
                highest = max(tops, key=int)
                yield ctx.finding(
                    self,
                    m.start(),
                    m.end(),
                    f'"{m.group(0)}" does not exist (sections run to {highest}): fix the '
                    "reference.",
                )


# ---------------------------------------------------------------------------------------------
# PR407 inconsistent durations / PR408 company named differently
# ---------------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
}
_DURATION = re.compile(
    r"\b(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")(?:\s{0,2}\(\d{1,3}\))?[\s-]{1,2}"
    r"((?:business|calendar|working)[\s-])?(day|week|month|year)s?\b(?:'|\u2019)?",
    re.IGNORECASE,
)
# _DURATION without IGNORECASE, run on the lower-cased text: several times faster (the engine
# folds no character), and the same matches wherever lowering keeps every offset and the text
# has neither "\u0131" nor "\u017f" (which IGNORECASE alone matches to "i" and "s"); a test
# checks that lowering keeps every character's word, digit and space classes.
_DURATION_LOWER = re.compile(_DURATION.pattern)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_DURATION_UNITS = ("day", "week", "month", "year")  # a literal in every _DURATION match
# A duration is tied to a term only in these shapes, so a refund *processing* time ("refunded
# within 5 working days") is never compared with the refund *window* ("within 14 days of
# delivery for a full refund").
_WINDOW_AFTER = re.compile(
    r"\s{0,2}(?:of|from|after|following)\s(?:the\s)?(?:date\s(?:of\s)?)?(?:your\s|the\s)?"
    r"(?:delivery|purchase|receipt|receiving|placing|buying|order|payment|signing|sign-up|"
    r"subscription|booking|transaction|dispatch|collection)",
    re.IGNORECASE,
)
_REFUND_WORDS = re.compile(r"\b(?:refund|money[- ]back|return)", re.IGNORECASE)
_TOPIC_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "refund window",
        re.compile(
            r"\b(?:refund|return|money[- ]back)\s(?:period|window|guarantee)\s(?:is\s|of\s){0,2}"
            r"(?:up\sto\s|at\sleast\s)?$",
            re.IGNORECASE,
        ),
    ),
    (
        "free trial",
        re.compile(r"\b(?:free\s)?trial(?:\speriod)?\s(?:is\s|of\s|lasts\s){0,2}$", re.IGNORECASE),
    ),
    (
        "withdrawal period",
        re.compile(
            r"\b(?:withdrawal|cooling[- ]off|cancellation)\speriod\s"
            r"(?:is\s|of\s|will\sexpire\s){0,2}"
            r"(?:up\sto\s|at\sleast\s|after\s)?$",
            re.IGNORECASE,
        ),
    ),
)
_TOPIC_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("refund window", re.compile(r"[\s-]{0,2}(?:full\s)?(?:refund|return|money[- ]back)\b", re.I)),
    ("free trial", re.compile(r"[\s-]{0,2}(?:free\s)?trial\b", re.IGNORECASE)),
    ("withdrawal period", re.compile(r"[\s-]{0,2}(?:withdrawal|cooling[- ]off)\b", re.I)),
)
_CHANGE_WORDS = re.compile(r"\b(?:chang|modif|amend|updat|revis)\w*", re.I)
_END_WORDS = re.compile(r"\b(?:terminat|cancel|clos|end)\w*", re.I)


def _durations(ctx: AuditContext, lower: bool = True) -> Iterator[re.Match[str]]:
    """``_DURATION``'s matches near each unit, unit by unit (a match near two units twice).

    With ``lower`` and a text the lower-cased twin stands for (same offsets, no "\u0131" or
    "\u017f"), each stretch is searched with ``_DURATION_LOWER`` in the lower-cased text and
    only its matches are matched again in the text, over the same stretch, for their groups.
    """
    text = ctx.text
    aligned = len(ctx.lower_text) == len(text)
    fast = lower and aligned and "\u0131" not in text and "\u017f" not in text
    low = ctx.lower_text
    for unit in _DURATION_UNITS:
        # Where lowering moved offsets the lower-case unit is looked for in the text as it is.
        found = ctx.needles.folded(unit) if aligned else find_all(text, unit)
        for lo, hi in _windows(len(text), found, len(unit), 40):
            if not fast:
                yield from _DURATION.finditer(text, lo, hi)
                continue
            for m in _DURATION_LOWER.finditer(low, lo, hi):
                same = _DURATION.match(text, m.start(), hi)
                if same is not None:  # always (same spans), kept for the type checker
                    yield same


def _duration_topics(ctx: AuditContext) -> list[tuple[str, int, int, int, str]]:
    """(topic, days, start, end, phrase) for each duration tied to a known term."""
    text = ctx.text
    out: list[tuple[str, int, int, int, str]] = []
    prose = [s for _, s in ctx.prose_sentences]
    starts = [s.start for s in prose]
    matches: list[tuple[re.Match[str], Any]] = []
    for m in _durations(ctx):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.end() <= prose[i].end:
            matches.append((m, prose[i]))
    matches.sort(key=lambda x: x[0].start())
    per_sentence: dict[int, int] = {}
    for m, s in matches:
        # a real sentence states a few durations; a hostile one must not cost more
        per_sentence[s.start] = per_sentence.get(s.start, 0) + 1
        if per_sentence[s.start] > 20:
            continue
        # the clause around the duration, bounded, stands for "the sentence"
        sent = text[max(s.start, m.start() - 300) : min(s.end, m.end() + 300)]
        raw = m.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = m.group(3).lower()
        days = n * _UNIT_DAYS[unit]
        if m.group(2) and not m.group(2).lower().startswith("calendar"):
            days = -n  # business days are not comparable with calendar days
        before = text[max(s.start, m.start() - 50) : m.start()]
        after_end = min(s.end, m.end() + 40)
        topic = next((t for t, rx in _TOPIC_BEFORE if rx.search(before)), None) or next(
            (t for t, rx in _TOPIC_AFTER if rx.match(text, m.end(), after_end)), None
        )
        if topic is None and _WINDOW_AFTER.match(text, m.end(), after_end):
            if _REFUND_WORDS.search(sent):
                topic = "refund window"
            elif re.search(r"\bwithdraw|\bcooling[- ]off", sent, re.IGNORECASE):
                topic = "withdrawal period"
        if topic is None:
            after = text[m.end() : min(s.end, m.end() + 25)]
            if re.match(
                r"[\s'\u2019]{0,3}(?:(?:prior|advance|written|advanced)\s{1,2}){0,2}"
                r"notice\b",
                after,
                re.IGNORECASE,
            ):
                if _CHANGE_WORDS.search(sent):
                    topic = "notice of changes"
                elif _END_WORDS.search(sent):
                    topic = "termination notice"
        if topic:
            out.append((topic, days, m.start(), m.end(), m.group(0)))
    return out


class InconsistentDuration(Rule):
    """The same term given different lengths in different places: a refund window of 14 days
    here and 30 days there, or notice of changes of 30 days and of 60 days."""

    code = "PR407"
    name = "inconsistent-duration"
    groups = ("proofreading",)
    severity = "warning"
    explanation = (
        "Two different numbers for the same promise: customers will hold you to the better one."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        first: dict[str, tuple[int, int, str]] = {}
        reported: set[tuple[str, int]] = set()
        for topic, days, start, end, phrase in _duration_topics(ctx):
            if topic not in first:
                first[topic] = (days, start, phrase)
                continue
            days0, start0, phrase0 = first[topic]
            if days != days0 and (topic, days) not in reported:
                reported.add((topic, days))
                line = ctx.document.line_col(start0)[0]
                yield ctx.finding(
                    self,
                    start,
                    end,
                    f'The {topic} is "{phrase}" here but "{phrase0}" on line {line}: make '
                    "them agree, or say why they differ.",
                    extra={
                        "topic": topic,
                        "first": {"start": start0, "end": start0 + len(phrase0)},
                    },
                )


_ENTITY = re.compile(
    r"\b((?:[A-Z][\w&'\u2019-]{0,30}[ \t]){0,3}[A-Z][\w&'\u2019-]{0,30}),?[ \t]"
    r"(Inc\b\.?|Incorporated\b|LLC\b|L\.L\.C\.|Ltd\b\.?|Limited\b|GmbH\b|Corp\b\.?|Corporation\b|"
    r"LLP\b|PLC\b|plc\b|S\.A\.|B\.V\.|AB\b|Oy\b|Pty\b)"
)
_SUFFIX_NEEDLES = (
    "Inc",
    "Incorporated",
    "LLC",
    "L.L.C.",
    "Ltd",
    "Limited",
    "GmbH",
    "Corp",
    "LLP",
    "PLC",
    "plc",
    "S.A.",
    "B.V.",
    " AB",
    " Oy",
    " Pty",
)
_SUFFIX_FAMILY = {
    "inc": "Inc.",
    "incorporated": "Inc.",
    "llc": "LLC",
    "l.l.c.": "LLC",
    "ltd": "Ltd",
    "limited": "Ltd",
    "gmbh": "GmbH",
    "corp": "Corp.",
    "corporation": "Corp.",
    "llp": "LLP",
    "plc": "plc",
    "s.a.": "S.A.",
    "b.v.": "B.V.",
    "ab": "AB",
    "oy": "Oy",
    "pty": "Pty",
}


class InconsistentCompanyName(Rule):
    """The company named with different legal forms ("Acme Inc." and "Acme LLC"), which leaves
    customers unsure who they contract with."""

    code = "PR408"
    name = "inconsistent-company-name"
    groups = ("proofreading",)
    severity = "warning"
    explanation = (
        "The same company appears under two legal names: say exactly who the contract is with."
    )

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        seen: dict[str, tuple[str, int, str]] = {}
        reported: set[tuple[str, str]] = set()
        found: list[tuple[str, str, re.Match[str]]] = []
        together: set[str] = set()  # names listed side by side as separate entities
        per_unit: dict[int, dict[str, set[str]]] = {}
        text = ctx.text
        entity_hits = sorted(
            {
                m.start(): m
                for suffix in _SUFFIX_NEEDLES
                for m in _window_matches(text, ctx.needles.exact(suffix), len(suffix), _ENTITY, 140)
            }.values(),
            key=lambda m: m.start(),
        )
        # Sentence starts, for the sentence of each name (only needed when there are names).
        starts = sorted(s.start for s in ctx.segmented.sentences) if entity_hits else []
        for m in entity_hits:
            name = re.sub(r"^(?:The|By|And|Or|With|From|To|Of|For)\s", "", m.group(1)).strip()
            if not name or name.isupper() and len(name) <= 3:
                continue
            family = _SUFFIX_FAMILY.get(m.group(2).lower().rstrip("."), None) or _SUFFIX_FAMILY.get(
                m.group(2).lower()
            )
            if family is None:
                continue
            key = name.lower()
            u = bisect.bisect_right(starts, m.start()) - 1
            fams = per_unit.setdefault(u, {}).setdefault(key, set())
            fams.add(family)
            if len(fams) > 1:
                together.add(key)
            found.append((key, family, m))
        for key, family, m in found:
            if key in together:
                continue
            if key not in seen:
                seen[key] = (family, m.start(), m.group(0))
                continue
            family0, start0, full0 = seen[key]
            if family != family0 and (key, family) not in reported:
                reported.add((key, family))
                line = ctx.document.line_col(start0)[0]
                yield ctx.finding(
                    self,
                    m.start(),
                    m.end(),
                    f'The company is "{m.group(0)}" here but "{full0}" on line {line}: use '
                    "one legal name.",
                )


RULES: list[Rule] = [
    Placeholder(),
    RepeatedWord(),
    UnbalancedBrackets(),
    UnusedDefinition(),
    UndefinedTerm(),
    MissingCrossReference(),
    InconsistentDuration(),
    InconsistentCompanyName(),
]


def needles() -> tuple[str, ...]:
    """Every literal these rules look up in the document's needle index."""
    exact, folded = _placeholder_needles()
    return (
        *exact,
        *folded,
        *_MEANS_NEEDLES,
        *_CALLED_NEEDLES,
        "defined",
        *_XREF_NEEDLES,
        *_DURATION_UNITS,
        *_SUFFIX_NEEDLES,
        *_BRACKETS,
    )
