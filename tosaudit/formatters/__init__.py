"""Output formats: each module is a pure function of the Report's records."""

from __future__ import annotations

from collections.abc import Callable

from tosaudit.formatters import json_format, text_format
from tosaudit.models import Report

# name -> function(report, **options) -> str
FORMATTERS: dict[str, Callable[..., str]] = {
    "json": json_format.render,
    "text": text_format.render,
}
