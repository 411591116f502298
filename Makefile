# Self-documenting: `make` lists the targets with their `##` comments.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help report test lint format lab bench clean lock

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name russia-taliban --display-name "Python (russia-taliban)" > /dev/null
	touch $(STAMP)

report: $(STAMP) ## Set up if needed, then build reports/ (HTML and PDF)
	$(BIN)/russia-taliban build

test: $(STAMP) ## Lint, then run the whole test suite (real papermill, nbconvert and XeLaTeX runs)
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(BIN)/pytest

lint: $(STAMP) ## Lint only
	$(BIN)/ruff check src tests notebooks benchmarks

format: $(STAMP) ## Format the code in place
	$(BIN)/ruff format src tests notebooks benchmarks
	$(BIN)/ruff check --fix src tests notebooks benchmarks

lab: $(STAMP) ## Start JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Run the benchmark; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lock: ## Re-resolve the pinned dependencies into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet ".[dev]"
	.lock-venv/bin/pip install --quiet --upgrade setuptools && .lock-venv/bin/pip freeze --all --exclude russia-taliban --exclude pip | sort > requirements.lock
	rm -rf .lock-venv

clean: ## Remove generated reports, caches and the virtualenv
	rm -rf reports/* $(VENV) .pytest_cache .ruff_cache benchmarks/corpora
	find . -name __pycache__ -prune -exec rm -rf {} +
