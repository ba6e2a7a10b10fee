"""Two-column pages whose columns are uneven: the last page of a two-column document has a
full left column and a short right one, with a running header and page number across the
gutter. Both columns are read in order; lines are never spliced across the gutter."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes

LEFT = (
    "Members must complete an induction before climbing unsupervised. Memberships are "
    "personal and may not be shared with anyone else, including family members. "
) * 9
# The first page is set in one column, with other words: repeated lines at the top of every
# page would be taken for a running header.
FIRST = (
    "Your membership gives you access to the climbing walls during opening hours, and you "
    "may bring a guest once a month if you tell the front desk first. "
) * 12
RIGHT = (
    "Any dispute will be resolved by binding arbitration in Manchester, and you waive any "
    "right to join a class action against us."
)


def _uneven(right: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number in (1, 2):
        pdf.add_page()
        # A running header and a page number, both centred across the gutter.
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(10, 8)
        pdf.cell(190, 5, "Riverside Climbing Gym - Member Terms (rev. 2026-02)", align="C")
        pdf.set_xy(10, 285)
        pdf.cell(190, 5, f"Page {number} of 2", align="C")
        pdf.set_font("Helvetica", "", 9)
        pdf.set_xy(10, 20)
        if number == 1:
            pdf.multi_cell(190, 4.5, FIRST, align="J")
            continue
        pdf.multi_cell(90, 4.5, LEFT, align="J")
        pdf.set_xy(110, 20)
        pdf.multi_cell(90, 4.5, right, align="J")
    return bytes(pdf.output())


def test_short_right_column_is_read_after_the_left_one():
    doc = ingest_bytes(_uneven(RIGHT), "uneven.pdf")
    text = " ".join(doc.text.split())
    # Without column detection the first line read "Members must ... Memberships are Any
    # dispute will be resolved by binding arbitration in".
    assert " ".join(LEFT.split()) in text
    assert RIGHT in text
    assert text.index(RIGHT) > text.index(" ".join(LEFT.split()))
    # Running header and page numbers are still recognised and dropped.
    assert "Riverside Climbing Gym" not in text and "Page 1" not in text


def test_each_sentence_of_the_short_column_is_whole():
    from tosaudit.api import audit_bytes

    report = audit_bytes(_uneven(RIGHT), "uneven.pdf")
    arbitration = [f for f in report.findings if f.rule == "CL201"]
    assert arbitration, "the arbitration clause in the short column is found"
    for f in arbitration:
        assert report.text[f.start : f.end] == f.excerpt
        assert f.excerpt.startswith("Any dispute will be resolved")
