CREATE TYPE "public"."regle_semaine_53" AS ENUM('impaire', 'paire', 'aucune', 'alterner');--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "semaine_53" "regle_semaine_53" DEFAULT 'impaire' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "id_fs_provisoire" varchar(20);--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "expire_le" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "sites_id_fs_provisoire_unique" ON "sites" USING btree ("id_fs_provisoire");--> statement-breakpoint
-- Issue 9, point 10 (hand-written): one-time links already in the outbox. Sent bodies are erased; unsent ones get an
-- expiry (at most 7 days, the invitation's) after which they are neither sent nor kept.
UPDATE "courriels" SET "texte" = 'Contenu effacé après l’envoi : ce message contenait un lien à usage unique.' WHERE "envoye_le" IS NOT NULL AND "texte" LIKE '%/mot-de-passe/nouveau?jeton=%';--> statement-breakpoint
UPDATE "courriels" SET "expire_le" = "cree_le" + interval '7 days' WHERE "envoye_le" IS NULL AND "texte" LIKE '%/mot-de-passe/nouveau?jeton=%';
