package model

import "time"

// Scopes of API keys, weakest first: each allows what the ones before it allow.
var Scopes = []string{"read", "write", "admin"}

// APIKey describes an API key. The key itself is never stored, only its hash.
type APIKey struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Scope string `json:"scope"`
	// Prefix is the start of the key, enough to recognise it and not to use it.
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// ScopeAllows reports whether a key of scope have may do what needs scope need.
func ScopeAllows(have, need string) bool {
	rank := func(s string) int {
		for i, v := range Scopes {
			if v == s {
				return i
			}
		}
		return -1
	}
	h, n := rank(have), rank(need)
	return h >= 0 && n >= 0 && h >= n
}
