-- +goose Up
-- Faster imports, and exact restores.
--
-- A source inserted or deleted without a quote, or updated without changing its quote, adds
-- nothing to its event's search document: skip the recomputation (and the update of the event
-- row it causes). Bulk imports attach thousands of quote-less sources (tracker rows with a URL);
-- this makes them about twice as fast.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION event_sources_set_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'INSERT' AND NEW.quote = '')
       OR (TG_OP = 'DELETE' AND OLD.quote = '')
       OR (TG_OP = 'UPDATE' AND NEW.quote = OLD.quote AND NEW.event_id = OLD.event_id) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET search = event_search(id, title, summary) WHERE id = OLD.event_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id <> OLD.event_id) THEN
        UPDATE events SET search = event_search(id, title, summary) WHERE id = NEW.event_id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- set_updated_at learns the exception touch_event has: a restore into an empty database keeps
-- the updated_at of the records it loads, even when loading their sources recomputes their
-- search document.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('newsevents.keep_timestamps', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION event_sources_set_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET search = event_search(id, title, summary) WHERE id = OLD.event_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id <> OLD.event_id) THEN
        UPDATE events SET search = event_search(id, title, summary) WHERE id = NEW.event_id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
