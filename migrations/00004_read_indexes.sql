-- +goose Up
-- What the read API needs to serve every list and filter from an index: full-text search over
-- events (title, summary and evidence quotes) and articles, in English and French; word-prefix
-- lookup of actor names; figure values by metric; roles; articles newest first.

-- search_vector is the text-search document of a text in both languages the project reads:
-- English and French stems, accents folded (so "demission" finds "démission").
-- +goose StatementBegin
CREATE FUNCTION search_vector(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsvector('pg_catalog.english'::regconfig, public.immutable_unaccent($1))
        || to_tsvector('pg_catalog.french'::regconfig, public.immutable_unaccent($1));
-- +goose StatementEnd

-- search_query turns what a person types (web-search syntax: words, "a phrase", -not, or) into
-- a query matching search_vector documents in either language. Each stem matches as a prefix:
-- the French stemmer cuts "démission" to "demiss" but "démissionné" to "demission", and a
-- search for the one must find the other.
-- +goose StatementBegin
CREATE FUNCTION search_query(text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(
        (websearch_to_tsquery('pg_catalog.english'::regconfig, public.immutable_unaccent($1))
         || websearch_to_tsquery('pg_catalog.french'::regconfig, public.immutable_unaccent($1)))::text,
        $re$'((?:[^']|'')+)'$re$, $re$'\1':*$re$, 'g')::tsquery;
-- +goose StatementEnd

-- events.search is the document of an event: title (weight A), summary (B) and the evidence
-- quotes of all its sources (C), so a query's words may match across them ("Twitter" in the
-- title, "licencié" in a quote). Triggers keep it current on both tables.
ALTER TABLE events ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;

-- +goose StatementBegin
CREATE FUNCTION event_search(event_id bigint, title text, summary text) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN setweight(public.search_vector(coalesce(title, '')), 'A')
        || setweight(public.search_vector(coalesce(summary, '')), 'B')
        || setweight(public.search_vector(coalesce(
               (SELECT string_agg(es.quote, ' ') FROM public.event_sources es WHERE es.event_id = event_search.event_id),
               '')), 'C');
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION events_set_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := event_search(NEW.id, NEW.title, NEW.summary);
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER events_search BEFORE INSERT OR UPDATE OF title, summary ON events
    FOR EACH ROW EXECUTE FUNCTION events_set_search();

-- +goose StatementBegin
CREATE FUNCTION event_sources_set_search() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_sources_search AFTER INSERT OR UPDATE OF quote, event_id OR DELETE ON event_sources
    FOR EACH ROW EXECUTE FUNCTION event_sources_set_search();

-- Existing events get their document without looking changed to clients syncing by updated_at.
ALTER TABLE events DISABLE TRIGGER events_updated_at;
UPDATE events SET search = event_search(id, title, summary);
ALTER TABLE events ENABLE TRIGGER events_updated_at;
CREATE INDEX events_search_idx ON events USING gin (search);

ALTER TABLE articles ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (setweight(public.search_vector(title), 'A') || setweight(public.search_vector(body), 'B')) STORED;
CREATE INDEX articles_search_idx ON articles USING gin (search);

-- Actor search matches the start of a name or of any word in it ("musk" finds "Elon Musk").
CREATE INDEX actor_names_folded_trgm_idx ON actor_names USING gin (folded gin_trgm_ops);
-- Actors list by folded name in byte order: the same order whatever the database's collation.
CREATE INDEX actors_name_idx ON actors ((fold(name) COLLATE "C"), id);

-- Events having a figure of a metric within [min, max].
CREATE INDEX figures_metric_value_idx ON figures (metric, value);
-- Figures read from an article are found by figures_article_idx; by unit:
CREATE INDEX figures_unit_idx ON figures (unit, event_id);

-- Events where some actor plays a role (role=acquirer).
CREATE INDEX event_actors_role_idx ON event_actors (role, event_id);

-- Articles newest first, and by publisher.
CREATE INDEX articles_published_desc_idx ON articles (published_at DESC NULLS LAST, id DESC);
CREATE INDEX articles_source_idx ON articles (source, published_at, id);

-- +goose Down
DROP INDEX articles_source_idx;
DROP INDEX articles_published_desc_idx;
DROP INDEX event_actors_role_idx;
DROP INDEX figures_unit_idx;
DROP INDEX figures_metric_value_idx;
DROP INDEX actors_name_idx;
DROP INDEX actor_names_folded_trgm_idx;
ALTER TABLE articles DROP COLUMN search;
DROP TRIGGER event_sources_search ON event_sources;
DROP FUNCTION event_sources_set_search();
DROP TRIGGER events_search ON events;
DROP FUNCTION events_set_search();
DROP FUNCTION event_search(bigint, text, text);
ALTER TABLE events DROP COLUMN search;
DROP FUNCTION search_query(text);
DROP FUNCTION search_vector(text);
