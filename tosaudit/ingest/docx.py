"""DOCX with python-docx: paragraphs, headings, lists, tables and the runs' type sizes.

Before python-docx opens anything, the ZIP's declared uncompressed sizes are checked against
``max_decompressed_bytes``: a 40 KB file must not unpack into gigabytes of XML (zipfile never
inflates an entry past its declared size, so the declared sizes are a real bound).

Paragraphs are separated by a blank line; list items and table cells sit on their own lines.
Footnotes, endnotes and the distinct page headers and footers follow the body. Text inside
the elements Word wraps around paragraphs and runs (content controls, tracked insertions,
fields, smart tags, hyperlinks) is read; tracked deletions are not.
Every run becomes a ``LayoutSpan`` with its effective font size (run, then character style,
then paragraph style chain, then document default), bold and all-caps (``w:caps`` renders
lower-case text in capitals, so it counts), which is what small-print detection needs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from tosaudit.ingest.errors import (
    CorruptFileError,
    EmptyInputError,
    TooLargeError,
    one_line,
)
from tosaudit.ingest.links import hidden_address
from tosaudit.models import Document, LayoutSpan

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_TABLE_DEPTH = 8  # tables nested deeper than this are flattened into nothing (hostile input)
_BULLET_FORMATS = frozenset(("bullet", "none"))


def check_zip(data: bytes, limit: int) -> None:
    """Refuse a damaged archive, a non-Word archive, or one that would unpack past ``limit``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise CorruptFileError(
            "the DOCX is damaged (not a readable ZIP archive); open and re-save it in Word"
        ) from None
    total = sum(i.file_size for i in infos)
    if total > limit:
        from tosaudit.ingest import human_size

        raise TooLargeError(
            f"the DOCX would unpack to {human_size(total)}, over the {human_size(limit)} "
            "limit (a zip bomb or a damaged file)"
        )
    if not any(i.filename == "word/document.xml" for i in infos):
        raise CorruptFileError("the DOCX has no word/document.xml; it is not a Word document")


class _Styles:
    """Effective run properties through the style chain, cached per style id."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self._cache: dict[tuple[str, str | None], Any] = {}
        self.default_size = 10.0  # Word's default when styles.xml says nothing
        # python-docx resolves ``paragraph.style`` by scanning every style on each access,
        # which dominated ingestion time; look styles up by id in a dict built once.
        self.by_id = {s.style_id: s for s in document.styles}
        self.default_paragraph = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        try:
            defaults = document.styles.element.find(f"{_W}docDefaults")
            sz = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}sz") if defaults is not None else None
            if sz is not None:
                self.default_size = int(sz.get(f"{_W}val")) / 2
        except (AttributeError, TypeError, ValueError):
            pass

    def paragraph_style(self, paragraph: Any) -> Any:
        sid = paragraph._p.style
        return self.by_id.get(sid, self.default_paragraph) if sid else self.default_paragraph

    def run_style(self, run: Any) -> Any:
        sid = run._r.style
        return self.by_id.get(sid) if sid else None

    def font(self, style: Any, attr: str) -> Any:
        """The first non-None font attribute along a style's base-style chain."""
        key = (getattr(style, "style_id", None) or "", attr)
        if key in self._cache:
            return self._cache[key]
        value = None
        seen = 0
        while style is not None and seen < 20:  # a cyclic basedOn chain must not hang us
            font = getattr(style, "font", None)
            value = getattr(font, attr, None) if font is not None else None
            if value is not None:
                break
            style = style.base_style
            seen += 1
        self._cache[key] = value
        return value


class _Numbering:
    """List formats from numbering.xml: whether (numId, level) is bulleted, and counters."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, str], str] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                levels[lvl.get(f"{_W}ilvl")] = fmt.get(f"{_W}val") if fmt is not None else "decimal"
            abstract[an.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.formats[(num.get(f"{_W}numId"), ilvl)] = fmt

    def marker(self, num_id: str, ilvl: str) -> str:
        """ "• " for bullets, "(3) " for numbered items (a bare "3. Title" reads as a heading)."""
        fmt = self.formats.get((num_id, ilvl), "bullet")
        if fmt in _BULLET_FORMATS:
            return "\u2022 "
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, 0) + 1
        # A new item at this level restarts the deeper levels' counters.
        for other in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[other]
        n = self.counters[key]
        if fmt in ("lowerLetter", "upperLetter") and n <= 26:
            letter = chr(ord("a") + n - 1)
            return f"({letter.upper() if fmt == 'upperLetter' else letter}) "
        return f"({n}) "


def _num_pr(paragraph: Any, style: Any) -> tuple[str, str] | None:
    """(numId, ilvl) of a list paragraph, from its own properties or its style's."""
    style_ppr = getattr(style.element, "pPr", None) if style is not None else None
    for ppr in (paragraph._p.pPr, style_ppr):
        if ppr is None:
            continue
        num = ppr.find(f"{_W}numPr")
        if num is None:
            continue
        nid = num.find(f"{_W}numId")
        lvl = num.find(f"{_W}ilvl")
        if nid is not None and nid.get(f"{_W}val") != "0":
            return nid.get(f"{_W}val"), lvl.get(f"{_W}val") if lvl is not None else "0"
    return None


