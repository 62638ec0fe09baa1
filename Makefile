# swiftmod — the two set-up commands are `make demo` and `make test`; both work on a fresh clone.

SWIFT   ?= swift
PYTHON  ?= python3
PREFIX  ?= /usr/local
VENV    := .venv
VPY     := $(VENV)/bin/python
BIN_DIR  = $(shell $(SWIFT) build --show-bin-path)
RELEASE_DIR = $(shell $(SWIFT) build -c release --show-bin-path)
# swiftmod's own wheel (make wheel); the end-to-end tests install it offline from here.
WHEELHOUSE := .build/wheelhouse
# The interpreter the benchmarks run under and build for: `make bench PYTHON=python3.14`. The
# default python3 uses the test venv; another interpreter gets its own venv in .build/bench-venvs
# with the benchmarks' references (nanobind, NumPy, rensa, datasketch).
BENCH_VENV = $(if $(filter python3,$(PYTHON)),$(VENV),.build/bench-venvs/$(notdir $(PYTHON)))
BENCH_PY = $(BENCH_VENV)/bin/python
BENCH_PACKAGES = $$(grep -E '^(nanobind|cmake|ninja|typing-extensions|rensa|datasketch|tiktoken|regex|tokenizers)==' Tests/EndToEnd/requirements.txt) "numpy>=2"

.PHONY: all build release wheel test unit e2e demo bench-venv bench bench-calls bench-borrowed bench-results bench-types bench-overrides bench-shapes bench-async bench-minhash bench-tokenizer bench-gil bench-develop bench-footprint bench-install install venv templates goldens fixtures lint clean check-tools

all: build

check-tools:
	@command -v $(SWIFT) >/dev/null || { echo "error: no Swift toolchain ('$(SWIFT)' not on PATH): install Swift 6 from swift.org"; exit 1; }
	@command -v $(PYTHON) >/dev/null || { echo "error: '$(PYTHON)' not found: apt-get install python3 python3-venv"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "error: $(PYTHON) cannot make virtualenvs: apt-get install python3-venv"; exit 1; }

## build: the swiftmod binary (debug), as the tests use it
build: check-tools
	$(SWIFT) build --product swiftmod

## release: the optimized swiftmod binary, with the Swift runtime linked in (it runs without a toolchain)
release: check-tools
	$(SWIFT) build -c release --static-swift-stdlib --product swiftmod

## wheel: swiftmod itself as a Python wheel (the release binary + the PEP 517/660 backend) in $(WHEELHOUSE)
wheel: release
	rm -f $(WHEELHOUSE)/swiftmod-*.whl
	$(RELEASE_DIR)/swiftmod package-self --binary $(RELEASE_DIR)/swiftmod --out $(WHEELHOUSE)

## venv: a virtualenv with the Python clients the end-to-end tests use
venv: $(VENV)/.installed
$(VENV)/.installed: Tests/EndToEnd/requirements.txt
	@$(MAKE) --no-print-directory check-tools
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r Tests/EndToEnd/requirements.txt
	touch $@

## test: the style gate (swift format lint), the unit tests (swift test), then the end-to-end tests (pytest) on the built binary
test: lint unit e2e

unit: check-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	# Examples/minhash: the showcase library's plain Swift core, tested as any Swift package.
	cd Examples/minhash && $(SWIFT) test
	# Examples/tiktoken: the tokenizer showcase's Swift core (splitters, merges, special tokens).
	cd Examples/tiktoken && $(SWIFT) test

e2e: build venv wheel
	SWIFTMOD_BIN=$(BIN_DIR)/swiftmod SWIFTMOD_WHEELHOUSE=$(CURDIR)/$(WHEELHOUSE) $(VPY) -m pytest -q Tests/EndToEnd

