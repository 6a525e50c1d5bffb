CREATE TYPE "public"."canal_contact" AS ENUM('formulaire', 'courriel');--> statement-breakpoint
CREATE TYPE "public"."issue_contact" AS ENUM('reponse_apportee', 'rendez_vous_propose', 'oriente_partenaire', 'sans_suite', 'indesirable');--> statement-breakpoint
CREATE TYPE "public"."sens_message_contact" AS ENUM('entrant', 'reponse', 'note');--> statement-breakpoint
CREATE TYPE "public"."statut_contact" AS ENUM('nouvelle', 'en_cours', 'repondue', 'close');--> statement-breakpoint
CREATE TABLE "demandes_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"departement" varchar(3) NOT NULL,
	"canal" "canal_contact" NOT NULL,
	"nom" varchar(100),
	"courriel" varchar(254),
	"telephone" varchar(20),
	"objet" varchar(200),
	"recu_le" timestamp with time zone NOT NULL,
	"echeance" timestamp with time zone,
	"statut" "statut_contact" DEFAULT 'nouvelle' NOT NULL,
	"assigne_a" uuid,
	"premiere_reponse_le" timestamp with time zone,
	"close_le" timestamp with time zone,
	"issue" "issue_contact",
	"consentement_le" timestamp with time zone,
	"alerte_trois_quarts_le" timestamp with time zone,
	"alerte_depassement_le" timestamp with time zone,
	"anonymise_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demande_contact_joignable" CHECK ("demandes_contact"."anonymise_le" is not null or "demandes_contact"."courriel" is not null or "demandes_contact"."telephone" is not null),
	CONSTRAINT "demande_contact_close" CHECK (("demandes_contact"."statut" = 'close') = ("demandes_contact"."close_le" is not null and "demandes_contact"."issue" is not null)),
	CONSTRAINT "demande_contact_reponse" CHECK ("demandes_contact"."premiere_reponse_le" is null or "demandes_contact"."premiere_reponse_le" >= "demandes_contact"."recu_le")
);
--> statement-breakpoint
CREATE TABLE "limites_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cle" varchar(100) NOT NULL,
	"le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demande_id" uuid NOT NULL,
	"sens" "sens_message_contact" NOT NULL,
	"auteur_id" uuid,
	"corps" varchar(20000),
	"message_id" varchar(300),
	"pieces_ignorees" integer DEFAULT 0 NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_contact_pieces" CHECK ("messages_contact"."pieces_ignorees" between 0 and 1000)
);
--> statement-breakpoint
ALTER TABLE "motifs" ADD COLUMN "situation_id" uuid;--> statement-breakpoint
ALTER TABLE "demandes_contact" ADD CONSTRAINT "demandes_contact_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demandes_contact" ADD CONSTRAINT "demandes_contact_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages_contact" ADD CONSTRAINT "messages_contact_demande_id_demandes_contact_id_fk" FOREIGN KEY ("demande_id") REFERENCES "public"."demandes_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demandes_contact_site_idx" ON "demandes_contact" USING btree ("site_id","statut","echeance");--> statement-breakpoint
CREATE INDEX "demandes_contact_echeance_idx" ON "demandes_contact" USING btree ("echeance");--> statement-breakpoint
CREATE INDEX "demandes_contact_departement_idx" ON "demandes_contact" USING btree ("departement","recu_le");--> statement-breakpoint
CREATE INDEX "limites_contact_cle_idx" ON "limites_contact" USING btree ("cle","le");--> statement-breakpoint
CREATE INDEX "messages_contact_demande_idx" ON "messages_contact" USING btree ("demande_id","cree_le");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_contact_message_id_idx" ON "messages_contact" USING btree ("message_id");--> statement-breakpoint
ALTER TABLE "motifs" ADD CONSTRAINT "motifs_situation_id_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."situations"("id") ON DELETE no action ON UPDATE no action;