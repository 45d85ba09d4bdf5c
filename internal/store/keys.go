package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

const apiKeyColumns = `id, name, scope, prefix, created_at, last_used_at, revoked_at`

func scanAPIKey(row pgx.Row, k *model.APIKey, extra ...any) error {
	return row.Scan(append([]any{&k.ID, &k.Name, &k.Scope, &k.Prefix, &k.CreatedAt, &k.LastUsedAt, &k.RevokedAt}, extra...)...)
}

// CreateAPIKey stores a key by its prefix and hash. It returns a Conflict error when a key of
// the same name exists, revoked or not: names identify authors in the history.
func (s *Store) CreateAPIKey(ctx context.Context, name, scope, prefix string, hash []byte) (model.APIKey, error) {
	var k model.APIKey
	err := scanAPIKey(s.db.QueryRow(ctx, `
		INSERT INTO api_keys (name, scope, prefix, hash) VALUES ($1, $2, $3, $4)
		RETURNING `+apiKeyColumns, name, scope, prefix, hash), &k)
	if err != nil {
		err = mapError(fmt.Errorf("create api key %s: %w", name, err))
		if model.ErrorCode(err) == model.Conflict {
			return k, &model.Error{Code: model.Conflict, Message: fmt.Sprintf("a key named %q exists already (names are never reused, even after revocation); choose another name", name), Err: err}
		}
		return k, err
	}
	return k, nil
}

// ListAPIKeys returns every key, revoked ones included, oldest first.
func (s *Store) ListAPIKeys(ctx context.Context) ([]model.APIKey, error) {
	rows, err := s.db.Query(ctx, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list api keys: %w", err))
	}
	keys, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.APIKey, error) {
		var k model.APIKey
		err := scanAPIKey(row, &k)
		return k, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("list api keys: %w", err))
	}
	return keys, nil
}

// RevokeAPIKey revokes the key named ref (its name, or its id); revoking twice keeps the first
// date. It returns a NotFound error when no key has that name or id.
func (s *Store) RevokeAPIKey(ctx context.Context, ref string) (model.APIKey, error) {
	var k model.APIKey
	id, _ := strconv.ParseInt(ref, 10, 64)
	err := scanAPIKey(s.db.QueryRow(ctx, `
		UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
		WHERE name = $1 OR id = $2
		RETURNING `+apiKeyColumns, ref, id), &k)
	if errors.Is(err, pgx.ErrNoRows) {
		return k, model.Errorf(model.NotFound, "no API key named %q", ref)
	}
	if err != nil {
		return k, mapError(fmt.Errorf("revoke api key %s: %w", ref, err))
	}
	return k, nil
}

// APIKeyByPrefix returns the key with that prefix and its hash, or a NotFound error.
func (s *Store) APIKeyByPrefix(ctx context.Context, prefix string) (model.APIKey, []byte, error) {
	var (
		k    model.APIKey
		hash []byte
	)
	err := scanAPIKey(s.db.QueryRow(ctx, `SELECT `+apiKeyColumns+`, hash FROM api_keys WHERE prefix = $1`, prefix), &k, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return k, nil, model.Errorf(model.NotFound, "no such key")
	}
	if err != nil {
		return k, nil, mapError(fmt.Errorf("find api key: %w", err))
	}
	return k, hash, nil
}

// TouchAPIKey records that key id was used, at most once a minute so reads stay reads.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, lastUsed *time.Time) error {
	if lastUsed != nil && time.Since(*lastUsed) < time.Minute {
		return nil
	}
	_, err := s.db.Exec(ctx, `
		UPDATE api_keys SET last_used_at = now()
		WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, id)
	if err != nil {
		return mapError(fmt.Errorf("record use of api key %d: %w", id, err))
	}
	return nil
}
