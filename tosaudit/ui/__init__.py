"""Streamlit pieces (pages) and the plain-Python services they call."""
