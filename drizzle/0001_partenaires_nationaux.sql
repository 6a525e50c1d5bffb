-- The 9 national partners of the France services accord-cadre (current names). Reference data, present in every
-- environment; structures may add local partners later.
INSERT INTO "partenaires" ("code", "nom", "nom_court", "national") VALUES
  ('france-travail', 'France Travail', 'France Travail', true),
  ('assurance-maladie', 'Assurance Maladie (CNAM)', 'Assurance Maladie', true),
  ('assurance-retraite', 'Assurance Retraite (CNAV)', 'Assurance Retraite', true),
  ('caf', 'Caisse d’allocations familiales (CAF)', 'CAF', true),
  ('msa', 'Mutualité sociale agricole (MSA)', 'MSA', true),
  ('la-poste', 'La Poste', 'La Poste', true),
  ('finances-publiques', 'Finances publiques (DGFiP)', 'Finances publiques', true),
  ('interieur-ants', 'Intérieur – ANTS (France Titres)', 'Intérieur – ANTS', true),
  ('justice', 'Justice', 'Justice', true)
ON CONFLICT ("code") DO NOTHING;
