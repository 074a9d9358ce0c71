# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: run test install lint format bench bench-national demo clean schema

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 atau lebih baru diperlukan (Python 3.11+ required)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# The demo runs as the product does: DEBUG off (the project's own 404/403/500 pages), static
# files collected and served by WhiteNoise; SPBE_DEMO=1 lets `spbe demo` load its accounts and
# the session cookie travel over plain http. Another port: make run HOST=127.0.0.1:8080
run: export DEBUG ?= 0
run: export SPBE_DEMO ?= 1
run: export SITE_URL ?= http://$(HOST)
run: install
	$(BIN)/spbe migrate --noinput
	$(BIN)/spbe framework load --shipped
	$(BIN)/spbe collectstatic --noinput --verbosity 0
	$(BIN)/spbe demo --url http://$(HOST)
	$(BIN)/spbe runserver $(HOST)

test: install
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The committed API contract; tests/api/test_contract.py fails until it is regenerated.
schema: install
	$(BIN)/spbe spectacular --file docs/api/openapi.yaml --validate

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media

# National-scale figures (bench/national/run.py): SCALE=0.1 for a quick run; DATABASE_URL
# picks the engine (unset: SQLite in a temporary folder). Prints figures, never a test.
SCALE ?= 1
bench-national: install
	$(BIN)/python -m bench.national.run --scale $(SCALE)
