package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestExtractStoreCommand stores a text and its events with extract --store, then again:
// the second run prints the same extraction and writes nothing.
func TestExtractStoreCommand(t *testing.T) {
	vars := map[string]string{"DATABASE_URL": testdb.Empty(t), "LOG_LEVEL": "warn"}
	file := writeFile(t, "article.txt", extractSample)
	args := []string{"extract", "--store", "--url", "https://example.com/twitter?utm_source=x", "--source", "Example", file, "--published", "2022-11-18"}
	out, errOut, err := newsevents(t, vars, args...)
	if err != nil {
		t.Fatalf("extract --store: %v\n%s", err, errOut)
	}
	var x model.Extraction
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("output is not an extraction: %v\n%s", err, out)
	}
	if x.CreatedBy != "cli:extract" || len(x.Events) != 1 || x.Events[0].Action != model.ExtractCreated || x.Events[0].Event == nil ||
		x.Events[0].Event.Type != "layoff" || x.Events[0].Event.DateStart.String() != "2022-11-04" {
		t.Fatalf("extraction %s", out)
	}
	if !strings.Contains(errOut, "(stored), extraction 1: 1 events: 1 created, 0 merged, 0 unchanged, 0 skipped") {
		t.Errorf("summary %q", errOut)
	}
	again, errOut, err := newsevents(t, vars, args...)
	if err != nil || again != out || !strings.Contains(errOut, "(known already), extraction 1") {
		t.Errorf("second run: %v %q\n%s", err, errOut, again)
	}

	for _, bad := range [][]string{
		{"extract", "--store", file},
		{"extract", "--url", "https://example.com/a", file},
		{"extract", "--store", "--url", "ftp://example.com/a", file},
	} {
		if _, _, err := newsevents(t, vars, bad...); !errors.Is(err, errUsage) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}
