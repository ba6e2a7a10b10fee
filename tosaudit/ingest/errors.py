"""The one error type ingestion raises, with a message fit for a user.

Callers catch ``IngestError``; the subclasses let tests (and a UI that wants to offer a next
step, such as "run OCR first") tell the cases apart without parsing messages.
"""


class IngestError(Exception):
    """An input tosaudit cannot read. ``str(error)`` is one line a user can act on."""


class EmptyInputError(IngestError):
    """The file has no bytes, or only whitespace."""


class TooLargeError(IngestError):
    """The file (or a DOCX's declared decompressed content) is over the configured limit."""


class UnsupportedFormatError(IngestError):
    """The content is not a format tosaudit reads (image, archive, executable, binary data)."""


class CorruptFileError(IngestError):
    """The content claims a supported format but is truncated or damaged."""


class EncryptedError(IngestError):
    """The PDF needs a password that is not the empty one."""


class NoTextLayerError(IngestError):
    """The PDF has pages but no extractable text (scanned images): it needs OCR."""


def one_line(message: str) -> str:
    """Collapse a library's exception text to one short line for inclusion in a message."""
    text = " ".join(str(message).split())
    return text[:160] + "..." if len(text) > 160 else text
