-- +goose Up
-- How many listed events (neither retracted nor merged into another) start on each day and in
-- each month, by type: the timeline (GET /v1/stats/timeline) adds these up instead of reading
-- every event (a monthly timeline over twenty years read all of them: seconds at a million).
-- Triggers on events keep both tables current; a row may hold 0 after deletions.
CREATE TABLE event_counts_daily (
    day    date NOT NULL,
    type   text NOT NULL,
    events bigint NOT NULL,
    PRIMARY KEY (day, type)
);
COMMENT ON TABLE event_counts_daily IS 'Derived from events by triggers: listed events (not retracted, not merged) by start day and type.';
CREATE TABLE event_counts_monthly (
    month  date NOT NULL CHECK (extract(day FROM month) = 1),
    type   text NOT NULL,
    events bigint NOT NULL,
    PRIMARY KEY (month, type)
);
COMMENT ON TABLE event_counts_monthly IS 'Derived from events by triggers: listed events (not retracted, not merged) by start month and type.';

-- add_event_counts adds deltas[i] events of types[i] starting on days[i] to both tables. Rows
-- are written in key order, so concurrent writers lock them in the same order.
-- +goose StatementBegin
CREATE FUNCTION add_event_counts(days date[], types text[], deltas bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_counts_daily AS c (day, type, events)
    SELECT d, t, sum(n) FROM unnest(days, types, deltas) AS x(d, t, n)
    GROUP BY d, t HAVING sum(n) <> 0 ORDER BY d, t
    ON CONFLICT (day, type) DO UPDATE SET events = c.events + EXCLUDED.events;
    INSERT INTO event_counts_monthly AS c (month, type, events)
    SELECT date_trunc('month', d)::date, t, sum(n) FROM unnest(days, types, deltas) AS x(d, t, n)
    GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT (month, type) DO UPDATE SET events = c.events + EXCLUDED.events;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION events_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    days   date[];
    types  text[];
    deltas bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(date_start), array_agg(type), array_agg(1::bigint) INTO days, types, deltas
        FROM new_rows WHERE status <> 'retracted' AND merged_into IS NULL;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(date_start), array_agg(type), array_agg(-1::bigint) INTO days, types, deltas
        FROM old_rows WHERE status <> 'retracted' AND merged_into IS NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        days := ARRAY[OLD.date_start, NEW.date_start];
        types := ARRAY[OLD.type, NEW.type];
        deltas := ARRAY[CASE WHEN OLD.status <> 'retracted' AND OLD.merged_into IS NULL THEN -1 ELSE 0 END,
                        CASE WHEN NEW.status <> 'retracted' AND NEW.merged_into IS NULL THEN 1 ELSE 0 END];
    ELSE -- TRUNCATE
        TRUNCATE event_counts_daily, event_counts_monthly;
        RETURN NULL;
    END IF;
    IF days IS NOT NULL THEN
        PERFORM add_event_counts(days, types, deltas);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER events_counts_insert AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_count_rows();
CREATE TRIGGER events_counts_delete AFTER DELETE ON events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION events_count_rows();
-- Row by row for updates: most updates of events (updated_at, search) change nothing counted,
-- and the WHEN clause skips them without calling the function.
CREATE TRIGGER events_counts_update AFTER UPDATE OF type, date_start, status, merged_into ON events FOR EACH ROW
    WHEN ((OLD.type, OLD.date_start, OLD.status <> 'retracted' AND OLD.merged_into IS NULL)
          IS DISTINCT FROM (NEW.type, NEW.date_start, NEW.status <> 'retracted' AND NEW.merged_into IS NULL))
    EXECUTE FUNCTION events_count_rows();
CREATE TRIGGER events_counts_truncate AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_count_rows();

INSERT INTO event_counts_daily (day, type, events)
SELECT date_start, type, count(*) FROM events WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2;
INSERT INTO event_counts_monthly (month, type, events)
SELECT date_trunc('month', date_start)::date, type, count(*) FROM events
WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2;

-- +goose Down
DROP TRIGGER events_counts_truncate ON events;
DROP TRIGGER events_counts_update ON events;
DROP TRIGGER events_counts_delete ON events;
DROP TRIGGER events_counts_insert ON events;
DROP FUNCTION events_count_rows();
DROP FUNCTION add_event_counts(date[], text[], bigint[]);
DROP TABLE event_counts_monthly;
DROP TABLE event_counts_daily;
