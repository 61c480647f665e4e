# Thin wrapper: install what is missing, configure and build with CMake, then run or test.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all run test deps deps-test deps-ci build asan valgrind fuzz clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-ci:
	@scripts/deps.sh ci

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/conflictmap

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite once more under AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors.
asan: deps-test
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCM_SANITIZE=ON -DCM_WERROR=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# A headless render and queries under valgrind: no definitely lost bytes, no invalid access.
valgrind: deps-ci build
	bash tests/valgrind.sh

# Each libFuzzer target for FUZZ_SECONDS (a short run; fuzz/run.sh 600 for a long one).
FUZZ_SECONDS ?= 30
fuzz: deps-ci
	bash fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
