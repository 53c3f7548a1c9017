# Two commands on a fresh machine (Python 3.11): `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## run: set up, run the ETL on seeds/ into ./warehouse, and ask which outlets cite Kirby
run: $(STAMP)
	$(BIN)/khabar run --input seeds --warehouse warehouse
	$(BIN)/khabar cites Kirby --warehouse warehouse

## test: set up and run the whole test suite (what CI runs)
test: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf warehouse .pytest_cache
