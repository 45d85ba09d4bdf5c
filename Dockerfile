# syntax=docker/dockerfile:1
# Multi-stage build: a static newsevents binary on a distroless base, running as non-root.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/newsevents ./cmd/newsevents

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newsevents /usr/local/bin/newsevents
# nonroot is uid 65532 in distroless images.
USER nonroot:nonroot
ENV ADDR=:8080 LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/newsevents"]
CMD ["serve"]
