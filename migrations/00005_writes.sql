-- +goose Up
-- What writing needs: API keys, replayable POSTs (Idempotency-Key), the history of every change
-- to an event and what hangs off it, and slugs for actors created from a name.

-- api_keys holds the SHA-256 of each key, never the key: a key is printed once when created.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    scope        text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    prefix       text NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 8 AND 32),
    hash         bytea NOT NULL CHECK (length(hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
COMMENT ON COLUMN api_keys.name IS 'Who holds the key; recorded as the author of every change made with it. Never reused, even after revocation.';
COMMENT ON COLUMN api_keys.prefix IS 'The first characters of the key: finds the row and lets people recognise a key in listings.';
COMMENT ON COLUMN api_keys.hash IS 'SHA-256 of the whole key, compared in constant time.';

-- idempotency_keys keeps the response of each POST sent with an Idempotency-Key header, so a
-- retried request gets the first response instead of writing twice. The row is written in the
-- same transaction as the records: it exists exactly when the write happened.
CREATE TABLE idempotency_keys (
    api_key_id   bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    fingerprint  bytea NOT NULL,
    status       integer NOT NULL CHECK (status BETWEEN 200 AND 599),
    content_type text NOT NULL DEFAULT '',
    location     text NOT NULL DEFAULT '',
    body         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);
COMMENT ON COLUMN idempotency_keys.fingerprint IS 'SHA-256 of method, path and body: the same key with another request is refused.';
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- event_history keeps every version of an event and of what hangs off it (figures, actors,
-- sources, links): triggers write it, so no writer can skip it. changed_by is the name of the
-- API key (or the command) that made the change, set per transaction in newsevents.actor.
CREATE TABLE event_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL,
    entity     text NOT NULL CHECK (entity IN ('event', 'figure', 'actor', 'source', 'link')),
    entity_id  bigint NOT NULL,
    action     text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    fields     text[] NOT NULL DEFAULT '{}',
    before     jsonb,
    after      jsonb,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE event_history IS 'No foreign key on purpose: the history of a record outlives the record.';
COMMENT ON COLUMN event_history.fields IS 'The columns an update changed (updated_at aside).';
CREATE INDEX event_history_event_idx ON event_history (event_id, id);

-- record_change is the history trigger. TG_ARGV[0] names the column holding the event id,
-- TG_ARGV[1] the column identifying the changed row within the event.
-- +goose StatementBegin
CREATE FUNCTION record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_doc jsonb;
    new_doc jsonb;
    doc     jsonb;
    changed text[] := '{}';
BEGIN
    -- search is derived (the full-text document of an event): not a change of its own.
    IF TG_OP <> 'INSERT' THEN
        old_doc := to_jsonb(OLD) - 'search';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_doc := to_jsonb(NEW) - 'search';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
        FROM jsonb_each(new_doc) n
        WHERE n.key <> 'updated_at' AND n.value IS DISTINCT FROM old_doc -> n.key;
        IF cardinality(changed) = 0 THEN
            RETURN NULL;
        END IF;
    END IF;
    doc := coalesce(new_doc, old_doc);
    INSERT INTO event_history (event_id, entity, entity_id, action, fields, before, after, changed_by)
    VALUES ((doc ->> TG_ARGV[0])::bigint, TG_ARGV[2], (doc ->> TG_ARGV[1])::bigint,
            CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
            changed, old_doc, new_doc,
            coalesce(nullif(current_setting('newsevents.actor', true), ''), 'sql:' || session_user));
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER events_history AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION record_change('id', 'id', 'event');
CREATE TRIGGER figures_history AFTER INSERT OR UPDATE OR DELETE ON figures
    FOR EACH ROW EXECUTE FUNCTION record_change('event_id', 'id', 'figure');
CREATE TRIGGER event_actors_history AFTER INSERT OR UPDATE OR DELETE ON event_actors
    FOR EACH ROW EXECUTE FUNCTION record_change('event_id', 'actor_id', 'actor');
CREATE TRIGGER event_sources_history AFTER INSERT OR UPDATE OR DELETE ON event_sources
    FOR EACH ROW EXECUTE FUNCTION record_change('event_id', 'article_id', 'source');
CREATE TRIGGER event_links_history AFTER INSERT OR UPDATE OR DELETE ON event_links
    FOR EACH ROW EXECUTE FUNCTION record_change('from_event_id', 'to_event_id', 'link');

-- touch_event learns one exception: a restore into an empty database (newsevents import) keeps
-- the updated_at of the records it loads, so an export of the restored database is identical.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('newsevents.keep_timestamps', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET updated_at = now() WHERE id = OLD.event_id AND updated_at < now();
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE events SET updated_at = now() WHERE id = NEW.event_id AND updated_at < now();
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- slugify turns a name into the base of an actor slug ("Électricité de France" ->
-- "electricite-de-france"); empty when nothing Latin is left.
-- +goose StatementBegin
CREATE FUNCTION slugify(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN btrim(regexp_replace(fold($1), '[^a-z0-9]+', '-', 'g'), '-');
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION slugify(text);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET updated_at = now() WHERE id = OLD.event_id AND updated_at < now();
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE events SET updated_at = now() WHERE id = NEW.event_id AND updated_at < now();
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
DROP TRIGGER event_links_history ON event_links;
DROP TRIGGER event_sources_history ON event_sources;
DROP TRIGGER event_actors_history ON event_actors;
DROP TRIGGER figures_history ON figures;
DROP TRIGGER events_history ON events;
DROP FUNCTION record_change();
DROP TABLE event_history;
DROP TABLE idempotency_keys;
DROP TABLE api_keys;
