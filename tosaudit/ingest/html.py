"""HTML: the main content as plain text, one paragraph per block, headings kept as hints.

Boilerplate is dropped (scripts, styles, navigation, page-level header and footer, asides,
forms, cookie banners, hidden elements other than folded accordion and tab panels), including
on pages built from ``<div>``s alone, where only a class or id (``navbar``, ``sidebar``,
``site-footer``) says what an element is. When the page marks its content with ``<main>``,
``<article>`` or a content container's id (``#content``), only that is read. Block elements
become paragraphs separated by a blank line (as does ``<br><br>``) so segmentation sees them;
list items and table cells sit on their own lines. Each block gets the font size most of its
characters are set in (`ingest.css`), so small print on a web page counts as small print in the
buried-clause score. Addresses a page hides (behind ``mailto:`` links' words, or Cloudflare's
email obfuscation) are read where the reader would find them.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

from tosaudit.ingest.css import DEFAULT_PT, element_size, stylesheet_sizes
from tosaudit.ingest.errors import CorruptFileError, EmptyInputError, one_line
from tosaudit.ingest.links import hidden_address
from tosaudit.models import Document, LayoutSpan

_DROP = frozenset(
    """script style noscript template nav aside form iframe svg canvas object embed button
    select input textarea dialog map audio video picture img head title meta link""".split()
)
_BLOCK = frozenset(
    """p div section article main blockquote pre address dl dt dd figure figcaption
    ul ol li table thead tbody tfoot tr td th caption details summary center fieldset
    h1 h2 h3 h4 h5 h6 hr header footer body html""".split()
)
_CONTENT_IDS = ["contents", "content", "main-content", "maincontent", "primary"]
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_HEADING_TAGS = list(_HEADINGS)
_SECTIONING = frozenset(("article", "section", "main", "aside", "nav"))
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "complementary"))
# Cookie/consent banners by id or class. "cookie" alone is not enough: a privacy policy's own
# "cookies" section must stay. These are the banner elements of consent tools, named narrowly:
# the same tools embed the cookie policy itself in the page ("cmplz-document",
# "iubenda_policy", "cky-audit-table"), and that is the content being audited.
_BANNER = re.compile(
    r"onetrust|cookiebot|cky-(?:consent|modal|preference|btn-revisit)"
    r"|cmplz-(?:cookiebanner|manage-consent|soft-cookiewall)|iubenda-cs|usercentrics-root"
    r"|didomi-(?:host|notice|popup)|osano-cm|qc-cmp|truste-consent|consent_blackbar"
    r"|borlabscookiebox|\bcc[-_](?:window|banner)"
    r"|cookies?[-_ ]?(?:banner|bar|notice|popup|modal|law|warning|message|alert)",
    re.IGNORECASE,
)
# "consent" and "gdpr" also name a privacy policy's own sections (id="gdpr-rights",
# id="withdraw-consent"): such an element is a banner only when another word or its role says
# so ("gdpr-banner", "cookieConsent", role="dialog"), and it is short and has no heading.
_BANNER_WEAK = re.compile(r"consent|gdpr", re.IGNORECASE)
_BANNER_HINTS = frozenset("banner bar notice popup modal overlay dialog alert message".split())
_BANNER_MAX_CHARS = 600
# Page chrome named by class or id on sites built from <div>s alone (no <nav>, <header> or
# <footer> elements): older WordPress themes, page builders, hand-made small-business pages.
# Words only, never substrings: "menu" must not match "menus" in prose ids, "nav" not "canvas".
# Words that also name policy sections ("share", "social", "newsletter") are left out.
_CHROME_WORDS = frozenset(
    """nav navbar navigation menu menubar breadcrumb breadcrumbs sidebar toc skip skiplink
    topbar announcement masthead""".split()
)
# A header or footer <div> is chrome only at page level, like the elements of those names,
# and not when another word makes it part of the content (a section's or card's title bar,
# Bootstrap's "page-header" around the policy's own title).
_EDGE_WORDS = frozenset(("header", "footer"))
_CONTENT_WORDS = frozenset(
    "section entry post article card policy content page title modal panel table".split()
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# A chrome-named element holding this share of the page's text is the content itself,
# misnamed (a theme wrapping everything in <div id="sidebar-layout">): keep it.
_CHROME_MAX_SHARE = 0.4
# Class or id words of accordion and tab panels (Bootstrap, jQuery UI, page builders' FAQ and
# toggle blocks), which are hidden until opened.
# ("panel" and "toggle" are left out: cookie-settings dialogs use them for their switches.)
_PANEL_WORDS = frozenset(
    "accordion collapse collapsible tabpanel expandable expander faq answer tab pane".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_BR = "\x1e"  # stands for <br> until a block is flushed; source newlines are plain spaces
_SKIP_STRINGS = (Comment, Declaration, Doctype, CData, ProcessingInstruction)


def _attr_text(tag: Tag) -> str:
    cls = tag.get("class") or []
    return " ".join([tag.get("id") or "", *(cls if isinstance(cls, list) else [cls])])


class _Measure:
    """Text length of every element under a root, and which ones hold a heading.

    One pass, children before parents, so the checks below are lookups: measuring each
    candidate's subtree again would be quadratic on pages nesting thousands of elements.
    """

    def __init__(self, root: Tag) -> None:
        self.length: dict[int, int] = {}
        self.headed: set[int] = set()
        order: list[Tag] = []
        stack = [root]
        while stack:
            tag = stack.pop()
            order.append(tag)
            stack.extend(c for c in tag.contents if isinstance(c, Tag))
        for tag in reversed(order):  # a pre-order reversed visits every child before its parent
            n = 0
            headed = tag.name in _HEADINGS
            if tag.name not in _DROP:
                for child in tag.contents:
                    if isinstance(child, Tag):
                        n += self.length[id(child)]
                        headed = headed or id(child) in self.headed
                    elif isinstance(child, NavigableString) and not isinstance(
                        child, _SKIP_STRINGS
                    ):
                        n += len(child.strip())
            self.length[id(tag)] = n
            if headed:
                self.headed.add(id(tag))

    def text_len(self, tag: Tag) -> int:
        return self.length[id(tag)] if id(tag) in self.length else _text_len(tag)

    def has_heading(self, tag: Tag) -> bool:
        if id(tag) in self.length:
            return id(tag) in self.headed
        return tag.find(_HEADING_TAGS) is not None


def _is_dropped(tag: Tag, measure: _Measure | None = None) -> bool:
    """Whether an element is boilerplate or invisible."""
    if tag.name in _DROP:
        # An accordion's button carries its question ("Can I get a refund?"): policy text.
        return not (tag.name == "button" and _panel_trigger(tag))
    attrs = tag.attrs
    if not attrs:
        return False
    style = attrs.get("style")
    if (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or (style and _HIDDEN_STYLE.search(style))
    ) and not _collapsed_panel(tag):
        return True
    if attrs.get("role") in _DROP_ROLES:
        return True
    ident = _attr_text(tag)
    if not ident.strip():
        return False
    if _BANNER.search(ident) is not None:
        return True
    if _BANNER_WEAK.search(ident) is None:
        return False
    if not (
        _words(ident) & _BANNER_HINTS
        or "cookie" in ident.lower()
        or attrs.get("role") in ("dialog", "alertdialog")
        or attrs.get("aria-modal") == "true"
    ):
        return False
    if measure is None:
        return tag.find(_HEADING_TAGS) is None and _text_len(tag) <= _BANNER_MAX_CHARS
    return not measure.has_heading(tag) and measure.text_len(tag) <= _BANNER_MAX_CHARS


def _collapsed_panel(tag: Tag) -> bool:
    """Whether a hidden element is a folded accordion or tab panel: policy text a reader
    opens with one click ("Refunds ▸"), hidden only until then, so it is read."""
    attrs = tag.attrs
    if attrs.get("hidden") == "until-found" or attrs.get("role") in ("tabpanel", "region"):
        return True
    return bool(_words(_attr_text(tag)) & _PANEL_WORDS)


def _panel_trigger(button: Tag) -> bool:
    """Whether a button opens an accordion or tab panel (and its words title that panel)."""
    attrs = button.attrs
    controls = attrs.get("aria-controls")
    words = _words(_attr_text(button) + " " + (controls if isinstance(controls, str) else ""))
    if words & _CHROME_WORDS:
        return False  # a menu's toggle ("navbar-toggler", aria-controls="mainNav")
    return "aria-controls" in attrs or "aria-expanded" in attrs or bool(words & _PANEL_WORDS)


def _words(ident: str) -> set[str]:
    """The lower-case words of an id/class string: "site-footer mainNav" -> site, footer, ...

    Only the first 500 characters count: real class lists are short, hostile ones megabytes.
    """
    return set(_NON_WORD.split(_CAMEL.sub(" ", ident[:500]).lower())) - {""}


def _chrome_named(tag: Tag) -> bool:
    """Whether a class or id names the element as navigation, sidebar or page header/footer."""
    if not tag.attrs or tag.name in ("main", "article", "body", "html"):
        return False
    words = _words(_attr_text(tag))
    if words & _CHROME_WORDS:
        return True
    return bool(words & _EDGE_WORDS) and not words & _CONTENT_WORDS and _page_level(tag)


def _page_level(tag: Tag) -> bool:
    """A header/footer outside any sectioning element is the page's banner or footer."""
    return not any(p.name in _SECTIONING for p in tag.parents if isinstance(p, Tag))


