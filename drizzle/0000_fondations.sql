CREATE TYPE "public"."objet_jeton" AS ENUM('reinitialisation', 'invitation');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin_national', 'coordinateur', 'gestionnaire', 'agent', 'referent');--> statement-breakpoint
CREATE TYPE "public"."genre_site" AS ENUM('principal', 'antenne', 'multisite', 'itinerant');--> statement-breakpoint
CREATE TYPE "public"."porteur" AS ENUM('commune', 'intercommunalite', 'departement', 'association', 'la_poste', 'etat', 'autre');--> statement-breakpoint
CREATE TABLE "partenaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(60) NOT NULL,
	"nom" varchar(200) NOT NULL,
	"nom_court" varchar(60) NOT NULL,
	"national" boolean DEFAULT false NOT NULL,
	"structure_id" uuid,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"description" text,
	CONSTRAINT "partenaires_code_unique" UNIQUE("code"),
	CONSTRAINT "partenaire_national_ou_local" CHECK (("partenaires"."national" and "partenaires"."structure_id" is null) or not "partenaires"."national")
);
--> statement-breakpoint
CREATE TABLE "habilitation_sites" (
	"habilitation_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	CONSTRAINT "habilitation_sites_habilitation_id_site_id_pk" PRIMARY KEY("habilitation_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "habilitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"structure_id" uuid,
	"partenaire_id" uuid,
	"departements" varchar(3)[] DEFAULT '{}'::varchar[] NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "habilitation_portee_coherente" CHECK (case "habilitations"."role"
        when 'admin_national' then "habilitations"."structure_id" is null and "habilitations"."partenaire_id" is null and cardinality("habilitations"."departements") = 0
        when 'coordinateur' then "habilitations"."structure_id" is null and "habilitations"."partenaire_id" is null and cardinality("habilitations"."departements") > 0
        when 'gestionnaire' then "habilitations"."structure_id" is not null and "habilitations"."partenaire_id" is null and cardinality("habilitations"."departements") = 0
        when 'agent' then "habilitations"."structure_id" is not null and "habilitations"."partenaire_id" is null and cardinality("habilitations"."departements") = 0
        when 'referent' then "habilitations"."structure_id" is null and "habilitations"."partenaire_id" is not null and cardinality("habilitations"."departements") > 0
      end)
);
--> statement-breakpoint
CREATE TABLE "jetons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"empreinte" varchar(64) NOT NULL,
	"objet" "objet_jeton" NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"utilise_le" timestamp with time zone,
	CONSTRAINT "jetons_empreinte_unique" UNIQUE("empreinte")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"vu_le" timestamp with time zone DEFAULT now() NOT NULL,
	"expire_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tentatives_connexion" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cle" varchar(100) NOT NULL,
	"le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "utilisateurs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"courriel" varchar(254) NOT NULL,
	"prenom" varchar(100) NOT NULL,
	"nom" varchar(100) NOT NULL,
	"mot_de_passe" text,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL,
	"derniere_connexion_le" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"nom" varchar(200) NOT NULL,
	"genre" "genre_site" NOT NULL,
	"adresse" varchar(200) NOT NULL,
	"complement_adresse" varchar(200),
	"code_postal" varchar(5) NOT NULL,
	"commune" varchar(120) NOT NULL,
	"code_insee" varchar(5),
	"telephone" varchar(20),
	"courriel" varchar(254),
	"agence_postale" boolean DEFAULT false NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nom" varchar(200) NOT NULL,
	"departement" varchar(3) NOT NULL,
	"porteur" "porteur" NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amorcages" (
	"nom" varchar(100) PRIMARY KEY NOT NULL,
	"le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courriels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"destinataire" varchar(254) NOT NULL,
	"sujet" varchar(300) NOT NULL,
	"texte" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"envoye_le" timestamp with time zone,
	"tentatives" integer DEFAULT 0 NOT NULL,
	"derniere_erreur" text
);
--> statement-breakpoint
ALTER TABLE "partenaires" ADD CONSTRAINT "partenaires_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "habilitation_sites" ADD CONSTRAINT "habilitation_sites_habilitation_id_habilitations_id_fk" FOREIGN KEY ("habilitation_id") REFERENCES "public"."habilitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "habilitation_sites" ADD CONSTRAINT "habilitation_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "habilitations" ADD CONSTRAINT "habilitations_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "habilitations" ADD CONSTRAINT "habilitations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "habilitations" ADD CONSTRAINT "habilitations_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jetons" ADD CONSTRAINT "jetons_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "habilitations_utilisateur_idx" ON "habilitations" USING btree ("utilisateur_id");--> statement-breakpoint
CREATE INDEX "habilitations_structure_idx" ON "habilitations" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "sessions_utilisateur_idx" ON "sessions" USING btree ("utilisateur_id");--> statement-breakpoint
CREATE INDEX "sessions_expire_idx" ON "sessions" USING btree ("expire_le");--> statement-breakpoint
CREATE INDEX "tentatives_cle_le_idx" ON "tentatives_connexion" USING btree ("cle","le");--> statement-breakpoint
CREATE UNIQUE INDEX "utilisateurs_courriel_unique" ON "utilisateurs" USING btree (lower("courriel"));--> statement-breakpoint
CREATE INDEX "sites_structure_idx" ON "sites" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "structures_departement_idx" ON "structures" USING btree ("departement");