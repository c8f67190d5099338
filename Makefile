# Lộ trình — `make demo` and `make test` are the two commands of the quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite on every core (pytest-xdist), a test file per worker at a time: files share
# expensive session fixtures (the browser, the page audit). TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)
MYPY_PATHS := lotrinh

.PHONY: install system-deps demo test test-suite lint format messages clean

# The gates and the tests are local runs: with DEBUG off and no SECRET_KEY, a server
# refuses to start, but these may use the key kept in var/secret-key (`lotrinh demo`
# does the same by itself).
test test-suite lint format messages: export LOTRINH_LOCAL = 1

install: $(BIN)/lotrinh

$(BIN)/lotrinh: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Debian packages the project needs at run time or in tests (Chromium for browser
# tests, fonts and poppler for documents). Installs what is missing when root;
# otherwise says loudly what is missing.
system-deps:
	bash scripts/install-system-deps.sh

demo: install system-deps
	PORT=$(PORT) $(BIN)/lotrinh demo

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install system-deps lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy $(MYPY_PATHS)
	$(BIN)/python scripts/check_translations.py
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The suite alone (used by .ci/run for the PostgreSQL pass).
test-suite: install
	$(BIN)/pytest $(PYTEST_PARALLEL)

# Update every app's English catalogue and compile it (translate the new entries in
# lotrinh/<app>/locale/en/LC_MESSAGES/django.po, then run it again).
messages: install
	for app in lotrinh/*/apps.py; do d=$$(dirname $$app); mkdir -p $$d/locale; \
	  (cd $$d && PATH=$(CURDIR)/$(BIN):$$PATH django-admin makemessages -l en --no-obsolete -v 0 --ignore 'static/*' --ignore 'data/*' && \
	   PATH=$(CURDIR)/$(BIN):$$PATH django-admin compilemessages -l en -v 0); done

clean:
	rm -rf var .mypy_cache .ruff_cache
