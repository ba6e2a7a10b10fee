"""PDF ingestion: reading order, pages, font sizes, running heads, hyphens, headings, errors."""

from __future__ import annotations

import random

import pytest
from ingest_builders import blank_pdf_bytes, pdf_bytes

from tosaudit.ingest import ingest_bytes
from tosaudit.ingest.errors import CorruptFileError, EncryptedError, NoTextLayerError

BODY = 11.0
PAGES = [
    [
        ("Acme Cloud Terms of Service", 18, True),
        ("", 0, False),
        ("1. Fees and Billing", 13, True),
        ("", 0, False),
        ("Your plan starts on the day you sign up and the subscrip-", BODY, False),
        ("tion fee is charged monthly. We may offer an auto-", BODY, False),
        ("renewal discount to loyal members every year.", BODY, False),
        ("", 0, False),
        ("Refunds are paid within ten days of your request, and this", BODY, False),
        ("paragraph continues on", BODY, False),
    ],
    [
        ("the next page without a break in the sentence.", BODY, False),
        ("", 0, False),
        ("2. Limits", 13, True),
        ("", 0, False),
        ("WE ARE NOT LIABLE FOR INDIRECT LOSSES", BODY, False),
        ("", 0, False),
        ("You can contact us at help@acme.example at any time.", BODY, False),
    ],
    [
        ("3. Renewal", 13, True),
        ("", 0, False),
        ("Your plan renews automatically at the then-current price", 7, False),
        ("unless you cancel seven days before the renewal date.", 7, False),
    ],
]


@pytest.fixture(scope="module")
def doc():
    data = pdf_bytes(PAGES, header="Acme Cloud - Confidential", footer=True)
    return ingest_bytes(data, "terms.pdf")


def test_format_and_metadata(doc):
    assert doc.format == "pdf"
    assert doc.metadata["pages"] == 3
    assert doc.metadata["body_font_size"] == BODY


def test_running_headers_and_page_numbers_dropped(doc):
    assert "Confidential" not in doc.text
    assert "Page 1 of" not in doc.text and "Page 3 of" not in doc.text
    assert doc.text.startswith("Acme Cloud Terms of Service\n\n1. Fees and Billing\n\n")


def test_hyphenated_words_joined(doc):
    assert "the subscription fee is charged monthly" in doc.text
    assert "subscrip-" not in doc.text
    # A compound stays hyphenated; only the line break goes.
    assert "an auto-renewal discount" in doc.text


def test_lines_of_a_paragraph_joined_and_paragraphs_separated(doc):
    assert "every year.\n\nRefunds are paid" in doc.text
    # The paragraph running over the page break is one paragraph.
    assert "continues on the next page without a break" in doc.text


def test_layout_spans_cover_lines_in_order(doc):
    spans = doc.layout
    assert spans
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end].strip()


def test_page_of_every_range(doc):
    text = doc.text
    assert doc.page_at(text.index("Refunds are paid")) == 1
    assert doc.page_at(text.index("the next page")) == 2
    assert doc.page_at(text.index("WE ARE NOT LIABLE")) == 2
    assert doc.page_at(text.index("renews automatically")) == 3
    assert doc.is_paged


def test_font_size_bold_and_caps_per_line(doc):
    def span_at(offset):
        return next(s for s in doc.layout if s.start <= offset < s.end)

    text = doc.text
    small = span_at(text.index("renews automatically"))
    assert small.font_size == 7.0 and small.page == 3
    body = span_at(text.index("Refunds are paid"))
    assert body.font_size == BODY and not body.bold and not body.all_caps
    caps = span_at(text.index("WE ARE NOT LIABLE"))
    assert caps.all_caps
    heading = span_at(text.index("2. Limits"))
    assert heading.bold and heading.font_size == 13.0


def test_headings_with_levels(doc):
    found = [(doc.text[h.start : h.end], h.heading_level) for h in doc.headings]
    assert found == [
        ("Acme Cloud Terms of Service", 1),
        ("1. Fees and Billing", 2),
        ("2. Limits", 2),
        ("3. Renewal", 2),
    ]


def test_heading_hint_is_used_by_segmentation(doc):
    from tosaudit.segment import segment

    seg = segment(doc)
    assert [s.heading for s in seg.sections][:2] == [
        "Acme Cloud Terms of Service",
        "1. Fees and Billing",
    ]


def test_empty_user_password_is_tried():
    data = pdf_bytes([[("Readable without a password.", BODY, False)]], owner_password="owner")
    doc = ingest_bytes(data, "locked.pdf")
    assert "Readable without a password." in doc.text


def test_encrypted_with_password():
    data = pdf_bytes(
        [[("Secret terms.", BODY, False)]], owner_password="owner", user_password="secret"
    )
    with pytest.raises(EncryptedError) as err:
        ingest_bytes(data, "locked.pdf")
    assert type(err.value) is EncryptedError
    assert str(err.value) == (
        "the PDF is encrypted with a password; save a copy without the password and audit that"
    )


