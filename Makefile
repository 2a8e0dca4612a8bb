# careercenter: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint format bench install install-dev assets clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[local]"
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e ".[local,dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) node_modules/.package-lock.json
install-dev: $(DEV_STAMP) node_modules/.package-lock.json

## run: create the virtualenv, install, migrate, seed demo data, start web + worker + beat
run: install
	$(PY) scripts/services.py run

## lint: ruff (lint and format check), djLint and mypy
# mypy imports the settings, which only parse DATABASE_URL (never connect): any URL will do.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint --quiet
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/mypy} $(VENV)/bin/mypy careercenter core users notifications mentors students interviews

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## test: lint, then the whole suite against real PostgreSQL and Redis, with coverage
test: lint
	$(PY) scripts/services.py exec -- $(PY) -m pytest -n 2 --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

## bench: benchmarks, run by hand
bench: install-dev
	$(PY) scripts/services.py exec -- $(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .coverage
