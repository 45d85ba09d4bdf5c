package httpapi

import "net/http"

// apiCSP is the Content-Security-Policy of every response but the docs page: the API serves
// data, never a page that may run script, load anything or be framed.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// docsCSP lets the docs page use its inline style sheet and nothing else.
const docsCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securityHeaders sets the headers a public API sends on every response, errors included:
// no MIME sniffing, no framing, no referrer, and a policy that forbids any active content.
// Handlers serving HTML (the docs page) replace Content-Security-Policy with their own.
// Strict-Transport-Security is left to the TLS terminator in front of the server.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", apiCSP)
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
