"""Bad input: every case gets one clear IngestError (exact class and message), never a crash."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tosaudit.api import audit_bytes, audit_file
from tosaudit.config import Config
from tosaudit.ingest import IngestError, ingest_bytes, ingest_file, sniff
from tosaudit.ingest.errors import EmptyInputError, TooLargeError, UnsupportedFormatError

HINT = "tosaudit reads PDF, DOCX, HTML, Markdown and plain text"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty_file(data):
    with pytest.raises(EmptyInputError) as err:
        ingest_bytes(data, "empty.txt")
    assert type(err.value) is EmptyInputError
    assert str(err.value) == "the file is empty"


def test_binary_garbage():
    data = random.Random(7).randbytes(8192)
    with pytest.raises(UnsupportedFormatError) as err:
        ingest_bytes(data, "terms.txt")
    assert type(err.value) is UnsupportedFormatError
    assert str(err.value) == f"unsupported file type: binary data; {HINT}"


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "a JPEG image"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8,
            "an old Office file (.doc/.xls); save it as .docx",
        ),
        (b"{\\rtf1\\ansi Terms}", "an RTF file; save it as .docx or PDF"),
        (b"\x7fELF\x02\x01\x01", "a program (ELF executable)"),
    ],
)
def test_unsupported_types_by_content(head, what):
    # The suffix says PDF; the content decides.
    with pytest.raises(UnsupportedFormatError) as err:
        ingest_bytes(head + b"\0" * 64, "terms.pdf")
    assert str(err.value) == f"unsupported file type: {what}; {HINT}"


def test_other_office_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff(buf.getvalue(), "prices.docx") == "an Excel workbook (.xlsx)"


def test_file_over_the_limit_bytes():
    with pytest.raises(TooLargeError) as err:
        ingest_bytes(b"a" * 2048, "big.txt", Config(max_bytes=1024))
    assert type(err.value) is TooLargeError
    assert str(err.value) == (
        "the file is 2 KB, over the 1 KB limit (raise max_bytes in the configuration to audit it)"
    )


def test_file_over_the_limit_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 30 MB on paper, nothing on disk
        fh.truncate(30 * 1024 * 1024)

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(TooLargeError) as err:
        ingest_file(path)
    assert str(err.value) == (
        "the file is 30 MB, over the 25 MB limit (raise max_bytes in the configuration to audit it)"
    )


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(IngestError, match="^no such file$"):
        ingest_file(tmp_path / "nope.pdf")
    with pytest.raises(IngestError, match="^is a directory$"):
        ingest_file(tmp_path)


def test_errors_become_report_errors(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    rep = audit_file(path)
    assert rep.error == f"unsupported file type: a PNG image; {HINT}"
    assert rep.findings == []
    assert "\n" not in rep.error


def test_five_megabytes_without_punctuation_audits_in_seconds():
    words = "renew subscription automatically charge account fee payment period".split()
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(700_000))
    data = text.encode()[: 5 * 1024 * 1024]
    assert len(data) >= 5_000_000
    start = time.perf_counter()
    rep = audit_bytes(data, "wall.txt")
    elapsed = time.perf_counter() - start
    assert rep.error is None
    assert rep.text_length == len(data)
    for f in rep.findings:
        if f.start is not None:
            assert rep.text[f.start : f.end] == f.excerpt
    assert elapsed < 15, f"a 5 MB unpunctuated text took {elapsed:.1f} s"


def test_five_megabytes_one_token_audits_in_seconds():
    start = time.perf_counter()
    rep = audit_bytes(b"x" * (5 * 1024 * 1024), "token.txt")
    assert rep.error is None
    assert time.perf_counter() - start < 15


def test_five_megabyte_html_paragraph():
    data = b"<html><body><p>" + b"terms apply " * 440_000 + b"</p></body></html>"
    start = time.perf_counter()
    rep = audit_bytes(data, "wall.html")
    assert rep.error is None
    assert time.perf_counter() - start < 20


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF"),
        st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=300).map(lambda t: ("<html><body>" + t).encode("utf-8", "replace")),
    ),
    name=st.sampled_from(["a.txt", "a.md", "a.pdf", "a.docx", "a.html", "upload"]),
)
def test_any_bytes_give_a_document_or_an_ingest_error(data, name):
    try:
        doc = ingest_bytes(data, name)
    except IngestError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
    else:
        assert doc.text.strip()
        for span in doc.layout + doc.headings:
            assert 0 <= span.start <= span.end <= len(doc.text)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("secret")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Simulated: under root a chmod 000 file is still readable.
    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(IngestError) as err:
        ingest_file(path)
    assert str(err.value) == "cannot read the file (Permission denied)"
