-- +goose Up
-- The two CFA francs, which the extractor reads ("40 milliards de FCFA"): West Africa's (UEMOA:
-- Benin, Burkina Faso, Côte d'Ivoire, Guinea-Bissau, Mali, Niger, Senegal, Togo) and Central
-- Africa's (CEMAC: Cameroon, Central African Republic, Chad, Congo, Equatorial Guinea, Gabon).
INSERT INTO units (code, kind, label) VALUES
    ('XOF', 'currency', 'West African CFA franc'),
    ('XAF', 'currency', 'Central African CFA franc');

-- +goose Down
DELETE FROM units WHERE code IN ('XOF', 'XAF');
