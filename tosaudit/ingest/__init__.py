"""Ingestion: bytes of any supported format into one Document. Content is sniffed first.

The suffix only breaks ties (Markdown vs plain text, a damaged ZIP named ``.docx``): a PDF
renamed ``.txt`` is still read as a PDF, and a PNG renamed ``.pdf`` is refused as an image.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from tosaudit.config import Config
from tosaudit.ingest.errors import (
    CorruptFileError,
    EmptyInputError,
    IngestError,
    TooLargeError,
    UnsupportedFormatError,
)
from tosaudit.models import Document

__all__ = ["IngestError", "SUPPORTED", "SUFFIXES", "ingest_bytes", "ingest_file", "sniff"]

SUPPORTED = ("pdf", "docx", "html", "md", "txt")
# Suffixes a directory walk should pick up (the CLI and the benchmark use this).
SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".text")

# Magic numbers of formats people upload by mistake, with the advice the error gives.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF file; save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"%!PS", "a PostScript file; convert it to PDF"),
)
_UNSUPPORTED_HINT = "tosaudit reads PDF, DOCX, HTML, Markdown and plain text"


def _zip_kind(data: bytes, suffix: str) -> str:
    """What a ZIP container holds: 'docx', or a description of something else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A damaged archive named .docx is a damaged Word file; let the DOCX reader say so.
        return "docx" if suffix == ".docx" else "a damaged ZIP archive"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation (.pptx)"
    if b"opendocument.text" in mimetype:
        return "an OpenDocument text (.odt); save it as .docx or PDF"
    if suffix == ".docx":
        return "docx"  # the DOCX reader explains what is missing
    return "a ZIP archive that is not a Word document"


def _looks_binary(head: bytes) -> bool:
    """Whether the first bytes are binary data rather than text in some encoding."""
    if not head:
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text; anything else
        # with NULs is binary.
        even, odd = head[0::2], head[1::2]
        return not (even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > 0.05 * len(head)


def sniff(data: bytes, name: str) -> str:
    """The format of the content: pdf, docx, html, md or txt (suffix only breaks ties).

    Anything else comes back as a short description ("a PNG image", "binary data") that is
    not in ``SUPPORTED``; ``ingest_bytes`` turns it into an ``UnsupportedFormatError``.
    """
    head = data[:8192]
    suffix = Path(name).suffix.lower()
    # PDF readers accept the header anywhere in the first 1024 bytes (some writers prepend junk).
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if _looks_binary(head):
        return "binary data"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html")) or (
        low.startswith(b"<?xml") and b"<html" in low
    ):
        return "html"
    # Markdown may carry inline HTML, and text files are taken at their word.
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".txt", ".text"):
        return "txt"
    if suffix in (".html", ".htm", ".xhtml") and b"<" in low:
        return "html"
    if b"</" in low and (b"<body" in low or b"<p>" in low or b"<div" in low):
        return "html"
    return "txt"


def human_size(n: int) -> str:
    """A byte count as people read it: 512 bytes, 40 KB, 25 MB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    mb = n / 1048576
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def _too_large(size: int, limit: int) -> TooLargeError:
    return TooLargeError(
        f"the file is {human_size(size)}, over the {human_size(limit)} limit "
        "(raise max_bytes in the configuration to audit it)"
    )


def ingest_bytes(data: bytes, name: str, config: Config | None = None) -> Document:
    """Read one input; raises IngestError with a one-line message when it cannot."""
    config = config or Config()
    if len(data) > config.max_bytes:
        raise _too_large(len(data), config.max_bytes)
    if not data.strip():
        raise EmptyInputError("the file is empty")
    fmt = sniff(data, name)
    if fmt == "pdf":
        from tosaudit.ingest import pdf

        return pdf.read_pdf(data, name)
    if fmt == "docx":
        from tosaudit.ingest import docx

        return docx.read_docx(data, name, config.max_decompressed_bytes)
    if fmt == "html":
        from tosaudit.ingest import html

        return html.read_html(data, name)
    if fmt in ("md", "txt"):
        from tosaudit.ingest import text

        return text.read_text(data, name, fmt)
    if fmt == "a damaged ZIP archive":
        raise CorruptFileError(f"the file is {fmt}; {_UNSUPPORTED_HINT}")
    raise UnsupportedFormatError(f"unsupported file type: {fmt}; {_UNSUPPORTED_HINT}")


def ingest_file(path: str | Path, config: Config | None = None) -> Document:
    """Read one file from disk; its size is checked before a byte is read."""
    config = config or Config()
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc})") from None
    if path.is_dir():
        raise IngestError("is a directory")
    # stat first: a 4 GB upload or a device file must not be read into memory to be refused.
    if st.st_size > config.max_bytes:
        raise _too_large(st.st_size, config.max_bytes)
    try:
        with path.open("rb") as fh:
            # Read at most one byte over the limit: a file growing (or a FIFO) is still capped.
            data = fh.read(config.max_bytes + 1)
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc})") from None
    return ingest_bytes(data, os.fspath(path), config)
