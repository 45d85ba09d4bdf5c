-- +goose Up
-- The actors of each event, ready to serve: every event listing shows them, and building them
-- per row (a join of event_actors and actors, then json_agg) cost twice the rest of a page of
-- events at a million events. event_actor_lists keeps them built, one row per event that has
-- actors; triggers keep it current when event_actors or an actor's name, slug or kind change.
-- It is derived data, like events.search: not history, not part of an event's updated_at.
CREATE TABLE event_actor_lists (
    event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    -- actors is a JSON array of {"id","slug","name","kind","role"}, compact, in the order the
    -- API lists them: main actor first (position), then by name and role.
    actors   json NOT NULL,
    -- labels are the same actors as "name (role)", for flat tables (figure rows, CSV).
    labels   text[] NOT NULL
);
COMMENT ON TABLE event_actor_lists IS 'Derived from event_actors and actors by triggers: the actors of each event as listings show them.';

-- event_actor_list_source computes the rows of event_actor_lists from the records. A filter on
-- event_id reaches below its GROUP BY, so refreshing a few events reads only theirs.
CREATE VIEW event_actor_list_source AS
SELECT ea.event_id,
       ('[' || string_agg('{"id":' || a.id || ',"slug":' || to_json(a.slug)::text || ',"name":' || to_json(a.name)::text
                          || ',"kind":' || to_json(a.kind)::text || ',"role":' || to_json(ea.role)::text || '}',
                          ',' ORDER BY ea.position, a.name, ea.role) || ']')::json AS actors,
       array_agg(a.name || ' (' || ea.role || ')' ORDER BY ea.position, a.name, ea.role) AS labels
FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
GROUP BY ea.event_id;

-- refresh_event_actor_lists recomputes the lists of the events ids.
-- +goose StatementBegin
CREATE FUNCTION refresh_event_actor_lists(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_actor_lists l
    WHERE l.event_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = l.event_id);
    INSERT INTO event_actor_lists AS l (event_id, actors, labels)
    SELECT s.event_id, s.actors, s.labels FROM event_actor_list_source s WHERE s.event_id = ANY(ids)
    ORDER BY s.event_id
    ON CONFLICT (event_id) DO UPDATE SET actors = EXCLUDED.actors, labels = EXCLUDED.labels
    WHERE l.labels IS DISTINCT FROM EXCLUDED.labels OR l.actors::text IS DISTINCT FROM EXCLUDED.actors::text;
END $$;
-- +goose StatementEnd

-- Statement-level triggers: a bulk write (an import, a merge) refreshes each event once.
-- +goose StatementBegin
CREATE FUNCTION event_actors_refresh_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_event_actor_lists(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_event_actor_lists(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSE
        PERFORM refresh_event_actor_lists(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER event_actors_lists_insert AFTER INSERT ON event_actors
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_lists();
CREATE TRIGGER event_actors_lists_update AFTER UPDATE ON event_actors
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_lists();
CREATE TRIGGER event_actors_lists_delete AFTER DELETE ON event_actors
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_actors_refresh_lists();

-- +goose StatementBegin
CREATE FUNCTION actors_refresh_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_event_actor_lists(ARRAY(SELECT DISTINCT event_id FROM event_actors WHERE actor_id = NEW.id));
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER actors_lists AFTER UPDATE OF name, slug, kind ON actors FOR EACH ROW
    WHEN ((OLD.name, OLD.slug, OLD.kind) IS DISTINCT FROM (NEW.name, NEW.slug, NEW.kind))
    EXECUTE FUNCTION actors_refresh_lists();

INSERT INTO event_actor_lists (event_id, actors, labels)
SELECT event_id, actors, labels FROM event_actor_list_source;

-- +goose Down
DROP TRIGGER actors_lists ON actors;
DROP FUNCTION actors_refresh_lists();
DROP TRIGGER event_actors_lists_delete ON event_actors;
DROP TRIGGER event_actors_lists_update ON event_actors;
DROP TRIGGER event_actors_lists_insert ON event_actors;
DROP FUNCTION event_actors_refresh_lists();
DROP FUNCTION refresh_event_actor_lists(bigint[]);
DROP VIEW event_actor_list_source;
DROP TABLE event_actor_lists;