def _heading_level(paragraph: Any, style: Any) -> int | None:
    name = (style.name or "").lower() if style is not None else ""
    if name == "title":
        return 1
    if name.startswith("heading "):
        tail = name[8:].strip()
        if tail.isdigit():
            return min(int(tail), 6)
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        try:
            level = int(outline.get(f"{_W}val")) + 1
        except (TypeError, ValueError):
            return None
        return level if level <= 6 else None  # 9 means "body text"
    return None


class _Writer:
    """Appends blocks to the text, recording layout spans and heading hints."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.out: list[str] = []
        self.pos = 0
        self.layout: list[LayoutSpan] = []
        self.headings: list[LayoutSpan] = []
        self.styles = styles
        self.numbering = numbering
        self.last_kind: str | None = None

    def _sep(self, kind: str) -> None:
        if not self.out:
            return
        sep = "\n" if kind == self.last_kind and kind.startswith(("li", "cell")) else "\n\n"
        self.out.append(sep)
        self.pos += len(sep)

    def paragraph(self, paragraph: Any, kind: str = "p") -> None:
        runs: list[tuple[str, float | None, bool, bool]] = []
        style = self.styles.paragraph_style(paragraph)
        p_size = self.styles.font(style, "size")
        p_bold = bool(self.styles.font(style, "bold"))
        p_caps = bool(self.styles.font(style, "all_caps"))
        p_size_pt = p_size.pt if p_size is not None else self.styles.default_size
        for run in _runs(paragraph):
            if isinstance(run, str):
                # A link's hidden address, set like the link's last run.
                pts, bold, caps = runs[-1][1:] if runs else (p_size_pt, p_bold, p_caps)
                runs.append((run, pts, bold, caps))
                continue
            text = run.text
            if not text:
                continue
            font = run.font
            r_style = self.styles.run_style(run)
            size = font.size or self.styles.font(r_style, "size") or p_size
            bold = (
                run.bold if run.bold is not None else (self.styles.font(r_style, "bold") or p_bold)
            )
            caps = font.all_caps if font.all_caps is not None else p_caps
            pts = size.pt if size is not None else self.styles.default_size
            runs.append((text.replace("\r", ""), pts, bool(bold), bool(caps)))
        full = "".join(r[0] for r in runs)
        if not full.strip():
            return
        level = _heading_level(paragraph, style) if kind == "p" else None
        prefix = ""
        num = _num_pr(paragraph, style) if level is None else None
        if num is not None and kind == "p":
            # Items of one list sit on consecutive lines; a different list is a new paragraph.
            kind = f"li{num[0]}"
            prefix = self.numbering.marker(*num)
        if level is not None:
            kind = "h"
            # A heading is one line; soft breaks inside it would split it for segmentation.
            runs = [(t.replace("\n", " "), s, b, c) for t, s, b, c in runs]
        self._sep(kind)
        self.last_kind = kind
        # Leading/trailing whitespace is trimmed so heading spans start at the line start.
        lead = len(full) - len(full.lstrip())
        trail = len(full.rstrip())
        start = self.pos
        if prefix:
            self.out.append(prefix)
            self.pos += len(prefix)
        offset = 0
        for text, size, bold, caps in runs:
            a, b = max(offset, lead), min(offset + len(text), trail)
            offset += len(text)
            if b <= a:
                continue
            piece = text[a - (offset - len(text)) : b - (offset - len(text))]
            letters = [c for c in piece if c.isalpha()]
            upper = caps or (len(letters) >= 2 and all(c.isupper() for c in letters))
            span = LayoutSpan(
                self.pos, self.pos + len(piece), font_size=size, bold=bold, all_caps=upper
            )
            prev = self.layout[-1] if self.layout else None
            if (
                prev is not None
                and prev.end == span.start
                and prev.font_size == size
                and prev.bold == bold
                and prev.all_caps == upper
            ):
                self.layout[-1] = LayoutSpan(
                    prev.start, span.end, font_size=size, bold=bold, all_caps=upper
                )
            else:
                self.layout.append(span)
            self.out.append(piece)
            self.pos += len(piece)
        if level is not None:
            self.headings.append(
                LayoutSpan(
                    start, self.pos, heading_level=level, bold=runs[0][2], font_size=runs[0][1]
                )
            )

    def table(self, table: Any, depth: int = 0) -> None:
        if depth > _MAX_TABLE_DEPTH:
            return
        for row in table.rows:
            # A merged cell repeats in every column it spans. Keep the elements themselves:
            # lxml proxies can be recycled, so their id() is not a stable key.
            seen: list[Any] = []
            for cell in row.cells:
                tc = cell._tc
                if any(tc is other for other in seen):
                    continue
                seen.append(tc)
                for item in _block_items(tc, cell):
                    if hasattr(item, "rows"):
                        self.table(item, depth + 1)
                    else:
                        self.paragraph(item, kind="cell")
        self.last_kind = None  # the next block starts a new paragraph


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_box_paragraphs(paragraph: Any) -> Iterator[Any]:
    """Paragraphs inside text boxes anchored in a paragraph (callouts, boxed fine print).

    Word writes each text box twice (a DrawingML choice and a VML fallback); only the first
    copy is read.
    """
    from docx.text.paragraph import Paragraph

    for box in paragraph._p.iter(f"{_W}txbxContent"):
        # Skip the fallback copy, and boxes nested in a box (read with their outer box).
        if any(a.tag in (_MC_FALLBACK, f"{_W}txbxContent") for a in box.iterancestors()):
            continue
        for p in box.iter(f"{_W}p"):
            yield Paragraph(p, paragraph._parent)


# Containers Word wraps around paragraphs, tables or runs without changing what they say:
# content controls (template fields, date pickers), custom XML, tracked insertions and moves,
# fields, smart tags, hyperlinks, bidirectional embeddings. python-docx only reads paragraphs,
# tables and runs that are direct children, so the text inside these was lost.
_P, _TBL, _R = f"{_W}p", f"{_W}tbl", f"{_W}r"
# Deleted text (tracked deletions and the source of tracked moves) is not the document's text;
# properties hold no text; a markup-compatibility fallback repeats its choice; text boxes
# inside a run are read as their own paragraphs.
_NOT_TEXT = frozenset(
    (
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}sdtPr",
        f"{_W}sdtEndPr",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    )
)


def _block_items(container: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body, cell, header or footer in order, inside wrappers too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    stack = list(reversed(container))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == _P:
            yield Paragraph(el, parent)
        elif tag == _TBL:
            yield Table(el, parent)
        elif isinstance(tag, str) and tag not in _NOT_TEXT:
            stack.extend(reversed(el))  # a content control or custom XML around blocks


_HYPERLINK = f"{_W}hyperlink"
_T = f"{_W}t"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class _LinkEnd:
    """Marks where a hyperlink's runs end, so a hidden address can follow its words."""

    def __init__(self, link: Any) -> None:
        self.link = link


