# Two commands on a fresh machine:  `make demo`  and  `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

$(BIN)/govtext: pyproject.toml
	$(PY) -m venv $(VENV)
	# the CPU build of torch first, from the local wheel: nothing pulls a CUDA build afterwards
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/govtext

# a CJK font so plots show Chinese labels (best effort: needs root and apt)
fonts:
	@if [ ! -e $(CJK_FONT) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1) || \
	  echo "note: could not install fonts-wqy-microhei; plots may lack Chinese glyphs"; fi

.PHONY: setup fonts demo test test-fast bench
setup: $(BIN)/govtext fonts

demo: setup
	$(BIN)/govtext demo

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not notebooks"

bench: setup
	# bench_drafter_val compares candidate drafters (runs/…) and is run by hand with their directories
	for b in benchmarks/bench_*.py; do [ $$b = benchmarks/bench_drafter_val.py ] || $(BIN)/python $$b || exit 1; done
	$(BIN)/python benchmarks/collect_results.py
