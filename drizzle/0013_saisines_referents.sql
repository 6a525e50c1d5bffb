CREATE TYPE "public"."auteur_message_saisine" AS ENUM('agent', 'referent', 'coordinateur', 'systeme');--> statement-breakpoint
CREATE TYPE "public"."base_legale_saisine" AS ENUM('consentement', 'mandat');--> statement-breakpoint
CREATE TYPE "public"."issue_saisine" AS ENUM('droit_ouvert_ou_retabli', 'dossier_debloque', 'reoriente', 'sans_suite');--> statement-breakpoint
CREATE TYPE "public"."niveau_escalade" AS ENUM('referent', 'suppleant', 'coordinateur');--> statement-breakpoint
CREATE TYPE "public"."rang_referent" AS ENUM('titulaire', 'suppleant');--> statement-breakpoint
CREATE TYPE "public"."statut_saisine" AS ENUM('nouvelle', 'prise_en_charge', 'reponse_apportee', 'cloturee');--> statement-breakpoint
CREATE TYPE "public"."urgence_saisine" AS ENUM('aucune', 'droits_bloques', 'revenus_coupes');--> statement-breakpoint
CREATE TABLE "absences_referents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referent_id" uuid NOT NULL,
	"du" date NOT NULL,
	"au" date NOT NULL,
	CONSTRAINT "absence_referent_dates" CHECK ("absences_referents"."au" >= "absences_referents"."du")
);
--> statement-breakpoint
CREATE TABLE "delais_partenaires" (
	"partenaire_id" uuid NOT NULL,
	"jours_ouvres" integer NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delais_partenaires_partenaire_id_pk" PRIMARY KEY("partenaire_id"),
	CONSTRAINT "delai_partenaire_jours" CHECK ("delais_partenaires"."jours_ouvres" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "messages_saisines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"saisine_id" uuid NOT NULL,
	"auteur" "auteur_message_saisine" NOT NULL,
	"auteur_id" uuid,
	"corps" varchar(5000),
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offres_partenaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partenaire_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"modalites" varchar(1000) NOT NULL,
	"permanence" boolean DEFAULT false NOT NULL,
	"rendez_vous" boolean DEFAULT false NOT NULL,
	"visio" boolean DEFAULT false NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pieces_saisines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"saisine_id" uuid NOT NULL,
	"nom_fichier" varchar(200) NOT NULL,
	"type_mime" varchar(50) NOT NULL,
	"taille" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"contenu" "bytea",
	"depose_par" uuid NOT NULL,
	"depose_le" timestamp with time zone DEFAULT now() NOT NULL,
	"supprime_le" timestamp with time zone,
	CONSTRAINT "piece_saisine_type" CHECK ("pieces_saisines"."type_mime" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "piece_saisine_taille" CHECK ("pieces_saisines"."taille" between 1 and 10485760),
	CONSTRAINT "piece_saisine_contenu" CHECK (("pieces_saisines"."contenu" is null) = ("pieces_saisines"."supprime_le" is not null))
);
--> statement-breakpoint
CREATE TABLE "referents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partenaire_id" uuid NOT NULL,
	"departement" varchar(3) NOT NULL,
	"structures" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rang" "rang_referent" NOT NULL,
	"utilisateur_id" uuid,
	"prenom" varchar(100) NOT NULL,
	"nom" varchar(100) NOT NULL,
	"fonction" varchar(150),
	"telephone" varchar(20),
	"courriel" varchar(254) NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"desactive_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saisines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"departement" varchar(3) NOT NULL,
	"partenaire_id" uuid NOT NULL,
	"referent_id" uuid,
	"sollicitation_id" uuid,
	"mandat_id" uuid,
	"base_legale" "base_legale_saisine" NOT NULL,
	"consentement_le" timestamp with time zone,
	"prenom" varchar(100),
	"nom" varchar(100),
	"date_naissance" date,
	"numero_dossier" varchar(50),
	"question" varchar(5000),
	"urgence" "urgence_saisine" DEFAULT 'aucune' NOT NULL,
	"statut" "statut_saisine" DEFAULT 'nouvelle' NOT NULL,
	"issue" "issue_saisine",
	"cree_par" uuid NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"echeance" timestamp with time zone NOT NULL,
	"prise_en_charge_le" timestamp with time zone,
	"premiere_reponse_le" timestamp with time zone,
	"cloture_le" timestamp with time zone,
	"escalade" "niveau_escalade" DEFAULT 'referent' NOT NULL,
	"derniere_relance_le" timestamp with time zone,
	"anonymise_le" timestamp with time zone,
	CONSTRAINT "saisine_base_legale" CHECK (("saisines"."base_legale" = 'consentement' and "saisines"."consentement_le" is not null) or ("saisines"."base_legale" = 'mandat' and "saisines"."mandat_id" is not null)),
	CONSTRAINT "saisine_cloture" CHECK (("saisines"."statut" = 'cloturee') = ("saisines"."cloture_le" is not null and "saisines"."issue" is not null)),
	CONSTRAINT "saisine_identite" CHECK ("saisines"."anonymise_le" is not null or ("saisines"."nom" is not null and "saisines"."question" is not null))
);
--> statement-breakpoint
ALTER TABLE "absences_referents" ADD CONSTRAINT "absences_referents_referent_id_referents_id_fk" FOREIGN KEY ("referent_id") REFERENCES "public"."referents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delais_partenaires" ADD CONSTRAINT "delais_partenaires_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages_saisines" ADD CONSTRAINT "messages_saisines_saisine_id_saisines_id_fk" FOREIGN KEY ("saisine_id") REFERENCES "public"."saisines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offres_partenaires" ADD CONSTRAINT "offres_partenaires_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offres_partenaires" ADD CONSTRAINT "offres_partenaires_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pieces_saisines" ADD CONSTRAINT "pieces_saisines_saisine_id_saisines_id_fk" FOREIGN KEY ("saisine_id") REFERENCES "public"."saisines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referents" ADD CONSTRAINT "referents_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referents" ADD CONSTRAINT "referents_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_referent_id_referents_id_fk" FOREIGN KEY ("referent_id") REFERENCES "public"."referents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_sollicitation_id_sollicitations_id_fk" FOREIGN KEY ("sollicitation_id") REFERENCES "public"."sollicitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_referents_idx" ON "absences_referents" USING btree ("referent_id","du");--> statement-breakpoint
CREATE INDEX "messages_saisines_idx" ON "messages_saisines" USING btree ("saisine_id","cree_le");--> statement-breakpoint
CREATE UNIQUE INDEX "offres_partenaires_site_idx" ON "offres_partenaires" USING btree ("site_id","partenaire_id");--> statement-breakpoint
CREATE INDEX "pieces_saisines_idx" ON "pieces_saisines" USING btree ("saisine_id");--> statement-breakpoint
CREATE INDEX "pieces_saisines_depot_idx" ON "pieces_saisines" USING btree ("depose_le");--> statement-breakpoint
CREATE INDEX "referents_partenaire_idx" ON "referents" USING btree ("partenaire_id","departement");--> statement-breakpoint
CREATE INDEX "saisines_site_idx" ON "saisines" USING btree ("site_id","cree_le");--> statement-breakpoint
CREATE INDEX "saisines_partenaire_idx" ON "saisines" USING btree ("partenaire_id","departement","statut");--> statement-breakpoint
CREATE INDEX "saisines_echeance_idx" ON "saisines" USING btree ("echeance");