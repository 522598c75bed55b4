# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    create the environment if missing, open ROPA on the default register
#   make test   create the environment if missing, run the whole test suite headless
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test demo lint typecheck schema clean lock

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/ropa

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/ropa demo && $(BIN)/ropa list

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/ruff check ropa_app tests benchmarks

typecheck: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/mypy ropa_app

# Regenerate the shipped JSON Schema after changing the documents.
schema: $(STAMP)
	$(BIN)/ropa schema > resources/schema/register.schema.json

# Re-pin every dependency (run in a clean environment, then commit requirements.lock).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test,dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
