"""tosaudit in the browser: navigation and session state only; the pages live in tosaudit.ui."""

from __future__ import annotations

import streamlit as st

from tosaudit import __version__
from tosaudit.ui import pages, state

st.set_page_config(
    page_title="tosaudit: plain-language policy audit", page_icon=":material/gavel:", layout="wide"
)
state.init()

with st.sidebar:
    st.markdown("## :material/gavel: tosaudit")
    st.caption("Plain-language audit of Terms of Service and policies")
    choice = st.radio(
        "Go to",
        list(pages.PAGES),
        key="nav",
        format_func=lambda name: f"{pages.PAGES[name][0]}  {name}",
    )
    st.selectbox(
        "Reading target",
        pages.PRESET_NAMES,
        key="preset",
        format_func=state.PRESET_LABELS.get,
        help="The grade is scored against this target. Statutory presets are the "
        "minimum Flesch Reading Ease some US states require of consumer policies.",
    )

try:
    pages.PAGES[choice][1]()
except Exception as exc:  # a bug must show one line, not a traceback (the CLI does the same)
    st.error(f"internal error: {type(exc).__name__}: {exc}")

st.sidebar.caption(f"tosaudit {__version__} · runs offline")
