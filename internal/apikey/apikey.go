// Package apikey makes and checks API keys. A key is "nek_" followed by 43 characters of
// base64url (256 random bits). Only its SHA-256 is stored; its first characters (the prefix)
// find the stored row, and the hashes are compared in constant time.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
)

// tag starts every key, so a leaked key is easy to recognise (secret scanners, logs).
const tag = "nek_"

// PrefixLen is the length of the stored prefix, tag included.
const PrefixLen = len(tag) + 8

// keyLen is the length of a whole key.
const keyLen = len(tag) + 43

// New returns a new random key, its prefix and its hash.
func New() (key, prefix string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", nil, fmt.Errorf("generate api key: %w", err)
	}
	key = tag + base64.RawURLEncoding.EncodeToString(b)
	return key, key[:PrefixLen], Hash(key), nil
}

// Hash returns the SHA-256 of key.
func Hash(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// Prefix returns the prefix of key, and false when key cannot be a key this package made.
func Prefix(key string) (string, bool) {
	if len(key) != keyLen || !strings.HasPrefix(key, tag) {
		return "", false
	}
	if _, err := base64.RawURLEncoding.DecodeString(key[len(tag):]); err != nil {
		return "", false
	}
	return key[:PrefixLen], true
}

// Matches reports, in constant time, whether key hashes to hash.
func Matches(key string, hash []byte) bool {
	return subtle.ConstantTimeCompare(Hash(key), hash) == 1
}
