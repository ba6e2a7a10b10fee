"""Session state and cached resources of the app: audited documents, the review store.

Audits are cached by the SHA-256 of the uploaded bytes (plus name and target preset), so going
back to a document is instant and re-uploading the same file does not audit it again.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from tosaudit.config import PRESETS, Config
from tosaudit.models import DocumentReport
from tosaudit.review import ReviewError, ReviewStore, default_db_path
from tosaudit.ui import services

PRESET_LABELS = {
    "plain": "Plain language (grade 8, reading ease 60)",
    "florida": "Florida statutory minimum (reading ease 45)",
    "ohio": "Ohio statutory minimum (reading ease 40)",
    "virginia": "Virginia statutory minimum (reading ease 50)",
}


@dataclass(frozen=True)
class Input:
    """One thing the user gave us to audit: a name and its bytes."""

    name: str
    data: bytes

    @property
    def key(self) -> str:
        return services.digest(self.data)[:16] + ":" + self.name


def init() -> None:
    """Set the session's defaults once."""
    ss = st.session_state
    ss.setdefault("inputs", {})  # key -> Input, in the order they were added
    ss.setdefault("current", None)  # key of the document the pages show
    ss.setdefault("preset", "plain")
    ss.setdefault("reviewer", "")
    ss.setdefault("accepted_rewrites", {})  # content_hash -> set of finding ids


def config() -> Config:
    """The audit configuration for the chosen reading target."""
    preset = st.session_state.get("preset", "plain")
    return Config().with_preset(preset if preset in PRESETS else "plain")


@st.cache_data(show_spinner=False, max_entries=200)
def _cached_audit(key: str, name: str, preset: str, _data: bytes) -> DocumentReport:
    # ``_data`` is left out of the cache key (leading underscore): ``key`` is its hash already.
    return services.audit_upload(_data, name, Config().with_preset(preset))


def audit(item: Input) -> DocumentReport:
    """The report for one input under the current target (cached by content)."""
    return _cached_audit(item.key, item.name, config().preset, item.data)


def add(item: Input) -> DocumentReport:
    """Audit an input, remember it, and make it the current document when it could be read."""
    report = audit(item)
    st.session_state.inputs[item.key] = item
    if not report.error:
        st.session_state.current = item.key
    return report


def reports() -> list[tuple[str, DocumentReport]]:
    """Every remembered input with its report, in the order added."""
    return [(k, audit(i)) for k, i in st.session_state.inputs.items()]


def audited() -> list[tuple[str, DocumentReport]]:
    """Remembered inputs that were read successfully."""
    return [(k, r) for k, r in reports() if not r.error]


def current() -> DocumentReport | None:
    """The report of the current document, if any."""
    key = st.session_state.get("current")
    item = st.session_state.inputs.get(key) if key else None
    return audit(item) if item else None


@st.cache_resource(show_spinner=False)
def _store(path: str) -> ReviewStore:
    return ReviewStore(path)


def store() -> ReviewStore | None:
    """The review store (``TOSAUDIT_REVIEW_DB`` or the default path); None with an error shown."""
    try:
        return _store(str(default_db_path()))
    except ReviewError as exc:
        st.error(str(exc))
        return None
