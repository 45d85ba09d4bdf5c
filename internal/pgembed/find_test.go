package pgembed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindBinaries(t *testing.T) {
	root := t.TempDir()
	fake := func(dir string, names ...string) string {
		d := filepath.Join(root, dir)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(d, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	partial := fake("partial", "initdb", "pg_ctl") // no postgres: not enough
	v13 := fake("lib/postgresql/13/bin", "initdb", "pg_ctl", "postgres")
	v16 := fake("lib/postgresql/16/bin", "initdb", "pg_ctl", "postgres")
	onPath := fake("onpath", "initdb", "pg_ctl", "postgres")
	glob := []string{filepath.Join(root, "lib/postgresql/*/bin")}

	if got, err := findBinaries(partial+string(os.PathListSeparator)+onPath, glob); err != nil || got != onPath {
		t.Errorf("PATH first: got %q, %v; want %q", got, err, onPath)
	}
	if got, err := findBinaries(partial, glob); err != nil || got != v16 {
		t.Errorf("newest install dir: got %q, %v; want %q (not %q)", got, err, v16, v13)
	}
	_, err := findBinaries(partial, []string{filepath.Join(root, "nowhere/*/bin")})
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("nothing installed: err %v, want ErrNoBinaries", err)
	}
	for _, hint := range []string{"apt-get install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), hint) {
			t.Errorf("the message %q does not say %q", err, hint)
		}
	}
}
