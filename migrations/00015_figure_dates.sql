-- +goose Up
-- Figures of a metric in date order (GET /v1/figures?metric=…&from=…&to=…). Figures do not
-- know their event's date, so a page walked the events of the window and looked for the
-- metric in each: a metric reported for one event in twenty read twenty events a row.
-- figure_dates keeps, per figure, its metric and its event's start date and span class
-- (migration 00007): a page is a short range of figure_dates_metric_idx per span class,
-- merged, already in the listing's order (event date, event id, figure id). Triggers keep it
-- current when figures change or an event's dates do.
CREATE TABLE figure_dates (
    figure_id  bigint PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    metric     text NOT NULL,
    date_start date NOT NULL,
    span_class smallint NOT NULL
);
COMMENT ON TABLE figure_dates IS 'Derived from figures and events by triggers: each figure with its metric and its event''s start date, for date-ordered pages.';
CREATE INDEX figure_dates_metric_idx ON figure_dates (metric, span_class, date_start, event_id, figure_id);
CREATE INDEX figure_dates_event_idx ON figure_dates (event_id);

-- +goose StatementBegin
CREATE FUNCTION figures_refresh_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM figure_dates fd USING old_rows o WHERE fd.figure_id = o.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO figure_dates (figure_id, event_id, metric, date_start, span_class)
        SELECT n.id, n.event_id, n.metric, e.date_start, e.span_class
        FROM new_rows n JOIN events e ON e.id = n.event_id
        ORDER BY n.id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER figures_dates_insert AFTER INSERT ON figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_dates();
CREATE TRIGGER figures_dates_update AFTER UPDATE ON figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_dates();
CREATE TRIGGER figures_dates_delete AFTER DELETE ON figures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_dates();

-- An event whose dates change moves its figures too (span_class is generated: NEW holds it).
-- +goose StatementBegin
CREATE FUNCTION events_move_figure_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE figure_dates SET date_start = NEW.date_start, span_class = NEW.span_class
    WHERE event_id = NEW.id AND (date_start, span_class) IS DISTINCT FROM (NEW.date_start, NEW.span_class);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER events_figure_dates AFTER UPDATE OF date_start, date_end ON events FOR EACH ROW
    WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end)
    EXECUTE FUNCTION events_move_figure_dates();

INSERT INTO figure_dates (figure_id, event_id, metric, date_start, span_class)
SELECT f.id, f.event_id, f.metric, e.date_start, e.span_class FROM figures f JOIN events e ON e.id = f.event_id;

-- +goose Down
DROP TRIGGER events_figure_dates ON events;
DROP FUNCTION events_move_figure_dates();
DROP TRIGGER figures_dates_delete ON figures;
DROP TRIGGER figures_dates_update ON figures;
DROP TRIGGER figures_dates_insert ON figures;
DROP FUNCTION figures_refresh_dates();
DROP TABLE figure_dates;
