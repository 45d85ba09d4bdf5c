package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/newsevents/newsevents/internal/apikey"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// principal is who made a request: the API key it carried.
type principal struct {
	KeyID int64
	Name  string
	Scope string
}

type principalKey struct{}

// principalOf returns the principal of the request, nil for an anonymous one.
func principalOf(ctx context.Context) *principal {
	p, _ := ctx.Value(principalKey{}).(*principal)
	return p
}

// authenticate reads the API key of "Authorization: Bearer <key>". A request with no key goes
// on anonymously unless reads need a key; a request with a wrong or revoked key is refused
// (401) whatever it asks. The key is never logged: only its name reaches the request log.
//
// A request with a valid key counts against the key's rate limit; any other (anonymous, or
// with a wrong key: guesses are throttled too) against its client IP's.
func authenticate(log *slog.Logger, st *store.Store, requireKey bool, limits *rateLimiter) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := r.Header.Get("Authorization")
			if h == "" {
				if !limits.allowAnonymous(w, r) {
					return
				}
				if requireKey {
					writeError(w, r, log, errorf(model.Unauthorized, "this server needs an API key for every request: send Authorization: Bearer <key>"))
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			scheme, token, ok := strings.Cut(h, " ")
			token = strings.TrimSpace(token)
			if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
				if !limits.allowAnonymous(w, r) {
					return
				}
				writeError(w, r, log, errorf(model.Unauthorized, "malformed Authorization header: send Authorization: Bearer <key>"))
				return
			}
			p, err := keyPrincipal(r.Context(), st, token)
			if err != nil {
				if model.ErrorCode(err) == model.Unauthorized && !limits.allowAnonymous(w, r) {
					return
				}
				writeError(w, r, log, err)
				return
			}
			if !limits.allowKey(w, r, p) {
				return
			}
			if info := requestInfoOf(r.Context()); info != nil {
				info.key = p.Name
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
		})
	}
}

// errBadKey is the one answer to every wrong key, so answers say nothing of which keys exist.
var errBadKey = errorf(model.Unauthorized, "the API key is not valid")

// keyPrincipal checks token against the stored keys.
func keyPrincipal(ctx context.Context, st *store.Store, token string) (*principal, error) {
	prefix, ok := apikey.Prefix(token)
	if !ok {
		return nil, errBadKey
	}
	k, hash, err := st.APIKeyByPrefix(ctx, prefix)
	if model.ErrorCode(err) == model.NotFound {
		return nil, errBadKey
	}
	if err != nil {
		return nil, err
	}
	if !apikey.Matches(token, hash) {
		return nil, errBadKey
	}
	if k.RevokedAt != nil {
		return nil, errorf(model.Unauthorized, "the API key %q was revoked on %s", k.Name, k.RevokedAt.UTC().Format("2006-01-02"))
	}
	if err := st.TouchAPIKey(ctx, k.ID, k.LastUsedAt); err != nil {
		return nil, err
	}
	return &principal{KeyID: k.ID, Name: k.Name, Scope: k.Scope}, nil
}

// requireScope lets through requests whose key has scope need (or a wider one).
func requireScope(log *slog.Logger, need string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p := principalOf(r.Context())
			if p == nil {
				writeError(w, r, log, errorf(model.Unauthorized, "%s %s needs an API key with %s scope: send Authorization: Bearer <key>", r.Method, r.URL.Path, need))
				return
			}
			if !model.ScopeAllows(p.Scope, need) {
				writeError(w, r, log, errorf(model.Forbidden, "the API key %q has %s scope; %s %s needs %s", p.Name, p.Scope, r.Method, r.URL.Path, need))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
