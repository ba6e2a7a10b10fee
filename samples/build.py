"""Build the sample policies in every format from ``samples/sources/*.policy``.

Run from the repository root (needs the ``samples`` extra: fpdf2; python-docx is a core
dependency):

    .venv/bin/python samples/build.py

The sources (named ``.policy`` so that directory walks do not audit them) use a small Markdown
subset: ``# Title``, ``## Heading``, paragraphs separated by a blank line, ``- `` bullet items,
and a paragraph starting with ``!small `` is set in 7-pt type in the PDF
and DOCX (that is how a buried clause looks in a real document). Output is byte-for-byte
reproducible: fixed creation dates and fixed ZIP timestamps, so a rebuild only
shows up in ``git diff`` when a source changed.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
FIXED_DATE = datetime(2024, 5, 1, 9, 0, 0, tzinfo=UTC)

# Which formats each source is published in. The plain policy exists in all five so format
# handling can be compared on identical wording.
OUTPUTS: dict[str, tuple[str, ...]] = {
    "plain-terms": ("md", "txt", "html", "docx", "pdf"),
    "hidden-autorenewal": ("pdf",),
    "no-contact-privacy": ("html",),
    "template-placeholders": ("docx", "txt"),
    "dense-legalese": ("txt", "pdf"),
    "no-cancellation": ("md", "docx"),
}

BODY_PT = 11
SMALL_PT = 7
HEADING_PT = 13
TITLE_PT = 18


@dataclass(frozen=True)
class Block:
    """One block of a source: kind is title, heading, para, small or bullet."""

    kind: str
    text: str


def parse(source: str) -> list[Block]:
    """The blocks of a source in the Markdown subset described in the module docstring."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", source.strip()):
        lines = [ln.strip() for ln in chunk.strip().splitlines()]
        if not lines:
            continue
        if lines[0].startswith("# "):
            blocks.append(Block("title", lines[0][2:].strip()))
        elif lines[0].startswith("## "):
            blocks.append(Block("heading", lines[0][3:].strip()))
        elif lines[0].startswith("- "):
            item: list[str] = []
            for ln in lines:
                if ln.startswith("- ") and item:
                    blocks.append(Block("bullet", " ".join(item)))
                    item = []
                item.append(ln[2:] if ln.startswith("- ") else ln)
            blocks.append(Block("bullet", " ".join(item)))
        elif lines[0].startswith("!small "):
            blocks.append(Block("small", " ".join([lines[0][7:], *lines[1:]])))
        else:
            blocks.append(Block("para", " ".join(lines)))
    return blocks


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for i, b in enumerate(blocks):
        if b.kind == "bullet":
            tight = i > 0 and blocks[i - 1].kind == "bullet"
            out.append(("" if tight else "\n") + f"- {b.text}\n")
        else:
            mark = {"title": "# ", "heading": "## "}.get(b.kind, "")
            out.append(f"\n{mark}{b.text}\n")
    return "".join(out).lstrip("\n")


def to_text(blocks: list[Block]) -> str:
    """Plain text as a word processor's "save as text" writes it: wrapped at 78 columns."""
    import textwrap

    out: list[str] = []
    for i, b in enumerate(blocks):
        if b.kind == "title":
            out.append(f"{b.text.upper()}\n")
        elif b.kind == "heading":
            out.append(f"\n{b.text}\n")
        elif b.kind == "bullet":
            tight = i > 0 and blocks[i - 1].kind == "bullet"
            wrapped = textwrap.fill(b.text, 78, initial_indent="  * ", subsequent_indent="    ")
            out.append(("" if tight else "\n") + wrapped + "\n")
        else:
            out.append("\n" + textwrap.fill(b.text, 78) + "\n")
    return "".join(out)


def to_html(blocks: list[Block], title: str) -> str:
    """A whole web page: site navigation, a cookie banner and a footer around <main>."""
    body: list[str] = []
    in_list = False
    for b in blocks:
        if b.kind == "bullet" and not in_list:
            body.append("<ul>")
            in_list = True
        elif b.kind != "bullet" and in_list:
            body.append("</ul>")
            in_list = False
        text = html.escape(b.text, quote=False)
        if b.kind == "title":
            body.append(f"<header><h1>{text}</h1></header>")
        elif b.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif b.kind == "bullet":
            body.append(f"  <li>{text}</li>")
        elif b.kind == "small":
            body.append(f'<p class="fine-print"><small>{text}</small></p>')
        else:
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    main = "\n".join(body)
    esc_title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc_title}</title>
