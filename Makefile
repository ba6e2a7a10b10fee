# Two commands for a fresh machine with Python 3.11+ and make: `make app` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: app test lint train bench samples clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Re-install only when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

app: $(VENV)/.installed
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check tosaudit tests benchmarks app.py
	$(VENV)/bin/ruff format --check tosaudit tests benchmarks app.py

train: $(VENV)/.installed-test
	$(PY) -m tosaudit.training.train

samples: $(VENV)/.installed-test
	$(PY) samples/build.py

bench: $(VENV)/.installed-test
	$(PY) benchmarks/segmentation.py
	$(PY) benchmarks/throughput.py samples
	$(PY) benchmarks/clauses.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
