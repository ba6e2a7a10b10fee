"""The one error type ingestion raises, with a message fit for a user."""


class IngestError(Exception):
    """An input tosaudit cannot read. ``str(error)`` is one line a user can act on."""
