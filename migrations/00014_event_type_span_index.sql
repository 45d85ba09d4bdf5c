-- +goose Up
-- Events of a type in a date window, in date order: the span classes of migration 00007 bound
-- date_start from below, but only with the type in the index does a page of a rare type (a
-- few hundred events a year) stop reading after its own rows instead of filtering every event
-- of the window. store.eventPageBySpan reads one range per type and span class. date_end comes
-- last: it does not change the order (id is unique) but lets the scan reject events that end
-- before the window inside the index, without reading them.
CREATE INDEX events_type_span_date_idx ON events (type, span_class, date_start, id, date_end);

-- +goose Down
DROP INDEX events_type_span_date_idx;
