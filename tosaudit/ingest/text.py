"""Plain text and Markdown: the decoded file content, unchanged, is the document text.

Offsets, lines and columns must point into the real file (SARIF and editors rely on it), so
nothing is normalised: line endings, tabs and Markdown markup all stay as they are.

The byte-order mark is the one exception, by choice: it is an encoding signature, not a
character of the content. Editors do not show it or count it in columns, and SARIF regions
count columns the same way, so keeping U+FEFF at offset 0 would shift every column on line 1
by one against what the user sees. The encoding and whether a BOM was present are kept in
``Document.metadata`` for tools that need byte positions.
"""

from __future__ import annotations

import codecs

from tosaudit.ingest.errors import EmptyInputError, IngestError
from tosaudit.models import Document


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ASCII-range text shows NULs in every other byte."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and len(data) % 2 == 0:
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, had_bom): UTF-8, UTF-8 BOM, UTF-16 BOM, then cp1252, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8", True
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16-le", True
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be", True
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, False
    try:
        # Windows-1252 is what "not UTF-8" text from Word and older CMSs almost always is.
        return data.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; for those files ask charset-normalizer.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding, False
        except (UnicodeDecodeError, LookupError):
            pass
    raise IngestError("cannot decode the text (not UTF-8, UTF-16 or Windows-1252)")


def read_text(data: bytes, source: str, fmt: str = "txt") -> Document:
    """A Document whose text is the decoded file content, unchanged (BOM aside)."""
    text, encoding, bom = decode(data)
    if not text.strip():
        raise EmptyInputError("the file has no text")
    return Document(
        text=text, source=source, format=fmt, metadata={"encoding": encoding, "bom": bom}
    )
