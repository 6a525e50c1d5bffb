CREATE TYPE "public"."usage_lien" AS ENUM('unique', 'multiple');--> statement-breakpoint
CREATE TABLE "liens_citoyens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"empreinte" varchar(64) NOT NULL,
	"objet" varchar(60) NOT NULL,
	"sujet" uuid NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"usage" "usage_lien" NOT NULL,
	"utilisations" integer DEFAULT 0 NOT NULL,
	"utilise_le" timestamp with time zone,
	"revoque_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liens_citoyens_empreinte_unique" UNIQUE("empreinte")
);
--> statement-breakpoint
CREATE INDEX "liens_citoyens_sujet_idx" ON "liens_citoyens" USING btree ("objet","sujet");--> statement-breakpoint
CREATE INDEX "liens_citoyens_expire_idx" ON "liens_citoyens" USING btree ("expire_le");--> statement-breakpoint
-- Retention (ADR 0024): the daily job clears the free notes of requests older than 6 months, in the table and in the
-- journal's snapshots. Only that change passes the journal's guards, and only in a transaction that says so
-- (set_config('guichet.retention', 'notes', true)): an update of a request that changes nothing but clearing its note
-- is not journaled (the journal would keep the note in its "before"), and the append-only journal accepts an update
-- that changes nothing but clearing the note of a snapshot.
CREATE FUNCTION journal_sans_note(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j ? 'note' THEN jsonb_set(j, '{note}', 'null'::jsonb) ELSE j END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journaliser_sollicitation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acteur uuid;
  ligne sollicitations%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('guichet.retention', true) = 'notes' AND NEW.note IS NULL
     AND to_jsonb(NEW) - 'note' = to_jsonb(OLD) - 'note' THEN
    RETURN NULL;
  END IF;
  acteur := nullif(current_setting('guichet.acteur', true), '')::uuid;
  IF acteur IS NULL THEN
    RAISE EXCEPTION 'guichet.acteur is not set: every change to a sollicitation must name who makes it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN ligne := OLD; ELSE ligne := NEW; END IF;
  INSERT INTO journal_sollicitations (sollicitation_id, structure_id, site_id, operation, par, avant, apres)
  VALUES (
    ligne.id, ligne.structure_id, ligne.site_id,
    CASE TG_OP WHEN 'INSERT' THEN 'creation' WHEN 'UPDATE' THEN 'modification' ELSE 'suppression' END::operation_journal,
    acteur,
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journal_en_ajout_seul() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('guichet.retention', true) = 'notes'
     AND to_jsonb(NEW) - 'avant' - 'apres' = to_jsonb(OLD) - 'avant' - 'apres'
     AND (NEW.avant IS NOT DISTINCT FROM OLD.avant OR NEW.avant IS NOT DISTINCT FROM journal_sans_note(OLD.avant))
     AND (NEW.apres IS NOT DISTINCT FROM OLD.apres OR NEW.apres IS NOT DISTINCT FROM journal_sans_note(OLD.apres)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'journal_sollicitations is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
