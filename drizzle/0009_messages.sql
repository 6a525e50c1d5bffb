CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"canal" varchar(10) NOT NULL,
	"destinataire" varchar(254) NOT NULL,
	"modele" varchar(100) NOT NULL,
	"parametres" jsonb NOT NULL,
	"cle" varchar(200) NOT NULL,
	"statut" varchar(12) DEFAULT 'en_attente' NOT NULL,
	"tentatives" integer DEFAULT 0 NOT NULL,
	"prochain_essai_le" timestamp with time zone DEFAULT now() NOT NULL,
	"bail_jusqu_a" timestamp with time zone,
	"derniere_erreur" text,
	"id_fournisseur" varchar(200),
	"remise" varchar(40),
	"remise_le" timestamp with time zone,
	"segments" integer,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"envoye_le" timestamp with time zone,
	"expire_le" timestamp with time zone,
	CONSTRAINT "messages_cle_unique" UNIQUE("cle"),
	CONSTRAINT "messages_canal" CHECK ("messages"."canal" in ('courriel', 'sms')),
	CONSTRAINT "messages_statut" CHECK ("messages"."statut" in ('en_attente', 'envoi', 'envoye', 'echec', 'annule'))
);
--> statement-breakpoint
DROP TABLE "courriels" CASCADE;--> statement-breakpoint
CREATE INDEX "messages_a_envoyer" ON "messages" USING btree ("statut","prochain_essai_le");--> statement-breakpoint
CREATE INDEX "messages_fournisseur" ON "messages" USING btree ("id_fournisseur");