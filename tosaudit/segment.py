"""Sections, paragraphs and sentences, as character offsets into the document text.

Sentences come from NLTK's Punkt algorithm configured with the abbreviations of legal and
commercial writing, so "U.S.", "Inc." or "Sec. 4" do not end a sentence. No Punkt model is
downloaded: the parameters are built here. Every scan is linear in the text (``str.find`` and
anchored, bounded regular expressions on single lines), so a 5 MB line with no punctuation
segments in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from typing import Any

from tosaudit.models import Document, Paragraph, Section, Segmented, Sentence
from tosaudit.nltk_data import punkt

# From the module tosaudit.nltk_data imported (nltk without its optional SciPy/scikit-learn
# wrappers); a plain ``from nltk.tokenize.punkt import ...`` here would import nltk in full.
PunktLanguageVars = punkt.PunktLanguageVars
PunktParameters = punkt.PunktParameters
PunktSentenceTokenizer = punkt.PunktSentenceTokenizer
PunktToken = punkt.PunktToken

# Abbreviations (lower case, without the final period) that Punkt must not treat as sentence ends.
LEGAL_ABBREVIATIONS = frozenset(
    """
    u.s u.s.a u.k e.u e.g i.e etc viz cf vs v no nos sec secs art arts para paras cl ch subsec
    inc ltd llc l.l.c l.p llp plc corp co cos bros gmbh s.a s.a.r.l b.v n.v pty a.g s.p.a
    mr mrs ms dr prof jr sr st hon esq rev gen
    jan feb mar apr jun jul aug sep sept oct nov dec
    a.m p.m approx dept est fig figs ibid id pp p vol ed eds ave blvd rd ste apt fl
    min max tel ph ext seq et al govt assn intl natl
    """.split()
)

_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u25cf\u25aa\u2013\u00b7]|\(?[a-zA-Z0-9]{1,3}[.)])[ \t]+")
# Headings in plain text and Markdown. Each is matched against a single line of at most 200
# characters, so none can backtrack over a long input.
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.+?)[ \t#]*")
_NUMBERED = re.compile(
    r"(?:(?:section|clause|article|part)[ \t]+)?"
    r"(\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,7}|[A-Z])"
    r"(?:\.|\)|:|[ \t]+[-\u2013\u2014:])?[ \t]+(\S.*)",
    re.IGNORECASE,
)
_SECTION_WORD = re.compile(
    r"(section|article|part|clause)[ \t]+([0-9]{1,3}|[IVXLC]{1,7})\b\.?(.*)", re.IGNORECASE
)
_END_PUNCT = ".!?;:,"
_SENTENCE_END = '.!?:;\u2026"\u201d)'


# A potential break Punkt decides the same way every time: a plain word, its end mark, space,
# any next token. Linear: the three parts' character classes do not overlap. White space as
# Punkt's word tokenizer (the ``regex`` module) reads it: \x1c-\x1f, which ``re``'s \s takes,
# belong to a token there ("word.\x1c...?" is one token "word.\x1c", then "...", then "?").
_PLAIN_BREAK = re.compile(r"([A-Za-z]+)([.?!])[^\S\x1c-\x1f]+[\S\x1c-\x1f]+")


# White space as the ``regex`` module (which nltk runs Punkt's patterns with) reads it: ``re``'s
# \s also takes \x1c-\x1f, which are part of a token there.
_SPACE = r"[^\S\x1c-\x1f]"  # the regex module's \s
_NOT_SPACE = r"[\S\x1c-\x1f]"  # the regex module's \S


def _ascii_pattern(nltk_pattern: Any, flags: int = 0) -> re.Pattern[str]:
    """One of Punkt's patterns compiled with ``re``, matching as nltk's does on ASCII text.

    nltk runs its patterns with the ``regex`` module under a timeout, which costs about 10 us a
    call (a fifth of a millisecond a decision). On ASCII text both engines read a pattern alike
    once its white-space classes are spelled as the regex module reads them (``_SPACE``); word
    and digit classes may differ beyond ASCII, so only ASCII text gets these. A test compares
    the decisions with nltk's on random text.
    """
    spelled = {r"\s": _SPACE, r"\S": _NOT_SPACE}
    source = re.sub(r"\\[sS]", lambda m: spelled[m.group()], nltk_pattern.pattern)
    return re.compile(source, flags)


class _AsciiToken(PunktToken):
    """Punkt's token with its patterns run by ``re``, for ASCII text only."""

    __slots__ = ()
    _RE_ELLIPSIS = _ascii_pattern(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _ascii_pattern(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _ascii_pattern(PunktToken._RE_INITIAL)
    _RE_ALPHA = _ascii_pattern(PunktToken._RE_ALPHA)


class _AsciiLanguageVars(PunktLanguageVars):
    """Punkt's word tokenizer run by ``re``, for ASCII text only."""

    __slots__ = ("_ascii_words",)

    def __init__(self) -> None:
        self._ascii_words = _ascii_pattern(super()._word_tokenizer_re(), re.VERBOSE)

    def word_tokenize(self, s: str) -> list[str]:
        return self._ascii_words.findall(s)


class _Punkt(PunktSentenceTokenizer):
    """Punkt with its commonest decision answered without building annotated tokens."""

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        # The same algorithm and parameters on ASCII text, with ``re`` in place of ``regex``.
        self._ascii = PunktSentenceTokenizer(
            params, lang_vars=_AsciiLanguageVars(), token_cls=_AsciiToken
        )

    def text_contains_sentbreak(self, text: str) -> bool:
        # Punkt's answer for "word. Next", "word? Next" and "word! Next" with the parameters
        # built here (no learned collocations, sentence starters or orthographic context):
        # "?" and "!" are breaks; "word." is one when "word" is not an abbreviation and has
        # at least two letters (one letter is an initial, which the second pass looks at).
        # Everything else goes to Punkt itself. Tests compare both on a corpus and random text.
        m = _PLAIN_BREAK.fullmatch(text)
        if m is not None:
            word, mark = m.group(1), m.group(2)
            if mark != "." or (len(word) > 1 and word.lower() not in self._params.abbrev_types):
                return True
        return _sentbreak_among_candidates(self._ascii if text.isascii() else self, text)


def _sentbreak_among_candidates(punkt: PunktSentenceTokenizer, text: str) -> bool:
    """``punkt.text_contains_sentbreak(text)``, annotating only the tokens that can be breaks.

    Punkt's first pass marks a token a break only when it is an end mark or ends in a period,
    and its second pass changes a token only from its own and the next token's annotation.
    So there is a break exactly when one of the tokens holding an end mark, short of the last
    token, is one once annotated with the token after it; every other token is only cut out,
    never built into an annotated object. On a 5 MB run of short tokens ('"a"a"a...') Punkt
    took about 20 s over its million annotated tokens. Tests compare with Punkt itself.
    """
    tokenize = punkt._lang_vars.word_tokenize
    # Punkt's _tokenize_words: the tokens of every line that is not blank, end to end.
    words = [w for line in text.split("\n") if line.strip() for w in tokenize(line)]
    holds_mark = _SENT_END.search
    for i in compress(range(len(words) - 1), map(holds_mark, words)):
        token, after = punkt._Token(words[i]), punkt._Token(words[i + 1])
        punkt._first_pass_annotation(token)
        punkt._first_pass_annotation(after)  # the second pass reads its sentence-period type
        punkt._second_pass_annotation(token, after)
        if token.sentbreak:
            return True
    return False


def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(LEGAL_ABBREVIATIONS)
    return _Punkt(params)


_TOKENIZER = _punkt()
# A character Punkt may end a sentence at ("." "?" "!").
_SENT_END = re.compile("[" + re.escape("".join(_TOKENIZER._lang_vars.sent_end_chars)) + "]")


# Punkt's pattern of a potential break (an end mark, then other punctuation or white space
# and the next token) from its own parts, compiled with the standard ``re``: nltk runs it with
# the ``regex`` module under a timeout, several times slower a call. The ``regex`` module's
# \s is ``re``'s without \x1c-\x1f (which str.isspace counts), so both classes are spelled
# out. Linear: each white-space run and token after a mark is read by that mark only. A test
# compares the matches with nltk's pattern on random text.
_LANG = _TOKENIZER._lang_vars
_PERIOD_CONTEXT = re.compile(
    f"{_LANG._re_sent_end_chars}(?=(?P<after_tok>{_LANG._re_non_word_chars}"
    f"|{_SPACE}+(?P<next_tok>{_NOT_SPACE}+)))"
)
# Punkt's own pattern (timeout-guarded by nltk) of closing quotes and brackets realigned onto
# the sentence before.
_REALIGN = _LANG.re_boundary_realignment
# The characters the realignment pattern can start with (a test checks them against it).
_REALIGNED = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
# A word ending in one of these before an end mark and white space: Punkt's word tokenizer
# cuts the closer off as its own token (")", '"') or keeps it with the mark ("\u201d.",
# "'.", never an abbreviation), so the mark's token is a sentence break followed by the next
# token. Tests compare with Punkt on random text.
_CLOSERS = frozenset(")\"'\u201d\u2019")
# string.whitespace: the only characters Punkt's search for the word before a break stops at.
_ASCII_SPACES = "\t\n\r\x0b\x0c"


def _last_space(text: str, lo: int, hi: int) -> int:
    """Offset of the last ``string.whitespace`` character in ``text[lo:hi]``, -1 if none."""
    last = text.rfind(" ", lo, hi)
    rest = lo if last == -1 else last + 1
    # The other five are control characters: a printable rest (the usual word) holds none.
    if text[rest:hi].isprintable():
        return last
    for ch in _ASCII_SPACES:
        # Only past the last one found: a later one is all that can win.
        last = max(last, text.rfind(ch, lo if last == -1 else last + 1, hi))
    return last


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    """``list(_TOKENIZER.span_tokenize(text))`` in one loop.

    Punkt chains four generators (candidate breaks, their contexts, slices, realignment) and
    finds the word before each candidate with a Python loop over characters; this is the same
    algorithm step by step (``_match_potential_end_contexts``, ``_slices_from_text``,
    ``_realign_boundaries``) with ``str.rfind`` for that search. Each break is still decided
    by ``_TOKENIZER.text_contains_sentbreak``. Tests compare both on a corpus and random text.
    """
    decide = _TOKENIZER.text_contains_sentbreak
    abbreviations = _TOKENIZER._params.abbrev_types
    slices: list[tuple[int, int]] = []
    last_break = 0
    decided: dict[str, bool] = {}

    def consider(match: Any, word: str) -> None:
        # ``word``: the text before the end mark back to the last ASCII white space.
        nonlocal last_break
        if (
            match.group("next_tok")
            and word
            and (
                word[-1] in _CLOSERS
                or (
                    word.isascii()
                    and word.isalpha()
                    and (
                        match.group() != "."
                        or (len(word) > 1 and word.lower() not in abbreviations)
                    )
                )
            )
        ):
            pass  # a break, as Punkt decides (see _CLOSERS and _Punkt.text_contains_sentbreak)
        else:
            # Punkt's answer depends on the context alone: a repeated one (a run of "a. a.")
            # is decided once per paragraph.
            context = word + match.group() + match.group("after_tok")
            brk = decided.get(context)
            if brk is None:
                brk = decided[context] = decide(context)
            if not brk:
                return
        slices.append((last_break, match.end()))
        # The next sentence starts at the next token, or at the punctuation that follows.
        last_break = match.start("next_tok") if match.group("next_tok") else match.end()

    prev_start = prev_stop = 0  # the word before the previous candidate
    prev: Any = None
    for match in _PERIOD_CONTEXT.finditer(text):
        at = match.start()
        space = _last_space(text, prev_stop, at)
        # Punkt's search reports "none" both for no white space and for one at its first
        # character; then the word starts where the previous one did.
        start = space + 1 if space > prev_stop else prev_start
        if prev is not None and prev_stop <= start:
            consider(prev, text[prev_start:prev_stop])
        prev, prev_start, prev_stop = match, start, at
    if prev is not None:
        consider(prev, text[prev_start:prev_stop])
    slices.append((last_break, len(text.rstrip())))

    out: list[tuple[int, int]] = []
    realign = 0
    last = len(slices) - 1
    for k, (a, b) in enumerate(slices):
        a += realign
        if k < last:
            na, nb = slices[k + 1]
            # Realignment moves closing quotes and brackets only: any other first character
            # cannot match (a test checks the set against the pattern).
            m = _REALIGN.match(text[na:nb]) if text[na : na + 1] in _REALIGNED else None
            if m:
                out.append((a, na + len(m.group(0).rstrip())))
                realign = m.end()
                continue
            realign = 0
        if a < b:  # Punkt keeps a slice whose text is not empty
            out.append((a, b))
    return out


def sentence_spans(para: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, as Punkt's ``span_tokenize`` gives.

    Punkt only breaks after an end character followed by more text, so a paragraph whose only
    end character (if any) is its last one is one sentence: Punkt's answer without running it
    (40 % of the paragraphs of the CLAUDETTE documents; a test compares both on random text).
    """
    m = _SENT_END.search(para)
    if m is None or m.start() == len(para) - 1:
        end = len(para.rstrip())
        return [(0, end)] if end else []
    return _punkt_spans(para)


@lru_cache(maxsize=4096)
def _paragraph_spans(para: str) -> tuple[tuple[int, int], ...]:
    """``sentence_spans(para)``, kept per paragraph text: a paragraph repeated within a
    document, or across documents (one policy in several formats, policies from one
    template), is split once. Bounded, and emptied with the other per-text caches."""
    return tuple(sentence_spans(para))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        yield pos, end if end == pos or text[end - 1] != "\r" else end - 1
        if nl == -1:
            break
        pos = nl + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def heading_level(line: str) -> tuple[int, str, str | None] | None:
    """(level, heading text, number) when a single stripped line reads as a heading."""
    if not line or len(line) > 200:
        return None
    m = _MD_HEADING.fullmatch(line)
    if m:
        return len(m.group(1)), m.group(2).strip(), None
    words = line.split()
    if len(words) > 14:
        return None
    m = _SECTION_WORD.match(line)
    if m and len(words) <= 12:
        return 1, line, m.group(2)
    m = _NUMBERED.fullmatch(line)
    if m:
        number, title = m.group(1), m.group(2)
        title_words = title.split()
        if (
            title[:1].isupper()
            and len(title_words) <= 14
            and (title[-1] not in _END_PUNCT or len(title_words) <= 6)
            and not (number.isalpha() and len(number) == 1 and len(title_words) > 6)
        ):
            level = min(number.count(".") + 1, 4) if number[0].isdigit() else 1
            return level, line, number.rstrip(".")
    letters = list(filter(str.isalpha, line))  # C-level loops, not a Python one per character
    if (
        len(letters) >= 3
        and len(words) <= 10
        and all(map(str.isupper, letters))
        and line[-1] not in ".,;"
    ):
        return 1, line, None
    return None


def title_heading(line: str) -> bool:
    """A short Title Case line with no closing punctuation ("Using our Services")."""
    words = line.split()
    if not 1 <= len(words) <= 10 or len(line) > 90 or line[-1] in ".,;:" or not line[0].isupper():
        return False
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if not long_words:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def short_heading(line: str) -> bool:
    """A line of two to five words with no closing punctuation ("Who we are")."""
    words = line.split()
    return (
        2 <= len(words) <= 5
        and line[0].isupper()
        and line[-1] not in _END_PUNCT + "\"'\u201d)"
        and all(w[:1].isalpha() for w in words)
    )


def _is_block_break(text: str, prev: tuple[int, int], cur: tuple[int, int], wrap: int) -> bool:
    """Whether the newline between two non-empty lines ends a paragraph (not a soft wrap)."""
    ps, pe = prev
    cs, ce = cur
    if text[pe - 1] in _SENTENCE_END or text[pe - 1] in ":":
        return True
    if _BULLET.match(text, cs, min(ce, cs + 12)):
        return True
    # A line much shorter than the document's wrap width ends its paragraph.
    return pe - ps < 0.6 * wrap


# More bars than a real table row has (a hostile "|a|a|a..." line stays one paragraph).
_MAX_TABLE_BARS = 64


def _is_rule(line: str) -> bool:
    """A line of three or more of one of ``= - * _`` (spaces allowed): an underline or rule."""
    marks = line.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks.count(marks[0]) == len(marks)


def _table_cells(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of a Markdown table row's non-empty cells; none for its ``|---|:--:|`` row."""
    row = text[start:end]
    if not row.strip("|-: \t"):
        return
    pos = start + 1  # after the row's opening "|"
    while pos < end:
        bar = text.find("|", pos, end)
        while bar > pos and text[bar - 1] == "\\":  # an escaped "\|" is cell text
            bar = text.find("|", bar + 1, end)
        cell_end = end if bar == -1 else bar
        a, b = _strip(text, pos, cell_end)
        if b > a:
            yield a, b
        pos = cell_end + 1


def _runs_on(text: str, cur: tuple[int, int], nxt: tuple[int, int], wrap: int) -> bool:
    """Whether a line's text runs on into the next line, so it cannot be a heading.

    It does when the next line is not blank, the line has no closing punctuation, and either the
    next line starts in lower case or the line fills the document's wrap width.
    """
    cs, ce = cur
    ns, ne = nxt
    if ns == ne or text[ce - 1] in _SENTENCE_END or text[ce - 1] in ":":
        return False
    return text[ns].islower() or bool(wrap and ce - cs >= 0.75 * wrap)


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    lengths = sorted(e - s for s, e in lines if e > s)
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.9)] if len(lengths) > 10 else lengths[-1]


# "Last Updated March 20, 2023", "Effective: 1 May 2024": a date line, not a section's title.
_DATE_LINE = re.compile(
    r"\s{0,3}(?:last\s+(?:updated|modified|revised|changed)|effective(?:\s+date)?|updated|"
    r"revised|version\s+date|date\s+of\s+last\s+revision)\b[^\n]{0,40}?\b\d{4}\W{0,3}$",
    re.I,
)

# At least this many non-blank lines, nearly all of them one word, make a word-per-line text.
_ONE_WORD_MIN_LINES = 30
_ONE_WORD_SHARE = 0.8


def _one_word_per_line(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether nearly every non-blank line holds a single word (no space or tab in it)."""
    filled = [(s, e) for s, e in lines if e > s]
    if len(filled) < _ONE_WORD_MIN_LINES:
        return False
    single = sum(1 for s, e in filled if e - s <= 40 and not _SPACE_IN.search(text, s, e))
    return single >= _ONE_WORD_SHARE * len(filled)


_SPACE_IN = re.compile(r"[ \t]")


def segment(doc: Document) -> Segmented:
    """Split a document into sections, paragraphs and sentences."""
    text = doc.text
    lines = [_strip(text, s, e) for s, e in _lines(text)]
    wrap = _wrap_width(text, lines)
    known = {h.start: h for h in doc.headings}
    # Text copied from some web pages puts every word on its own line. There a line's length
    # and look say nothing: only blank lines, sentence ends and "#" headings break the text.
    one_word = _one_word_per_line(text, lines)
    if one_word:
        wrap = 0

    headings: list[tuple[int, int, int, str | None]] = []  # start, end, level, number
    paragraphs: list[Paragraph] = []
    block_start: int | None = None
    block_end = 0
    prev: tuple[int, int] | None = None

    def close() -> None:
        nonlocal block_start
        if block_start is not None:
            paragraphs.append(Paragraph(block_start, block_end))
        block_start = None

    n_lines = len(lines)
    for i, (s, e) in enumerate(lines):
        if s == e:
            close()
            prev = None
            continue
        first = text[s]
        if first in "=-*_" and _is_rule(text[s:e]):
            # A setext underline ("Refunds" over "=======") makes the one line above it a
            # heading; it and every other horizontal rule ("---", "* * *") are not sentences.
            level = 1 if first == "=" else 2
            if first in "=-" and prev is not None and block_start == prev[0]:
                block_start = None
                headings.append((prev[0], prev[1], level, None))
            elif first in "=-" and headings and text.count("\n", headings[-1][1], s) == 1:
                hs, he, _, number = headings[-1]  # the line above already read as a heading
                headings[-1] = (hs, he, level, number)
            close()
            prev = None
            continue
        if first == "|" and text.count("|", s, e) <= _MAX_TABLE_BARS:
            # A Markdown table row: each cell is a paragraph, as the DOCX and HTML readers put
            # each cell on its own line; the row of dashes under the header row is no text.
            close()
            paragraphs.extend(Paragraph(a, b) for a, b in _table_cells(text, s, e))
            prev = None
            continue
        hint = known.get(s)
        line = text[s:e]
        found = (
            heading_level(line) if e - s <= 200 and (not one_word or line.startswith("#")) else None
        )
        if found and not line.startswith("#") and i + 1 < n_lines:
            if _runs_on(text, (s, e), lines[i + 1], wrap):
                found = None  # the first line of a hard-wrapped clause ("12.4 Club may ... or no")
        # Headings known only from their look (all caps, Title Case, a short line) must start a
        # block: a line inside a wrapped paragraph is never one.
        starts_block = (prev is None or text[prev[1] - 1] in _SENTENCE_END) and (
            not wrap or e - s < 0.75 * wrap
        )
        if found and found[2] is None and not line.startswith("#") and not starts_block:
            found = None
        level = hint.heading_level if hint else (found[0] if found else None)
        number = found[2] if found else None
        if (
            level is None
            and starts_block
            and not one_word
            and (title_heading(line) or short_heading(line))
            and not _DATE_LINE.match(line)
        ):
            level = 2
        if level:
            close()
            headings.append((s, e, level, number))
            prev = None
            continue
        if (
            block_start is not None
            and prev is not None
            and _is_block_break(text, prev, (s, e), wrap)
        ):
            close()
        if block_start is None:
            block_start = s
        block_end = e
        prev = (s, e)
    close()

    sections: list[Section] = []
    for i, (hs, he, level, number) in enumerate(headings):
        end = len(text)
        for js, _je, jl, _ in headings[i + 1 :]:
            if jl <= level:
                end = js
                break
        heading = text[hs:he].lstrip("#").strip()
        sections.append(Section(heading, level, hs, _strip(text, hs, end)[1], hs, he, number))

    sentences: list[Sentence] = []
    head_i = 0
    n_head = len(headings)
    para_items = [(p.start, p.end, pi) for pi, p in enumerate(paragraphs)]
    head_items = [(hs, he, -1) for hs, he, _, _ in headings]
    for start, end, pi in sorted(para_items + head_items):
        while head_i + 1 < n_head and headings[head_i + 1][0] <= start:
            head_i += 1
        sec = head_i if n_head and headings[0][0] <= start else -1
        if pi == -1:
            sentences.append(Sentence(start, end, sec, -1, "heading"))
            continue
        for ss, se in _paragraph_spans(text[start:end]):
            a, b = _strip(text, start + ss, start + se)
            if b > a:
                sentences.append(Sentence(a, b, sec, pi))
    return Segmented(doc, tuple(sections), tuple(paragraphs), tuple(sentences))
