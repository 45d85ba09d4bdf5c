-- +goose Up
-- What the extractor read from an article and what storing it did: one extraction per run
-- (POST /v1/articles with "extract": true, POST /v1/articles/{id}/extractions), one row per
-- candidate event. Like event_history, an extraction is a record of what happened at the time:
-- the candidate keeps the extractor's output as it was, with the stored actor each mention was
-- matched to and the figure stored from each number.

CREATE TABLE extractions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    language   text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
    published  date,
    created_by text NOT NULL CHECK (created_by <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN extractions.language IS 'The language the text was read as (given with the article, or detected).';
COMMENT ON COLUMN extractions.published IS 'The publication date relative dates were resolved against (UTC); null when the article has none.';
COMMENT ON COLUMN extractions.created_by IS 'The API key name (or command) that asked for the extraction.';
CREATE INDEX extractions_article_idx ON extractions (article_id, id);

CREATE TABLE extraction_events (
    extraction_id bigint NOT NULL REFERENCES extractions (id) ON DELETE CASCADE,
    position      smallint NOT NULL CHECK (position >= 0),
    action        text NOT NULL CHECK (action IN ('created', 'merged', 'unchanged', 'skipped')),
    event_id      bigint REFERENCES events (id) ON DELETE SET NULL,
    reason        text NOT NULL DEFAULT '',
    match         jsonb CHECK (jsonb_typeof(match) = 'object'),
    candidate     jsonb NOT NULL CHECK (jsonb_typeof(candidate) = 'object'),
    PRIMARY KEY (extraction_id, position),
    CHECK (action <> 'skipped' OR event_id IS NULL),
    CHECK (action NOT IN ('merged', 'unchanged') OR match IS NOT NULL)
);
COMMENT ON COLUMN extraction_events.action IS 'created: a new event; merged: attached as a source to a stored event; unchanged: the event already had this article as a source; skipped: not storable (reason says why).';
COMMENT ON COLUMN extraction_events.match IS 'Why the candidate was taken for a stored event: the rule, the main actor, the date windows and their overlap.';
COMMENT ON COLUMN extraction_events.candidate IS 'The extracted event (the extract output shape), each actor with the stored actor it matched and each figure with the id it was stored under.';
CREATE INDEX extraction_events_event_idx ON extraction_events (event_id) WHERE event_id IS NOT NULL;

-- +goose Down
DROP TABLE extraction_events;
DROP TABLE extractions;
