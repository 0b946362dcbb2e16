# BudgetScope — developer entry points (GNU make).
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: venv dev chromium run test bench golden lint clean

# --- virtual environment -------------------------------------------------------
# Prefer python3.11; fall back to python3 when python3.11 is absent (or a dead shim).
$(PY):
	@if python3.11 -c 'import sys' >/dev/null 2>&1; then py=python3.11; else py=python3; fi; \
	echo "creating $(VENV) with $$py ($$($$py --version 2>&1))"; \
	$$py -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Stamps make re-runs fast: pip only runs again when a requirements file changes.
# The project itself is installed editable, so `python -m parsing` / `python -m checks` work from any folder.
$(VENV)/.req-stamp: requirements.txt pyproject.toml | $(PY)
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	touch $@

# requirements-dev.txt includes requirements.txt, so it also brings the runtime stamp up to date.
$(VENV)/.dev-stamp: requirements-dev.txt requirements.txt pyproject.toml | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	$(PIP) install -q --no-deps -e .
	touch $(VENV)/.req-stamp $@

venv: $(VENV)/.req-stamp

dev: $(VENV)/.dev-stamp

# --- system browser for the e2e tests (Debian chromium; never `playwright install`) ----
chromium:
	@if [ -x /usr/bin/chromium ] && [ -f $(CJK_FONT) ]; then \
	  echo "chromium: /usr/bin/chromium and CJK fonts present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "chromium: installing Debian chromium and fonts-noto-cjk via apt-get"; \
	  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; then \
	    echo "chromium: installed"; \
	  else \
	    echo "WARNING: apt-get install of chromium/fonts-noto-cjk failed; browser tests may be skipped" >&2; \
	  fi; \
	else \
	  echo "WARNING: /usr/bin/chromium missing and apt-get unavailable (or not root); browser tests may be skipped" >&2; \
	fi

# --- everyday targets -----------------------------------------------------------
# Server options (headless, upload size, theme) come from .streamlit/config.toml.
run: venv
	$(PY) -m streamlit run app.py

test: dev chromium
	$(VENV)/bin/lint-imports
	$(PY) -m pytest tests
	@echo "$(PY) -m pytest --doctest-modules parsing checks library -q"; \
	rc=0; $(PY) -m pytest --doctest-modules parsing checks library -q || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "doctests: none collected (treated as success)"; rc=0; fi; \
	exit $$rc

bench: venv
	$(PY) -m tests.bench

# Rewrites tests/golden/*.json from the documents in tests/data; review the diff before committing it.
golden: venv
	$(PY) -m tests.golden_findings

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
	find . -path ./.git -prune -o -type f -name '*.pyc' -exec rm -f {} +
