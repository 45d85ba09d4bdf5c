# newsevents: the two commands are `make run` and `make test`.
GO ?= go
BIN := bin/newsevents

.PHONY: run build test lint check fmt clean bench fuzz vulncheck loadtest

## run: start the API on :8080 with a private PostgreSQL under ./.data and the demo data
## (built, then run as make's own child: `go run` would report Ctrl-C as a failure)
run: build
	./$(BIN) serve

## build: build the static binary into bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/newsevents

## test: gofmt and vet, then every test against a real PostgreSQL, then a short fuzz run
test: lint
	$(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory fuzz

## loadtest: a mixed workload (4 reads : 1 write) from wrk on loopback against a real server on
## a 20,000-event corpus: short probes find the highest rate, then it holds LOADTEST_DURATION;
## fails on any 5xx, socket error or lost write, and prints the rate (not part of make test)
LOADTEST_DURATION ?= 60s
loadtest:
	@command -v wrk >/dev/null || { echo "make loadtest needs wrk (Debian/Ubuntu: apt-get install wrk)"; exit 1; }
	NEWSEVENTS_LOADTEST=1 LOADTEST_DURATION=$(LOADTEST_DURATION) $(GO) test -count=1 -run '^TestLoad$$' -v -timeout 30m ./cmd/newsevents

## vulncheck: govulncheck on every package (installs it; proves it reports a planted canary,
## then checks the Go vulnerability database, skipped with a warning where it is unreachable)
vulncheck:
	@bash .ci/vulncheck

## fuzz: run every fuzz target (found in the *_test.go files) for FUZZTIME each; the seed
## corpus is in each package's testdata/fuzz, and a failing input is written there
FUZZTIME ?= 8s
fuzz:
	@GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz

## lint: gofmt, go vet, go mod tidy and staticcheck (fetched from the Go module proxy) must be clean
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	@$(GO) mod tidy -diff || { echo "go.mod or go.sum is not tidy: run go mod tidy"; exit 1; }
	$(GO) run $(STATICCHECK) ./...

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