def _run_elements(p: Any, part: Any = None) -> Iterator[Any]:
    """The w:r elements of a paragraph in reading order, however deeply Word wraps them.

    After a ``mailto:``/``tel:`` hyperlink whose words do not show its address ("email us"),
    the address comes as a string, in brackets (``part`` resolves the link's target).
    """
    stack: list[Any] = list(reversed(p))
    while stack:
        el = stack.pop()
        if isinstance(el, _LinkEnd):
            address = _link_address(el.link, part)
            if address is not None:
                yield f" ({address})"
            continue
        tag = el.tag
        if tag == _R:
            yield el  # not descended into: runs nested in a run sit in text boxes
        elif isinstance(tag, str) and tag not in _NOT_TEXT:
            if tag == _HYPERLINK and part is not None and el.get(_REL_ID):
                stack.append(_LinkEnd(el))
            stack.extend(reversed(el))


def _link_address(link: Any, part: Any) -> str | None:
    try:
        rel = part.rels[link.get(_REL_ID)]
    except (KeyError, AttributeError):  # a note's link resolves in a part not loaded here
        return None
    if not rel.is_external:
        return None
    words = "".join(t.text or "" for t in link.iter(_T))
    return hidden_address(str(rel.target_ref), words)


def _runs(paragraph: Any) -> Iterator[Any]:
    """The paragraph's runs, and (as strings) addresses hidden behind its links."""
    from docx.text.run import Run

    try:
        part = paragraph.part
    except (AttributeError, NotImplementedError):
        part = None
    for r in _run_elements(paragraph._p, part):
        yield r if isinstance(r, str) else Run(r, paragraph)


