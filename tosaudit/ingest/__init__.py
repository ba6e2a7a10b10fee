"""Ingestion: bytes of any supported format into one Document. Content is sniffed first."""

from __future__ import annotations

from pathlib import Path

from tosaudit.config import Config
from tosaudit.ingest.errors import IngestError
from tosaudit.models import Document

__all__ = ["IngestError", "ingest_bytes", "ingest_file", "sniff"]


def sniff(data: bytes, name: str) -> str:
    """The format of the content: pdf, docx, html, md or txt (suffix only breaks ties)."""
    head = data[:2048]
    suffix = Path(name).suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or (b"<body" in low and b"</" in low):
        return "html"
    if suffix in (".html", ".htm", ".xhtml") and b"<" in low:
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return "txt"


def ingest_bytes(data: bytes, name: str, config: Config | None = None) -> Document:
    """Read one input; raises IngestError with a one-line message when it cannot."""
    config = config or Config()
    if len(data) > config.max_bytes:
        raise IngestError(
            f"file is {len(data) / 1e6:.1f} MB, over the {config.max_bytes / 1e6:.0f} MB limit"
        )
    if not data.strip():
        raise IngestError("the file is empty")
    fmt = sniff(data, name)
    from tosaudit.ingest import text

    return text.read_text(data, name, fmt)


def ingest_file(path: str | Path, config: Config | None = None) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc})") from None
    return ingest_bytes(data, str(path), config)
