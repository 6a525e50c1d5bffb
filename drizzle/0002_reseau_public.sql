CREATE TYPE "public"."semaines" AS ENUM('toutes', 'paires', 'impaires');--> statement-breakpoint
CREATE TABLE "arrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"nom" varchar(200) NOT NULL,
	"adresse" varchar(200) NOT NULL,
	"code_postal" varchar(5) NOT NULL,
	"commune" varchar(120) NOT NULL,
	"code_insee" varchar(5),
	"latitude" double precision,
	"longitude" double precision,
	"horaires" text NOT NULL,
	"semaines" "semaines" DEFAULT 'toutes' NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"actif" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fermetures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"debut" date NOT NULL,
	"fin" date NOT NULL,
	"motif" varchar(300) NOT NULL,
	"motif_urgence" varchar(300),
	"annonce_le" timestamp with time zone DEFAULT now() NOT NULL,
	"annonce_par" uuid,
	CONSTRAINT "fermeture_dates" CHECK ("fermetures"."fin" >= "fermetures"."debut")
);
--> statement-breakpoint
CREATE TABLE "site_partenaires" (
	"site_id" uuid NOT NULL,
	"partenaire_id" uuid NOT NULL,
	CONSTRAINT "site_partenaires_site_id_partenaire_id_pk" PRIMARY KEY("site_id","partenaire_id")
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "coordonnees_approchees" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "horaires" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "horaires_source" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "fuseau_horaire" varchar(40) DEFAULT 'Europe/Paris' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "accessibilite" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "services" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "date_labellisation" date;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "id_fs" integer;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "commentaire" text;--> statement-breakpoint
ALTER TABLE "arrets" ADD CONSTRAINT "arrets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fermetures" ADD CONSTRAINT "fermetures_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_partenaires" ADD CONSTRAINT "site_partenaires_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_partenaires" ADD CONSTRAINT "site_partenaires_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrets_site_idx" ON "arrets" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "fermetures_site_idx" ON "fermetures" USING btree ("site_id","debut");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_id_fs_unique" ON "sites" USING btree ("id_fs");