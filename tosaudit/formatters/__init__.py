"""Output formats: each module is a pure function of the Report's records.

``WRITERS`` maps a format name to its streaming ``Writer`` (used by the CLI for batches);
``FORMATTERS`` maps it to ``render(report, **options) -> str`` for a Report held in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from tosaudit.formatters import (
    csv_format,
    html_format,
    json_format,
    jsonl_format,
    markdown_format,
    sarif_format,
    text_format,
)
from tosaudit.formatters.common import Summary, Writer

WRITERS: dict[str, type[Writer]] = {
    "text": text_format.TextWriter,
    "json": json_format.JsonWriter,
    "jsonl": jsonl_format.JsonlWriter,
    "csv": csv_format.CsvWriter,
    "markdown": markdown_format.MarkdownWriter,
    "html": html_format.HtmlWriter,
    "sarif": sarif_format.SarifWriter,
}

# name -> function(report, **options) -> str
FORMATTERS: dict[str, Callable[..., str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "jsonl": jsonl_format.render,
    "csv": csv_format.render,
    "markdown": markdown_format.render,
    "html": html_format.render,
    "sarif": sarif_format.render,
}

__all__ = ["FORMATTERS", "WRITERS", "Summary", "Writer"]
