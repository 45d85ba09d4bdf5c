package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// readBody reads the whole request body, refusing more than limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, errorf(model.TooLarge, "the body is over the limit of %d bytes", limit)
	}
	if err != nil {
		return nil, errorf(model.Invalid, "the body could not be read: %v", err)
	}
	return body, nil
}

// written is what a write handler answers.
type written struct {
	status   int
	body     any
	location string
	// contentType is application/json unless set.
	contentType string
}

// errReplayed ends a write transaction that found a stored response to replay.
var errReplayed = errors.New("idempotent replay")

// idempotencyKey returns the Idempotency-Key header of a POST, "" when absent.
func idempotencyKey(r *http.Request) (string, error) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" || r.Method != http.MethodPost {
		return "", nil
	}
	if len(k) > 255 {
		return "", idempotencyKeyError("longer than 255 characters")
	}
	for _, c := range k {
		if c < 0x21 || c > 0x7e {
			return "", idempotencyKeyError("use printable ASCII characters, e.g. a UUID")
		}
	}
	return k, nil
}

func idempotencyKeyError(detail string) error {
	var fe model.FieldErrors
	fe.Param("Idempotency-Key", "%s", detail)
	return fe.Err(model.Invalid, "bad Idempotency-Key header")
}

// fingerprint identifies a request for Idempotency-Key: method, path with query, and the
// SHA-256 of the body.
func fingerprint(r *http.Request, bodySum []byte) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", r.Method, r.URL.RequestURI())
	h.Write(bodySum)
	return h.Sum(nil)
}

// bodySum is the SHA-256 of a body read whole.
func bodySum(body []byte) []byte {
	s := sha256.Sum256(body)
	return s[:]
}

// runWrite runs fn in one transaction authored by the request's API key and writes its answer.
// Nothing fn writes survives an error. A POST with an Idempotency-Key stores its answer in the
// same transaction; the same request again gets that answer back (with Idempotency-Replayed:
// true) without writing anything.
//
// sum is the SHA-256 of the request body (bodySum), part of what identifies the request.
func runWrite(w http.ResponseWriter, r *http.Request, log *slog.Logger, st *store.Store, sum []byte, fn func(ctx context.Context, tx *store.Store) (written, error)) {
	ctx := r.Context()
	p := principalOf(ctx)
	if p == nil {
		writeError(w, r, log, errorf(model.Unauthorized, "writes need an API key: send Authorization: Bearer <key>"))
		return
	}
	key, err := idempotencyKey(r)
	if err != nil {
		writeError(w, r, log, err)
		return
	}
	var out store.StoredResponse
	err = st.WriteTx(ctx, p.Name, func(tx *store.Store) error {
		if key != "" {
			stored, replay, err := tx.ClaimIdempotencyKey(ctx, p.KeyID, key, fingerprint(r, sum))
			if err != nil {
				return err
			}
			if replay {
				out = stored
				return errReplayed
			}
		}
		res, err := fn(ctx, tx)
		if err != nil {
			return err
		}
		out = store.StoredResponse{Status: res.status, Location: res.location}
		if res.body != nil {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(res.body); err != nil {
				return fmt.Errorf("encode response: %w", err)
			}
			out.ContentType, out.Body = "application/json", buf.Bytes()
			if res.contentType != "" {
				out.ContentType = res.contentType
			}
		}
		if key != "" {
			return tx.SaveIdempotentResponse(ctx, p.KeyID, key, out)
		}
		return nil
	})
	switch {
	case errors.Is(err, errReplayed):
		w.Header().Set("Idempotency-Replayed", "true")
	case err != nil:
		writeError(w, r, log, err)
		return
	}
	if out.Location != "" {
		w.Header().Set("Location", out.Location)
	}
	if out.ContentType != "" {
		w.Header().Set("Content-Type", out.ContentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(out.Body)))
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(out.Status)
	_, _ = w.Write(out.Body)
}
