package apikey

import (
	"strings"
	"testing"
)

func TestNewKeys(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		key, prefix, hash, err := New()
		if err != nil {
			t.Fatal(err)
		}
		if seen[key] || seen[prefix] {
			t.Fatalf("repeated key or prefix %s", prefix)
		}
		seen[key], seen[prefix] = true, true
		p, ok := Prefix(key)
		if !ok || p != prefix || !strings.HasPrefix(key, prefix) || len(prefix) != PrefixLen {
			t.Fatalf("Prefix(%q) = %q, %v; New gave %q", key, p, ok, prefix)
		}
		if !Matches(key, hash) {
			t.Fatal("a key does not match its own hash")
		}
		if strings.Contains(string(hash), key) || len(hash) != 32 {
			t.Fatal("the hash is not a SHA-256")
		}
		other := key[:len(key)-1] + string("AB"[len(key)%2])
		if other != key && Matches(other, hash) {
			t.Fatal("another key matches the hash")
		}
	}
	for _, bad := range []string{"", "nek_", "nek_short", "Bearer nek_" + strings.Repeat("a", 43), "xyz_" + strings.Repeat("a", 43), "nek_" + strings.Repeat("!", 43)} {
		if _, ok := Prefix(bad); ok {
			t.Errorf("Prefix(%q) accepted", bad)
		}
	}
}
