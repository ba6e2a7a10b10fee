"""Builders for ingest fixtures: small PDFs and DOCX files made in each test's tmp dir.

Generating them keeps the repository free of opaque binaries and lets each test state the
layout it depends on (font sizes, page breaks, hyphenation) next to its assertions.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

# One page's content: (text, font size, bold) per line, written top to bottom.
Line = tuple[str, float, bool]


def pdf_bytes(
    pages: Sequence[Sequence[Line]],
    header: str | None = None,
    footer: bool | str = False,
    user_password: str | None = None,
    owner_password: str | None = None,
    paragraph_gap: float = 4.0,
) -> bytes:
    """A PDF with the given lines, each a ``cell`` of its own so line breaks are exact.

    A line whose text is empty adds ``paragraph_gap`` mm of vertical space (a paragraph break).
    ``footer``: True for "Page N of M", or a footer text in which "{page}" is the page number.
    """
    from fpdf import FPDF

    class P(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "", 8)
                self.cell(0, 6, header, align="C")
                self.ln(10)

        def footer(self) -> None:
            if footer:
                self.set_y(-14)
                self.set_font("Helvetica", "", 8)
                if isinstance(footer, str):
                    text = footer.replace("{page}", str(self.page_no()))
                else:
                    text = f"Page {self.page_no()} of {{nb}}"
                self.cell(0, 6, text, align="C")

    pdf = P(format="A4")
    pdf.set_auto_page_break(False)
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    for lines in pages:
        pdf.add_page()
        for text, size, bold in lines:
            if not text:
                pdf.ln(paragraph_gap)
                continue
            pdf.set_font("Helvetica", "B" if bold else "", size)
            pdf.cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def blank_pdf_bytes(pages: int = 2) -> bytes:
    """Pages with drawings but no text layer: what a scanner without OCR produces."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(30)
        pdf.rect(20, 20, 170, 250, style="F")
    return bytes(pdf.output())


def docx_bytes(build: Callable) -> bytes:
    """A DOCX made by ``build(document)`` with python-docx."""
    import docx

    doc = docx.Document()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(content: bytes, font: bytes = HELVETICA) -> bytes:
    """A one-page PDF around a hand-written content stream (``font`` as /F1, Letter size).

    For text placed the way TeX and Word place it: words positioned by TJ offsets with no
    space glyph, and small kerning offsets inside words; or glyphs named by an encoding's
    differences (ligatures, Symbol-font bullets).
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
