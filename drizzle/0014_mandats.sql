CREATE TYPE "public"."base_legale_citoyen" AS ENUM('mandat', 'consentement');--> statement-breakpoint
CREATE TYPE "public"."duree_mandat" AS ENUM('demarche', 'jour', 'mois', 'six_mois', 'douze_mois');--> statement-breakpoint
CREATE TYPE "public"."origine_revocation" AS ENUM('agent', 'code', 'lien');--> statement-breakpoint
CREATE TYPE "public"."piece_identite" AS ENUM('carte_identite', 'passeport', 'titre_sejour', 'permis_conduire', 'autre');--> statement-breakpoint
CREATE TYPE "public"."statut_mandat" AS ENUM('brouillon', 'signe', 'actif', 'expire', 'revoque');--> statement-breakpoint
CREATE TYPE "public"."statut_violation" AS ENUM('ouverte', 'notifiee', 'non_notifiee', 'close');--> statement-breakpoint
CREATE TABLE "citoyens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"prenom" varchar(100) NOT NULL,
	"nom" varchar(100) NOT NULL,
	"date_naissance" date NOT NULL,
	"courriel" varchar(254),
	"telephone" varchar(20),
	"base_legale" "base_legale_citoyen" NOT NULL,
	"cree_par" uuid NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_mandats" (
	"numero" bigint PRIMARY KEY NOT NULL,
	"le" timestamp with time zone NOT NULL,
	"mandat_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"auteur_id" uuid,
	"action" varchar(40) NOT NULL,
	"objet_type" varchar(30),
	"objet_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"empreinte_precedente" char(64) NOT NULL,
	"empreinte" char(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(12) NOT NULL,
	"structure_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"citoyen_id" uuid,
	"duree" "duree_mandat" NOT NULL,
	"statut" "statut_mandat" DEFAULT 'brouillon' NOT NULL,
	"piece_identite" "piece_identite" NOT NULL,
	"version_notice" varchar(20) NOT NULL,
	"empreinte_texte" char(64) NOT NULL,
	"empreinte_code" char(64),
	"cree_par" uuid NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"signe_le" timestamp with time zone,
	"debut" timestamp with time zone,
	"fin" timestamp with time zone,
	"termine_le" timestamp with time zone,
	"origine_revocation" "origine_revocation",
	"revoque_par" uuid,
	"rappels_envoyes" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"anonymise_le" timestamp with time zone,
	CONSTRAINT "mandat_citoyen" CHECK ("mandats"."anonymise_le" is not null or "mandats"."citoyen_id" is not null),
	CONSTRAINT "mandat_signe" CHECK ("mandats"."statut" = 'brouillon' or ("mandats"."signe_le" is not null and "mandats"."fin" is not null)),
	CONSTRAINT "mandat_termine" CHECK (("mandats"."statut" in ('expire', 'revoque')) = ("mandats"."termine_le" is not null)),
	CONSTRAINT "mandat_revoque" CHECK (("mandats"."statut" = 'revoque') = ("mandats"."origine_revocation" is not null)),
	CONSTRAINT "mandat_periode" CHECK ("mandats"."fin" is null or "mandats"."fin" > "mandats"."debut")
);
--> statement-breakpoint
CREATE TABLE "perimetres_mandats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mandat_id" uuid NOT NULL,
	"partenaire_id" uuid NOT NULL,
	"situation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(12) NOT NULL,
	"structure_id" uuid,
	"titre" varchar(200) NOT NULL,
	"nature" varchar(60)[] NOT NULL,
	"description" varchar(5000) NOT NULL,
	"survenue_le" timestamp with time zone,
	"decouverte_le" timestamp with time zone NOT NULL,
	"categories_donnees" varchar(2000) NOT NULL,
	"categories_personnes" varchar(2000) NOT NULL,
	"nombre_personnes" integer,
	"nombre_enregistrements" integer,
	"consequences" varchar(5000),
	"mesures_prises" varchar(5000) NOT NULL,
	"mesures_envisagees" varchar(5000),
	"information_personnes" varchar(2000),
	"statut" "statut_violation" DEFAULT 'ouverte' NOT NULL,
	"notifiee_le" timestamp with time zone,
	"numero_cnil" varchar(50),
	"motif_non_notification" varchar(2000),
	"alertes_envoyees" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"declare_par" uuid NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL,
	"close_le" timestamp with time zone,
	"non_notifiee_le" timestamp with time zone,
	CONSTRAINT "violation_notifiee" CHECK (("violations"."statut" = 'notifiee') <= ("violations"."notifiee_le" is not null)),
	CONSTRAINT "violation_non_notifiee" CHECK ("violations"."statut" <> 'non_notifiee' or "violations"."motif_non_notification" is not null),
	CONSTRAINT "violation_nombres" CHECK (coalesce("violations"."nombre_personnes", 0) between 0 and 100000000),
	CONSTRAINT "violation_decouverte" CHECK ("violations"."survenue_le" is null or "violations"."survenue_le" <= "violations"."decouverte_le")
);
--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD COLUMN "mandat_id" uuid;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD COLUMN "citoyen_id" uuid;--> statement-breakpoint
ALTER TABLE "saisines" ADD COLUMN "citoyen_id" uuid;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD COLUMN "mandat_id" uuid;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD COLUMN "citoyen_id" uuid;--> statement-breakpoint
ALTER TABLE "citoyens" ADD CONSTRAINT "citoyens_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citoyens" ADD CONSTRAINT "citoyens_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_citoyen_id_citoyens_id_fk" FOREIGN KEY ("citoyen_id") REFERENCES "public"."citoyens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perimetres_mandats" ADD CONSTRAINT "perimetres_mandats_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perimetres_mandats" ADD CONSTRAINT "perimetres_mandats_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perimetres_mandats" ADD CONSTRAINT "perimetres_mandats_situation_id_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."situations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citoyens_structure_idx" ON "citoyens" USING btree ("structure_id","nom");--> statement-breakpoint
CREATE INDEX "journal_mandats_mandat_idx" ON "journal_mandats" USING btree ("mandat_id","numero");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_mandats_empreinte_idx" ON "journal_mandats" USING btree ("empreinte");--> statement-breakpoint
CREATE UNIQUE INDEX "mandats_reference_idx" ON "mandats" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "mandats_structure_idx" ON "mandats" USING btree ("structure_id","statut");--> statement-breakpoint
CREATE INDEX "mandats_citoyen_idx" ON "mandats" USING btree ("citoyen_id");--> statement-breakpoint
CREATE INDEX "mandats_fin_idx" ON "mandats" USING btree ("fin");--> statement-breakpoint
CREATE UNIQUE INDEX "perimetres_mandats_idx" ON "perimetres_mandats" USING btree ("mandat_id","partenaire_id",coalesce("situation_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "violations_reference_idx" ON "violations" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "violations_structure_idx" ON "violations" USING btree ("structure_id","decouverte_le");--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_citoyen_id_citoyens_id_fk" FOREIGN KEY ("citoyen_id") REFERENCES "public"."citoyens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_citoyen_id_citoyens_id_fk" FOREIGN KEY ("citoyen_id") REFERENCES "public"."citoyens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_citoyen_id_citoyens_id_fk" FOREIGN KEY ("citoyen_id") REFERENCES "public"."citoyens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The journal of mandates (ADR 0031): append-only whoever asks, and chained by the database itself. An insert gives
-- the instant, the mandate, the structure, the author, the action, the object and the details; this trigger, under
-- one lock, numbers the entry after the last one, links it to the last one's hash and computes its own hash, so that
-- no caller can write a broken or forged link. `npm run verify:journal` recomputes every hash outside the database.
CREATE FUNCTION journal_mandats_texte(j journal_mandats) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(E'\n',
    j.numero::text,
    to_char(j.le AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    j.mandat_id::text,
    j.structure_id::text,
    coalesce(j.auteur_id::text, ''),
    j.action,
    coalesce(j.objet_type, ''),
    coalesce(j.objet_id::text, ''),
    j.details::text,
    j.empreinte_precedente)
$$;
--> statement-breakpoint
CREATE FUNCTION journal_mandats_chainer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dernier record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('journal_mandats'));
  SELECT numero, empreinte INTO dernier FROM journal_mandats ORDER BY numero DESC LIMIT 1;
  NEW.numero := coalesce(dernier.numero, 0) + 1;
  NEW.empreinte_precedente := coalesce(dernier.empreinte, repeat('0', 64));
  NEW.le := date_trunc('milliseconds', coalesce(NEW.le, now()));
  NEW.empreinte := encode(sha256(convert_to(journal_mandats_texte(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_mandats_chaine BEFORE INSERT ON journal_mandats
  FOR EACH ROW EXECUTE FUNCTION journal_mandats_chainer();
--> statement-breakpoint
CREATE FUNCTION table_en_ajout_seul() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_mandats_ajout_seul BEFORE UPDATE OR DELETE ON journal_mandats
  FOR EACH ROW EXECUTE FUNCTION table_en_ajout_seul();
--> statement-breakpoint
CREATE TRIGGER journal_mandats_sans_truncate BEFORE TRUNCATE ON journal_mandats
  FOR EACH STATEMENT EXECUTE FUNCTION table_en_ajout_seul();
