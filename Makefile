# bilateral — every target creates .venv and installs the project if needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench generate chromium sysdeps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python sysdeps
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/bilateral validate
	$(BIN)/bilateral stats
	$(BIN)/bilateral report --out out

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check bilateral tests $(wildcard benchmarks)
	$(BIN)/ruff format --check bilateral tests $(wildcard benchmarks)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

generate: $(STAMP)
	$(BIN)/python -m bilateral.ontology.generate

# libseccomp2: the kernel network guard of the query child (pyseccomp drives it)
sysdeps:
	@ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libseccomp2; \
	  else echo "libseccomp2 missing: run 'sudo apt-get install libseccomp2' (store queries need it)"; fi; }

# Debian's Chromium for the browser tests (needs root; the tests skip loudly without it)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser tests"; fi; }

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache tests/artifacts
