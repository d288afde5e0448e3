# kb: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= .kb-demo-store
LINTED := kb tests $(wildcard bench scripts)

.PHONY: demo test venv install lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

install: venv
	$(BIN)/python -m pip install --quiet -e .

# Ingest the bundled examples into an embedded store, print the timeline, write the HTML page.
demo: install
	rm -rf $(STORE)
	$(BIN)/kb ingest examples/ --store $(STORE)
	$(BIN)/kb timeline --store $(STORE)
	$(BIN)/kb timeline --store $(STORE) --format html -o kb-timeline.html
	@echo "HTML timeline written to $(CURDIR)/kb-timeline.html"

# Install the test dependencies (and Chromium for the browser tests) and run everything.
test: venv
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@command -v chromium >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		{ (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		  echo "note: chromium could not be installed; browser tests will be skipped"; }
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint:
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format:
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(STORE) kb-timeline.html build dist *.egg-info
