"""Addresses hidden by Cloudflare's email obfuscation are read: a saved page shows
"[email protected]" where the policy gave its contact address."""

from __future__ import annotations

from tosaudit.ingest import ingest_bytes


def _encode(email: str, key: int) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in email)


def test_obfuscated_address_is_decoded():
    page = (
        "<html><body><p>Questions? Email "
        f'<a href="/cdn-cgi/l/email-protection#{_encode("help@shop.example", 0x5A)}" '
        f'class="__cf_email__" data-cfemail="{_encode("help@shop.example", 0x5A)}">'
        "[email&#160;protected]</a> or call us.</p>"
        f'<p><span class="__cf_email__" data-cfemail="{_encode("a.b@x.example", 0x11)}">'
        "[email&#160;protected]</span></p></body></html>"
    ).encode()
    doc = ingest_bytes(page, "contact.html")
    assert doc.text == "Questions? Email help@shop.example or call us.\n\na.b@x.example\n"


def test_undecodable_values_keep_the_visible_text():
    for value in ("zz", "5a", "5a3f" * 300, "00" + "20" * 8, _encode("no at sign", 7)):
        page = (
            f'<html><body><p>Mail <a data-cfemail="{value}">[email protected]</a>.</p>'
            "</body></html>"
        ).encode()
        assert ingest_bytes(page, "c.html").text == "Mail [email protected].\n"
