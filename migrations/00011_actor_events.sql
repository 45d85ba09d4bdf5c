-- +goose Up
-- The events of an actor in date order. event_actors knows the actor but not the date, so a
-- page of a busy actor's events (tens of thousands at a million events) sorted them all, or
-- walked every event by date looking for the actor. actor_events keeps, per actor and event,
-- the roles and the event's start date and span class (migration 00007): a page is a short
-- range of actor_events_span_date_idx per span class, merged, as for events by date.
-- Triggers keep it current when event_actors change or an event's dates do.
CREATE TABLE actor_events (
    event_id   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id   bigint NOT NULL,
    roles      text[] NOT NULL,
    date_start date NOT NULL,
    span_class smallint NOT NULL,
    PRIMARY KEY (event_id, actor_id)
);
COMMENT ON TABLE actor_events IS 'Derived from event_actors and events by triggers: each actor''s events with their start date, for date-ordered pages.';
CREATE INDEX actor_events_span_date_idx ON actor_events (actor_id, span_class, date_start, event_id);

-- actor_event_source computes the rows of actor_events from the records.
CREATE VIEW actor_event_source AS
SELECT ea.event_id, ea.actor_id, array_agg(ea.role ORDER BY ea.role) AS roles, e.date_start, e.span_class
FROM event_actors ea JOIN events e ON e.id = ea.event_id
GROUP BY ea.event_id, ea.actor_id, e.date_start, e.span_class;

-- refresh_actor_events recomputes the rows of the events ids.
-- +goose StatementBegin
CREATE FUNCTION refresh_actor_events(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM actor_events ae
    WHERE ae.event_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = ae.event_id AND ea.actor_id = ae.actor_id);
    INSERT INTO actor_events AS ae (event_id, actor_id, roles, date_start, span_class)
    SELECT s.event_id, s.actor_id, s.roles, s.date_start, s.span_class FROM actor_event_source s
    WHERE s.event_id = ANY(ids)
    ORDER BY s.event_id, s.actor_id
    ON CONFLICT (event_id, actor_id) DO UPDATE
        SET roles = EXCLUDED.roles, date_start = EXCLUDED.date_start, span_class = EXCLUDED.span_class
        WHERE (ae.roles, ae.date_start, ae.span_class) IS DISTINCT FROM (EXCLUDED.roles, EXCLUDED.date_start, EXCLUDED.span_class);
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION event_actors_refresh_actor_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_actor_events(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_actor_events(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSE
        PERFORM refresh_actor_events(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER event_actors_actor_events_insert AFTER INSERT ON event_actors
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_actor_events();
CREATE TRIGGER event_actors_actor_events_update AFTER UPDATE ON event_actors
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_actor_events();
CREATE TRIGGER event_actors_actor_events_delete AFTER DELETE ON event_actors
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_actor_events();

-- An event whose dates change moves in its actors' listings. span_class is generated from the
-- dates, so NEW holds the new class.
-- +goose StatementBegin
CREATE FUNCTION events_move_actor_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE actor_events SET date_start = NEW.date_start, span_class = NEW.span_class
    WHERE event_id = NEW.id AND (date_start, span_class) IS DISTINCT FROM (NEW.date_start, NEW.span_class);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER events_actor_events AFTER UPDATE OF date_start, date_end ON events FOR EACH ROW
    WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end)
    EXECUTE FUNCTION events_move_actor_events();

INSERT INTO actor_events (event_id, actor_id, roles, date_start, span_class)
SELECT event_id, actor_id, roles, date_start, span_class FROM actor_event_source;

-- +goose Down
DROP TRIGGER events_actor_events ON events;
DROP FUNCTION events_move_actor_events();
DROP TRIGGER event_actors_actor_events_delete ON event_actors;
DROP TRIGGER event_actors_actor_events_update ON event_actors;
DROP TRIGGER event_actors_actor_events_insert ON event_actors;
DROP FUNCTION event_actors_refresh_actor_events();
DROP FUNCTION refresh_actor_events(bigint[]);
DROP VIEW actor_event_source;
DROP TABLE actor_events;
