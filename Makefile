# Self-documenting: `make` lists the targets with their `##` comments.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two locks from one resolution: requirements.lock is what `make report` needs (WeasyPrint and its
# fonts included: no TeX, pandoc or poppler); requirements-dev.lock adds pytest, ruff and JupyterLab.
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: help report test lint format lab bench clean lock

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "%-8s %s\n", $$1, $$2 }'

$(RUNTIME): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name russia-taliban --display-name "Python (russia-taliban)" > /dev/null
	touch $(RUNTIME)

$(DEV): $(RUNTIME) requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $(DEV)

report: $(RUNTIME) ## Set up the runtime if needed, then build reports/ (HTML and PDF)
	$(BIN)/russia-taliban build

test: $(DEV) ## Lint, then run the whole test suite (real papermill, nbconvert and WeasyPrint runs)
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(BIN)/pytest

lint: $(DEV) ## Lint only
	$(BIN)/ruff check src tests notebooks benchmarks

format: $(DEV) ## Format the code in place
	$(BIN)/ruff format src tests notebooks benchmarks
	$(BIN)/ruff check --fix src tests notebooks benchmarks

lab: $(DEV) ## Start JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(DEV) ## Run the benchmark; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lock: ## Re-resolve the dependencies into requirements.lock (runtime) and requirements-dev.lock (dev)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip setuptools
	.lock-venv/bin/pip install --quiet ".[dev]"
	.lock-venv/bin/python .ci/freeze.py .
	rm -rf .lock-venv

clean: ## Remove generated reports, caches and the virtualenv
	rm -rf reports/* $(VENV) .pytest_cache .ruff_cache benchmarks/corpora
	find . -name __pycache__ -prune -exec rm -rf {} +
