"""PDF glyphs that are not the text a reader sees: ligatures become their letters (patterns
and readability read "file", not "ﬁle") and Private Use Area bullets from Symbol or Wingdings
fonts become "•", so each bulleted line starts a list item."""

from __future__ import annotations

from ingest_builders import raw_pdf

from tosaudit.ingest import ingest_bytes

# Helvetica with five codes renamed: the glyph names map to U+FB01, U+FB02, U+FB03 and the
# Private Use Area bullet U+F0B7 (what Word's Symbol-font bullets extract as).
FONT = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
    b"/BaseEncoding /WinAnsiEncoding /Differences [ 200 /fi 201 /fl 202 /ffi 203 /uniF0B7 ] >> >>"
)


def _doc():
    content = (
        b"BT /F1 11 Tf 72 700 Td (You may \xc8le a claim about a \xc9ight.) Tj ET\n"
        b"BT /F1 11 Tf 72 680 Td (Our o\xcacer will reply.) Tj ET\n"
        b"BT /F1 11 Tf 72 660 Td (\xcb Refunds go to the original card.) Tj ET\n"
        b"BT /F1 11 Tf 72 646 Td (\xcb Store credit is not cash.) Tj ET\n"
    )
    return ingest_bytes(raw_pdf(content, FONT), "glyphs.pdf")


def test_ligatures_become_letters():
    doc = _doc()
    assert "You may file a claim about a flight." in doc.text
    assert "Our officer will reply." in doc.text
    assert not any("\ufb00" <= c <= "\ufb06" for c in doc.text)


def test_symbol_font_bullets_are_list_items():
    doc = _doc()
    assert doc.text.endswith(
        "\n\n\u2022 Refunds go to the original card.\n\u2022 Store credit is not cash.\n"
    )
    assert not any("\ue000" <= c <= "\uf8ff" for c in doc.text)


def test_layout_spans_match_the_replaced_text():
    doc = _doc()
    line = "You may file a claim about a flight."
    start = doc.text.index(line)
    assert any(s.start == start and s.end == start + len(line) for s in doc.layout)
