CREATE TABLE "stats_site_mois" (
	"site_id" uuid NOT NULL,
	"mois" date NOT NULL,
	"structure_id" uuid NOT NULL,
	"dimension" varchar(24) NOT NULL,
	"valeur" varchar(40) NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_site_mois_site_id_mois_dimension_valeur_pk" PRIMARY KEY("site_id","mois","dimension","valeur")
);
--> statement-breakpoint
CREATE INDEX "stats_site_mois_structure_idx" ON "stats_site_mois" USING btree ("structure_id","mois");--> statement-breakpoint
-- The trigger now also counts each request for its site and month.
CREATE OR REPLACE FUNCTION stats_appliquer(s sollicitations, signe integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_departement_jour AS c (jour, departement, dimension, valeur, n)
  SELECT s.jour, s.departement, d.dimension, d.valeur, signe FROM stats_dimensions(s) AS d
  ON CONFLICT (jour, departement, dimension, valeur) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO stats_departement_mois AS c (mois, departement, dimension, valeur, n)
  SELECT date_trunc('month', s.jour)::date, s.departement, d.dimension, d.valeur, signe FROM stats_dimensions(s) AS d
  ON CONFLICT (mois, departement, dimension, valeur) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO stats_site_mois AS c (site_id, mois, structure_id, dimension, valeur, n)
  SELECT s.site_id, date_trunc('month', s.jour)::date, s.structure_id, d.dimension, d.valeur, signe
  FROM stats_dimensions(s) AS d
  ON CONFLICT (site_id, mois, dimension, valeur) DO UPDATE SET n = c.n + excluded.n;
$$;
--> statement-breakpoint
-- Rebuilds the site-month counters from the requests in one pass (GROUPING SETS; the expressions are those of
-- stats_dimensions, which is too slow to call per row on tens of millions of rows). Used after bulk loads.
CREATE FUNCTION stats_lieux_reconstruire() RETURNS void LANGUAGE sql AS $$
  DELETE FROM stats_site_mois;
  INSERT INTO stats_site_mois (site_id, mois, structure_id, dimension, valeur, n)
  SELECT site_id, mois, structure_id,
    CASE g WHEN 8191 THEN 'total'
      WHEN 4095 THEN 'canal'
      WHEN 6143 THEN 'theme'
      WHEN 7167 THEN 'situation'
      WHEN 7679 THEN 'niveau'
      WHEN 7935 THEN 'issue'
      WHEN 8063 THEN 'duree'
      WHEN 8127 THEN 'site'
      WHEN 8159 THEN 'arret'
      WHEN 8175 THEN 'tranche_age'
      WHEN 8183 THEN 'non_recours'
      WHEN 8187 THEN 'difficulte_numerique'
      WHEN 8189 THEN 'premiere_visite'
      WHEN 8190 THEN 'creneau'
    END,
    coalesce(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, ''), n
  FROM (
    SELECT site_id, mois, structure_id, GROUPING(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12) AS g, d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, count(*)::int AS n
    FROM (
      SELECT s.site_id, date_trunc('month', s.jour)::date AS mois, s.structure_id,
        s.canal::text AS d0,
        s.theme_id::text AS d1,
        s.situation_id::text AS d2,
        s.niveau::text AS d3,
        s.issue::text AS d4,
        s.duree::text AS d5,
        s.site_id::text AS d6,
        s.arret_id::text AS d7,
        s.tranche_age::text AS d8,
        CASE WHEN s.non_recours THEN '' END AS d9,
        CASE WHEN s.difficulte_numerique THEN '' END AS d10,
        CASE WHEN s.premiere_visite THEN '' END AS d11,
        extract(isodow FROM s.jour)::text || '-' || lpad(extract(hour FROM s.survenue_le AT TIME ZONE si.fuseau_horaire)::text, 2, '0') AS d12
      FROM sollicitations s JOIN sites si ON si.id = s.site_id
    ) l
    GROUP BY GROUPING SETS ((site_id, mois, structure_id), (site_id, mois, structure_id, d0), (site_id, mois, structure_id, d1), (site_id, mois, structure_id, d2), (site_id, mois, structure_id, d3), (site_id, mois, structure_id, d4), (site_id, mois, structure_id, d5), (site_id, mois, structure_id, d6), (site_id, mois, structure_id, d7), (site_id, mois, structure_id, d8), (site_id, mois, structure_id, d9), (site_id, mois, structure_id, d10), (site_id, mois, structure_id, d11), (site_id, mois, structure_id, d12))
  ) x
  WHERE g = 8191 OR coalesce(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12) IS NOT NULL;
  INSERT INTO stats_site_mois (site_id, mois, structure_id, dimension, valeur, n)
  SELECT s.site_id, date_trunc('month', s.jour)::date, s.structure_id, 'partenaire', p::text, count(*)::int
  FROM sollicitations s CROSS JOIN unnest(s.partenaires) AS p GROUP BY 1, 2, 3, 5;
$$;
--> statement-breakpoint
SELECT stats_lieux_reconstruire();
