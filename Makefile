# bilateral — every target creates .venv and installs the project if needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench generate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/bilateral validate
	$(BIN)/bilateral stats --coverage

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bilateral tests $(wildcard benchmarks)
	$(BIN)/ruff format --check bilateral tests $(wildcard benchmarks)
	$(BIN)/mypy

generate: $(STAMP)
	$(BIN)/python -m bilateral.ontology.generate

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
