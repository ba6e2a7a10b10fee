"""DOCX ingestion: headings, lists, tables, run formatting, zip-bomb guard and damaged files."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.shared import Pt
from ingest_builders import docx_bytes

from tosaudit.config import Config
from tosaudit.ingest import ingest_bytes
from tosaudit.ingest.errors import CorruptFileError, TooLargeError, UnsupportedFormatError


def _build(doc) -> None:
    doc.add_heading("Membership Terms", 0)
    doc.add_heading("1. Payments", 1)
    p = doc.add_paragraph("We charge your card ")
    p.add_run("every month").bold = True
    p.add_run(". Fees are non-refundable.")
    doc.add_paragraph("Card", style="List Bullet")
    doc.add_paragraph("Direct debit", style="List Bullet")
    doc.add_paragraph("Open the app", style="List Number")
    doc.add_paragraph("Tap Cancel", style="List Number")
    doc.add_heading("Prices", 2)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Plan"
    table.cell(0, 1).text = "Monthly price"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Prices include VAT."
    small = doc.add_paragraph().add_run("Your plan renews automatically each month.")
    small.font.size = Pt(7)
    caps = doc.add_paragraph().add_run("we are not liable for lost data")
    caps.font.all_caps = True


@pytest.fixture(scope="module")
def doc():
    return ingest_bytes(docx_bytes(_build), "terms.docx")


def test_text_blocks(doc):
    assert doc.format == "docx"
    assert doc.text == (
        "Membership Terms\n\n"
        "1. Payments\n\n"
        "We charge your card every month. Fees are non-refundable.\n\n"
        "\u2022 Card\n\u2022 Direct debit\n\n"
        "(1) Open the app\n(2) Tap Cancel\n\n"
        "Prices\n\n"
        "Plan\nMonthly price\nPrices include VAT.\n\n"
        "Your plan renews automatically each month.\n\n"
        "we are not liable for lost data\n"
    )


def test_heading_hints(doc):
    found = [(doc.text[h.start : h.end], h.heading_level) for h in doc.headings]
    assert found == [("Membership Terms", 1), ("1. Payments", 1), ("Prices", 2)]


def _span(doc, needle):
    offset = doc.text.index(needle)
    return next(s for s in doc.layout if s.start <= offset < s.end)


def test_run_formatting_spans(doc):
    assert _span(doc, "every month").bold
    assert not _span(doc, "We charge").bold
    assert _span(doc, "Fees are").font_size == 11.0  # the Normal style of the default template
    small = _span(doc, "renews automatically")
    assert small.font_size == 7.0
    assert doc.text[small.start : small.end] == "Your plan renews automatically each month."
    assert _span(doc, "not liable").all_caps  # w:caps renders it in capitals
    for a, b in zip(doc.layout, doc.layout[1:], strict=False):
        assert a.end <= b.start


def test_hyperlink_text_is_kept():
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    def build(d):
        p = d.add_paragraph("Read our ")
        rid = d.part.relate_to("https://example.com/privacy", RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "Privacy Policy"
        run.append(text)
        link.append(run)
        p._p.append(link)
        p.add_run(" first.")

    doc = ingest_bytes(docx_bytes(build), "link.docx")
    assert doc.text == "Read our Privacy Policy first.\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_refused_before_parsing():
    real = zipfile.ZipFile(io.BytesIO(docx_bytes(lambda d: d.add_paragraph("Hi."))))
    entries = {i.filename: real.read(i.filename) for i in real.infolist()}
    entries["word/media/image1.bin"] = b"\0" * 3_000_000  # compresses to a few KB
    data = _zip(entries)
    assert len(data) < 100_000
    cfg = Config(max_decompressed_bytes=2 * 1024 * 1024)
    with pytest.raises(TooLargeError) as err:
        ingest_bytes(data, "bomb.docx", cfg)
    assert type(err.value) is TooLargeError
    # The template's own parts add some 0.7 MB, depending on the python-docx version.
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert str(err.value) == (
        f"the DOCX would unpack to {total / 1048576:.1f} MB, over the 2 MB limit "
        "(a zip bomb or a damaged file)"
    )


def test_zip_bomb_default_limit():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        with zf.open("word/bomb.xml", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                fh.write(chunk)
    with pytest.raises(TooLargeError) as err:
        ingest_bytes(buf.getvalue(), "bomb.docx")
    assert str(err.value) == (
        "the DOCX would unpack to 210 MB, over the 200 MB limit (a zip bomb or a damaged file)"
    )


def test_corrupt_zip():
    data = b"PK\x03\x04" + b"\x14\x00garbage" * 200
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data, "broken.docx")
    assert type(err.value) is CorruptFileError
    assert str(err.value) == (
        "the DOCX is damaged (not a readable ZIP archive); open and re-save it in Word"
    )


def test_truncated_docx():
    data = docx_bytes(_build)
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data[: len(data) // 2], "cut.docx")
    assert str(err.value) == (
        "the DOCX is damaged (not a readable ZIP archive); open and re-save it in Word"
    )


def test_docx_with_broken_xml():
    real = zipfile.ZipFile(io.BytesIO(docx_bytes(lambda d: d.add_paragraph("Hi."))))
    entries = {i.filename: real.read(i.filename) for i in real.infolist()}
    entries["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(_zip(entries), "broken.docx")
    assert type(err.value) is CorruptFileError
    assert str(err.value).startswith("the DOCX is damaged and cannot be read (")


def test_zip_named_docx_without_document():
    data = _zip({"readme.txt": b"hello"})
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data, "notes.docx")
    assert str(err.value) == "the DOCX has no word/document.xml; it is not a Word document"


def test_plain_zip_is_unsupported():
    data = _zip({"readme.txt": b"hello"})
    with pytest.raises(UnsupportedFormatError) as err:
        ingest_bytes(data, "archive.zip")
    assert type(err.value) is UnsupportedFormatError
    assert str(err.value) == (
        "unsupported file type: a ZIP archive that is not a Word document; "
        "tosaudit reads PDF, DOCX, HTML, Markdown and plain text"
    )


def test_docx_sniffed_without_suffix():
    doc = ingest_bytes(docx_bytes(lambda d: d.add_paragraph("Hello there.")), "upload")
    assert doc.format == "docx" and doc.text == "Hello there.\n"


def test_text_box_read_once():
    from docx.oxml.parser import parse_xml

    box_xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:rPr><w:sz w:val="12"/></w:rPr><w:t>Fees are non-refundable.</w:t></w:r>'
        "</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>Fees are non-refundable.</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )

    def build(d):
        p = d.add_paragraph("Prices are shown at checkout.")
        p._p.append(parse_xml(box_xml))
        d.add_paragraph("Next paragraph.")

    doc = ingest_bytes(docx_bytes(build), "box.docx")
    assert doc.text == (
        "Prices are shown at checkout.\n\nFees are non-refundable.\n\nNext paragraph.\n"
    )
    small = next(s for s in doc.layout if doc.text[s.start : s.end] == "Fees are non-refundable.")
    assert small.font_size == 6.0
