# Thin wrapper: every rule ends in CMake/CTest. See README.md.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
HOME_DIR   ?= $(CURDIR)/.trellis-home
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)
GENERATOR  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
CMAKE_ARGS ?=

.PHONY: all deps configure build runtime test run bench install clean

all: build

deps:
	@.ci/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Only what `make run` runs: the executable and its bundled plugins (no tests).
runtime: configure
	cmake --build $(BUILD) -j $(JOBS) --target runtime

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

run: runtime
	@HOME_DIR="$(HOME_DIR)" LISTEN="$(LISTEN)" BUILD="$(BUILD)" packages/run-demo

# The extras come first and CMake looks again, so the benchmarks see them.
bench: configure
	@TRELLIS_BENCH_EXTRAS=1 .ci/install-deps
	cmake -S . -B $(BUILD) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	cmake --build $(BUILD) --target bench

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
