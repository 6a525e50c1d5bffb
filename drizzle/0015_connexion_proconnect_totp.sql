CREATE TYPE "public"."methode_connexion" AS ENUM('mot_de_passe', 'proconnect');--> statement-breakpoint
CREATE TABLE "codes_secours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"empreinte" text NOT NULL,
	"utilise_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facteurs_totp" (
	"utilisateur_id" uuid PRIMARY KEY NOT NULL,
	"secret_chiffre" text NOT NULL,
	"active_le" timestamp with time zone,
	"dernier_pas" bigint,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identites_proconnect" (
	"utilisateur_id" uuid PRIMARY KEY NOT NULL,
	"sub" varchar(255) NOT NULL,
	"idp_id" varchar(255) NOT NULL,
	"lie_le" timestamp with time zone DEFAULT now() NOT NULL,
	"derniere_connexion_le" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "methode" "methode_connexion" DEFAULT 'mot_de_passe' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "second_facteur_en_attente" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "id_token" text;--> statement-breakpoint
ALTER TABLE "codes_secours" ADD CONSTRAINT "codes_secours_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facteurs_totp" ADD CONSTRAINT "facteurs_totp_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identites_proconnect" ADD CONSTRAINT "identites_proconnect_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "codes_secours_utilisateur_idx" ON "codes_secours" USING btree ("utilisateur_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identites_proconnect_sub_idx" ON "identites_proconnect" USING btree ("sub","idp_id");