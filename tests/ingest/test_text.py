"""Text and Markdown ingestion: the decoded content unchanged, whatever the encoding."""

from __future__ import annotations

import codecs

import pytest

from tosaudit.ingest import ingest_bytes
from tosaudit.ingest.errors import EmptyInputError

TEXT = "Terms\r\n\r\nWe refund you within 14 days.\tNo \u201cfine print\u201d, caf\u00e9.\n"


def test_utf8_unchanged_including_line_endings_and_tabs():
    doc = ingest_bytes(TEXT.encode("utf-8"), "terms.txt")
    assert doc.text == TEXT
    assert doc.format == "txt"
    assert doc.metadata == {"encoding": "utf-8", "bom": False}


def test_markdown_unchanged():
    md = "# Terms\n\n- **Refunds**: within 14 days.\n\n[Contact](mailto:a@b.example)\n"
    doc = ingest_bytes(md.encode(), "terms.md")
    assert doc.format == "md" and doc.text == md


def test_utf8_bom_is_not_part_of_the_text():
    doc = ingest_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "terms.txt")
    # Columns on line 1 must match what an editor shows, which never counts the BOM.
    assert doc.text == TEXT
    assert doc.line_col(doc.text.index("Terms")) == (1, 1)
    assert doc.metadata == {"encoding": "utf-8", "bom": True}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = ingest_bytes(bom + TEXT.encode(codec), "terms.txt")
    assert doc.text == TEXT
    assert doc.metadata == {"encoding": codec, "bom": True}


def test_utf16_without_bom():
    doc = ingest_bytes(TEXT.encode("utf-16-le"), "terms.txt")
    assert doc.text == TEXT
    assert doc.metadata["encoding"] == "utf-16-le"


def test_cp1252_fallback():
    doc = ingest_bytes(TEXT.encode("cp1252"), "terms.txt")
    assert doc.text == TEXT
    assert doc.metadata["encoding"] == "cp1252"


def test_bytes_cp1252_leaves_undefined_use_detection():
    # 0x81 and 0x8d are undefined in cp1252; the detector picks a charset that decodes them.
    data = "Die Gebühren sind nicht erstattungsfähig.\n".encode("latin-1") + b"\x81\x8d\n"
    doc = ingest_bytes(data, "agb.txt")
    assert doc.text.startswith("Die Geb")
    assert "erstattungsf" in doc.text


def test_decoded_but_blank():
    with pytest.raises(EmptyInputError) as err:
        ingest_bytes(codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "blank.txt")
    assert type(err.value) is EmptyInputError
    assert str(err.value) == "the file has no text"


def test_unknown_suffix_is_text():
    doc = ingest_bytes(b"Plain words.\n", "TERMS")
    assert doc.format == "txt"
