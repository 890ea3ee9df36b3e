# marsad — `make run` and `make test` are all a fresh clone needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= marsad.db

.PHONY: venv run test lint eval bench train-ner train-stance clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## Ingest the built-in sample corpus into ./marsad.db and print a summary.
run: venv
	$(BIN)/marsad ingest --sample --db $(DB)

## The whole test suite (what CI runs).
test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

## Scores against ../shared/gold/seeds.json.
eval: venv
	$(BIN)/python -m marsad.eval

## Speed and memory benchmarks (numbers go in closing notes, not in tests).
bench: venv
	$(BIN)/python bench/run.py

train-ner: venv
	$(BIN)/python scripts/train_ner.py

train-stance: venv
	$(BIN)/python scripts/train_stance.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
