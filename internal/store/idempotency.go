package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// IdempotencyTTL is how long the response to a POST with an Idempotency-Key is kept.
const IdempotencyTTL = 24 * time.Hour

// StoredResponse is the response kept for an Idempotency-Key.
type StoredResponse struct {
	Status      int
	ContentType string
	Location    string
	Body        []byte
}

// IdempotentResponse returns the response stored for key of API key apiKeyID, and false when
// there is none (or it has expired). A stored response for another request (another
// fingerprint) is an Unprocessable error: a key must not be reused for a different request.
//
// Inside a transaction, call it before writing: when another transaction is writing with the
// same key, the caller's SaveIdempotentResponse waits for it and then fails with a Conflict.
func (s *Store) IdempotentResponse(ctx context.Context, apiKeyID int64, key string, fingerprint []byte) (StoredResponse, bool, error) {
	var (
		r  StoredResponse
		fp []byte
	)
	err := s.db.QueryRow(ctx, `
		SELECT fingerprint, status, content_type, location, body FROM idempotency_keys
		WHERE api_key_id = $1 AND key = $2 AND created_at > now() - make_interval(secs => $3)`,
		apiKeyID, key, IdempotencyTTL.Seconds()).Scan(&fp, &r.Status, &r.ContentType, &r.Location, &r.Body)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, mapError(fmt.Errorf("look up idempotency key: %w", err))
	}
	if !bytes.Equal(fp, fingerprint) {
		var fe model.FieldErrors
		fe.Param("Idempotency-Key", "this key was used for a different request in the last %s; use a new key for a new request", IdempotencyTTL)
		return r, false, fe.Err(model.Unprocessable, "Idempotency-Key reused")
	}
	return r, true, nil
}

// ClaimIdempotencyKey reserves key for the running transaction before it writes. When another
// transaction holds the same key, it waits for that one to finish: if it committed, the stored
// response is returned (replay is true); if it rolled back, the key is claimed.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, apiKeyID int64, key string, fingerprint []byte) (r StoredResponse, replay bool, err error) {
	if _, err := s.db.Exec(ctx, `
		DELETE FROM idempotency_keys
		WHERE api_key_id = $1 AND key = $2 AND created_at <= now() - make_interval(secs => $3)`,
		apiKeyID, key, IdempotencyTTL.Seconds()); err != nil {
		return r, false, mapError(fmt.Errorf("expire idempotency key: %w", err))
	}
	tag, err := s.db.Exec(ctx, `
		INSERT INTO idempotency_keys (api_key_id, key, fingerprint, status, body)
		VALUES ($1, $2, $3, 500, '') ON CONFLICT DO NOTHING`, apiKeyID, key, fingerprint)
	if err != nil {
		return r, false, mapError(fmt.Errorf("claim idempotency key: %w", err))
	}
	if tag.RowsAffected() == 1 {
		return r, false, nil
	}
	r, found, err := s.IdempotentResponse(ctx, apiKeyID, key, fingerprint)
	if err != nil {
		return r, false, err
	}
	if !found {
		return r, false, model.Errorf(model.Conflict, "a request with this Idempotency-Key is being processed; retry later")
	}
	return r, true, nil
}

// SaveIdempotentResponse stores the response for a key claimed in the same transaction.
func (s *Store) SaveIdempotentResponse(ctx context.Context, apiKeyID int64, key string, r StoredResponse) error {
	_, err := s.db.Exec(ctx, `
		UPDATE idempotency_keys SET status = $3, content_type = $4, location = $5, body = $6
		WHERE api_key_id = $1 AND key = $2`, apiKeyID, key, r.Status, r.ContentType, r.Location, r.Body)
	if err != nil {
		return mapError(fmt.Errorf("store idempotent response: %w", err))
	}
	return nil
}

// PurgeIdempotencyKeys deletes expired responses and returns how many.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE created_at <= now() - make_interval(secs => $1)`, IdempotencyTTL.Seconds())
	if err != nil {
		return 0, mapError(fmt.Errorf("purge idempotency keys: %w", err))
	}
	return tag.RowsAffected(), nil
}
