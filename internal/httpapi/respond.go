package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/newsevents/newsevents/internal/model"
)

// statusClientClosed is the status logged for a request whose client went away before the
// answer: nginx's 499, never seen by a client.
const statusClientClosed = 499

// HTTP-only error codes, beside the model's.
const (
	codeNotFound         model.Code = model.NotFound
	codeMethodNotAllowed model.Code = "method_not_allowed"
	codeRateLimited      model.Code = "rate_limited"
)

func errorf(code model.Code, format string, args ...any) error {
	return model.Errorf(code, format, args...)
}

// encode writes v as JSON with status.
func encode(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away; nothing to do
}

// problem is an RFC 9457 problem details object.
type problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail,omitempty"`
	Instance string             `json:"instance,omitempty"`
	Errors   []model.FieldError `json:"errors,omitempty"`
}

// statusOf is the one place where error codes become HTTP statuses.
func statusOf(code model.Code) (int, string) {
	switch code {
	case model.Invalid:
		return http.StatusBadRequest, "Invalid request"
	case model.Unprocessable:
		return http.StatusUnprocessableEntity, "Unprocessable content"
	case model.NotFound:
		return http.StatusNotFound, "Not found"
	case model.Conflict:
		return http.StatusConflict, "Conflict"
	case model.Unauthorized:
		return http.StatusUnauthorized, "Unauthorized"
	case model.Forbidden:
		return http.StatusForbidden, "Forbidden"
	case model.TooLarge:
		return http.StatusRequestEntityTooLarge, "Request body too large"
	case model.Unavailable:
		return http.StatusServiceUnavailable, "Service unavailable"
	case codeMethodNotAllowed:
		return http.StatusMethodNotAllowed, "Method not allowed"
	case codeRateLimited:
		return http.StatusTooManyRequests, "Too many requests"
	default:
		return http.StatusInternalServerError, "Internal server error"
	}
}

// writeError writes err as problem+json. Internal errors are logged with the request id and
// their text is never sent; other errors carry their message and fields.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code := model.ErrorCode(err)
	status, title := statusOf(code)
	if r.Context().Err() != nil && errors.Is(err, context.Canceled) {
		// The client went away (or shutdown gave up on the request): nobody reads this answer,
		// and it is no server error. Logged as 499, nginx's "client closed request", at info.
		status, title = statusClientClosed, "Client closed request"
	}
	p := problem{
		Type:     "/problems/" + string(code),
		Title:    title,
		Status:   status,
		Instance: r.URL.RequestURI(),
	}
	var me *model.Error
	switch {
	case status == http.StatusInternalServerError:
		log.ErrorContext(r.Context(), "internal error", "err", err, "request_id", middleware.GetReqID(r.Context()),
			"method", r.Method, "path", r.URL.Path)
		p.Detail = fmt.Sprintf("An unexpected error occurred; it has been logged (request %s).", middleware.GetReqID(r.Context()))
	case status == statusClientClosed:
		p.Detail = "the request was cancelled before its answer was ready"
	case errors.As(err, &me):
		p.Detail = me.Message
		p.Errors = me.Fields
		if status == http.StatusServiceUnavailable {
			log.WarnContext(r.Context(), "service unavailable", "err", err, "request_id", middleware.GetReqID(r.Context()))
			w.Header().Set("Retry-After", "5")
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsevents"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

// respond writes v as the JSON body of a 200 response through writeBody, so it carries a
// strong ETag and honours If-None-Match.
func respond(w http.ResponseWriter, r *http.Request, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only a bug makes a record unencodable (a NaN, say); recoverPanics logs it as a 500.
		panic(fmt.Errorf("encode response: %w", err))
	}
	writeBody(w, r, "application/json", buf.Bytes())
}

// writeBody writes a complete 200 body with a strong ETag (a hash of the bytes). A GET or HEAD
// whose If-None-Match names that ETag gets 304 Not Modified and no body.
func writeBody(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	h := w.Header()
	h.Set("ETag", tag)
	if h.Get("Cache-Control") == "" {
		// Caches may keep the response but must check it is still current (cheap with the ETag).
		h.Set("Cache-Control", "no-cache")
	}
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && etagMatches(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // the client went away; nothing to do
	}
}

// gzipETagSuffix is what the compression middleware appends to the ETag of a compressed body
// (the compressed bytes are another representation, so they need another strong ETag); it
// writes "-zstd" instead for zstd.
const gzipETagSuffix = "-gzip"

// etagMatches reports whether an If-None-Match header names tag, by the weak comparison
// RFC 9110 prescribes for If-None-Match. The compressed variants of tag match too: they carry
// the same content, and the answer to a conditional request goes through the same compression.
func etagMatches(header, tag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			return true
		}
		t = strings.TrimPrefix(t, "W/")
		for _, suffix := range []string{gzipETagSuffix, "-zstd"} {
			t = strings.Replace(t, suffix+`"`, `"`, 1)
		}
		if t == tag {
			return true
		}
	}
	return false
}
