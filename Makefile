# Thin wrapper: install what is missing, configure and build with CMake, then run or test.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all run test deps deps-test deps-ci build asan tsan valgrind fuzz clean

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

# The unit tests and the window tests (label "tsan") again under ThreadSanitizer, for the base-map
# worker thread: a race report fails the test that made it (halt_on_error) and, written to
# build-tsan/tsan-reports, fails this target even when a test ignored the program's exit status.
tsan: deps-test
	@cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DCM_TSAN=ON -DCM_WERROR=ON >/dev/null
	@cmake --build build-tsan -j $(JOBS)
	@rm -rf build-tsan/tsan-reports && mkdir -p build-tsan/tsan-reports
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp log_path=$(CURDIR)/build-tsan/tsan-reports/race" \
		ctest --output-on-failure -j $(JOBS) -L tsan
	@if ls build-tsan/tsan-reports/race* >/dev/null 2>&1; then cat build-tsan/tsan-reports/race*; \
		echo "make tsan: ThreadSanitizer reported the above"; exit 1; fi

# A headless render and queries under valgrind: no definitely lost bytes, no invalid access.
valgrind: deps-ci build
	bash tests/valgrind.sh

# Each libFuzzer target for FUZZ_SECONDS (a short run; fuzz/run.sh 600 for a long one).
FUZZ_SECONDS ?= 30
fuzz: deps-ci
	bash fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-tsan build-fuzz
