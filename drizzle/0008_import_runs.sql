CREATE TABLE "imports_liste" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fichier" text NOT NULL,
	"contenu" "bytea",
	"auteur" uuid,
	"etat" text DEFAULT 'en_attente' NOT NULL,
	"tentatives" integer DEFAULT 0 NOT NULL,
	"faites" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"rapport" jsonb,
	"erreur" text,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"debute_le" timestamp with time zone,
	"termine_le" timestamp with time zone,
	CONSTRAINT "imports_liste_etat" CHECK ("imports_liste"."etat" in ('en_attente', 'en_cours', 'terminee', 'echec'))
);
--> statement-breakpoint
ALTER TABLE "imports_liste" ADD CONSTRAINT "imports_liste_auteur_utilisateurs_id_fk" FOREIGN KEY ("auteur") REFERENCES "public"."utilisateurs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_liste_cree_le" ON "imports_liste" USING btree ("cree_le");