-- +goose Up
-- unaccent and pg_trgm are trusted extensions (PostgreSQL 13+): a database owner can create them.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- immutable_unaccent folds accents with a fixed dictionary so it can be used in indexes and
-- generated columns (unaccent() itself is only STABLE because its dictionary is configurable).
-- +goose StatementBegin
CREATE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);
-- +goose StatementEnd

-- fold is the normal form used for case- and accent-insensitive matching of names and aliases.
-- +goose StatementBegin
CREATE FUNCTION fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(immutable_unaccent($1));
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION fold(text);
DROP FUNCTION immutable_unaccent(text);
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS unaccent;
