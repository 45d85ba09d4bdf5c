-- +goose Up
-- The canonical figure of each event and metric (the rule is store.CanonicalOrder: exact
-- beats range beats approximate beats bounds, then the most recently published source, then
-- the figure recorded first), kept instead of computed per row: a flat listing of figures
-- ranked every figure's siblings for each row it wrote, and an export of every figure did it
-- 2.8 million times. Triggers keep it current when figures change, and when an article's
-- publication date does (it ranks the figures read from it).
CREATE TABLE figure_canonical (
    event_id  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    metric    text NOT NULL,
    figure_id bigint NOT NULL,
    PRIMARY KEY (event_id, metric)
);
COMMENT ON TABLE figure_canonical IS 'Derived from figures and articles by triggers: the canonical figure of each event and metric (store.CanonicalOrder).';

-- figure_canonical_source computes the rows of figure_canonical. Its ORDER BY is
-- store.CanonicalOrder: change both together.
CREATE VIEW figure_canonical_source AS
SELECT DISTINCT ON (f.event_id, f.metric) f.event_id, f.metric, f.id AS figure_id
FROM figures f LEFT JOIN articles a ON a.id = f.article_id
ORDER BY f.event_id, f.metric,
    CASE f.qualifier WHEN 'exact' THEN 0 WHEN 'range' THEN 1 WHEN 'approximate' THEN 2 ELSE 3 END,
    a.published_at DESC NULLS LAST, f.id;

-- refresh_figure_canonical recomputes the canonical figures of the events ids.
-- +goose StatementBegin
CREATE FUNCTION refresh_figure_canonical(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM figure_canonical c
    WHERE c.event_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.event_id = c.event_id AND f.metric = c.metric);
    INSERT INTO figure_canonical AS c (event_id, metric, figure_id)
    SELECT s.event_id, s.metric, s.figure_id FROM figure_canonical_source s WHERE s.event_id = ANY(ids)
    ORDER BY s.event_id, s.metric
    ON CONFLICT (event_id, metric) DO UPDATE SET figure_id = EXCLUDED.figure_id
    WHERE c.figure_id <> EXCLUDED.figure_id;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION figures_refresh_canonical() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_figure_canonical(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_figure_canonical(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSE
        PERFORM refresh_figure_canonical(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER figures_canonical_insert AFTER INSERT ON figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_canonical();
CREATE TRIGGER figures_canonical_update AFTER UPDATE ON figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_canonical();
CREATE TRIGGER figures_canonical_delete AFTER DELETE ON figures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_refresh_canonical();

-- +goose StatementBegin
CREATE FUNCTION articles_refresh_canonical() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_figure_canonical(ARRAY(SELECT DISTINCT event_id FROM figures WHERE article_id = NEW.id));
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER articles_canonical AFTER UPDATE OF published_at ON articles FOR EACH ROW
    WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION articles_refresh_canonical();

INSERT INTO figure_canonical (event_id, metric, figure_id)
SELECT event_id, metric, figure_id FROM figure_canonical_source;

-- +goose Down
DROP TRIGGER articles_canonical ON articles;
DROP FUNCTION articles_refresh_canonical();
DROP TRIGGER figures_canonical_delete ON figures;
DROP TRIGGER figures_canonical_update ON figures;
DROP TRIGGER figures_canonical_insert ON figures;
DROP FUNCTION figures_refresh_canonical();
DROP FUNCTION refresh_figure_canonical(bigint[]);
DROP VIEW figure_canonical_source;
DROP TABLE figure_canonical;
