# Autobill. `make run`: the whole product on the embedded default (SQLite, filesystem broker),
# with demo data. `make test`: lint + import contracts + tests (DATABASE_URL selects PostgreSQL when set).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export LOCALSTRIPE_PORT ?= 8420
# Examples per API operation in the schemathesis test (tests/api/test_schemathesis.py); `make fuzz`
# runs many more.
export SCHEMATHESIS_MAX_EXAMPLES ?= 15

.PHONY: run test lint fuzz install migrate demo clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# The demo charges cards against localstripe (a fake Stripe server) on 127.0.0.1:$(LOCALSTRIPE_PORT).
run: export STRIPE_API_KEY ?= sk_test_autobill_demo
run: export STRIPE_API_BASE ?= http://127.0.0.1:$(LOCALSTRIPE_PORT)
run: migrate
	$(BIN)/python manage.py run_demo_stack

test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -q -p no:cacheprovider

fuzz: install
	SCHEMATHESIS_MAX_EXAMPLES=200 $(BIN)/pytest -q -p no:cacheprovider tests/api/test_schemathesis.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean:
	rm -rf var db.sqlite3 .pytest_cache .ruff_cache
