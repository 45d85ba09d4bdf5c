// Package migrations holds the goose SQL migrations of the newsevents schema,
// embedded so the binary carries its own schema.
package migrations

import "embed"

// FS holds the numbered goose SQL migration files.
//
//go:embed *.sql
var FS embed.FS
