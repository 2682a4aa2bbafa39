# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: run test bench train train-attribution chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

# Debian's chromium serves kaleido's PNG export and the browser tests (no browser download).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium is missing: run 'sudo apt-get install chromium' for PNG export and browser tests"; \
		fi; \
	fi

run: $(VENV)/.run-installed chromium
	$(BIN)/streamlit run dashboard.py

test: $(VENV)/.test-installed chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest
	site=$$(mktemp -d) && $(BIN)/mkdocs build --strict --quiet --site-dir $$site && rm -rf $$site

# How the analysis scales (10 to 1,000 unique articles; needs ../shared: PolNeAR, KPCrowd dev, corpus-dev).
bench: $(VENV)/.test-installed
	$(BIN)/python bench/scale.py

$(VENV)/.train-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group train
	touch $@

# Fine-tune the sentiment transformer on NewsMTSC (needs ../shared/bench/newsmtsc; about 8
# minutes per epoch and seed on two idle cores), quantise it statically (activation ranges
# calibrated on the train split) and write it into analysis/data.
train: $(VENV)/.train-installed
	cd bench && ../$(BIN)/python train_transformer.py --seeds 42 7 --epochs 3
	cd bench && ../$(BIN)/python quantise_static.py

# Train the quote-speaker ranker on PolNeAR's train split and measure it on dev (needs
# ../shared/bench/polnear; parses 924 articles once, cached under /tmp/presslens-attribution)
# and write it into analysis/data/attribution_model.json.
train-attribution: $(VENV)/.test-installed
	$(BIN)/python bench/train_attribution.py

clean:
	rm -rf $(VENV)
