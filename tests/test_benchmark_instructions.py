"""benchmarks/instructions.py: the child pass, the subtraction and the errors a user can meet."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(
        "instructions", ROOT / "benchmarks" / "instructions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_child_passes_run_without_valgrind(bench):
    for mode in bench.MODES:
        bench.child(mode, SAMPLES)  # raises if a side cannot run


def test_each_side_is_its_count_minus_the_setup(bench, monkeypatch, capsys):
    counts = {"setup": 1_000, "textstat": 1_200, "audit": 1_300}
    monkeypatch.setattr(bench.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(bench, "count", lambda mode, corpus, valgrind: counts[mode])
    assert bench.main([str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"textstat, 8 metrics: +200 instructions", out)
    assert re.search(r"tosaudit full audit: +300 instructions", out)
    assert "ratio full audit / textstat (instructions): 1.50x" in out


def test_missing_valgrind_and_empty_corpus_are_one_line_errors(bench, monkeypatch, capsys):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.main([str(SAMPLES)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: valgrind is not installed (Debian package valgrind)"
    )
    monkeypatch.setattr(bench.shutil, "which", lambda name: "/usr/bin/valgrind")
    assert bench.main([str(SAMPLES / "sources")]) == 2
    assert "no policy files" in capsys.readouterr().err