<style>body {{ font-family: sans-serif; max-width: 48rem; margin: auto; }}
.fine-print {{ font-size: 0.7rem; }}</style>
<script>window.dataLayer = window.dataLayer || []; // analytics stub: "<p>not content</p>"</script>
</head>
<body>
<header class="site-header">
  <nav aria-label="Main"><a href="/">Home</a> | <a href="/pricing">Pricing</a> |
  <a href="/help">Help</a> | <a href="/login">Log in</a></nav>
</header>
<div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience.
  <button>Accept all</button> <button>Settings</button></div>
<main>
<article>
{main}
</article>
</main>
<aside><h2>Related</h2><p>Read our other policies and our blog.</p></aside>
<footer class="site-footer"><p>&copy; 2024. All rights reserved.</p>
<form><label>Newsletter <input type="email"></label><button>Sign up</button></form></footer>
</body>
</html>
"""


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps so rebuilds are byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def to_docx(blocks: list[Block], title: str) -> bytes:
    """A Word file with real heading styles, bulleted lists and explicit 7-pt small print."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.title = title
    doc.core_properties.author = "tosaudit samples"
    doc.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    doc.core_properties.last_modified_by = "tosaudit samples"
    doc.core_properties.revision = 1
    doc.styles["Normal"].font.size = Pt(BODY_PT)
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, 0)
        elif b.kind == "heading":
            doc.add_heading(b.text, 1)
        elif b.kind == "bullet":
            doc.add_paragraph(b.text, style="List Bullet")
        elif b.kind == "small":
            run = doc.add_paragraph().add_run(b.text)
            run.font.size = Pt(SMALL_PT)
        else:
            doc.add_paragraph(b.text)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


# The core PDF fonts are Latin-1 only; typographic punctuation is mapped to its plain form.
_LATIN1 = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
    }
)


def to_pdf(blocks: list[Block], title: str) -> bytes:
    """An A4 PDF: 11-pt body, running header and "Page N of M" footer, 7-pt small print."""
    from fpdf import FPDF

    class PolicyPDF(FPDF):
        def header(self) -> None:  # noqa: D102 - fpdf2 hook
            self.set_font("Helvetica", "", 8)
            self.set_text_color(110)
            self.cell(0, 6, title.translate(_LATIN1), align="R")
            self.ln(10)
            self.set_text_color(0)

        def footer(self) -> None:  # noqa: D102 - fpdf2 hook
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.set_text_color(110)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0)

    pdf = PolicyPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title.translate(_LATIN1))
    pdf.set_author("tosaudit samples")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()

    def write(text: str, size: float, style: str = "", line: float | None = None) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(
            0, line or size * 0.5, text.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT"
        )

    for b in blocks:
        if b.kind == "title":
            write(b.text, TITLE_PT, "B")
            pdf.ln(4)
        elif b.kind == "heading":
            pdf.ln(2)
            write(b.text, HEADING_PT, "B")
            pdf.ln(1.5)
        elif b.kind == "bullet":
            pdf.set_x(pdf.l_margin + 4)
            pdf.set_font("Helvetica", "", BODY_PT)
            pdf.multi_cell(
                0, BODY_PT * 0.5, "- " + b.text.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(1)
        elif b.kind == "small":
            write(b.text, SMALL_PT, line=SMALL_PT * 0.45)
            pdf.ln(2.5)
        else:
            write(b.text, BODY_PT)
            pdf.ln(2.5)
    return bytes(pdf.output())


def build(names: list[str] | None = None, out_dir: Path = HERE) -> list[Path]:
    """Write every output of the named sources (all by default); returns the paths written."""
    written: list[Path] = []
    for name, formats in OUTPUTS.items():
        if names and name not in names:
            continue
        source = (SOURCES / f"{name}.policy").read_text(encoding="utf-8")
        blocks = parse(source)
        title = next((b.text for b in blocks if b.kind == "title"), name)
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            if fmt == "md":
                path.write_text(to_markdown(blocks), encoding="utf-8")
            elif fmt == "txt":
                path.write_text(to_text(blocks), encoding="utf-8")
            elif fmt == "html":
                path.write_text(to_html(blocks, title), encoding="utf-8")
            elif fmt == "docx":
                path.write_bytes(to_docx(blocks, title))
            elif fmt == "pdf":
                path.write_bytes(to_pdf(blocks, title))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"sources to build (default all: {list(OUTPUTS)})")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in OUTPUTS]
    if unknown:
        print(f"build.py: error: unknown sample {', '.join(unknown)}", file=sys.stderr)
        return 2
    for path in build(args.names):
        print(path.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
