"""A DOCX link's email address or phone number follows its words when they do not show it:
"email us" linked to mailto:help@gym.example gave the audit no way to contact anyone."""

from __future__ import annotations

from ingest_builders import docx_bytes

from tosaudit.ingest import ingest_bytes

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _link(paragraph, target: str, words: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.parser import parse_xml

    rid = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(f'<w:hyperlink {_NS} r:id="{rid}"><w:r><w:t>{words}</w:t></w:r></w:hyperlink>')
    )


def _build(doc) -> None:
    p = doc.add_paragraph("To cancel, ")
    _link(p, "mailto:help@gym.example?subject=Cancel", "email us")
    p.add_run(" or ")
    _link(p, "tel:+441614960000", "call the desk")
    p.add_run(".")
    q = doc.add_paragraph("Write to ")
    _link(q, "mailto:help@gym.example", "help@gym.example")
    q.add_run(" or read ")
    _link(q, "https://gym.example/terms", "our terms")
    q.add_run(".")
    cell = doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
    _link(cell, "mailto:billing@gym.example", "Billing")


def test_hidden_addresses_follow_the_link_words():
    doc = ingest_bytes(docx_bytes(_build), "links.docx")
    assert doc.text == (
        "To cancel, email us (help@gym.example) or call the desk (+441614960000).\n\n"
        "Write to help@gym.example or read our terms.\n\n"
        "Billing (billing@gym.example)\n"
    )
    start = doc.text.index("(help@gym.example)")
    assert any(s.start <= start < s.end for s in doc.layout)
