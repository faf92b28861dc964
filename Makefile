# The two commands of the README: `make serve` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUITE  := $(VENV)/share/json-schema-test-suite
CHROMIUM ?= /usr/bin/chromium
# pytest-xdist: one worker per core (auto), a module at a time, the longest modules
# handed out first (tests/conftest.py).
TEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

.PHONY: serve test test-fast test-under-load check review build lint lint-forge bench pdf browser clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# The official JSON-Schema-Test-Suite (draft 2020-12 and the remote schemas its $refs
# name), for tests/test_schema_suite.py: taken from the sdist of the jsonschema pinned in
# requirements.lock, whose sha256 is recorded in tests/json-schema-test-suite.sha256.
$(SUITE)/.installed: requirements.lock tests/json-schema-test-suite.sha256 | $(STAMP)
	@version=$$(sed -n 's/^jsonschema==//p' requirements.lock); \
	sdist=jsonschema-$$version.tar.gz; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "Hämtar JSON-Schema-Test-Suite ur $$sdist …"; \
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: \
	  --dest "$$tmp" "jsonschema==$$version" || exit 1; \
	grep -q "  $$sdist\$$" tests/json-schema-test-suite.sha256 || { \
	  echo "tests/json-schema-test-suite.sha256 saknar $$sdist: skriv in dess sha256"; exit 1; }; \
	(cd "$$tmp" && sha256sum --quiet -c -) < tests/json-schema-test-suite.sha256 || exit 1; \
	tar -xzf "$$tmp/$$sdist" -C "$$tmp" \
	  "jsonschema-$$version/json/tests/draft2020-12" "jsonschema-$$version/json/remotes" || exit 1; \
	rm -rf $(SUITE) && mkdir -p $(SUITE)/tests && \
	mv "$$tmp/jsonschema-$$version/json/tests/draft2020-12" $(SUITE)/tests/ && \
	mv "$$tmp/jsonschema-$$version/json/remotes" $(SUITE)/ && \
	echo "$$sdist" > $@

# Debian's Chromium for browser tests and PDFs (test tools cannot download browsers here).
browser:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installerar Chromium och poppler-utils från Debian …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; }

## Build the site and serve it on http://127.0.0.1:8000 (rebuilds when YAML changes).
## --dirty: after a save only the changed pages are built again (adapters/mkdocs_material/preview.py).
## The benchmark and tests/test_preview.py run this target, on a port of their own.
SERVE_ADDRESS ?= 127.0.0.1:8000
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dirty --livereload -a $(SERVE_ADDRESS)

## Every check: content validation, lint, types, tests (incl. strict build, browser, PDF).
test: $(STAMP) $(SUITE)/.installed browser
	$(BIN)/rutin check
	$(BIN)/ruff check scripts tests tools
	$(BIN)/mypy
	$(MAKE) --no-print-directory lint-forge
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest $(PYTEST_PARALLEL)

## For editors and pre-commit (under a minute): content, lint, types and every test that
## needs neither a browser nor a site build.
test-fast: $(STAMP) $(SUITE)/.installed
	$(BIN)/rutin check
	$(BIN)/ruff check scripts tests tools
	$(BIN)/mypy
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -m "not browser and not slow"

## The whole suite three times in a row while two CPU-bound processes run alongside:
## a test that fails by its own timing shows up here (stress-ng, Debian package).
test-under-load: $(STAMP) browser
	@command -v stress-ng >/dev/null 2>&1 || { \
	  echo "Installerar stress-ng från Debian …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null; }
	@stress-ng --cpu 2 --quiet & load=$$!; trap 'kill $$load 2>/dev/null' EXIT; \
	for run in 1 2 3; do \
	  echo "== körning $$run av 3, med två processor-tunga processer bredvid"; \
	  CI=true $(MAKE) --no-print-directory test || exit 1; \
	done; echo "Tre körningar i rad under last: alla gröna."

## The content check; CHECK_ARGS e.g. "--since origin/main --format github" (the pipelines).
check: $(STAMP)
	$(BIN)/rutin check $(CHECK_ARGS)

## The review page for a change against SINCE (a git revision): rutin review.
SINCE ?= origin/main
REVIEW_OUT ?= granskning.html
review: $(STAMP)
	$(BIN)/rutin review --since $(SINCE) --out $(REVIEW_OUT)

build: $(STAMP)
	$(BIN)/rutin build $(BUILD_ARGS)

## Build for publishing (docs/drift.md): refuses a missing or local RUTIN_SITE_URL, and
## plain http:// unless ALLOW_HTTP=1; then the PDFs. Nothing is built when refused.
.PHONY: publish
publish: $(STAMP)
	$(BIN)/rutin build --publish$(if $(filter 1,$(ALLOW_HTTP)), --allow-http)
	$(MAKE) --no-print-directory pdf

lint: $(STAMP)
	$(BIN)/ruff check scripts tests tools
	$(BIN)/mypy
	$(MAKE) --no-print-directory lint-forge

## The forge examples against their published schemas (vendored by check-jsonschema: offline).
lint-forge: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.gitlab-ci .gitlab-ci.yml

## Benchmarks against a baseline in the same run (tools/bench/, not part of the installed
## package). All of them, or e.g. make bench ARGS=validering, ARGS="site --write", ARGS=--list.
bench: $(STAMP) browser
	$(BIN)/python -m tools.bench $(ARGS)

pdf: $(STAMP) browser
	$(BIN)/rutin pdf

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
