"""Load the CLAUDETTE sentences and labelled documents as (company, text, labels) examples."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CATEGORIES: tuple[str, ...] = (
    "arbitration",
    "unilateral_change",
    "content_removal",
    "jurisdiction",
    "choice_of_law",
    "limitation_of_liability",
    "unilateral_termination",
    "contract_by_using",
)

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "claudette"


@dataclass(frozen=True)
class Example:
    """One labelled sentence; ``group`` is the lower-cased company name (the CV group)."""

    group: str
    text: str
    labels: frozenset[str]
    origin: str  # "sentences" or "docs"


@dataclass(frozen=True)
class LabelledDoc:
    """A full document with its annotated sentence spans (offsets into ``text``)."""

    group: str
    name: str
    text: str
    spans: tuple[tuple[int, int, frozenset[str]], ...]


class DataError(RuntimeError):
    """The training data folder is missing or malformed."""


def load_sentences(data_dir: Path = DEFAULT_DATA) -> list[Example]:
    """Every sentence of ``sentences_trainval.jsonl``."""
    path = Path(data_dir) / "sentences_trainval.jsonl"
    if not path.is_file():
        raise DataError(f"{path}: CLAUDETTE sentence file not found")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append(
                    Example(rec["doc"].lower(), rec["text"], frozenset(rec["labels"]), "sentences")
                )
    return out


def load_docs(data_dir: Path = DEFAULT_DATA) -> list[LabelledDoc]:
    """Every ``docs/<Company>.txt`` with its ``.labels.jsonl``."""
    folder = Path(data_dir) / "docs"
    if not folder.is_dir():
        raise DataError(f"{folder}: CLAUDETTE docs folder not found")
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans = []
        with txt.with_suffix(".labels.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    spans.append((rec["start"], rec["end"], frozenset(rec["labels"])))
        docs.append(LabelledDoc(txt.stem.lower(), txt.stem, text, tuple(spans)))
    return docs


def doc_examples(docs: list[LabelledDoc]) -> list[Example]:
    """The annotated sentences of full documents as examples."""
    return [Example(d.group, d.text[s:e], labels, "docs") for d in docs for s, e, labels in d.spans]


def load_all(data_dir: Path = DEFAULT_DATA) -> tuple[list[Example], list[LabelledDoc]]:
    """All examples (sentence file + documents) and the documents themselves."""
    docs = load_docs(data_dir)
    return load_sentences(data_dir) + doc_examples(docs), docs
