# Set-up and checks for cloudseal. Every target installs what it needs and is safe to run again.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools/bin
OPA := $(TOOLS)/opa
REGAL := $(TOOLS)/regal
# Minimum share of Rego lines that `opa test --coverage` must execute, in percent.
REGO_COVERAGE_FLOOR ?= 95
EXAMPLE ?= examples/orders-api/template.yaml
export CLOUDSEAL_TOOLS_DIR := $(CURDIR)/$(TOOLS)

.PHONY: help install tools demo test check-rego check-python check-docker pytest bench catalog

help:
	@echo "make demo   install everything, then scan $(EXAMPLE)"
	@echo "make test   install everything, then run every check and test"
	@echo "make tools  install the pinned OPA and Regal into $(TOOLS)"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed tools

tools:
	@scripts/install-go-tools.sh

demo: install
	$(BIN)/cloudseal scan $(EXAMPLE) || [ $$? -eq 1 ]

check-rego: tools
	$(OPA) fmt --list --fail policies
	$(OPA) check --strict policies
	$(REGAL) lint policies
	$(OPA) test --coverage --format json policies > .tools/rego-coverage.json || \
	  { $(OPA) test policies; exit 1; }
	$(BIN)/python scripts/check_rego_coverage.py .tools/rego-coverage.json $(REGO_COVERAGE_FLOOR)

check-python: install
	$(BIN)/ruff check cloudseal tests scripts
	$(BIN)/mypy

check-docker: install
	$(BIN)/hadolint Dockerfile

pytest: install
	$(BIN)/pytest -q

test: install check-rego check-python check-docker pytest

# Rewrite the shipped metadata of the built-in rules after changing a rule.
catalog: install
	$(BIN)/python scripts/write_rule_catalog.py

bench: install
	$(BIN)/python -m bench.run
