# The two commands a new user needs: `make run` (the platform with demo data) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The integration pass runs against these services (see tests/integration/).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/supportagent
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run prepare evaluate test install install-dev lint typecheck unit integration clean

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) on PATH (or: make PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The database the platform and the evaluation run on: tables, the demo store, the tools, the
# knowledge base and a trained router (each step keeps what is already there).
prepare: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_store
	$(PY) manage.py sync_tools
	$(PY) manage.py seed_knowledge
	$(PY) manage.py seed_router_examples
	$(PY) manage.py train_router --if-missing

run: prepare
	$(PY) manage.py create_demo_accounts
	$(PY) manage.py create_demo_site --origin http://$(HOST):$(PORT)
	@echo "supportagent on http://$(HOST):$(PORT)/  (back office: http://$(HOST):$(PORT)/admin/; embedded chat demo: http://$(HOST):$(PORT)/embed/demo/)"
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) supportagent.asgi:application

# One split end to end from a fresh checkout: `make evaluate SPLIT=train` (dev, test); more options
# with EVALUATE_ARGS, e.g. EVALUATE_ARGS="--offline --concurrency 2". Results in var/evaluations/.
SPLIT ?= dev
EVALUATE_ARGS ?=
evaluate: prepare
	$(PY) manage.py evaluate --split $(SPLIT) $(EVALUATE_ARGS)

# ruff, then the import contracts in pyproject.toml (the layers of README's "Architecture").
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# mypy covers every module of the project (migrations excluded in pyproject.toml).
TYPED := apps supportagent

typecheck: install-dev
	$(VENV)/bin/mypy $(TYPED)

# Unit, contract and parity tests on the embedded default (SQLite, in-memory layers).
unit: install-dev
	$(VENV)/bin/pytest -m "not integration" -q

# Tests that need the real services: PostgreSQL and Redis.
# Outside CI a missing service skips this pass with a loud line; with CI=true it fails.
integration: install-dev
	@if $(PY) -m tests.services $(TEST_DATABASE_URL) $(TEST_REDIS_URL); then \
	  DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest -m integration -q; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "integration services unavailable and CI=true: failing"; exit 1; \
	fi

test: lint typecheck unit integration

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache test-artifacts