def test_scanned_pdf_without_text_layer():
    with pytest.raises(NoTextLayerError) as err:
        ingest_bytes(blank_pdf_bytes(), "scan.pdf")
    assert type(err.value) is NoTextLayerError
    assert str(err.value) == (
        "the PDF has no text layer (it looks scanned); run OCR on it first "
        "(for example with ocrmypdf) and audit the result"
    )


def test_truncated_pdf():
    data = pdf_bytes(PAGES)
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data[: len(data) // 2], "cut.pdf")
    assert type(err.value) is CorruptFileError
    assert str(err.value) == (
        "the PDF is truncated or damaged (no end-of-file marker); download it again"
    )


def test_corrupt_pdf_body():
    data = b"%PDF-1.7\n" + random.Random(1).randbytes(3000) + b"\n%%EOF\n"
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data, "broken.pdf")
    assert type(err.value) is CorruptFileError
    assert str(err.value) == (
        "the PDF is damaged and cannot be read (No /Root object! - Is this really a PDF?)"
    )


def test_pdf_without_pages():
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(CorruptFileError) as err:
        ingest_bytes(data, "empty.pdf")
    assert str(err.value) == "the PDF has no pages"


def test_pdf_sniffed_whatever_its_name():
    data = pdf_bytes([[("Terms in a PDF named as text.", BODY, False)]])
    doc = ingest_bytes(data, "terms.txt")
    assert doc.format == "pdf"
    assert doc.text == "Terms in a PDF named as text.\n"


@pytest.mark.parametrize(
    ("line", "is_number"),
    [
        ("3", True),
        ("Page 2 of 9", True),
        ("- 4 -", True),
        ("xii", True),
        ("p. 7", True),
        ("Civil", False),
        ("ill", False),
        ("12. Termination", False),
        ("2 Payments", False),
    ],
)
def test_page_number_lines(line, is_number):
    from tosaudit.ingest.pdf import _PAGE_NUMBER

    assert (_PAGE_NUMBER.fullmatch(line) is not None) is is_number


def test_words_placed_by_offsets_without_space_glyphs():
    from ingest_builders import raw_pdf

    content = (
        b"BT /F1 11 Tf 72 700 Td [(W) 80 (e) -330 (renew) -330 (your) -330 (plan.)] TJ ET\n"
        b"BT /F1 11 Tf 72 686 Td [(Cancel) -330 (any) -330 (time.)] TJ ET"
    )
    doc = ingest_bytes(raw_pdf(content), "tex.pdf")
    # -330/1000 em is a word space; +80 is kerning inside "We".
    assert doc.text == "We renew your plan. Cancel any time.\n"


def test_bold_paragraph_is_not_a_run_of_headings():
    page = [
        ("Terms of Sale", 16, True),
        ("", 0, False),
        ("Important notice", BODY, True),
        ("", 0, False),
        ("PLEASE READ THESE TERMS CAREFULLY BEFORE YOU", BODY, True),
        ("ORDER BECAUSE THEY LIMIT OUR LIABILITY TO YOU AND", BODY, True),
        ("REQUIRE ARBITRATION OF ANY DISPUTE", BODY, True),
        ("", 0, False),
        ("We deliver within five working days.", BODY, False),
    ]
    doc = ingest_bytes(pdf_bytes([page]), "sale.pdf")
    found = [(doc.text[h.start : h.end], h.heading_level) for h in doc.headings]
    assert found == [("Terms of Sale", 1), ("Important notice", 2)]
    assert "PLEASE READ THESE TERMS CAREFULLY BEFORE YOU ORDER BECAUSE" in doc.text
    assert "REQUIRE ARBITRATION OF ANY DISPUTE\n\nWe deliver" in doc.text


def test_page_number_pattern_is_linear_on_a_5mb_blank_line():
    import time

    from tosaudit.ingest.pdf import _PAGE_NUMBER

    for line in (" " * 5_000_000, "Page" + " \t" * 2_500_000 + "x"):
        t0 = time.perf_counter()
        assert _PAGE_NUMBER.fullmatch(line) is None
        assert time.perf_counter() - t0 < 2.0
    assert _PAGE_NUMBER.fullmatch("Page   -  12  of  40") is not None


def test_hyphenated_words_found_from_word_starts_only_and_fast():
    import time

    from tosaudit.ingest.pdf import _HYPHENATED

    assert _HYPHENATED.findall("a well-known, long-term plan; x-y-z-w") == [
        "well-known",
        "long-term",
        "x-y",
        "z-w",
    ]
    text = "a" * 5_000_000 + "@"
    t0 = time.perf_counter()
    assert _HYPHENATED.findall(text) == []
    assert time.perf_counter() - t0 < 2.0
