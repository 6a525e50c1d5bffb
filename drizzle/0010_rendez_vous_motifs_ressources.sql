CREATE TYPE "public"."canal_rdv" AS ENUM('sur_place', 'telephone', 'visio', 'domicile', 'arret');--> statement-breakpoint
CREATE TYPE "public"."origine_rdv" AS ENUM('en_ligne', 'guichet');--> statement-breakpoint
CREATE TYPE "public"."statut_rdv" AS ENUM('reserve', 'arrive', 'vu', 'absent', 'annule_usager', 'annule_site');--> statement-breakpoint
CREATE TYPE "public"."type_ressource" AS ENUM('agent', 'permanence');--> statement-breakpoint
CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ressource_id" uuid NOT NULL,
	"debut" timestamp with time zone NOT NULL,
	"fin" timestamp with time zone NOT NULL,
	"motif" varchar(200),
	CONSTRAINT "absence_dates" CHECK ("absences"."fin" > "absences"."debut")
);
--> statement-breakpoint
CREATE TABLE "motif_ressources" (
	"motif_id" uuid NOT NULL,
	"ressource_id" uuid NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "motif_ressources_motif_id_ressource_id_pk" PRIMARY KEY("motif_id","ressource_id")
);
--> statement-breakpoint
CREATE TABLE "motifs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"nom" varchar(120) NOT NULL,
	"duree" integer NOT NULL,
	"tampon_apres" integer DEFAULT 0 NOT NULL,
	"pas" integer,
	"canal" "canal_rdv" NOT NULL,
	"partenaire_id" uuid,
	"reservable_en_ligne" boolean DEFAULT false NOT NULL,
	"fenetre_jours" integer DEFAULT 60 NOT NULL,
	"delai_minimal" integer DEFAULT 0 NOT NULL,
	"max_par_personne_jour" integer DEFAULT 1 NOT NULL,
	"instructions" varchar(1000) DEFAULT '' NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "motif_duree" CHECK ("motifs"."duree" between 5 and 480),
	CONSTRAINT "motif_tampon" CHECK ("motifs"."tampon_apres" between 0 and 240),
	CONSTRAINT "motif_pas" CHECK ("motifs"."pas" is null or "motifs"."pas" between 5 and 720),
	CONSTRAINT "motif_fenetre" CHECK ("motifs"."fenetre_jours" between 1 and 366),
	CONSTRAINT "motif_delai" CHECK ("motifs"."delai_minimal" between 0 and 43200),
	CONSTRAINT "motif_max_personne" CHECK ("motifs"."max_par_personne_jour" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "rendez_vous" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"motif_id" uuid NOT NULL,
	"ressource_id" uuid NOT NULL,
	"debut" timestamp with time zone NOT NULL,
	"fin" timestamp with time zone NOT NULL,
	"tampon_apres" integer DEFAULT 0 NOT NULL,
	"occupe" "tstzrange" NOT NULL,
	"statut" "statut_rdv" DEFAULT 'reserve' NOT NULL,
	"nom" varchar(100),
	"courriel" varchar(254),
	"telephone" varchar(20),
	"consentement_le" timestamp with time zone,
	"origine" "origine_rdv" NOT NULL,
	"cree_par" uuid,
	"annule_le" timestamp with time zone,
	"anonymise_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rendez_vous_dates" CHECK ("rendez_vous"."fin" > "rendez_vous"."debut"),
	CONSTRAINT "rendez_vous_occupe" CHECK (lower("rendez_vous"."occupe") = "rendez_vous"."debut" and upper("rendez_vous"."occupe") >= "rendez_vous"."fin"),
	CONSTRAINT "rendez_vous_tampon" CHECK ("rendez_vous"."tampon_apres" between 0 and 240),
	CONSTRAINT "rendez_vous_contact" CHECK ("rendez_vous"."origine" = 'guichet' or "rendez_vous"."anonymise_le" is not null or "rendez_vous"."courriel" is not null or "rendez_vous"."telephone" is not null),
	CONSTRAINT "rendez_vous_consentement" CHECK ("rendez_vous"."origine" = 'guichet' or "rendez_vous"."consentement_le" is not null),
	CONSTRAINT "rendez_vous_nom" CHECK ("rendez_vous"."nom" is not null or "rendez_vous"."anonymise_le" is not null)
);
--> statement-breakpoint
CREATE TABLE "ressources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"type" "type_ressource" NOT NULL,
	"utilisateur_id" uuid,
	"partenaire_id" uuid,
	"libelle" varchar(120) NOT NULL,
	"regles" jsonb NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	CONSTRAINT "ressource_permanence_partenaire" CHECK ("ressources"."type" <> 'permanence' or "ressources"."partenaire_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_ressource_id_ressources_id_fk" FOREIGN KEY ("ressource_id") REFERENCES "public"."ressources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motif_ressources" ADD CONSTRAINT "motif_ressources_motif_id_motifs_id_fk" FOREIGN KEY ("motif_id") REFERENCES "public"."motifs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motif_ressources" ADD CONSTRAINT "motif_ressources_ressource_id_ressources_id_fk" FOREIGN KEY ("ressource_id") REFERENCES "public"."ressources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motifs" ADD CONSTRAINT "motifs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motifs" ADD CONSTRAINT "motifs_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_motif_id_motifs_id_fk" FOREIGN KEY ("motif_id") REFERENCES "public"."motifs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_ressource_id_ressources_id_fk" FOREIGN KEY ("ressource_id") REFERENCES "public"."ressources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ressources" ADD CONSTRAINT "ressources_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_ressource_idx" ON "absences" USING btree ("ressource_id","debut");--> statement-breakpoint
CREATE INDEX "motifs_site_idx" ON "motifs" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "rendez_vous_ressource_idx" ON "rendez_vous" USING btree ("ressource_id","debut");--> statement-breakpoint
CREATE INDEX "rendez_vous_site_idx" ON "rendez_vous" USING btree ("site_id","debut");--> statement-breakpoint
CREATE INDEX "rendez_vous_fin_idx" ON "rendez_vous" USING btree ("fin");--> statement-breakpoint
CREATE INDEX "ressources_site_idx" ON "ressources" USING btree ("site_id");--> statement-breakpoint
-- Hand-written (drizzle-kit does not model exclusion constraints): no two live appointments of one resource may hold
-- overlapping ranges. The database is the guarantee against double booking; the service only chooses (ADR 0027).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_sans_chevauchement" EXCLUDE USING gist ("ressource_id" WITH =, "occupe" WITH &&) WHERE ("statut" IN ('reserve', 'arrive', 'vu'));
