-- +goose Up
-- The live feed (GET /v1/feed): every insert and update of an event is announced on the
-- channel newsevents_events, with the payload "<id> <updated_at in microseconds since 1970>".
-- NOTIFY is transactional: a listener hears of a change once it is committed (never of one
-- rolled back), and notifications arrive in commit order. A transaction that changes an event
-- several times (a write and the touches of its figures, actors and sources) sends one payload
-- per version: PostgreSQL drops repeated identical payloads within a transaction. Each server
-- process listens on one connection and reads the changed events itself; the payload only says
-- which ones, and which version. Events are never deleted by the API (a retraction is an
-- update), so deletes are not announced.
-- +goose StatementBegin
CREATE FUNCTION events_notify_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsevents_events',
        NEW.id || ' ' || (extract(epoch FROM NEW.updated_at) * 1000000)::bigint);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER events_notify_feed AFTER INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_notify_feed();

-- +goose Down
DROP TRIGGER events_notify_feed ON events;
DROP FUNCTION events_notify_feed();
