-- +goose Up
-- Codes the extractor (internal/extract, extract.Codes) may write that the vocabularies lacked:
-- storing an extracted event must never fail for want of a code. A test holds the vocabularies
-- to extract.Codes so the two cannot drift apart again.

INSERT INTO metrics (code, label, unit_kind, description) VALUES
    ('price_per_share', 'Price per share', 'currency', 'Price paid for each share of the target in an acquisition.'),
    ('sites_closed', 'Sites closed', 'count', 'Offices, stores, plants or buildings closed in the event.'),
    ('cost_savings', 'Cost savings', 'currency', 'Yearly savings an employer expects from the event (a layoff, a restructuring).'),
    ('restructuring_cost', 'Restructuring cost', 'currency', 'What the event costs the employer: severance, charges, write-downs.');

INSERT INTO actor_roles (code, label, description) VALUES
    ('predecessor', 'Predecessor', 'Who held the position before the person appointed.');

INSERT INTO units (code, kind, label) VALUES
    ('CZK', 'currency', 'Czech koruna'),
    ('HUF', 'currency', 'Hungarian forint'),
    ('THB', 'currency', 'Thai baht'),
    ('TWD', 'currency', 'New Taiwan dollar');

-- +goose Down
DELETE FROM units WHERE code IN ('CZK', 'HUF', 'THB', 'TWD');
DELETE FROM actor_roles WHERE code = 'predecessor';
DELETE FROM metrics WHERE code IN ('price_per_share', 'sites_closed', 'cost_savings', 'restructuring_cost');
