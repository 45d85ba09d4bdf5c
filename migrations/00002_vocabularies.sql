-- +goose Up
-- Vocabularies are tables, not enums: new codes are rows, and every code carries a label and a
-- description the API can serve.

CREATE TABLE event_types (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    label       text NOT NULL CHECK (label <> ''),
    description text NOT NULL DEFAULT ''
);

INSERT INTO event_types (code, label, description) VALUES
    ('layoff', 'Layoff', 'An employer lets employees go (job cuts, redundancy plan).'),
    ('resignation', 'Resignation', 'Employees or an executive leave of their own accord.'),
    ('departure', 'Departure', 'A wave of people leaving an organisation, whatever the reason (quits, walk-outs, buyouts).'),
    ('dismissal', 'Dismissal', 'An executive or board member is pushed out or fired.'),
    ('appointment', 'Appointment', 'A person is named to a position.'),
    ('acquisition', 'Acquisition', 'An organisation or person buys another organisation or a stake in it.'),
    ('merger', 'Merger', 'Two organisations combine into one.'),
    ('ultimatum', 'Ultimatum', 'A demand with a deadline and a threatened consequence.'),
    ('closure', 'Closure', 'Sites, offices or a whole business close, temporarily or for good.'),
    ('social_media_trend', 'Social media trend', 'A hashtag or topic spreads on social networks.'),
    ('product_launch', 'Product launch', 'A product or paid service is launched or relaunched.'),
    ('advertiser_exodus', 'Advertiser exodus', 'Advertisers pause or withdraw their spending.'),
    ('funding', 'Funding', 'An organisation raises money (equity or debt).'),
    ('bankruptcy', 'Bankruptcy', 'An organisation files for bankruptcy or insolvency protection.'),
    ('strike', 'Strike', 'Workers stop work collectively.'),
    ('hiring', 'Hiring', 'An employer announces it will recruit.'),
    ('outage', 'Outage', 'A service is down or degraded.'),
    ('lawsuit', 'Lawsuit', 'A legal action is filed or decided.');

CREATE TABLE units (
    code        text PRIMARY KEY CHECK (code ~ '^([a-z][a-z_]{1,29}|[A-Z]{3})$'),
    kind        text NOT NULL CHECK (kind IN ('count', 'currency', 'ratio', 'duration')),
    label       text NOT NULL CHECK (label <> '')
);
-- Currency units use their ISO 4217 code; the others are lower-case words.

INSERT INTO units (code, kind, label) VALUES
    ('person', 'count', 'people'),
    ('ratio', 'ratio', 'fraction between 0 and 1'),
    ('tweet', 'count', 'tweets'),
    ('post', 'count', 'social media posts'),
    ('visit', 'count', 'visits'),
    ('user', 'count', 'users'),
    ('share', 'count', 'shares of stock'),
    ('site', 'count', 'sites, offices or buildings'),
    ('item', 'count', 'items'),
    ('day', 'duration', 'days'),
    ('USD', 'currency', 'US dollar'),
    ('EUR', 'currency', 'euro'),
    ('GBP', 'currency', 'pound sterling'),
    ('CHF', 'currency', 'Swiss franc'),
    ('JPY', 'currency', 'yen'),
    ('CNY', 'currency', 'renminbi'),
    ('CAD', 'currency', 'Canadian dollar'),
    ('AUD', 'currency', 'Australian dollar'),
    ('INR', 'currency', 'Indian rupee'),
    ('SEK', 'currency', 'Swedish krona'),
    ('NOK', 'currency', 'Norwegian krone'),
    ('DKK', 'currency', 'Danish krone'),
    ('KRW', 'currency', 'South Korean won'),
    ('BRL', 'currency', 'Brazilian real'),
    ('ILS', 'currency', 'Israeli new shekel'),
    ('SGD', 'currency', 'Singapore dollar'),
    ('HKD', 'currency', 'Hong Kong dollar'),
    ('RUB', 'currency', 'Russian ruble'),
    ('PLN', 'currency', 'Polish zloty'),
    ('MXN', 'currency', 'Mexican peso'),
    ('ZAR', 'currency', 'South African rand'),
    ('NZD', 'currency', 'New Zealand dollar'),
    ('TRY', 'currency', 'Turkish lira'),
    ('AED', 'currency', 'UAE dirham'),
    ('SAR', 'currency', 'Saudi riyal'),
    ('IDR', 'currency', 'Indonesian rupiah'),
    ('NGN', 'currency', 'Nigerian naira');

CREATE TABLE metrics (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    label       text NOT NULL CHECK (label <> ''),
    unit_kind   text NOT NULL CHECK (unit_kind IN ('count', 'currency', 'ratio', 'duration')),
    description text NOT NULL DEFAULT ''
);

INSERT INTO metrics (code, label, unit_kind, description) VALUES
    ('employees_affected', 'Employees affected', 'count', 'People laid off, resigning or leaving in the event.'),
    ('workforce_share', 'Share of workforce', 'ratio', 'Fraction of the workforce affected (0.5 = half).'),
    ('headcount', 'Headcount', 'count', 'Total number of employees of the organisation at the time.'),
    ('deal_value', 'Deal value', 'currency', 'Price paid in an acquisition or merger.'),
    ('personal_contribution', 'Personal contribution', 'currency', 'Part of a deal paid by a person out of their own pocket.'),
    ('funds_raised', 'Funds raised', 'currency', 'Money raised by the organisation.'),
    ('mentions', 'Mentions', 'count', 'Posts or messages mentioning a topic or hashtag.'),
    ('sites_affected', 'Sites affected', 'count', 'Offices, stores, plants or buildings concerned.'),
    ('amount', 'Amount', 'currency', 'A sum of money involved in the event (costs, fines, losses).'),
    ('stake', 'Stake', 'ratio', 'Share of an organisation acquired or held (0..1).'),
    ('duration', 'Duration', 'duration', 'How long the event lasts or lasted.');

CREATE TABLE actor_roles (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    label       text NOT NULL CHECK (label <> ''),
    description text NOT NULL DEFAULT ''
);

INSERT INTO actor_roles (code, label, description) VALUES
    ('employer', 'Employer', 'The organisation whose employees are concerned.'),
    ('decision_maker', 'Decision maker', 'The person or body who decided.'),
    ('acquirer', 'Acquirer', 'Who buys.'),
    ('target', 'Target', 'What is bought.'),
    ('seller', 'Seller', 'Who sells.'),
    ('person', 'Person', 'A person the event is about (appointed, dismissed, resigning).'),
    ('subject', 'Subject', 'What the event is about (a product, a platform, a hashtag).'),
    ('beneficiary', 'Beneficiary', 'Who gains from the event.'),
    ('affected', 'Affected', 'Who suffers the consequences.'),
    ('investor', 'Investor', 'Who puts money in.'),
    ('mentioned', 'Mentioned', 'Named in the report in connection with the event.');

-- +goose Down
DROP TABLE actor_roles;
DROP TABLE metrics;
DROP TABLE units;
DROP TABLE event_types;
