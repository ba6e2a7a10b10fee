"""DOCX text that Word wraps in other elements: tracked insertions and deletions, content
controls (template fields), simple fields, smart tags, custom XML. The text inside them is the
document's text; tracked deletions are not."""

from __future__ import annotations

from ingest_builders import docx_bytes

from tosaudit.ingest import ingest_bytes

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_TRACK = 'w:author="Legal" w:date="2026-01-05T09:00:00Z"'


def _xml(fragment: str):
    from docx.oxml.parser import parse_xml

    return parse_xml(fragment)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _build(doc) -> None:
    heading = doc.add_heading("Membership terms", 1)
    # A block-level content control holding the effective date, as template date pickers do.
    heading._p.addnext(
        _xml(
            f"<w:sdt {_NS}><w:sdtPr><w:alias w:val='Date'/></w:sdtPr><w:sdtContent>"
            f"<w:p>{_run('Last updated: 1 March 2026')}</w:p></w:sdtContent></w:sdt>"
        )
    )
    refunds = doc.add_paragraph("Refunds are given within ")
    refunds._p.append(_xml(f'<w:ins {_NS} w:id="1" {_TRACK}>{_run("fourteen ")}</w:ins>'))
    refunds._p.append(
        _xml(
            f'<w:del {_NS} w:id="2" {_TRACK}><w:r><w:delText xml:space="preserve">thirty '
            "</w:delText></w:r></w:del>"
        )
    )
    refunds.add_run("days.")
    email = doc.add_paragraph("Email ")
    email._p.append(
        _xml(
            f"<w:fldSimple {_NS} w:instr='HYPERLINK \"mailto:help@gym.example\"'>"
            f"{_run('help@gym.example')}</w:fldSimple>"
        )
    )
    email.add_run(" to cancel.")
    office = doc.add_paragraph("Our office is at ")
    office._p.append(
        _xml(
            f"<w:smartTag {_NS} w:uri='urn:x' w:element='address'>{_run('1 Main St')}</w:smartTag>"
        )
    )
    office.add_run(".")
    notice = doc.add_paragraph("We give ")
    notice._p.append(
        _xml(
            f"<w:sdt {_NS}><w:sdtPr/><w:sdtContent><w:customXml w:element='days'>"
            f"{_run('30 days')}</w:customXml></w:sdtContent></w:sdt>"
        )
    )
    notice.add_run(" notice of changes.")
    # A markup-compatibility choice and its fallback carry the same text once.
    once = doc.add_paragraph()
    once._p.append(
        _xml(
            f"<mc:AlternateContent {_NS} {_MC}><mc:Choice Requires='w14'>"
            f"{_run('Said once.')}</mc:Choice><mc:Fallback>{_run('Said once.')}</mc:Fallback>"
            "</mc:AlternateContent>"
        )
    )
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0)._tc.append(
        _xml(
            f"<w:sdt {_NS}><w:sdtPr/><w:sdtContent><w:p>{_run('Fee: 20 GBP a month')}</w:p>"
            "</w:sdtContent></w:sdt>"
        )
    )
    footer = doc.sections[0].footer
    footer._element.append(
        _xml(
            f"<w:sdt {_NS}><w:sdtPr/><w:sdtContent><w:p>{_run('Phone 0161 496 0000')}</w:p>"
            "</w:sdtContent></w:sdt>"
        )
    )


def test_wrapped_text_is_read_and_deleted_text_is_not():
    doc = ingest_bytes(docx_bytes(_build), "wrapped.docx")
    assert doc.text == (
        "Membership terms\n\n"
        "Last updated: 1 March 2026\n\n"
        "Refunds are given within fourteen days.\n\n"
        "Email help@gym.example to cancel.\n\n"
        "Our office is at 1 Main St.\n\n"
        "We give 30 days notice of changes.\n\n"
        "Said once.\n\n"
        "Fee: 20 GBP a month\n\n"
        "Phone 0161 496 0000\n"
    )
    assert "thirty" not in doc.text


def test_layout_spans_cover_the_wrapped_runs():
    doc = ingest_bytes(docx_bytes(_build), "wrapped.docx")
    start = doc.text.index("fourteen")
    assert any(s.start <= start < s.end for s in doc.layout)
