"""Plain text and Markdown: the decoded file content, unchanged, is the document text."""

from __future__ import annotations

import codecs

from tosaudit.ingest.errors import IngestError
from tosaudit.models import Document


def decode(data: bytes) -> str:
    """UTF-8, UTF-8 with BOM, UTF-16 with BOM, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError("cannot decode the text (not UTF-8, UTF-16 or Windows-1252)") from None


def read_text(data: bytes, source: str, fmt: str = "txt") -> Document:
    text = decode(data)
    if not text.strip():
        raise IngestError("the file has no text")
    return Document(text=text, source=source, format=fmt)
