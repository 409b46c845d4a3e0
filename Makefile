# Scaling Laws, Executed: `make book` builds the site, `make test` checks everything (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export MPLBACKEND := Agg
# The site has no kernel: explorers there precompute their frames and switch them in the browser.
BOOK_ENV := HELPERS_STATIC_SITE=1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The build and nbval must not depend on anything a developer's shell happens to export.
unexport PYTHONPATH

VENDOR := _vendor/vendor
NODE_MODULES := web/node_modules

.PHONY: help book book-fast vendor linkcheck browser bwrap test lint check-notebooks unit nbval site-test screenshots lab sync exercises grade bench clean distclean

help:
	@echo "make book        build the site into _build/html from a clean execution (warnings are errors)"
	@echo "make test        everything CI checks: lint, notebook pairs, unit and grading tests, nbval, clean build,"
	@echo "                 and the built site in a headless browser"
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

# The site serves its own JavaScript (no CDN), installed from the npm registry with web/package-lock.json.
$(VENDOR)/.installed: web/package.json web/package-lock.json web/site.js web/site.css
	cd web && npm ci --no-audit --no-fund --loglevel=error
	rm -rf _vendor && mkdir -p $(VENDOR)/html-manager $(VENDOR)/mathjax/output/chtml/fonts
	cp $(NODE_MODULES)/requirejs/require.js $(VENDOR)/
	cp $(NODE_MODULES)/@jupyter-widgets/html-manager/dist/{embed-amd.js,106.embed.js,330.embed.js} $(VENDOR)/html-manager/
	cp $(NODE_MODULES)/@jupyter-widgets/html-manager/dist/*.{woff2,woff,ttf,eot,svg} $(VENDOR)/html-manager/
	cp $(NODE_MODULES)/mathjax/es5/tex-mml-chtml.js $(VENDOR)/mathjax/
	cp -r $(NODE_MODULES)/mathjax/es5/output/chtml/fonts/woff-v2 $(VENDOR)/mathjax/output/chtml/fonts/
	cp web/site.js web/site.css $(VENDOR)/
	@touch $@

vendor: $(VENDOR)/.installed

book: $(STAMP) $(VENDOR)/.installed
	rm -rf _build
	$(BOOK_ENV) $(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open: $(CURDIR)/_build/html/index.html"

# Incremental build for authors: re-executes only notebooks whose code changed (stale if helpers/ changed).
book-fast: $(STAMP) $(VENDOR)/.installed
	$(BOOK_ENV) $(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open: $(CURDIR)/_build/html/index.html"

test: $(STAMP) browser bwrap lint check-notebooks unit nbval book site-test

# Notebook code must fit the book's column: a code block holds 88 characters at a 1400 px window. Ruff reads
# only the code cells of an .ipynb, so the prose of the .py twins keeps its own width. exercises/ is
# generated from solutions/, and its stubs are wrapped to fit (tools/notebooks.py).
NOTEBOOK_LINE_LENGTH := 88

lint: $(STAMP)
	$(BIN)/ruff check helpers tools tests book solutions exercises
	$(BIN)/ruff check --select E501 --line-length $(NOTEBOOK_LINE_LENGTH) book/*.ipynb solutions/*.ipynb exercises/*.ipynb

check-notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks check

# The class-grading test also grades without the sandbox, planting changes in the real helpers package (to prove
# the grader restores them), so it runs alone, after the others.
unit: $(STAMP) bwrap
	$(BIN)/python -m pytest tests -q -n 2 --ignore=tests/site --ignore=tests/test_grade_class.py
	$(BIN)/python -m pytest tests/test_grade_class.py -q

# One fresh kernel per notebook; cells of a notebook stay on one worker (--dist loadfile).
nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:python --nbval-lax --nbval-current-env -n 2 --dist loadfile book/*.ipynb solutions/*.ipynb

# The built site in headless Debian chromium, offline (run after `make book`).
site-test: $(STAMP) browser
	$(BIN)/python -m pytest tests/site -q

# Debian's chromium for the site tests (Playwright drives it; it never downloads a browser of its own).
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the site tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "The site tests need Debian's chromium: run 'sudo apt-get install chromium'"; exit 1; }

# Debian's bubblewrap: the sandbox each graded notebook runs in (python -m helpers.grade; the grading tests).
bwrap:
	@command -v bwrap >/dev/null || { echo "Installing Debian's bubblewrap for the grading sandbox"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; } \
	  || { echo "Grading needs bubblewrap: run 'sudo apt-get install bubblewrap'"; exit 1; }

screenshots: $(STAMP) browser
	$(BIN)/python tests/site/screenshots.py

lab: $(STAMP)
	$(BIN)/jupyter lab

sync: $(STAMP)
	$(BIN)/python -m tools.notebooks sync

exercises: $(STAMP)
	$(BIN)/python -m tools.notebooks exercises

grade: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make grade NB=path/to/notebook.ipynb [NB=...]"; exit 2; }
	$(BIN)/python -m helpers.grade $(NB)

bench: $(STAMP) bwrap
	$(BIN)/python tests/bench.py

# External links cannot be checked offline; run this where there is a network. Not part of `make test`.
linkcheck: $(STAMP)
	-$(BIN)/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build _vendor .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(NODE_MODULES)
