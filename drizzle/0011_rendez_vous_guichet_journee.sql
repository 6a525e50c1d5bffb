CREATE TYPE "public"."statut_passage" AS ENUM('attente', 'en_cours', 'termine', 'parti');--> statement-breakpoint
CREATE TABLE "passages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"jour" date NOT NULL,
	"numero" integer NOT NULL,
	"libelle" varchar(60),
	"rendez_vous_id" uuid,
	"statut" "statut_passage" DEFAULT 'attente' NOT NULL,
	"arrive_le" timestamp with time zone NOT NULL,
	"pris_en_charge_le" timestamp with time zone,
	"pris_en_charge_par" uuid,
	"termine_le" timestamp with time zone,
	"anonymise_le" timestamp with time zone,
	CONSTRAINT "passages_ticket" UNIQUE("site_id","jour","numero"),
	CONSTRAINT "passages_rendez_vous" UNIQUE("rendez_vous_id"),
	CONSTRAINT "passage_numero" CHECK ("passages"."numero" between 1 and 9999),
	CONSTRAINT "passage_prise" CHECK ("passages"."pris_en_charge_le" is null or "passages"."pris_en_charge_le" >= "passages"."arrive_le"),
	CONSTRAINT "passage_fin" CHECK ("passages"."termine_le" is null or "passages"."termine_le" >= "passages"."arrive_le"),
	CONSTRAINT "passage_statut" CHECK (("passages"."statut" = 'attente' and "passages"."pris_en_charge_le" is null and "passages"."termine_le" is null)
        or ("passages"."statut" = 'en_cours' and "passages"."pris_en_charge_le" is not null and "passages"."termine_le" is null)
        or ("passages"."statut" = 'termine' and "passages"."pris_en_charge_le" is not null and "passages"."termine_le" is not null)
        or ("passages"."statut" = 'parti' and "passages"."pris_en_charge_le" is null and "passages"."termine_le" is not null))
);
--> statement-breakpoint
ALTER TABLE "motifs" ADD COLUMN "lien_visio" varchar(500);--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD COLUMN "raison_annulation" varchar(300);--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_rendez_vous_id_rendez_vous_id_fk" FOREIGN KEY ("rendez_vous_id") REFERENCES "public"."rendez_vous"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "passages_arrive_idx" ON "passages" USING btree ("arrive_le");--> statement-breakpoint
ALTER TABLE "motifs" ADD CONSTRAINT "motif_lien_visio" CHECK ("motifs"."lien_visio" is null or "motifs"."lien_visio" like 'https://%');--> statement-breakpoint
ALTER TABLE "rendez_vous" ADD CONSTRAINT "rendez_vous_sequence" CHECK ("rendez_vous"."sequence" between 0 and 10000);