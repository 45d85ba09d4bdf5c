package model

import (
	"sort"
	"strings"
)

// Vocabulary holds the codes of the open vocabularies, which live in database tables.
type Vocabulary struct {
	EventTypes map[string]bool
	// Metrics maps each metric to the kind of unit it is measured in.
	Metrics map[string]string
	// Units maps each unit to its kind (count, currency, ratio, duration).
	Units map[string]string
	Roles map[string]bool
}

// Codes lists the keys of a vocabulary map, sorted, for messages.
func Codes[V any](m map[string]V) string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}
