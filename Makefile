# civicspace — every command a newcomer needs. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
PYTEST_ARGS ?=
# Dummy values, only for `check --deploy`; production reads the real ones from the environment.
CHECK_ENV := DJANGO_SETTINGS_MODULE=config.settings.production DATABASE_URL=sqlite://:memory: \
	SECRET_KEY=check-only-dummy-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=civicspace.example.org \
	FIELD_ENCRYPTION_KEYS=Y2hlY2stb25seS1kdW1teS1rZXktbm90LXNlY3JldCE= REDIS_URL=redis://127.0.0.1:6379/0

.DEFAULT_GOAL := help
.PHONY: help install run test check e2e bench messages clean

help: ## List the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("civicspace needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the locked dependencies

run: install ## Migrate, load the demo data and serve http://127.0.0.1:8000 (PORT=…) with a worker
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@$(PY) manage.py findstatic --verbosity 0 fonts/NotoSansKhmer.woff2  # builds the Khmer web font once
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops the site and its worker)"
	@$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the test suite (DATABASE_URL=postgres://… runs it on PostgreSQL)
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: install ## Run only the browser tests (Debian's Chromium + axe-core from npm)
	$(PY) -m pytest -m browser tests/browser $(PYTEST_ARGS)

check: install ## Lint, type-check, import contracts (layers, no cycles), migrations and deploy checks
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING

BENCHES := run dialogues tracker consultation_results consultation_import consultation_submit consultation_killtest

bench: install ## Measure page weights, server times, PDF, tracker, consultations (throughput, kill test); writes docs/benchmarks.md
	@failed=""; for b in $(BENCHES); do $(PY) benchmarks/$$b.py || failed="$$failed $$b"; done; \
	  if [ -n "$$failed" ]; then echo "Over budget or failed:$$failed"; exit 1; fi

messages: install ## Extract new strings into the Khmer catalogue, then compile it
	$(PY) manage.py makemessages -l km --no-obsolete --add-location=file --ignore='.venv/*' --ignore='var/*' --ignore='node_modules/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
