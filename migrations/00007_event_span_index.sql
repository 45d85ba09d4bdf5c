-- +goose Up
-- Events by date range: an event is listed when [date_start, date_end] overlaps [from, to],
-- in date_start order. An index on date_start cannot bound that scan from below (an event may
-- start long before from), so at a million events the first page of a month walked hundreds of
-- thousands of earlier events. span_class sorts events by the length of their span; within a
-- class, date_start is bounded below by from minus the class's longest span, so each class is a
-- short range of events_span_date_idx, and the classes merge in date order (store.eventListSQL).
-- The bounds (0, 7, 31, 92, 366 days, then unbounded) fit the date precisions: day, week, month,
-- season and quarter, year, and longer.
ALTER TABLE events ADD COLUMN span_class smallint NOT NULL GENERATED ALWAYS AS (
    CASE WHEN date_end - date_start = 0 THEN 0
         WHEN date_end - date_start <= 7 THEN 1
         WHEN date_end - date_start <= 31 THEN 2
         WHEN date_end - date_start <= 92 THEN 3
         WHEN date_end - date_start <= 366 THEN 4
         ELSE 5 END) STORED;
COMMENT ON COLUMN events.span_class IS 'Class of date_end - date_start: 0 (same day), <=7, <=31, <=92, <=366 days, longer (5); see store.spanClasses.';
CREATE INDEX events_span_date_idx ON events (span_class, date_start, id);

-- +goose Down
DROP INDEX events_span_date_idx;
ALTER TABLE events DROP COLUMN span_class;