def _paragraph_text(paragraph: Any) -> str:
    return "".join(r if isinstance(r, str) else r.text for r in _runs(paragraph))


def _blocks(document: Any) -> Iterator[Any]:
    yield from _block_items(document.element.body, document._body)


_NOTE_PARTS = ("/word/footnotes.xml", "/word/endnotes.xml")
_NOTE_SKIP = frozenset(("separator", "continuationSeparator", "continuationNotice"))


def _note_paragraphs(document: Any) -> Iterator[Any]:
    """Paragraphs of the footnotes, then the endnotes: fine print Word sets apart.

    python-docx has no footnote API; the parts are read from the package and parsed with
    python-docx's own hardened XML parser, then wrapped as Paragraphs so styles resolve.
    """
    from docx.oxml.parser import parse_xml
    from docx.text.paragraph import Paragraph

    parts = {str(part.partname): part for part in document.part.package.iter_parts()}
    for name in _NOTE_PARTS:
        part = parts.get(name)
        if part is None:
            continue
        root = parse_xml(part.blob)
        for note in root.iterchildren(f"{_W}footnote", f"{_W}endnote"):
            if note.get(f"{_W}type") in _NOTE_SKIP:
                continue
            for p in note.iter(f"{_W}p"):
                yield Paragraph(p, document._body)


def _header_footer_paragraphs(document: Any) -> Iterator[Any]:
    """Paragraphs of every distinct page header and footer (contact lines often sit there).

    Each text is read once: first/even-page variants often repeat the default header.
    """
    seen: set[str] = set()
    for section in document.sections:
        for attr in (
            "first_page_header",
            "header",
            "even_page_header",
            "first_page_footer",
            "footer",
            "even_page_footer",
        ):
            part = getattr(section, attr)
            if part.is_linked_to_previous:
                continue  # no text of its own: the previous section's, already read, or none
            for item in _block_items(part._element, part):
                paragraphs = (
                    [
                        c
                        for row in item.rows
                        for cell in row.cells
                        for c in _block_items(cell._tc, cell)
                        if not hasattr(c, "rows")
                    ]
                    if hasattr(item, "rows")
                    else [item]
                )
                for paragraph in paragraphs:
                    key = " ".join(_paragraph_text(paragraph).split())
                    if key and key not in seen and any(ch.isalpha() for ch in key):
                        seen.add(key)
                        yield paragraph


def read_docx(data: bytes, source: str, max_decompressed_bytes: int) -> Document:
    """A Document from a Word file's body."""
    check_zip(data, max_decompressed_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx/lxml raise many types on damaged parts
        raise CorruptFileError(
            f"the DOCX is damaged and cannot be read ({one_line(exc)})"
        ) from None
    writer = _Writer(_Styles(document), _Numbering(document))
    try:
        for block in _blocks(document):
            if hasattr(block, "rows"):
                writer.table(block)
            else:
                writer.paragraph(block)
                for box in _text_box_paragraphs(block):
                    writer.paragraph(box)
        # Footnotes and endnotes, then page headers and footers, after the body: where a
        # reader of the printed page meets them last. Their own type sizes come with them.
        for note in _note_paragraphs(document):
            writer.paragraph(note, kind="note")
        for paragraph in _header_footer_paragraphs(document):
            writer.paragraph(paragraph, kind="hf")
    except Exception as exc:  # a malformed part deep in the XML
        raise CorruptFileError(
            f"the DOCX is damaged and cannot be read ({one_line(exc)})"
        ) from None
    text = "".join(writer.out)
    if not text.strip():
        raise EmptyInputError("the DOCX has no text")
    meta: dict[str, Any] = {}
    title = document.core_properties.title
    if title:
        meta["title"] = title
    return Document(
        text=text + "\n",
        source=source,
        format="docx",
        layout=tuple(writer.layout),
        headings=tuple(writer.headings),
        metadata=meta,
    )
