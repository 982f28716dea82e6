# Quick start: `make demo` builds Newsdex, indexes data/ and runs example searches;
# `make test` builds it and runs every test. Both install missing Debian packages first.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_ARGS ?=
JOBS ?= $(shell nproc)
DEMO_DB ?= $(BUILD_DIR)/demo-db

NEWSINDEX = $(BUILD_DIR)/bin/newsindex
NEWSSEARCH = $(BUILD_DIR)/bin/newssearch

PREFIX ?= /usr/local

.PHONY: all deps build demo test test-asan clean install

all: build

deps:
	@./scripts/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	rm -rf $(DEMO_DB)
	$(NEWSINDEX) --db $(DEMO_DB) data
	@echo; echo '$$ newssearch --db $(DEMO_DB) Zelenskyy NATO guarantees'
	@$(NEWSSEARCH) --db $(DEMO_DB) --limit 3 Zelenskyy NATO guarantees
	@echo; echo '$$ newssearch --db $(DEMO_DB) --person Putin --from 2025-12 --to 2025-12 --facets'
	@$(NEWSSEARCH) --db $(DEMO_DB) --person Putin --from 2025-12 --to 2025-12 --facets --facet-limit 5

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The tools, manual pages and bash completion under $(PREFIX) (DESTDIR for staging).
install: build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD_DIR) --prefix $(PREFIX)

test-asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS=-DNEWSDEX_SANITIZE=ON

clean:
	rm -rf $(BUILD_DIR) build-asan

# libFuzzer targets (tests/fuzz), built with clang in build-fuzz/ and run FUZZ_SECONDS each;
# crashing inputs land in build-fuzz/crashes/. Needs the Debian packages clang and libfuzzer-14-dev.
FUZZ_SECONDS ?= 30
.PHONY: fuzz
fuzz:
	@./scripts/install-deps clang libfuzzer-14-dev
	./tests/fuzz/run-fuzzers -t $(FUZZ_SECONDS)
