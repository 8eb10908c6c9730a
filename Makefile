# One entry point for developer tasks. `make help` lists them.
# Both `make run` and `make test` create the virtual environment and install what they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/samples
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=

.DEFAULT_GOAL := help
.PHONY: help venv run scan eval test browser lint typecheck check bench clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the project with its dev tools and the Spark extra

run: $(STAMP) ## Anonymize data/samples/ into out/samples/ (demo keys are generated into out/demo-keys.env)
	@mkdir -p out
	@test -f out/demo-keys.env || $(BIN)/anonymizer keygen --out out/demo-keys.env
	$(BIN)/anonymizer run data/samples/transcripts.jsonl --out $(OUT) \
		--policy data/samples/policy.yaml --key-file out/demo-keys.env

scan: $(STAMP) ## Write the findings of data/samples/ to out/samples-findings.jsonl
	$(BIN)/anonymizer scan data/samples/transcripts.jsonl --out out/samples-findings.jsonl

eval: $(STAMP) ## Detection quality on the held-out chat set, beside vanilla Presidio (see EVALUATION.md)
	$(BIN)/anonymizer eval data/eval/chat_test.jsonl --gold data/eval/chat_test.gold.jsonl --baseline presidio

test: $(STAMP) browser ## Run the whole test suite (fails if no test ran)
	$(BIN)/python -m pytest

# The job's HTML report is checked in a real headless browser: Debian's chromium, installed when missing and
# apt is usable (root, as on CI). Without it that one test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		{ apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		  || echo "note: could not install chromium; the browser test will skip"; }; } || \
		echo "note: chromium not installed (needs root + apt); the browser test will skip"

lint: $(STAMP) ## ruff (style + security rules)
	$(BIN)/ruff check anonymizer pipelines tests scripts bench examples

typecheck: $(STAMP) ## mypy --strict on the library
	$(BIN)/mypy

check: lint typecheck test ## Everything CI cares about

bench: $(STAMP) ## Throughput benchmark (several minutes): writes bench/results.json and bench/RESULTS.md
	$(BIN)/python bench/bench.py

clean: ## Remove the venv and outputs
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
