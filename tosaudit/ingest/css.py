"""Font sizes of HTML elements: enough CSS to find small print on a web page.

A policy page hides terms in small print with ``<small>``, ``<font size=1>``, an inline
``style="font-size: 10px"`` or a class from the page's own ``<style>`` (``.fine-print {font-size:
.7em}``). Stylesheets linked from elsewhere are not fetched (the audit is offline), so only what
the page carries is resolved. Sizes are in points (1 px = 0.75 pt; the browser default 16 px =
12 pt) so that HTML, DOCX and PDF small print read the same in a report.
"""

from __future__ import annotations

import re

import tinycss2
from bs4 import BeautifulSoup, Tag

DEFAULT_PT = 12.0
_PX_PT = 0.75
# CSS absolute-size keywords (CSS Fonts Level 4 table, medium = 16 px).
_KEYWORDS_PX = {
    "xx-small": 9.0,
    "x-small": 10.0,
    "small": 13.0,
    "medium": 16.0,
    "large": 18.0,
    "x-large": 24.0,
    "xx-large": 32.0,
    "xxx-large": 48.0,
}
_RELATIVE = {"smaller": 1 / 1.2, "larger": 1.2}
# <font size=N>, the HTML legacy mapping to the keywords above.
_FONT_SIZE_ATTR_PX = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}
# User-agent stylesheet defaults (HTML Living Standard, rendering section).
_TAG_EM = {
    "small": 1 / 1.2,
    "sub": 1 / 1.2,
    "sup": 1 / 1.2,
    "h1": 2.0,
    "h2": 1.5,
    "h3": 1.17,
    "h4": 1.0,
    "h5": 0.83,
    "h6": 0.67,
}
# Bounded: one number and a unit, nothing that can backtrack.
_LENGTH = re.compile(
    r"([0-9]{1,6}(?:\.[0-9]{1,6})?|\.[0-9]{1,6})\s{0,3}(px|pt|em|rem|%|pc|in|cm|mm)?"
)
_MAX_RULES = 2000  # a page's own <style> rules looked at; real pages have a few hundred
_MAX_SHORTHAND_WORDS = 12


def parse_size(value: str, parent_pt: float) -> float | None:
    """A CSS font-size value in points, relative to the parent's size; None if unknown."""
    value = value.strip().lower().removesuffix("!important").strip()
    if value in _KEYWORDS_PX:
        return _KEYWORDS_PX[value] * _PX_PT
    if value in _RELATIVE:
        return parent_pt * _RELATIVE[value]
    m = _LENGTH.fullmatch(value)
    if m is None:
        return None
    number, unit = float(m.group(1)), m.group(2)
    if unit is None:
        return None if number else 0.0  # a bare number is not a valid font-size (except 0)
    size = {
        "px": number * _PX_PT,
        "pt": number,
        "pc": number * 12,
        "in": number * 72,
        "cm": number * 72 / 2.54,
        "mm": number * 72 / 25.4,
        "em": number * parent_pt,
        "rem": number * DEFAULT_PT,
        "%": number / 100 * parent_pt,
    }[unit]
    return size if 0 <= size <= 1000 else None


def _shorthand_size(value: str) -> str | None:
    """The size inside a ``font:`` shorthand (``italic bold 10px/1.2 Arial``), if any."""
    words = value.split()[:_MAX_SHORTHAND_WORDS]
    for word in words:
        size = word.split("/", 1)[0]
        if size.lower() in _KEYWORDS_PX or size.lower() in _RELATIVE:
            return size
        if size and (size[0].isdigit() or size[0] == "."):
            m = _LENGTH.fullmatch(size.lower())
            if m and m.group(2):
                return size
    return None


def declared_size(declarations: str | list) -> str | None:
    """The font size declared in a style attribute or a rule's body (the last one wins)."""
    found: str | None = None
    try:
        decls = tinycss2.parse_blocks_contents(
            declarations, skip_whitespace=True, skip_comments=True
        )
    except (ValueError, RecursionError):  # e.g. a number too long for int(): hostile markup
        return None
    for decl in decls:
        if decl.type != "declaration" or decl.lower_name not in ("font-size", "font"):
            continue
        value = tinycss2.serialize(decl.value).strip()
        if decl.lower_name == "font":
            value = _shorthand_size(value) or ""
        if value:
            found = value
    return found


def stylesheet_sizes(soup: BeautifulSoup) -> dict[int, str]:
    """``id(element) -> font-size value`` from the page's ``<style>`` rules.

    Later rules win over earlier ones, as in the cascade for equal specificity; specificity
    itself is not ranked (a simplification: small-print classes are rarely overridden).
    Selectors soupsieve cannot evaluate (pseudo-elements, ``:hover``) are skipped.
    """
    out: dict[int, str] = {}
    seen = 0
    for style in soup.find_all("style"):
        css = style.string or style.get_text()
        if "font" not in css:
            continue
        try:
            rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        except (ValueError, RecursionError):  # hostile CSS: read no sizes from this sheet
            continue
        for rule in rules:
            if rule.type != "qualified-rule":
                continue  # @media and friends: their sizes depend on the screen
            seen += 1
            if seen > _MAX_RULES:
                return out
            size = declared_size(rule.content)
            if size is None:
                continue
            selector = tinycss2.serialize(rule.prelude).strip()
            if not selector or ":" in selector:
                continue
            try:
                matched = soup.select(selector)
            except Exception:  # soupsieve rejects what it cannot evaluate; skip that rule
                continue
            for el in matched:
                out[id(el)] = size
    return out


def element_size(tag: Tag, parent_pt: float, sheet: dict[int, str]) -> float:
    """The computed font size of ``tag`` in points, given its parent's."""
    size: float | None = None
    style = tag.attrs.get("style") if tag.attrs else None
    if isinstance(style, str) and "font" in style:
        value = declared_size(style)
        if value is not None:
            size = parse_size(value, parent_pt)
    if size is None and id(tag) in sheet:
        size = parse_size(sheet[id(tag)], parent_pt)
    if size is None and tag.name == "font" and tag.attrs.get("size"):
        size = _font_attr(str(tag.attrs["size"]), parent_pt)
    if size is None and tag.name in _TAG_EM:
        size = parent_pt * _TAG_EM[tag.name]
    return parent_pt if size is None else size


def _font_attr(raw: str, parent_pt: float) -> float | None:
    raw = raw.strip()
    try:
        if raw[:1] in "+-":
            n = 3 + int(raw)  # relative to the default size 3
        else:
            n = int(raw)
    except ValueError:
        return None
    n = min(max(n, 1), 7)
    return _FONT_SIZE_ATTR_PX[n] * _PX_PT
