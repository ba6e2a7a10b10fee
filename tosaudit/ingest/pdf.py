"""PDF with pdfplumber: text in reading order plus the layout facts small print hides behind.

Every PDF line becomes a ``LayoutSpan`` with its page, font size (the size most of its
characters use), bold and all-caps, so a 7-pt clause among 11-pt text can be found later.
Repeated page headers/footers and page numbers are dropped (one copy of a running line with
contact details is kept, after the body), words hyphenated across line ends are joined,
ligature glyphs become their letters, lines of one paragraph are joined with spaces (a wrapped
line is not a line break of the text) and paragraphs are separated by a blank line. Two-column
pages are read column by column. Short lines set larger or bold than the body become heading
hints.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
import pdfplumber
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from tosaudit.ingest.errors import (
    CorruptFileError,
    EncryptedError,
    NoTextLayerError,
    one_line,
)
from tosaudit.models import Document, LayoutSpan

# Bounded blank runs: two unbounded ones around an optional dash made fullmatch quadratic on a
# 5 MB line of blanks (a page number is never spaced wider than 20).
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|pg\.?)?[ \t]{0,20}[-\u2013\u2014]?[ \t]{0,20}\d{1,4}[ \t]{0,20}"
    r"[-\u2013\u2014]?(?:[ \t]{0,20}(?:of|/)[ \t]{0,20}\d{1,4})?"
    # Roman page numbers of front matter, spelled properly so that "Civil" is not one.
    r"|(?=[ivxlc])(?:x{0,3}|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|c{1,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
# Tried at word starts only: from inside a 5 MB run of letters every start scanned to its end.
# The matches are the same (a match inside a word is also one from the word's start).
_HYPHENATED = re.compile(r"(?<![A-Za-z])[A-Za-z]+-[A-Za-z]+")
_BULLET = re.compile(
    r"(?:[-*\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u25ba\u27a2\u2713\u2714\u2013\u00b7]"
    r"|\(?[a-zA-Z0-9]{1,3}[.)])[ \t]"
)
# Glyphs a PDF's text layer gives that are not the text a reader sees: typographic ligatures
# (Word and TeX set "fi" as one glyph, so "ﬁle a claim" matched no pattern for "file") and
# Symbol/Wingdings bullets, which fonts without a Unicode map place in the Private Use Area.
_GLYPHS = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        **dict.fromkeys(
            "\uf0b7\uf0a7\uf0a8\uf0d8\uf0d7\uf0e8\uf076\uf06e\uf0fc\uf0a4\uf097", "\u2022"
        ),
    }
)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Prefixes that form hyphenated compounds in policy language ("auto-renewal", "third-party").
_HYPHEN_PREFIXES = frozenset(("auto", "self", "third", "non", "opt", "e", "sign", "add", "pre"))
# An email address, a phone number (seven digits or more) or a web address.
_CONTACT = re.compile(
    r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{2,}"
    r"|\+?\(?[0-9]{2,5}\)?[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,5}\b"
    r"|\bwww\.[A-Za-z0-9-]{1,63}\.|\bhttps?://",
)
_HEADER_ZONE = 2  # lines at the top and bottom of a page that may be running headers/footers
_MIN_SIDE_SHARE = 0.05  # share of a page's characters each column of a two-column page holds


@dataclass
class _Line:
    """One text line of a page, with the facts layout analysis needs."""

    page: int
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    caps: bool
    chars: int
    column: int = 0  # 0: the page is one column; 1 left, 2 right of a two-column page
    drop: bool = False
    running: bool = False  # a running header/footer line kept for its contact details


def _page_chars(layout: LTContainer) -> list[LTChar]:
    """Every character of a page, including those inside form XObjects (figures)."""
    chars: list[LTChar] = []
    stack: list[LTContainer] = [layout]
    while stack:
        for obj in stack.pop():
            if isinstance(obj, LTChar):
                chars.append(obj)
            elif isinstance(obj, LTContainer):
                stack.append(obj)
    return chars


def _page_lines(page_no: int, layout: LTContainer) -> list[_Line]:
    """Group a page's characters into lines in reading order.

    pdfplumber's ``extract_text_lines`` does the same but first converts every character
    into a dict of some twenty resolved attributes (colours, matrices); reading the pdfminer
    objects of ``page.layout`` directly is about three times faster and gives the same lines.
    A page set in two columns is read column by column (see ``_gutter``).
    """
    height = float(layout.height)
    chars = _page_chars(layout)
    items = sorted(
        ((height - float(c.y1), float(c.x0), c) for c in chars),
        key=lambda item: (item[0], item[1]),
    )
    clusters: list[list[tuple[float, float, LTChar]]] = []
    for item in items:
        # Same line when the top is within 3 pt of the line's first character (pdfplumber's
        # default y_tolerance).
        if clusters and item[0] - clusters[-1][0][0] <= 3.0:
            clusters[-1].append(item)
        else:
            clusters.append([item])
    gutter = _gutter(clusters, float(layout.width))
    if gutter is None:
        return [ln for c in clusters if (ln := _make_line(page_no, c, height)) is not None]
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    out: list[_Line] = []
    band: tuple[list[_Line], list[_Line]] = ([], [])

    def flush() -> None:
        out.extend(band[0])
        out.extend(band[1])
        band[0].clear()
        band[1].clear()

    for cluster in clusters:
        if any(float(it[2].x1) > g0 and it[1] < g1 for it in cluster if it[2].get_text().strip()):
            # Text inside the gutter: a title or rule set across both columns ends the band.
            flush()
            if (ln := _make_line(page_no, cluster, height)) is not None:
                out.append(ln)
            continue
        for side, part in enumerate(
            ([it for it in cluster if it[1] < mid], [it for it in cluster if it[1] >= mid])
        ):
            if part and (ln := _make_line(page_no, part, height, column=side + 1)) is not None:
                band[side].append(ln)
    flush()
    return out


def _gutter(
    clusters: list[list[tuple[float, float, LTChar]]], width: float
) -> tuple[float, float] | None:
    """The x-range of the white gutter of a two-column page, or None for one column.

    A gutter is a band at least 6 pt wide in the middle half of the page that (almost) no
    line touches, with text filling both sides: most lines on each side run most of the
    way to the gutter. A two-column table (a short label beside long text) is not a gutter.
    """
    chars = [item[2] for cluster in clusters for item in cluster]
    shown = np.fromiter((not c.get_text().isspace() for c in chars), dtype=bool, count=len(chars))
    if int(shown.sum()) < 200 or width <= 0:
        return None
    rows = np.repeat(np.arange(len(clusters)), [len(c) for c in clusters])[shown]
    x0 = np.fromiter((float(c.x0) for c in chars), dtype=np.float64, count=len(chars))[shown]
    x1 = np.fromiter((float(c.x1) for c in chars), dtype=np.float64, count=len(chars))[shown]
    n = int(width) + 2
    lo = np.clip(np.floor(x0).astype(np.int64), 0, n - 1)
    hi = np.clip(np.ceil(x1).astype(np.int64), 0, n - 1)
    # How many lines touch each x: counted per line, not per character, so that a centred
    # running header, a title and a page number cross the gutter as three lines whatever
    # their characters' widths.
    diff = np.zeros((len(clusters), n + 1), dtype=np.int32)
    np.add.at(diff, (rows, lo), 1)
    np.add.at(diff, (rows, hi + 1), -1)
    cover = (np.cumsum(diff, axis=1)[:, :n] > 0).sum(axis=0)
    a, b = int(width * 0.25), int(width * 0.75)
    # A few lines may cross the gutter (running header and footer, a title, a full-width
    # introduction). The stricter count is tried first: a short column of three lines is
    # itself "almost free" under the looser one.
    for allowed in sorted({max(2, int(0.05 * len(clusters))), max(4, int(0.05 * len(clusters)))}):
        band = _inner_band(cover[a:b] <= allowed)
        if band is None:
            continue
        g0, g1 = float(a + band[0]), float(a + band[1])
        if _columns_either_side(g0, g1, x0, x1, rows, len(clusters)):
            return g0, g1
    return None


def _inner_band(free: np.ndarray) -> tuple[int, int] | None:
    """The widest run of True at least 6 pt wide that does not touch either end of ``free``.

    A gutter has text on both sides within the middle half of the page; a run reaching the
    edge of that window is the white space beside a short column, not a gutter.
    """
    best: tuple[int, int] | None = None
    start = None
    for i, ok in enumerate(np.append(free, False)):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            inner = start > 0 and i < len(free)
            if inner and (best is None or i - start > best[1] - best[0]):
                best = (start, i)
            start = None
    if best is None or best[1] - best[0] < 6:
        return None
    return best


def _columns_either_side(
    g0: float, g1: float, x0: np.ndarray, x1: np.ndarray, rows: np.ndarray, n_lines: int
) -> bool:
    """Whether running text fills both sides of the band [g0, g1] (rows: each char's line)."""
    # Lines across the gutter (a title, a running header) belong to neither column.
    crossing = np.zeros(n_lines, dtype=bool)
    crossing[rows[(x1 > g0 + 0.5) & (x0 < g1 - 0.5)]] = True
    left = (x1 <= g0 + 0.5) & ~crossing[rows]
    right = (x0 >= g1 - 0.5) & ~crossing[rows]
    # The last page of a two-column document often has a full left column and a short right
    # one (or the reverse): a side needs only a few lines of its own, not a fifth of the text.
    for side in (left, right):
        if side.sum() < _MIN_SIDE_SHARE * len(rows) or len(np.unique(rows[side])) < 3:
            return False
    # Both sides must be running text, not a table's label column: the typical line on each
    # side reaches within 15% of the column's width of the gutter (or of the right edge).
    left_edge = float(x0[left].min())
    right_edge = float(x1[right].max())
    return _fills(_line_ends(rows[left], x1[left]), left_edge, g0) and _fills(
        _line_ends(rows[right], x1[right]), g1, right_edge
    )


def _line_ends(rows: np.ndarray, x1: np.ndarray) -> np.ndarray:
    """The right end of each line, from its characters' line numbers and right edges."""
    ends = np.full(int(rows.max()) + 1, -np.inf)
    np.maximum.at(ends, rows, x1)
    return ends[np.isfinite(ends)]


def _fills(ends: np.ndarray, start: float, stop: float) -> bool:
    """Whether full lines end near ``stop`` (running text, not a column of short labels).

    Measured on lines, not characters: a short column of five or six lines (the end of a
    two-column page) has too few characters for a character percentile to reach its edge,
    though every full line does. The upper quartile, because headings and the last lines of
    paragraphs are short: in a short column they can be half the lines.
    """
    span = stop - start
    if span <= 0 or not len(ends):
        return False
    return float(np.percentile(ends, 75)) >= start + 0.85 * span


def _make_line(
    page_no: int, cluster: list[tuple[float, float, LTChar]], height: float, column: int = 0
) -> _Line | None:
    """One _Line from characters that sit on one line (``column``: 0 whole page, 1 or 2)."""
    cluster.sort(key=lambda item: item[1])
    parts: list[str] = []
    sizes: Counter[float] = Counter()
    bold = visible = 0
    prev_x1: float | None = None
    space = False
    for _top, x0, ch in cluster:
        glyph = ch.get_text()
        if not glyph or glyph.isspace():
            space = True
            continue
        size = float(ch.size)
        # No space glyph in the PDF (words placed by offsets): a gap of 0.15 em is one.
        if prev_x1 is not None and (space or x0 - prev_x1 > 0.15 * size):
            parts.append(" ")
        space = False
        parts.append(glyph)
        prev_x1 = float(ch.x1)
        visible += 1
        sizes[round(size, 1)] += 1
        if _BOLD_FONT.search(ch.fontname or ""):
            bold += 1
    text = " ".join("".join(parts).translate(_GLYPHS).split())
    if not text:
        return None
    letters = [c for c in text if c.isalpha()]
    return _Line(
        page=page_no,
        text=text,
        top=min(item[0] for item in cluster),
        bottom=max(height - float(item[2].y0) for item in cluster),
        x0=cluster[0][1],
        size=sizes.most_common(1)[0][0],
        bold=bold >= 0.8 * visible,
        caps=len(letters) >= 2 and all(c.isupper() for c in letters),
        chars=visible,
        column=column,
    )


def _open(data: bytes) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data), password="")
    except Exception as exc:  # pdfminer raises many types on damaged files; wrap them all
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedError(
                "the PDF is encrypted with a password; save a copy without the password "
                "and audit that"
            ) from None
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedError(
                f"the PDF uses an encryption tosaudit cannot open ({one_line(cause)})"
            ) from None
        raise CorruptFileError(
            f"the PDF is damaged and cannot be read ({one_line(cause)})"
        ) from None


