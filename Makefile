# SysLead Desktop developer commands.  Each target creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint format bench screenshots package clean help

help:
	@echo "make run          create .venv, install and open the wizard"
	@echo "make test         create .venv with test extras and run the whole suite headless"
	@echo "make lint         ruff, mypy --strict (core, ui, cli), import contracts (layers, no Qt in the core)"
	@echo "make bench        start-up, render, rule engine and register benchmarks (docs/benchmarks.md)"
	@echo "make screenshots  regenerate the README screenshots"
	@echo "make package      build the Linux onedir bundle with PyInstaller"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# packaging/constraints.txt pins every library to the versions CI last passed with.
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c packaging/constraints.txt

$(VENV)/.app: $(BIN)/python pyproject.toml packaging/constraints.txt
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.dev: $(BIN)/python pyproject.toml packaging/constraints.txt
	$(PIP_INSTALL) -e ".[dev]"
	@touch $@ $(VENV)/.app

$(VENV)/.package: $(VENV)/.dev
	$(PIP_INSTALL) -e ".[dev,package]"
	@touch $@

run: QT_QPA_PLATFORM=
run: $(VENV)/.app
	$(BIN)/syslead-desktop

test: $(VENV)/.dev
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/register_bench.py

screenshots: $(VENV)/.dev
	$(BIN)/python tools/screenshots.py

package: $(VENV)/.package
	$(BIN)/pyinstaller packaging/syslead.spec --noconfirm --distpath packaging/dist --workpath packaging/build
	bash packaging/deb/build-deb.sh packaging/dist/SysLead packaging/dist
	@echo "Bundle: packaging/dist/SysLead/ (run packaging/dist/SysLead/syslead-desktop)"

clean:
	rm -rf $(VENV) build dist packaging/build packaging/dist .pytest_cache .mypy_cache .ruff_cache