def _text_len(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _root(soup: BeautifulSoup) -> Tag:
    """The element holding the main content: <main>, a dominant <article> or content
    container, or <body>."""
    body = soup.body or soup
    mains = [
        m
        for m in soup.find_all(["main"]) + soup.find_all(attrs={"role": "main"})
        if not _is_dropped(m)
    ]
    if mains:
        return max(mains, key=_text_len)
    articles = [a for a in soup.find_all("article") if not _is_dropped(a)]
    if articles:
        best = max(articles, key=_text_len)
        # A page listing article teasers is not one article: require most of the page's text.
        if _text_len(best) >= 0.5 * _text_len(body):
            return best
    # Pages without <main> or <article> often name their content container by id: Google
    # Docs' "Publish to the web" (#contents, between a #banner and a #footer of its own),
    # WordPress themes (#content, #primary). With most of the page's text, it is the content.
    containers = [c for c in soup.find_all(id=_CONTENT_IDS) if not _is_dropped(c)]
    if containers:
        best = max(containers, key=_text_len)
        if _text_len(best) >= 0.5 * _text_len(body):
            return best
    return body


def _cloudflare_email(encoded: object) -> str | None:
    """The address behind Cloudflare's email obfuscation, or None if it does not decode.

    Sites behind Cloudflare serve every address as ``<a class="__cf_email__"
    data-cfemail="HEX">[email protected]</a>``, decoded by a script in the browser; a saved
    page keeps the placeholder, and the audit then finds no email to contact. The first byte
    of HEX is a key XORed with every following byte.
    """
    if not isinstance(encoded, str) or not 6 <= len(encoded) <= 512:
        return None
    try:
        data = bytes.fromhex(encoded)
        email = bytes(b ^ data[0] for b in data[1:]).decode("utf-8")
    except (ValueError, IndexError):
        return None
    if "@" not in email or not email.isprintable() or any(c.isspace() for c in email):
        return None
    return email


def _link_address(link: Tag) -> str | None:
    """The email address or phone number a ``mailto:``/``tel:`` link hides behind its words."""
    href = link.attrs.get("href")
    if not isinstance(href, str):
        return None
    return hidden_address(href, link.get_text(" ", strip=True))


def _join_lines(lines: list[str]) -> str:
    """Lines of one block, one per line; an empty line between two (``<br><br>``, the way
    older sites and page builders separate paragraphs) becomes a paragraph break."""
    out: list[str] = []
    blank = False
    for ln in lines:
        if not ln.strip():
            blank = bool(out)
            continue
        if out:
            out.append("\n\n" if blank else "\n")
        out.append(ln)
        blank = False
    return "".join(out)


class _Builder:
    """Accumulates inline text and emits blocks with their kind and heading level."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.part_sizes: list[float] = []  # the font size (pt) each part is set in
        # kind, text, heading level, font size (pt) most of the block's characters are set in
        self.blocks: list[tuple[str, str, int | None, float]] = []
        self.prefix = ""
        self.kind = "p"
        self.level: int | None = None

    def add(self, text: str, size: float) -> None:
        self.parts.append(text)
        self.part_sizes.append(size)

    def _block_size(self) -> float:
        weight: dict[float, int] = {}
        for part, size in zip(self.parts, self.part_sizes, strict=True):
            n = len(part) - part.count(" ")
            if n:
                weight[size] = weight.get(size, 0) + n
        return max(weight, key=weight.__getitem__) if weight else DEFAULT_PT

    def flush(self) -> None:
        size = self._block_size()
        raw = "".join(self.parts).translate(_INVISIBLE)
        self.parts.clear()
        self.part_sizes.clear()
        if self.kind == "pre":
            lines = [ln.rstrip() for ln in raw.replace("\xa0", " ").replace(_BR, "\n").splitlines()]
        else:
            lines = [" ".join(ln.split()) for ln in raw.split(_BR)]
        if self.kind == "h":
            # A heading is one line (a <br> inside <h2> must not split it into two headings).
            text = " ".join(ln for ln in lines if ln.strip())
        else:
            text = _join_lines(lines)
        if text:
            self.blocks.append((self.kind, self.prefix + text, self.level, size))
        self.prefix, self.kind, self.level = "", "p", None

    def start(self, kind: str, prefix: str = "", level: int | None = None) -> None:
        self.flush()
        self.kind, self.prefix, self.level = kind, prefix, level


def _walk(root: Tag, out: _Builder, sheet: dict[int, str]) -> None:
    """Depth-first walk without recursion (hostile pages nest thousands of levels deep)."""
    ol_counters: list[int] = []
    measure = _Measure(root)
    root_len = measure.text_len(root)
    sizes: list[float] = [DEFAULT_PT]  # computed font size of each open element, in points
    for parent in reversed(list(root.parents)):
        if isinstance(parent, Tag) and parent.name != "[document]":
            sizes.append(element_size(parent, sizes[-1], sheet))
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                out.add(str(node), sizes[-1])
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if leaving:
            sizes.pop()
            if name == "ol":
                ol_counters.pop()
            if name in _BLOCK:
                out.flush()
            if name in ("ol", "ul", "table", "dl"):
                out.blocks.append(("end", "", None, DEFAULT_PT))
            continue
        if _is_dropped(node, measure) or (
            name in ("header", "footer") and node is not root and _page_level(node)
        ):
            continue
        if (
            node is not root
            and _chrome_named(node)
            and measure.text_len(node) < _CHROME_MAX_SHARE * root_len
        ):
            continue
        if name == "br":
            out.add(_BR, sizes[-1])
            continue
        if node.attrs and "data-cfemail" in node.attrs:
            email = _cloudflare_email(node.attrs["data-cfemail"])
            if email is not None:
                out.add(email, sizes[-1])
                continue
        if name in _BLOCK:
            if name in _HEADINGS:
                out.start("h", level=_HEADINGS[name])
            elif name == "li":
                if ol_counters and node.find_parent(["ol", "ul"]).name == "ol":
                    ol_counters[-1] += 1
                    # "(3) " rather than "3. ": a short numbered line reads as a heading.
                    out.start("li", prefix=f"({ol_counters[-1]}) ")
                else:
                    out.start("li", prefix="\u2022 ")
            elif name in ("td", "th", "dt", "dd"):
                out.start("li")
            elif name == "pre":
                out.start("pre")
            else:
                out.start("p")
            if name == "ol":
                try:
                    ol_counters.append(int(node.get("start", 1)) - 1)
                except (TypeError, ValueError):
                    ol_counters.append(0)
        sizes.append(element_size(node, sizes[-1], sheet))
        stack.append((node, True))
        if name == "a" and node.attrs:
            hidden = _link_address(node)
            if hidden is not None:
                # Read after the link's own words, before it closes.
                stack.append((NavigableString(f" ({hidden})"), False))
        stack.extend((child, False) for child in reversed(node.contents))


def read_html(data: bytes, source: str) -> Document:
    """A Document from an HTML page's main content."""
    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml/bs4 raise many types on damaged input; the user needs one line
        raise CorruptFileError(f"cannot parse the HTML ({one_line(exc)})") from None
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    builder = _Builder()
    _walk(_root(soup), builder, stylesheet_sizes(soup))
    builder.flush()
    if not builder.blocks:
        raise EmptyInputError("the HTML page has no readable text")

    pieces: list[str] = []
    headings: list[LayoutSpan] = []
    fonts: list[LayoutSpan] = []
    pos = 0
    prev_kind = None
    for kind, text, level, size in builder.blocks:
        if kind == "end":  # a list or table ended: the next item starts a new paragraph
            prev_kind = None
            continue
        if pieces:
            sep = "\n" if kind == "li" and prev_kind == "li" else "\n\n"
            pieces.append(sep)
            pos += len(sep)
        if kind == "h" and level:
            headings.append(LayoutSpan(pos, pos + len(text), heading_level=level))
        fonts.append(LayoutSpan(pos, pos + len(text), font_size=round(size, 2)))
        pieces.append(text)
        pos += len(text)
        prev_kind = kind
    # Font sizes are layout facts only when the page sets text in more than one size;
    # otherwise every block is just the browser default and says nothing.
    layout = tuple(fonts) if len({f.font_size for f in fonts}) > 1 else ()
    return Document(
        text="".join(pieces) + "\n",
        source=source,
        format="html",
        layout=layout,
        headings=tuple(headings),
        metadata={"title": title} if title else {},
    )
