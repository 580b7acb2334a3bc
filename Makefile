# Every task the guide has, for maintainers and CI alike. On a fresh machine
# `make serve` and `make test` do all the set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# No MkDocs 2 / end-of-life / ProperDocs banners in every log (Material reads the first, ProperDocs the second).
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Test workers: one per core, at most four (each runs its own Chromium).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: serve test check check-github fmt fmt-check schema export build audit bench clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

tools/browser/node_modules/.installed: tools/browser/package.json tools/browser/package-lock.json
	cd tools/browser && npm ci --no-audit --no-fund --silent
	touch $@

tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund --silent
	touch $@

## serve: preview at http://127.0.0.1:8000, rebuilding when docs/, data/, exitguide/ or overrides/ change
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## test: every test (data rules, rendering, full builds, browser suite, the ProperDocs build); prints its duration
test: $(BIN)/.installed tools/browser/node_modules/.installed
	@start=$$(date +%s); $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s of tests (target: under 180 s on 2 cores)"; exit $$status

## check: validate data/ and the pages' markers without building
check: $(BIN)/.installed
	$(BIN)/python -m exitguide check

check-github: $(BIN)/.installed
	$(BIN)/python -m exitguide check --format github

## fmt: put the data files in canonical layout (fmt-check only reports)
fmt: $(BIN)/.installed
	$(BIN)/python -m exitguide fmt
fmt-check: $(BIN)/.installed
	$(BIN)/python -m exitguide fmt --check

## schema: regenerate schemas/*.schema.json from exitguide/model.py
schema: $(BIN)/.installed
	$(BIN)/python -m exitguide schema

## export: write the open data files into build/open-data
export: $(BIN)/.installed
	$(BIN)/python -m exitguide export build/open-data

## build: the site into site/ (strict)
build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

## audit: Lighthouse and the Nu Html Checker over each page type in both languages
audit: $(BIN)/.installed tools/audit/node_modules/.installed
	$(BIN)/python tools/audit.py

## bench: build overhead, page weight, scale, comparison page, check speed and edit-loop figures (bench/README.md)
bench: $(BIN)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf site build .pytest_cache .cache