## demo: the main job on a fresh clone: scaffold a project, test its Swift, develop it into a fresh venv, call it, build an sdist and a wheel
demo: build
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	echo "==> swiftmod new $$dir/word-tools"; \
	$(BIN_DIR)/swiftmod new "$$dir/word-tools"; \
	cd "$$dir/word-tools"; \
	echo "==> swift test (the user's plain Swift package)"; \
	$(SWIFT) test 2>&1 | tail -n 1; \
	echo "==> $(PYTHON) -m venv .venv; swiftmod develop (generate bindings, build, install into .venv)"; \
	$(PYTHON) -m venv .venv; \
	$(BIN_DIR)/swiftmod develop; \
	echo "==> .venv/bin/python: import word_tools"; \
	.venv/bin/python -c 'import inspect, word_tools as w; \
	print("word_count" + str(inspect.signature(w.word_count)), "->", w.word_count("the quick brown fox", min_length=4)); \
	print("greet(\"Swift\") ->", w.greet("Swift")); print("parse_ratio(\"3/4\") ->", w.parse_ratio("3/4")); \
	exec("try:\n    w.parse_ratio(\"1/0\")\nexcept w.RatioError as e:\n    print(\"parse_ratio(\\\"1/0\\\") raised RatioError:\", e)")'; \
	.venv/bin/python -m pip --disable-pip-version-check list 2>/dev/null | grep word; \
	echo "==> swiftmod develop again (nothing changed)"; \
	$(BIN_DIR)/swiftmod develop; \
	echo "==> swiftmod build --sdist (a source distribution and a self-contained wheel)"; \
	$(BIN_DIR)/swiftmod build --sdist --interpreter $(PYTHON); \
	tar -tzf dist/*.tar.gz

## bench-venv: the benchmarks' interpreter with their references (the test venv for the default PYTHON)
bench-venv:
	@if [ "$(BENCH_VENV)" = "$(VENV)" ]; then $(MAKE) --no-print-directory venv; \
	elif [ ! -f $(BENCH_VENV)/.installed ]; then \
		$(PYTHON) -m venv $(BENCH_VENV) && \
		$(BENCH_PY) -m pip install --quiet --disable-pip-version-check $(BENCH_PACKAGES) && touch $(BENCH_VENV)/.installed; fi

## bench: every benchmark below in one run (with the test venv's Python, which has NumPy; PYTHON=python3.14 for another), then a summary table against docs/design/performance.md (≈ 6 min)
bench: build wheel bench-venv
	$(BENCH_PY) Benchmarks/run_all.py --swiftmod $(BIN_DIR)/swiftmod --wheelhouse $(WHEELHOUSE)

## bench-calls: every call of docs/design/performance.md#calls against a hand-written C METH_FASTCALL extension built by the same script
bench-calls: build
	$(PYTHON) Benchmarks/call_overhead.py --swiftmod $(BIN_DIR)/swiftmod

## bench-borrowed: UTF8Span, Span<Double> and some Collection<Double> against C reading the same memory
bench-borrowed: build bench-venv
	$(BENCH_PY) Benchmarks/borrowed.py --swiftmod $(BIN_DIR)/swiftmod

## bench-results: a lazy some Sequence<Int> against a C iterator type, numpy.asarray of a returned ContiguousArray<Double> against a MutableSpan fill
bench-results: build bench-venv
	$(BENCH_PY) Benchmarks/results_bench.py --swiftmod $(BIN_DIR)/swiftmod

## bench-types: a Swift struct's property get/set, methods, == and construction against a static C type and nanobind, built by the same script
bench-types: build bench-venv
	$(BENCH_PY) Benchmarks/types_bench.py --swiftmod $(BIN_DIR)/swiftmod

## bench-overrides: a Python override of an open method called from Swift against Python and C (map) calling it (docs/design/types.md#overrides)
bench-overrides: build bench-venv
	$(BENCH_PY) Benchmarks/overrides_bench.py --swiftmod $(BIN_DIR)/swiftmod

## bench-shapes: callbacks, unions and *args (docs/design/python-shapes.md) against hand-written C and nanobind's std::function
bench-shapes: build bench-venv
	$(BENCH_PY) Benchmarks/python_shapes.py --swiftmod $(BIN_DIR)/swiftmod

## bench-async: 10,000 gathered awaits of a Swift function sleeping 10 ms against asyncio.sleep, and one await against a Python coroutine's (docs/design/async.md)
bench-async: build
	$(PYTHON) Benchmarks/async_bench.py --swiftmod $(BIN_DIR)/swiftmod

## bench-minhash: the MinHash showcase (Examples/minhash) against rensa, datasketch and a pure-Python reference
bench-minhash: build bench-venv
	$(BENCH_PY) Benchmarks/minhash.py --swiftmod $(BIN_DIR)/swiftmod

## bench-tokenizer: the tokenizer showcase (Examples/tiktoken) against tiktoken and HF tokenizers (../shared/tokenizer/bench_tokenizer.py; QUICK=1 for --quick)
bench-tokenizer: build bench-venv
	$(BENCH_PY) Benchmarks/tokenizer.py --swiftmod $(BIN_DIR)/swiftmod $(if $(QUICK),--quick)

## bench-gil: 2-thread throughput of a CPU-bound Swift function for each release-gil setting
bench-gil: build
	$(PYTHON) Benchmarks/gil.py --swiftmod $(BIN_DIR)/swiftmod

## bench-develop: develop timings (first / no-op / one-line edit) on the scaffolded project
bench-develop: build
	$(PYTHON) Benchmarks/develop.py --swiftmod $(BIN_DIR)/swiftmod

## bench-footprint: the scaffolded project's wheel size and import time against the C extension
bench-footprint: build
	$(PYTHON) Benchmarks/footprint.py --swiftmod $(BIN_DIR)/swiftmod

## bench-install: `pip install .` against `swiftmod build` + `pip install <wheel>` on the scaffolded project
bench-install: build wheel
	$(PYTHON) Benchmarks/install.py --swiftmod $(BIN_DIR)/swiftmod --wheelhouse $(WHEELHOUSE)

## install: the release binary into $(PREFIX)/bin
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/swiftmod" "$(DESTDIR)$(PREFIX)/bin/swiftmod"

## templates: re-embed Templates/ into Sources/SwiftmodTemplates/EmbeddedTemplates.swift (then `make goldens`)
templates:
	SWIFTMOD_RECORD=templates $(SWIFT) test --filter TemplateDrift

## goldens: re-record the generator goldens from the embedded templates: all, or one (GOLDEN=types; also hello, mixed, borrowed)
GOLDEN ?= all
goldens: templates
	SWIFTMOD_RECORD=$(GOLDEN) $(SWIFT) test --filter GeneratorGoldens

## fixtures: re-record the scanner's symbol-graph fixtures from the .swift.txt sources beside them (FIXTURE=Geometry for one)
fixtures:
	$(PYTHON) Tests/SwiftmodScannerTests/Fixtures/record.py --swiftc "$$(dirname "$$(command -v $(SWIFT))")/swiftc" $(FIXTURE)

## lint: swift format lint with the committed .swift-format (make test runs it first; generated files opt out)
lint: check-tools
	@$(SWIFT) format lint --recursive --strict Sources Tests Package.swift || { \
	  echo "error: the Swift sources are not formatted as .swift-format says: run 'swift format format -i -r Sources Tests Package.swift' and review the diff"; exit 1; }

clean:
	rm -rf .build $(VENV)