def _read_lines(data: bytes) -> tuple[list[list[_Line]], dict]:
    """The text lines of every page, in reading order."""
    pages: list[list[_Line]] = []
    with _open(data) as pdf:
        meta = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str | int | float)}
        try:
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_page_lines(number, page.layout))
                page.close()  # pdfplumber keeps every page's objects otherwise
        except (EncryptedError, CorruptFileError):
            raise
        except Exception as exc:  # a broken content stream or xref deep inside the file
            raise CorruptFileError(
                f"the PDF is damaged and cannot be read ({one_line(exc)})"
            ) from None
    return pages, meta


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Mark page numbers and headers/footers repeated on most pages.

    Returns the running lines that give a way to contact the business (an email address, a
    phone number, a web address), once each: a footer such as "Greenline Fitness, (217)
    555-0142" is read on every page, and dropping every copy lost the document's only contact
    details. The DOCX reader keeps page headers and footers for the same reason.
    """
    zones = [lines[:_HEADER_ZONE] + lines[-_HEADER_ZONE:] for lines in pages]
    for zone in zones:
        for ln in zone:
            if _PAGE_NUMBER.fullmatch(ln.text):
                ln.drop = True
    if len(pages) < 2:
        return []

    # The size is part of the key: a document title repeated small in the running header must
    # survive on the first page where it is set large.
    def key(ln: _Line) -> tuple[str, float]:
        return _DIGITS.sub("#", ln.text.lower()), ln.size

    seen: Counter[tuple[str, float]] = Counter()
    for zone in zones:
        seen.update({key(ln) for ln in zone})
    need = max(2, (len(pages) + 1) // 2)
    contact: dict[tuple[str, float], _Line] = {}
    for zone in zones:
        for ln in zone:
            if seen[key(ln)] >= need:
                ln.drop = True
                if _CONTACT.search(ln.text):
                    contact[key(ln)] = ln  # the last copy: its page is the last it is read on
    return list(contact.values())


def _body_size(lines: list[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _headingish(ln: _Line, body: float) -> bool:
    """A short line set larger than the body, or bold, that does not end like a sentence."""
    words = ln.text.split()
    if not words or len(words) > 14 or ln.text[-1] in ".,;":
        return False
    if not any(c.isalpha() for c in ln.text):
        return False
    return ln.size >= body + 1.0 or (ln.bold and ln.size >= body - 0.5)


def _new_paragraph(prev: _Line, cur: _Line, gap_limit: float) -> bool:
    if cur.page != prev.page or (cur.column != prev.column and cur.top < prev.top):
        # A paragraph running over a page or column break continues in lower case.
        return prev.text[-1] in ".!?:" or not cur.text[0].islower()
    if abs(cur.size - prev.size) > 0.5 or cur.bold != prev.bold:
        return True
    if _BULLET.match(cur.text):
        return True
    return cur.top - prev.bottom > gap_limit * max(prev.size, 1.0)


def _gap_limit(lines: list[_Line]) -> float:
    """Vertical gap (in font sizes) above which a new paragraph starts."""
    gaps = sorted(
        (b.top - a.bottom) / max(a.size, 1.0)
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and b.top > a.bottom - 1
    )
    if not gaps:
        return 0.5
    typical = gaps[len(gaps) // 4]  # most gaps are line spacing inside paragraphs
    return max(typical * 1.5, typical + 0.25)


def _join_hyphen(left: str, right: str, words: set[str], hyphenated: set[str]) -> str | None:
    """The joined word when ``left`` ends a line with a hyphen and ``right`` continues it.

    The document itself decides: keep the hyphen when the hyphenated form appears elsewhere
    and the closed form does not ("auto-renewal"), else drop it ("subscrip-tion").
    """
    if len(left) < 2 or left[-1] not in "-\u00ad" or not left[-2].isalpha():
        return None
    if not right or not right[0].islower():
        return None
    head = _WORD.search(left[:-1][::-1])
    tail = _WORD.match(right)
    if not head or not tail:
        return None
    a, b = head.group(0)[::-1].lower(), tail.group(0).lower()
    if a in _HYPHEN_PREFIXES or (f"{a}-{b}" in hyphenated and f"{a}{b}" not in words):
        return left + right
    return left[:-1] + right


def read_pdf(data: bytes, source: str) -> Document:
    """A Document from a PDF's text layer."""
    if b"%%EOF" not in data[-2048:]:
        # pdfminer can recover a cut-off file, silently losing its last pages: exactly where
        # small print tends to sit. Refuse rather than audit part of a document.
        raise CorruptFileError(
            "the PDF is truncated or damaged (no end-of-file marker); download it again"
        )
    pages, meta = _read_lines(data)
    if not pages:
        raise CorruptFileError("the PDF has no pages")
    if not any(pages):
        raise NoTextLayerError(
            "the PDF has no text layer (it looks scanned); run OCR on it first "
            "(for example with ocrmypdf) and audit the result"
        )
    running = _drop_running_lines(pages)
    lines = [ln for page in pages for ln in page if not ln.drop]
    # Running lines kept for their contact details follow the body, each its own paragraph,
    # where the DOCX reader puts page headers and footers.
    lines += [replace(ln, drop=False, running=True) for ln in running if lines]
    if not lines:
        raise NoTextLayerError("the PDF has no text besides page headers and page numbers")

    body = _body_size(lines)
    gap_limit = _gap_limit(lines)
    all_text = "\n".join(ln.text for ln in lines)
    words = {w.lower() for w in _WORD.findall(all_text)}
    hyphenated = {w.lower() for w in _HYPHENATED.findall(all_text)}

    # Group lines into paragraphs; headings are paragraphs of their own.
    paragraphs: list[list[_Line]] = []
    heads: list[bool] = []
    for i, ln in enumerate(lines):
        is_head = _headingish(ln, body)
        if is_head and ln.size < body + 1.0:
            # Bold at body size is a heading only when it stands alone: the lines of a bold
            # warning paragraph are each short and unpunctuated too.
            before = i == 0 or _new_paragraph(lines[i - 1], ln, gap_limit)
            after = i + 1 == len(lines) or _new_paragraph(ln, lines[i + 1], gap_limit)
            is_head = before and after
        if (
            not paragraphs
            or is_head
            or heads[-1]
            or ln.running
            or _new_paragraph(lines[i - 1], ln, gap_limit)
        ):
            paragraphs.append([ln])
            heads.append(is_head)
        else:
            paragraphs[-1].append(ln)

    heading_sizes = sorted(
        {
            ln[0].size
            for ln, h in zip(paragraphs, heads, strict=True)
            if h and ln[0].size >= body + 1.0
        },
        reverse=True,
    )

    def level(ln: _Line) -> int:
        if ln.size in heading_sizes:
            return min(heading_sizes.index(ln.size) + 1, 4)
        return min(len(heading_sizes) + 1, 4)  # bold at body size: below every larger heading

    out: list[str] = []
    layout: list[LayoutSpan] = []
    headings: list[LayoutSpan] = []
    pos = 0
    prev_bullet = False
    for para, is_head in zip(paragraphs, heads, strict=True):
        bullet = not is_head and _BULLET.match(para[0].text) is not None
        if out:
            # Items of one list sit on consecutive lines, as in the other formats.
            sep = "\n" if bullet and prev_bullet else "\n\n"
            out.append(sep)
            pos += len(sep)
        prev_bullet = bullet
        para_start = pos
        for j, ln in enumerate(para):
            text = ln.text
            if j:
                joined = _join_hyphen(out[-1], text, words, hyphenated)
                if joined is not None:
                    # The previous line's span keeps its end; this line's span starts at the
                    # first character that came from it.
                    pos -= len(out[-1])
                    keep = len(joined) - len(text)
                    out[-1] = joined[:keep]
                    pos += keep
                    layout[-1] = replace(layout[-1], end=pos)
                else:
                    out.append(" ")
                    pos += 1
            out.append(text)
            layout.append(
                LayoutSpan(
                    pos,
                    pos + len(text),
                    page=ln.page,
                    font_size=ln.size,
                    bold=ln.bold,
                    all_caps=ln.caps,
                )
            )
            pos += len(text)
        if is_head:
            first = para[0]
            headings.append(
                LayoutSpan(
                    para_start,
                    pos,
                    page=first.page,
                    font_size=first.size,
                    bold=first.bold,
                    all_caps=first.caps,
                    heading_level=level(first),
                )
            )
    text = "".join(out) + "\n"
    meta = {**meta, "pages": len(pages), "body_font_size": body}
    return Document(
        text=text,
        source=source,
        format="pdf",
        layout=tuple(layout),
        headings=tuple(headings),
        metadata=meta,
    )
