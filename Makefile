# Scaling Laws, Executed: `make book` builds the site, `make test` checks everything (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The build and nbval must not depend on anything a developer's shell happens to export.
unexport PYTHONPATH

.PHONY: help book book-fast test lint check-notebooks unit nbval build lab sync exercises grade bench clean distclean

help:
	@echo "make book        build the site into _build/html from a clean execution (warnings are errors)"
	@echo "make test        everything CI checks: lint, notebook pairs, unit and grading tests, nbval, clean build"
	@echo "make lab         open JupyterLab on the repository"
	@echo "make sync        write book/*.py and solutions/*.py to their .ipynb twins (one direction only)"
	@echo "make exercises   regenerate exercises/ from solutions/"
	@echo "make grade NB=exercises/01_power_laws.ipynb   grade notebooks"
	@echo "make bench       time the build, nbval and grading on this machine"
	@echo "make clean       remove build outputs (keeps .venv); make distclean also removes .venv"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

book: $(STAMP)
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open: $(CURDIR)/_build/html/index.html"

# Incremental build for authors: re-executes only notebooks whose code changed (stale if helpers/ changed).
book-fast: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open: $(CURDIR)/_build/html/index.html"

test: $(STAMP) lint check-notebooks unit nbval book

lint: $(STAMP)
	$(BIN)/ruff check helpers tests book solutions exercises

check-notebooks: $(STAMP)
	$(BIN)/python -m helpers.notebooks check

unit: $(STAMP)
	$(BIN)/python -m pytest tests -q -n 2

# One fresh kernel per notebook; cells of a notebook stay on one worker (--dist loadfile).
nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:python --nbval-lax --nbval-current-env -n 2 --dist loadfile book/*.ipynb solutions/*.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab

sync: $(STAMP)
	$(BIN)/python -m helpers.notebooks sync

exercises: $(STAMP)
	$(BIN)/python -m helpers.notebooks exercises

grade: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make grade NB=path/to/notebook.ipynb [NB=...]"; exit 2; }
	$(BIN)/python -m helpers.grade $(NB)

bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
