"""A running footer that carries the business's contact details is read once, after the
body, as its own paragraph; running headers and page numbers without them are still dropped."""

from __future__ import annotations

import pytest
from ingest_builders import pdf_bytes

from tosaudit.ingest import ingest_bytes

BODY = [
    [("Your membership renews every month until you cancel it.", 11, False)],
    [("You may cancel by writing to the front desk.", 11, False)],
    [("Dues already paid are not refunded.", 11, False)],
]


@pytest.mark.parametrize(
    "footer",
    [
        "Greenline Fitness - members@greenline.example - Page {page}",
        "Greenline Fitness - call (217) 555-0142 - Page {page}",
        "Greenline Fitness - www.greenline.example - Page {page}",
    ],
)
def test_contact_footer_is_kept_once_at_the_end(footer):
    doc = ingest_bytes(pdf_bytes(BODY, header="Membership Agreement", footer=footer), "g.pdf")
    last = footer.replace("{page}", "3")
    assert doc.text == (
        "Your membership renews every month until you cancel it.\n\n"
        "You may cancel by writing to the front desk.\n\n"
        "Dues already paid are not refunded.\n\n"
        f"{last}\n"
    )
    assert doc.page_at(doc.text.index(last)) == 3


def test_running_lines_without_contact_details_are_dropped():
    doc = ingest_bytes(
        pdf_bytes(BODY, header="Membership Agreement (rev. 2026-02)", footer=True), "g.pdf"
    )
    assert doc.text == (
        "Your membership renews every month until you cancel it.\n\n"
        "You may cancel by writing to the front desk.\n\n"
        "Dues already paid are not refunded.\n"
    )
