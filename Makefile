# Unroll: set up, build, run and test. `make run` and `make test` are the README's two commands.
SWIFT ?= swift
BIN_RELEASE := .build/release/unroll
BIN_DEBUG := .build/debug/unroll

.PHONY: setup build release run test replay bench fixtures clean

setup:
	@bash tools/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product unroll

run: release
	$(BIN_RELEASE)

test: setup
	$(SWIFT) build
	$(SWIFT) test
	@if ls lessons/*.md >/dev/null 2>&1; then $(BIN_DEBUG) replay lessons/; fi

bench: release
	$(BIN_RELEASE) bench all

fixtures:
	python3 tools/make_fixtures.py

clean:
	rm -rf .build
