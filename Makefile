# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
GOLD   ?= ../shared/gold/seeds.json

.PHONY: install run test lint eval bench clean browser screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,distributed]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install kg with its dependencies

run: $(STAMP) ## build the graph of seeds/ into out/
	$(BIN)/kg build seeds --out $(OUT)

lint: $(STAMP)
	$(BIN)/ruff check kg tests
	$(BIN)/mypy kg

browser: ## Chromium for the browser tests (apt-get as root; never playwright install)
	scripts/ensure-chromium

test: $(STAMP) lint browser ## lint, type-check and run the whole test suite
	$(BIN)/pytest -q

screenshots: $(STAMP) browser ## redraw examples/screenshot.png and the walkthrough pictures
	$(BIN)/python scripts/screenshot.py

bench: $(STAMP) ## measure speed and memory at 1k..100k articles (long: see benchmarks/)
	$(BIN)/python benchmarks/run.py $(BENCH)

eval: run ## score the seeds against the gold annotation
	$(BIN)/kg eval --store $(OUT) --gold $(GOLD)

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
