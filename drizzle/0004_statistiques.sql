CREATE TABLE "stats_departement_jour" (
	"jour" date NOT NULL,
	"departement" varchar(3) NOT NULL,
	"dimension" varchar(24) NOT NULL,
	"valeur" varchar(40) NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_departement_jour_jour_departement_dimension_valeur_pk" PRIMARY KEY("jour","departement","dimension","valeur")
);
--> statement-breakpoint
CREATE TABLE "stats_departement_mois" (
	"mois" date NOT NULL,
	"departement" varchar(3) NOT NULL,
	"dimension" varchar(24) NOT NULL,
	"valeur" varchar(40) NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_departement_mois_mois_departement_dimension_valeur_pk" PRIMARY KEY("mois","departement","dimension","valeur")
);
--> statement-breakpoint
CREATE INDEX "stats_mois_dimension_idx" ON "stats_departement_mois" USING btree ("dimension","mois");--> statement-breakpoint
-- The dimension values one request counts for. The weekday × hour slot is read on the site's wall clock.
-- The SET clause keeps the planner from inlining the function: inlined into a LATERAL join with GROUP BY, PostgreSQL 18
-- beta fails with "variable not found in subplan target list".
CREATE FUNCTION stats_dimensions(s sollicitations) RETURNS TABLE (dimension varchar, valeur varchar)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT 'total', ''
  UNION ALL SELECT 'canal', s.canal::text
  UNION ALL SELECT 'partenaire', p::text FROM unnest(s.partenaires) AS p
  UNION ALL SELECT 'theme', s.theme_id::text
  UNION ALL SELECT 'situation', s.situation_id::text
  UNION ALL SELECT 'niveau', s.niveau::text
  UNION ALL SELECT 'issue', s.issue::text
  UNION ALL SELECT 'duree', s.duree::text
  UNION ALL SELECT 'site', s.site_id::text
  UNION ALL SELECT 'arret', s.arret_id::text WHERE s.arret_id IS NOT NULL
  UNION ALL SELECT 'non_recours', '' WHERE s.non_recours
  UNION ALL SELECT 'difficulte_numerique', '' WHERE s.difficulte_numerique
  UNION ALL SELECT 'premiere_visite', '' WHERE s.premiere_visite
  UNION ALL SELECT 'tranche_age', s.tranche_age::text WHERE s.tranche_age IS NOT NULL
  UNION ALL SELECT 'creneau', extract(isodow FROM s.jour)::text || '-'
    || lpad(extract(hour FROM s.survenue_le AT TIME ZONE si.fuseau_horaire)::text, 2, '0')
    FROM sites si WHERE si.id = s.site_id
$$;
--> statement-breakpoint
-- Adds (signe = 1) or removes (signe = -1) one request from the day and month counters of its département. 'total'
-- comes first for every request of a département-day, so concurrent writers queue on that row instead of deadlocking.
CREATE FUNCTION stats_appliquer(s sollicitations, signe integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_departement_jour AS c (jour, departement, dimension, valeur, n)
  SELECT s.jour, s.departement, d.dimension, d.valeur, signe FROM stats_dimensions(s) AS d
  ON CONFLICT (jour, departement, dimension, valeur) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO stats_departement_mois AS c (mois, departement, dimension, valeur, n)
  SELECT date_trunc('month', s.jour)::date, s.departement, d.dimension, d.valeur, signe FROM stats_dimensions(s) AS d
  ON CONFLICT (mois, departement, dimension, valeur) DO UPDATE SET n = c.n + excluded.n;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_suivre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM stats_appliquer(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM stats_appliquer(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sollicitations_stats AFTER INSERT OR UPDATE OR DELETE ON sollicitations
  FOR EACH ROW EXECUTE FUNCTION stats_suivre();
--> statement-breakpoint
-- Rebuilds every counter from the raw requests (after a bulk load made with triggers off, or to repair).
CREATE FUNCTION stats_reconstruire() RETURNS void LANGUAGE sql AS $$
  DELETE FROM stats_departement_jour;
  DELETE FROM stats_departement_mois;
  INSERT INTO stats_departement_jour (jour, departement, dimension, valeur, n)
  SELECT s.jour, s.departement, d.dimension, d.valeur, count(*)::int
  FROM sollicitations s, LATERAL stats_dimensions(s) d GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_departement_mois (mois, departement, dimension, valeur, n)
  SELECT date_trunc('month', jour)::date, departement, dimension, valeur, sum(n)::int
  FROM stats_departement_jour GROUP BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
-- Requests logged before this migration are counted once, now.
SELECT stats_reconstruire();
