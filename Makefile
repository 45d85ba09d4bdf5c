# newsevents: the two commands are `make run` and `make test`.
GO ?= go
BIN := bin/newsevents

.PHONY: run build test lint check fmt clean

## run: start the API on :8080 with a private PostgreSQL under ./.data and the demo data
run:
	$(GO) run ./cmd/newsevents serve

## build: build the static binary into bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/newsevents

## test: gofmt and vet, then every test against a real PostgreSQL
test: lint
	$(GO) test -count=1 ./...

## lint: gofmt and go vet must be clean
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
