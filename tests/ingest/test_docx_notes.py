"""DOCX footnotes, endnotes, page headers and footers are read after the body."""

from __future__ import annotations

import io
import zipfile

from ingest_builders import docx_bytes

from tosaudit.api import audit_bytes
from tosaudit.ingest import ingest_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE = "Your plan renews automatically every month and we will charge your card until you cancel."


def _with_notes(data: bytes, footnotes: list[str], endnotes: list[str] = ()) -> bytes:
    """Add footnotes.xml / endnotes.xml parts (python-docx cannot write them)."""

    def notes_xml(tag: str, texts: list[str]) -> str:
        body = [
            f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            f"<w:continuationSeparator/></w:r></w:p></w:{tag}>",
        ]
        for i, text in enumerate(texts, start=1):
            body.append(
                f'<w:{tag} w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f'<w:r><w:rPr><w:sz w:val="14"/></w:rPr><w:{tag}Ref/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="14"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r>'
                f"</w:p></w:{tag}>"
            )
        return f'<?xml version="1.0" encoding="UTF-8"?><w:{tag}s xmlns:w="{W}">{"".join(body)}</w:{tag}s>'

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                extra = "".join(
                    f'<Override PartName="/word/{n}s.xml" ContentType="application/'
                    f'vnd.openxmlformats-officedocument.wordprocessingml.{n}s+xml"/>'
                    for n in ("footnote", "endnote")
                )
                blob = blob.replace(b"</Types>", extra.encode() + b"</Types>")
            if item.filename == "word/_rels/document.xml.rels":
                extra = "".join(
                    f'<Relationship Id="rIdN{n}" Type="{rel_ns}/{n}s" Target="{n}s.xml"/>'
                    for n in ("footnote", "endnote")
                )
                blob = blob.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            dst.writestr(item, blob)
        dst.writestr("word/footnotes.xml", notes_xml("footnote", footnotes))
        dst.writestr("word/endnotes.xml", notes_xml("endnote", list(endnotes)))
    return out.getvalue()


def _body(doc) -> None:
    doc.add_heading("Membership terms", level=1)
    for i in range(6):
        doc.add_paragraph(
            f"Point {i}: you can use the club at any time during opening hours and bring a guest."
        )
    section = doc.sections[0]
    section.footer.paragraphs[0].text = "Acme Fitness Ltd, 1 High Street, London. help@acme.example"
    section.header.paragraphs[0].text = "Acme Fitness membership terms"


def test_footnotes_endnotes_headers_and_footers_follow_the_body():
    data = _with_notes(docx_bytes(_body), [NOTE], ["Prices include VAT."])
    doc = ingest_bytes(data, "terms.docx")
    text = doc.text
    body_end = text.index("Point 5")
    assert body_end < text.index(NOTE) < text.index("Prices include VAT.")
    assert text.index("Prices include VAT.") < text.index("help@acme.example")
    assert "Acme Fitness membership terms" in text
    # Separator "footnotes" hold no text and add nothing.
    assert text.count(NOTE) == 1


def test_footnote_keeps_its_small_type():
    data = _with_notes(docx_bytes(_body), [NOTE])
    doc = ingest_bytes(data, "terms.docx")
    start = doc.text.index(NOTE)
    sizes = {s.font_size for s in doc.layout if s.start <= start < s.end}
    assert sizes == {7.0}


def test_renewal_in_a_footnote_is_found_and_buried():
    data = _with_notes(docx_bytes(_body), [NOTE])
    report = audit_bytes(data, "terms.docx")
    renewal = [f for f in report.findings if f.category == "auto_renewal"]
    assert renewal and any("small print" in r for r in renewal[0].buried["reasons"])


def test_footer_contact_details_count():
    data = docx_bytes(_body)
    report = audit_bytes(data, "terms.docx")
    text = ingest_bytes(data, "terms.docx").text
    contact = report.disclosures["contact"]
    assert "email" in contact["channels"]
    assert any(text[e["start"] : e["end"]] == "help@acme.example" for e in contact["evidence"])


def test_repeated_headers_are_read_once():
    def build(doc) -> None:
        _body(doc)
        doc.add_section()
        doc.add_paragraph("Second section text that goes on for a while about the rules.")

    doc = ingest_bytes(docx_bytes(build), "terms.docx")
    assert doc.text.count("Acme Fitness membership terms") == 1


def test_page_number_only_footer_adds_nothing():
    def build(doc) -> None:
        doc.add_paragraph("Body text of the policy, long enough to be a paragraph.")
        doc.sections[0].footer.paragraphs[0].text = "3"

    doc = ingest_bytes(docx_bytes(build), "terms.docx")
    assert doc.text.strip() == "Body text of the policy, long enough to be a paragraph."
