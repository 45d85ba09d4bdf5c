// Package api holds the HTTP contract of newsevents: openapi.yaml (OpenAPI 3.1), embedded so the
// binary serves the spec it is tested against (GET /openapi.yaml, rendered at GET /docs).
//
// Every route of internal/httpapi/routes.go is described there and nothing else is: the
// httpapi tests walk the router and the spec and fail on any difference, and they validate the
// real responses of every operation against it.
package api

import _ "embed"

// OpenAPI is the text of openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
