"""Shared fixtures. Sockets are off for every test unless it is marked enable_socket
(pytest-socket, see addopts in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLAUDETTE = ROOT.parent / "shared" / "data" / "claudette"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
