# careercenter: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3.11
# Another Python gets its own virtualenv: make VENV=.venv-3.13 PYTHON=python3.13 test-fast
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast coverage lint format bench install install-dev lock messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The exact versions in requirements/ (see `make lock`), then the project itself without
# resolving anything again; `pip check` fails if pyproject.toml wants what the lock lacks.
$(STAMP): requirements/local.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/local.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

$(DEV_STAMP): requirements/dev.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The translations, compiled from locale/<language>/LC_MESSAGES/django.po (gettext's msgfmt,
# which Django's compilemessages runs too; --check-format refuses a broken placeholder).
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po
	msgfmt --check-format -o $@ $<

install: $(STAMP) node_modules/.package-lock.json $(MESSAGES)
install-dev: $(DEV_STAMP) node_modules/.package-lock.json $(MESSAGES)

## lock: pin every Python dependency again within pyproject.toml's ranges, for Python 3.11-3.13
# One universal lock per use: base.txt for the image, local.txt for `make run` (base + local),
# dev.txt for tests and CI (local + dev). Each is held to the one before it, so a package has
# the same version in all three. Pins that still fit are kept: `make lock LOCK_ARGS=--upgrade`
# moves everything to the newest allowed, `LOCK_ARGS="--upgrade-package django"` one package.
# --python-version is the lowest Python that pyproject.toml allows; markers cover the rest.
LOCK = UV_CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/uv pip compile --quiet --universal \
	--python-version 3.11 --generate-hashes pyproject.toml $(LOCK_ARGS)
# uv comes with the dev extra. It is installed on its own here, so that `make lock` works
# while the lock no longer matches pyproject.toml (which is when it is needed).
$(VENV)/bin/uv: | $(PY)
	pin=$$(grep -m1 -o '^uv==[^ ]*' requirements/dev.txt); $(PY) -m pip install --quiet "$${pin:-uv}"
lock: | $(VENV)/bin/uv
	$(LOCK) -o requirements/base.txt
	$(LOCK) --extra local -c requirements/base.txt -o requirements/local.txt
	$(LOCK) --extra local --extra dev -c requirements/local.txt -o requirements/dev.txt

## messages: add the strings marked for translation since the last run to each
## locale/<language>/LC_MESSAGES/django.po, untranslated or guessed and marked fuzzy (msgfmt
## leaves fuzzy ones out; translate them and drop the flag before committing:
## tests/careercenter/test_spanish.py fails on English left in a Spanish page or email)
messages: install-dev
	$(PY) manage.py makemessages --all --add-location=file \
		--ignore=.venv --ignore='.venv-*' --ignore=node_modules --ignore=tests --ignore=bench \
		--ignore=test-artifacts --ignore=staticfiles

## run: create the virtualenv, install, migrate, seed demo data, start web + worker + beat
run: install
	$(PY) scripts/services.py run

## lint: ruff (lint and format check), djLint, strings not marked for translation, mypy and
# the layering (import-linter)
# mypy imports the settings, which only parse DATABASE_URL (never connect): any URL will do.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint --quiet
	$(PY) scripts/check_translations.py
	$(VENV)/bin/lint-imports
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/mypy} $(VENV)/bin/mypy careercenter core home users notifications mentors students interviews notebook reports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## test: lint, then the whole suite against real PostgreSQL and Redis
# Coverage measurement slows the suite by about half, so it has a target of its own.
test: lint
	$(PY) scripts/services.py exec -- $(PY) -m pytest -n 2 $(PYTEST_ARGS)

## coverage: the whole suite, with a coverage report
coverage: install-dev
	$(PY) scripts/services.py exec -- $(PY) -m pytest -n 2 --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

## test-fast: the quick loop, no lint: the suite without browser tests and real worker processes
test-fast: install-dev
	$(PY) scripts/services.py exec -- $(PY) -m pytest -n 2 -m "not browser and not worker" $(PYTEST_ARGS)

## bench: benchmarks, run by hand
bench: install-dev
	$(PY) scripts/services.py exec -- $(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .coverage
