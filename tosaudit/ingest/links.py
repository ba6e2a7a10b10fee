"""Addresses behind links: what a ``mailto:`` or ``tel:`` link gives a reader in one click.

"Contact us <a href="mailto:privacy@shop.example">here</a>" never shows the address in the
text, and the audit then reports no way to contact the business. The HTML and DOCX readers
add the address after the link's words when those words do not already show it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_TEL = re.compile(r"\+?[0-9][0-9 ()./-]{4,30}")


def hidden_address(href: str, words: str) -> str | None:
    """The email address or phone number of a ``mailto:``/``tel:`` link, unless ``words``
    (the link's text) already shows it; None for any other link or a malformed one."""
    if len(href) > 600:
        return None
    scheme, _, rest = href.strip().partition(":")
    scheme = scheme.lower()
    if scheme not in ("mailto", "tel"):
        return None
    value = unquote(rest.split("?", 1)[0]).strip()
    if scheme == "mailto":
        if "@" not in value or len(value) > 254 or not value.isprintable():
            return None
        if any(c.isspace() for c in value) or value.lower() in words.lower():
            return None
        return value
    if not _TEL.fullmatch(value):
        return None
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 6 or digits in "".join(c for c in words if c.isdigit()):
        return None
    return value
