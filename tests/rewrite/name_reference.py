"""Reference (unoptimised) reading of the capitalised names of a sentence, shared by the
equivalence tests of verify's fast paths."""

from tosaudit.rewrite.transforms import TOKEN


def ref_name_words(text: str) -> list[str]:
    """Capitalised TOKEN words not at a sentence or clause start, in order (``I`` left out)."""
    out = []
    for m in TOKEN.finditer(text):
        word = m.group(0)
        if not word[:1].isupper() or word == "I":
            continue
        before = text[max(0, m.start() - 12) : m.start()].rstrip()
        if not before or before[-1] in '.!?:;\n"\u201c(' or before.endswith(")"):
            continue
        out.append(word)
    return out
