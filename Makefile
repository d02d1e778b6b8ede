# bilateral — every target creates .venv and installs the project if needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.runtime-installed
DOCS_STAMP := $(VENV)/.docs-installed

.PHONY: demo test test-fast fuzz lint bench generate docs chromium java virtuoso sysdeps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the runtime (what `make demo` needs) and, for tests and lint, the test tools on top
$(RUN_STAMP): pyproject.toml | $(BIN)/python sysdeps
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[plot]'
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[plot,test,parquet]'
	touch $(STAMP)

demo: $(RUN_STAMP)
	$(BIN)/bilateral validate
	$(BIN)/bilateral stats
	$(BIN)/bilateral report --out out
	@echo "Open the workbench (search, questions, dependence with its quotes, graph): $(BIN)/bilateral serve  then http://127.0.0.1:8000/"

# the suite runs in $(JOBS) worker processes (pytest-xdist); JOBS=0 runs it in one process
JOBS ?= 2

test: $(STAMP) java
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal

# the suite without the tests marked slow (a quick check while working)
test-fast: $(STAMP) java
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal -m "not slow"

# the Hypothesis fuzz targets (data files, queries) with a large budget of examples each
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	BILATERAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -m fuzz -p no:randomly

lint: $(STAMP)
	$(BIN)/ruff check bilateral tests $(wildcard benchmarks)
	$(BIN)/ruff format --check bilateral tests $(wildcard benchmarks)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

generate: $(STAMP)
	$(BIN)/python -m bilateral.ontology.generate

# HTML reference of the ontology with pyLODE (the `docs` extra) into docs/html/ (not kept in git)
$(DOCS_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/python -m bilateral.ontology.generate --html docs/html
	@grep -q 'bilateral ontology' docs/html/index.html || { echo "pyLODE wrote no ontology page"; exit 1; }

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

# Debian's Java runtime for HermiT, the OWL reasoner that tests/ontology/test_reasoner.py
# runs through owlready2 (needs root; the tests skip loudly without Java)
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; } \
	      || echo "warning: could not install default-jre-headless; the HermiT tests will be skipped"; \
	  else echo "java missing: run 'sudo apt-get install default-jre-headless' for the HermiT tests"; fi; }

# Debian's Virtuoso for the triple-store tests (tests/remote_engines; needs root; the
# tests skip loudly without it)
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource; \
	  else echo "virtuoso-t missing: run 'sudo apt-get install virtuoso-opensource' for the triple-store tests"; fi; }

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache tests/artifacts
