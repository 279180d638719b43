# Two commands do all set-up on a fresh machine with python3 and make:
#   make site   — create .venv, install the locked dependencies, validate the data, build site/
#   make test   — the same set-up, then the whole test suite (installs Chromium, Java and the HTML checker if missing)
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Which Chromium the browser tests use (make test CHROMIUM=/path/to/chromium); default: found on PATH.
export CHROMIUM

.PHONY: site test serve validate bench lock clean browser vnu java lint diff

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/python -m profiles validate

site: $(STAMP)
	$(BIN)/python -m profiles validate
	$(BIN)/python -m profiles build
	$(BIN)/python -m profiles check

serve: $(STAMP)
	$(BIN)/python -m profiles serve

# What your data change means, before you push: `profiles diff` of the working tree against origin/main when
# there is one, else the last commit. Changes (exit 1) are not a failure here; an unreadable side (exit 2) is.
diff: $(STAMP)
	@base=$$(git rev-parse --verify --quiet origin/main >/dev/null && echo origin/main || echo HEAD); \
	$(BIN)/python -m profiles diff "$$base" || [ $$? -eq 1 ]

browser:
	@bash scripts/ensure-chromium.sh

# The Nu HTML Checker (tests/test_html_valid.py): Java from Debian when missing, and vnu.jar from the npm registry,
# pinned in package-lock.json, into node_modules/ (no install scripts: see .npmrc).
VNU := node_modules/vnu-jar/build/dist/vnu.jar

java:
	@bash scripts/ensure-java.sh

vnu: java $(VNU)

$(VNU): package.json package-lock.json | java
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# ruff (check + format), the package's layers (import-linter: pyproject.toml [tool.importlinter]), actionlint and
# zizmor (the workflows' supply-chain audit, offline), pinned in the lock; part of make test.
lint: $(STAMP)
	$(BIN)/ruff check profiles tests scripts
	$(BIN)/ruff format --check profiles tests scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline .github/workflows

test: $(STAMP) browser vnu lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Regenerate the lock file after editing requirements.in (needs network to PyPI).
lock:
	$(PY) -m pip install --quiet uv && $(PY) -m uv pip compile --python-version 3.11 --generate-hashes -q requirements.in -o requirements.lock

clean:
	rm -rf site build .site-* $(VENV) node_modules
