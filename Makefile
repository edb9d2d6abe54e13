# Set-up is two commands: `make demo` and `make test`. Both create .venv/ when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The consent-tool libraries the export tests load (Klaro!, cookieconsent) and the DOM they run in (jsdom).
NODE_DEPS := tests/js/node_modules/.installed

.PHONY: install demo test lint typecheck pytest browser readme bench bench-scale regen clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/extractor convert samples -o out

lint: install
	$(BIN)/ruff check extractor tests bench scripts
	$(BIN)/ruff format --check extractor tests bench scripts

typecheck: install
	$(BIN)/mypy

$(NODE_DEPS): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_DEPS)

# Headless Chromium (Debian's package) for the batch report's browser test (tests/test_html_report.py), and jq for
# the pipe test (convert -o - | jq): installed with apt-get when we are root and have it; elsewhere this says why
# and those tests skip with the same reason.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium jq; \
	else echo "chromium or jq missing and not installable here (needs root and apt-get): their tests skip"; fi

# pytest exits 5 when it collects no tests: that is a broken suite here, never a pass.
pytest: install $(NODE_DEPS) browser
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

test: lint typecheck pytest

bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/accuracy.py --files '*.txt' --check
	$(BIN)/python bench/accuracy.py --files '*.pdf' --check
	$(BIN)/python bench/accuracy.py --files 'page.html,page.docx' --glued --check
	$(BIN)/python bench/peers.py
	$(BIN)/python bench/categories.py
	$(BIN)/python bench/categories_cv.py
	$(BIN)/python bench/durations.py

# Speed and size: minutes, not seconds.
bench-scale: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scaling.py

# Rewrite the README's generated sections (CLI synopsis and --help, the example, the output tables) from the code.
readme: install
	$(BIN)/python scripts/readme.py

# Rewrite the golden files under samples/ from the current code (review the diff before committing).
regen: install
	$(BIN)/python -m pytest tests/test_samples.py --regen

clean:
	rm -rf $(VENV) out .mypy_cache .pytest_cache .ruff_cache tests/js/node_modules
