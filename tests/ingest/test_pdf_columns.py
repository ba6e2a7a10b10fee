"""Two-column PDFs are read column by column; tables and one-column pages are left alone."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes

LEFT = (
    "Left column paragraph about accounts. You must keep your password safe and tell us "
    "at once if someone uses your account without your permission. We are not responsible "
    "for losses caused by a shared password. "
) * 4
RIGHT = (
    "Right column paragraph about renewals. Your plan renews automatically at the end of "
    "each billing period until you cancel it in the account settings page of the app. "
) * 4


def _two_columns(title: str | None = "Terms of Service", pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for _ in range(pages):
        pdf.add_page()
        top = 20.0
        if title:
            pdf.set_font("Helvetica", "B", 16)
            pdf.set_xy(10, 10)
            pdf.cell(190, 8, title, align="C")
            top = 24.0
        pdf.set_font("Helvetica", "", 9)
        pdf.set_xy(10, top)
        pdf.multi_cell(90, 4.5, LEFT, align="J")
        pdf.set_xy(110, top)
        pdf.multi_cell(90, 4.5, RIGHT, align="J")
    return bytes(pdf.output())


def test_two_columns_read_left_then_right():
    doc = ingest_bytes(_two_columns(), "two.pdf")
    text = doc.text
    assert text.startswith("Terms of Service")
    left_end = text.rindex("Left column")
    right_start = text.index("Right column")
    assert left_end < right_start  # no line mixes the two columns
    assert "shared password." in text[:right_start]
    # The columns' sentences come out whole.
    assert "Your plan renews automatically at the end of each billing period until you " in text


def test_column_change_starts_a_paragraph_after_a_full_stop():
    doc = ingest_bytes(_two_columns(), "two.pdf")
    right_start = doc.text.index("Right column")
    assert doc.text[right_start - 2 : right_start] == "\n\n"


def test_two_columns_on_every_page_keep_page_numbers():
    doc = ingest_bytes(_two_columns(title=None, pages=2), "two.pdf")
    firsts = [i for i in range(len(doc.text)) if doc.text.startswith("Right column", i)]
    assert {doc.page_at(i) for i in firsts} == {1, 2}


def test_table_with_a_label_column_is_not_split():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    rows = [("Account data", "Your name, email address and password, used to run your account.")]
    rows = rows * 40
    for label, text in rows:
        pdf.set_x(10)
        pdf.cell(60, 6, label)
        pdf.cell(130, 6, text, new_x="LMARGIN", new_y="NEXT")
    doc = ingest_bytes(bytes(pdf.output()), "table.pdf")
    # Each row stays one line: the label is followed by its own text.
    assert "Account data Your name, email address" in doc.text


def test_one_column_page_unchanged():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(190, 5, (LEFT + RIGHT) * 2)
    doc = ingest_bytes(bytes(pdf.output()), "one.pdf")
    assert " ".join(doc.text.split()).startswith(" ".join((LEFT + RIGHT).split())[:400])
