# newsevents: the two commands are `make run` and `make test`.
GO ?= go
BIN := bin/newsevents

.PHONY: run build test lint check fmt clean bench fuzz vulncheck

## run: start the API on :8080 with a private PostgreSQL under ./.data and the demo data
run:
	$(GO) run ./cmd/newsevents serve

## build: build the static binary into bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/newsevents

## test: gofmt and vet, then every test against a real PostgreSQL, then a short fuzz run
test: lint
	$(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory fuzz

## vulncheck: govulncheck on every package (installs it; proves it reports a planted canary,
## then checks the Go vulnerability database, skipped with a warning where it is unreachable)
vulncheck:
	@bash .ci/vulncheck

## fuzz: run every fuzz target (found in the *_test.go files) for FUZZTIME each; the seed
## corpus is in each package's testdata/fuzz, and a failing input is written there
FUZZTIME ?= 8s
fuzz:
	@for f in $$(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go'); do \
		for fn in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			echo "fuzz $$fn in ./$$(dirname $$f) for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) || exit 1; \
		done; \
	done

## lint: gofmt and go vet must be clean
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## bench: benchmark the API against direct SQL at 1M events (not part of make test; takes ~15 min,
## plus ~5 min the first time to generate the database); results in bench/results/
BENCH_DATA_DIR ?= $(HOME)/.cache/newsevents-bench
BENCH_EVENTS ?= 1000000
BENCH_FLAGS ?=
bench: build
	@command -v wrk >/dev/null || { echo "make bench needs wrk (Debian/Ubuntu: apt-get install wrk)"; exit 1; }
	$(GO) build -o bin/newsevents-bench ./cmd/newsevents-bench
	./bin/newsevents-bench --bin $(BIN) --data-dir $(BENCH_DATA_DIR) --events $(BENCH_EVENTS) $(BENCH_FLAGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
