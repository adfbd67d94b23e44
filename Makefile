# The two commands of the README. Both create the virtualenv on first use.
#   make demo   the example reports through a local Kafka broker and a worker
#   make test   the tests' tools (Debian packages, if missing), lint, then unit and
#               integration tests (they start their own broker)
#   make bench  stage micro-benchmarks, then Raqib against the streaming limit
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

demo: $(VENV)/.installed
	$(BIN)/raqib demo

test: $(VENV)/.installed
	bash tests/install-tools.sh
	$(BIN)/raqib broker fetch
	$(BIN)/ruff check raqib agents schemas tests benchmarks deploy
	$(BIN)/pytest

bench: $(VENV)/.installed
	$(BIN)/raqib broker fetch
	mkdir -p .raqib/bench
	$(BIN)/python benchmarks/bench_stages.py --json .raqib/bench/stages.json
	$(BIN)/python benchmarks/bench_pipeline.py --json .raqib/bench/pipeline.json

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: demo test bench
