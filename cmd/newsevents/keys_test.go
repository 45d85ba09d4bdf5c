package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/testdb"
)

// newsevents runs the binary's run with vars and returns stdout, stderr and the error.
func newsevents(t *testing.T, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"newsevents"}, args...), envOf(vars), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestKeysCommand(t *testing.T) {
	url := testdb.Empty(t)
	vars := map[string]string{"DATABASE_URL": url, "LOG_LEVEL": "warn"}
	out, errOut, err := newsevents(t, vars, "keys", "create", "--name", "ci-bot", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)
	if !strings.HasPrefix(key, "nek_") || len(key) != 47 || strings.Count(out, "\n") != 1 {
		t.Fatalf("keys create printed %q", out)
	}
	if !strings.Contains(errOut, "shown only now") || strings.Contains(errOut, key) {
		t.Errorf("stderr %q", errOut)
	}
	if _, _, err := newsevents(t, vars, "keys", "create", "--name", "ci-bot"); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("same name again: %v", err)
	}
	if _, _, err := newsevents(t, vars, "keys", "create", "--name", "x", "--scope", "root"); err == nil || !strings.Contains(err.Error(), "scope") {
		t.Errorf("bad scope: %v", err)
	}
	if _, _, err := newsevents(t, vars, "keys", "create"); err == nil || !strings.Contains(err.Error(), "--name") {
		t.Errorf("no name: %v", err)
	}
	out, _, err = newsevents(t, vars, "keys", "list")
	if err != nil || !strings.Contains(out, "ci-bot") || !strings.Contains(out, key[:12]) || strings.Contains(out, key) {
		t.Errorf("keys list: %v\n%s", err, out)
	}

	// The key works against a server on the same database, until it is revoked.
	base, _, logs := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSEVENTS_SEED": "never"})
	post := func() int {
		req, _ := http.NewRequest("POST", base+"/v1/events", strings.NewReader(`{"type":"layoff","title":"T","date_start":"2024-03-05"}`))
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(); code != 201 {
		t.Fatalf("POST with the new key = %d\n%s", code, logs)
	}
	out, _, err = newsevents(t, vars, "keys", "revoke", "ci-bot", "--log-level", "warn")
	if err != nil || !strings.Contains(out, `revoked API key "ci-bot"`) {
		t.Fatalf("keys revoke: %v %s", err, out)
	}
	if code := post(); code != 401 {
		t.Errorf("POST with the revoked key = %d", code)
	}
	if _, _, err := newsevents(t, vars, "keys", "revoke", "nobody"); err == nil {
		t.Errorf("revoking an unknown key succeeded")
	}
	if strings.Contains(logs.String(), key[4:]) {
		t.Errorf("the key reached the server logs")
	}
	out, _, _ = newsevents(t, vars, "keys", "list")
	if !strings.Contains(out, "ci-bot") || strings.Count(out, "\n") != 2 || strings.HasSuffix(strings.TrimSpace(out), "-") {
		t.Errorf("list after revoke:\n%s", out)
	}
}
