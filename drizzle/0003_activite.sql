CREATE TYPE "public"."rubrique" AS ENUM('accompagnement', 'numerique', 'demarches');--> statement-breakpoint
CREATE TYPE "public"."canal" AS ENUM('accueil_physique', 'telephone', 'courriel_formulaire', 'visio', 'hors_les_murs');--> statement-breakpoint
CREATE TYPE "public"."tranche_duree" AS ENUM('moins_10', 'de_10_a_30', 'de_30_a_60', 'plus_60');--> statement-breakpoint
CREATE TYPE "public"."issue_sollicitation" AS ENUM('resolu', 'a_suivre', 'oriente_partenaire', 'transmis_referent');--> statement-breakpoint
CREATE TYPE "public"."niveau_aide" AS ENUM('information_orientation', 'accompagnement_numerique', 'aide_demarche', 'mise_en_relation', 'prise_rdv');--> statement-breakpoint
CREATE TYPE "public"."operation_journal" AS ENUM('creation', 'modification', 'suppression');--> statement-breakpoint
CREATE TYPE "public"."tranche_age" AS ENUM('moins_26', 'de_26_a_39', 'de_40_a_54', 'de_55_a_64', 'de_65_a_74', 'plus_75');--> statement-breakpoint
CREATE TABLE "prestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"situation_id" uuid NOT NULL,
	"rubrique" "rubrique" NOT NULL,
	"libelle" varchar(500) NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"actif" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "situation_partenaires" (
	"situation_id" uuid NOT NULL,
	"partenaire_id" uuid NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "situation_partenaires_situation_id_partenaire_id_pk" PRIMARY KEY("situation_id","partenaire_id")
);
--> statement-breakpoint
CREATE TABLE "situations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(80) NOT NULL,
	"nom" varchar(200) NOT NULL,
	"theme_id" uuid NOT NULL,
	"structure_id" uuid,
	"ordre" integer DEFAULT 0 NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "situations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(60) NOT NULL,
	"nom" varchar(200) NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	CONSTRAINT "themes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "journal_sollicitations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sollicitation_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"operation" "operation_journal" NOT NULL,
	"par" uuid NOT NULL,
	"le" timestamp with time zone DEFAULT now() NOT NULL,
	"avant" jsonb,
	"apres" jsonb
);
--> statement-breakpoint
CREATE TABLE "sollicitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"arret_id" uuid,
	"structure_id" uuid NOT NULL,
	"departement" varchar(3) NOT NULL,
	"agent_id" uuid NOT NULL,
	"survenue_le" timestamp with time zone NOT NULL,
	"jour" date NOT NULL,
	"canal" "canal" NOT NULL,
	"situation_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"partenaires" uuid[] NOT NULL,
	"niveau" "niveau_aide" NOT NULL,
	"issue" "issue_sollicitation" NOT NULL,
	"duree" "tranche_duree" NOT NULL,
	"non_recours" boolean DEFAULT false NOT NULL,
	"difficulte_numerique" boolean DEFAULT false NOT NULL,
	"premiere_visite" boolean DEFAULT false NOT NULL,
	"tranche_age" "tranche_age",
	"commune_residence" varchar(5),
	"note" varchar(200),
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone,
	"modifie_par" uuid,
	CONSTRAINT "sollicitation_partenaires" CHECK (cardinality("sollicitations"."partenaires") between 1 and 12)
);
--> statement-breakpoint
ALTER TABLE "prestations" ADD CONSTRAINT "prestations_situation_id_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."situations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation_partenaires" ADD CONSTRAINT "situation_partenaires_situation_id_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."situations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation_partenaires" ADD CONSTRAINT "situation_partenaires_partenaire_id_partenaires_id_fk" FOREIGN KEY ("partenaire_id") REFERENCES "public"."partenaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations" ADD CONSTRAINT "situations_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situations" ADD CONSTRAINT "situations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_arret_id_arrets_id_fk" FOREIGN KEY ("arret_id") REFERENCES "public"."arrets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_agent_id_utilisateurs_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."utilisateurs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_situation_id_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."situations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_modifie_par_utilisateurs_id_fk" FOREIGN KEY ("modifie_par") REFERENCES "public"."utilisateurs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prestations_situation_idx" ON "prestations" USING btree ("situation_id");--> statement-breakpoint
CREATE INDEX "situations_structure_idx" ON "situations" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "journal_sollicitation_idx" ON "journal_sollicitations" USING btree ("sollicitation_id");--> statement-breakpoint
CREATE INDEX "journal_structure_idx" ON "journal_sollicitations" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "sollicitations_site_jour_idx" ON "sollicitations" USING btree ("site_id","jour");--> statement-breakpoint
CREATE INDEX "sollicitations_structure_jour_idx" ON "sollicitations" USING btree ("structure_id","jour");--> statement-breakpoint
CREATE INDEX "sollicitations_agent_cree_idx" ON "sollicitations" USING btree ("agent_id","cree_le");--> statement-breakpoint
-- A request's partners must be known partners, each named once (an array cannot carry a foreign key).
CREATE FUNCTION sollicitation_partenaires_connus() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ARRAY(SELECT DISTINCT unnest(NEW.partenaires))) <> cardinality(NEW.partenaires) THEN
    RAISE EXCEPTION 'partner named twice in sollicitation %', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT count(*) FROM partenaires WHERE id = ANY (NEW.partenaires)) <> cardinality(NEW.partenaires) THEN
    RAISE EXCEPTION 'unknown partner in sollicitation %', NEW.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER sollicitations_partenaires_connus BEFORE INSERT OR UPDATE OF partenaires ON sollicitations
  FOR EACH ROW EXECUTE FUNCTION sollicitation_partenaires_connus();
--> statement-breakpoint
-- The journal is written by the database, so no code path can change a request without leaving a trace. The actor is
-- the transaction-local setting guichet.acteur; a change without it is refused.
CREATE FUNCTION journaliser_sollicitation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acteur uuid := nullif(current_setting('guichet.acteur', true), '')::uuid;
  ligne sollicitations%ROWTYPE;
BEGIN
  IF acteur IS NULL THEN
    RAISE EXCEPTION 'guichet.acteur is not set: every change to a sollicitation must name who makes it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN ligne := OLD; ELSE ligne := NEW; END IF;
  INSERT INTO journal_sollicitations (sollicitation_id, structure_id, site_id, operation, par, avant, apres)
  VALUES (
    ligne.id, ligne.structure_id, ligne.site_id,
    CASE TG_OP WHEN 'INSERT' THEN 'creation' WHEN 'UPDATE' THEN 'modification' ELSE 'suppression' END::operation_journal,
    acteur,
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sollicitations_journal AFTER INSERT OR UPDATE OR DELETE ON sollicitations
  FOR EACH ROW EXECUTE FUNCTION journaliser_sollicitation();
--> statement-breakpoint
-- Append-only: no update, delete or truncate of the journal, whoever asks.
CREATE FUNCTION journal_en_ajout_seul() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_sollicitations is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_sollicitations_ajout_seul BEFORE UPDATE OR DELETE ON journal_sollicitations
  FOR EACH ROW EXECUTE FUNCTION journal_en_ajout_seul();
--> statement-breakpoint
CREATE TRIGGER journal_sollicitations_sans_truncate BEFORE TRUNCATE ON journal_sollicitations
  FOR EACH STATEMENT EXECUTE FUNCTION journal_en_ajout_seul();
--> statement-breakpoint
-- Partner "other": for situations the bouquet hands to organisations outside the 9 national partners (MDPH,
-- DGCCRF, youth information, energy advice). Not national; not tied to a structure.
INSERT INTO "partenaires" ("code", "nom", "nom_court", "national") VALUES
  ('autre', 'Autre organisme (hors partenaires nationaux)', 'Autre organisme', false)
ON CONFLICT ("code") DO NOTHING;
--> statement-breakpoint
-- The bouquet de services (seed 002, annex 2): 6 themes, 20 life situations, their partners and items.
--> statement-breakpoint
INSERT INTO "themes" ("code", "nom", "ordre") VALUES
  ('formation-emploi-retraite', 'Formation, emploi et retraite', 1),
  ('prevention-sante', 'Prévention santé', 2),
  ('etat-civil-famille', 'État civil et famille', 3),
  ('justice', 'Justice', 4),
  ('budget', 'Budget', 5),
  ('logement-mobilite-courrier', 'Logement, mobilité et courrier', 6);
--> statement-breakpoint
INSERT INTO "situations" ("code", "nom", "theme_id", "ordre") VALUES
  ('je-prepare-ma-retraite', 'Je prépare ma retraite', (SELECT id FROM themes WHERE code = 'formation-emploi-retraite'), 1),
  ('je-cherche-un-emploi', 'Je cherche un emploi', (SELECT id FROM themes WHERE code = 'formation-emploi-retraite'), 2),
  ('je-suis-affilie-a-la-msa', 'Je suis affilié à la MSA', (SELECT id FROM themes WHERE code = 'formation-emploi-retraite'), 3),
  ('informations-jeunesse', 'Informations jeunesse', (SELECT id FROM themes WHERE code = 'formation-emploi-retraite'), 4),
  ('je-cherche-a-rembourser-mes-soins', 'Je cherche à rembourser mes soins', (SELECT id FROM themes WHERE code = 'prevention-sante'), 5),
  ('je-suis-en-situation-de-handicap', 'Je suis en situation de handicap', (SELECT id FROM themes WHERE code = 'prevention-sante'), 6),
  ('je-prends-soin-de-ma-sante', 'Je prends soin de ma santé', (SELECT id FROM themes WHERE code = 'prevention-sante'), 7),
  ('je-perds-un-proche', 'Je perds un proche', (SELECT id FROM themes WHERE code = 'etat-civil-famille'), 8),
  ('j-etablis-mes-papiers-d-identite', 'J’établis mes papiers d’identité', (SELECT id FROM themes WHERE code = 'etat-civil-famille'), 9),
  ('je-donne-naissance', 'Je donne naissance', (SELECT id FROM themes WHERE code = 'etat-civil-famille'), 10),
  ('je-fais-face-a-un-litige-ou-un-conflit', 'Je fais face à un litige ou un conflit', (SELECT id FROM themes WHERE code = 'justice'), 11),
  ('je-suis-victime-d-une-infraction', 'Je suis victime d’une infraction', (SELECT id FROM themes WHERE code = 'justice'), 12),
  ('je-declare-mes-impots', 'Je déclare mes impôts', (SELECT id FROM themes WHERE code = 'budget'), 13),
  ('je-connais-des-difficultes-financieres', 'Je connais des difficultés financières', (SELECT id FROM themes WHERE code = 'budget'), 14),
  ('je-fais-face-a-un-litige-de-consommation', 'Je fais face à un litige de consommation', (SELECT id FROM themes WHERE code = 'budget'), 15),
  ('je-me-deplace', 'Je me déplace', (SELECT id FROM themes WHERE code = 'logement-mobilite-courrier'), 16),
  ('je-gere-mon-energie', 'Je gère mon énergie', (SELECT id FROM themes WHERE code = 'logement-mobilite-courrier'), 17),
  ('j-ai-besoin-d-un-service-postal', 'J’ai besoin d’un service postal', (SELECT id FROM themes WHERE code = 'logement-mobilite-courrier'), 18),
  ('je-cherche-une-allocation-logement', 'Je cherche une allocation logement', (SELECT id FROM themes WHERE code = 'logement-mobilite-courrier'), 19);
--> statement-breakpoint
INSERT INTO "situation_partenaires" ("situation_id", "partenaire_id", "ordre") VALUES
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), (SELECT id FROM partenaires WHERE code = 'assurance-retraite'), 1),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), (SELECT id FROM partenaires WHERE code = 'msa'), 2),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), (SELECT id FROM partenaires WHERE code = 'france-travail'), 1),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), (SELECT id FROM partenaires WHERE code = 'msa'), 1),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), (SELECT id FROM partenaires WHERE code = 'autre'), 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), (SELECT id FROM partenaires WHERE code = 'assurance-maladie'), 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), (SELECT id FROM partenaires WHERE code = 'msa'), 2),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), (SELECT id FROM partenaires WHERE code = 'autre'), 1),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), (SELECT id FROM partenaires WHERE code = 'assurance-maladie'), 1),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), (SELECT id FROM partenaires WHERE code = 'caf'), 1),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), (SELECT id FROM partenaires WHERE code = 'assurance-maladie'), 2),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), (SELECT id FROM partenaires WHERE code = 'msa'), 3),
  ((SELECT id FROM situations WHERE code = 'j-etablis-mes-papiers-d-identite'), (SELECT id FROM partenaires WHERE code = 'interieur-ants'), 1),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), (SELECT id FROM partenaires WHERE code = 'caf'), 1),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), (SELECT id FROM partenaires WHERE code = 'assurance-maladie'), 2),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), (SELECT id FROM partenaires WHERE code = 'msa'), 3),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), (SELECT id FROM partenaires WHERE code = 'justice'), 1),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), (SELECT id FROM partenaires WHERE code = 'justice'), 1),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), (SELECT id FROM partenaires WHERE code = 'finances-publiques'), 1),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), (SELECT id FROM partenaires WHERE code = 'caf'), 1),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), (SELECT id FROM partenaires WHERE code = 'assurance-maladie'), 2),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), (SELECT id FROM partenaires WHERE code = 'autre'), 1),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), (SELECT id FROM partenaires WHERE code = 'interieur-ants'), 1),
  ((SELECT id FROM situations WHERE code = 'je-gere-mon-energie'), (SELECT id FROM partenaires WHERE code = 'autre'), 1),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), (SELECT id FROM partenaires WHERE code = 'la-poste'), 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), (SELECT id FROM partenaires WHERE code = 'caf'), 1);
--> statement-breakpoint
INSERT INTO "prestations" ("situation_id", "rubrique", "libelle", "ordre") VALUES
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'accompagnement', 'Accéder à une information de premier niveau (droits et démarches pour la retraite)', 1),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'accompagnement', 'Contacter la Caisse nationale d’assurance vieillesse en cas de situation individuelle complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'accompagnement', 'Orienter vers les permanences de la Carsat si besoin', 3),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'numerique', 'Orienter vers le site lassuranceretraite.fr', 4),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'numerique', 'Aider à créer l’espace personnel', 5),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'numerique', 'Accompagner la simulation de la retraite', 6),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous ou appel vidéo)', 7),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'numerique', 'Donner accès aux imprimantes et scanners', 8),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information de la branche', 9),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'demarches', 'Expliquer comment déposer ou retirer le dossier', 10),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'demarches', 'Expliquer les informations demandées et les pièces sollicitées', 11),
  ((SELECT id FROM situations WHERE code = 'je-prepare-ma-retraite'), 'demarches', 'Vérifier la complétude et l’exactitude du dossier', 12),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'accompagnement', 'Informer sur les droits, les démarches et les agences France Travail les plus proches', 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'accompagnement', 'Contacter le référent France Travail si la situation est complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'accompagnement', 'Orienter vers d’autres partenaires pour les besoins complémentaires', 3),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'accompagnement', 'Appuyer la recherche d’emploi (CV, entretiens), informer sur les métiers, formations et événements', 4),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Orienter vers francetravail.fr et ses téléprocédures', 5),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Aider à naviguer sur le site (espace personnel, inscription et réinscription en ligne)', 6),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Accompagner la simulation d’allocations', 7),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous physique ou visio-entretien)', 8),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Donner accès aux imprimantes et scanners pour l’envoi dématérialisé', 9),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'numerique', 'Orienter vers d’autres acteurs locaux de l’accompagnement au numérique', 10),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information', 11),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'demarches', 'Expliquer les informations demandées et les pièces sollicitées', 12),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'demarches', 'Aider à constituer un dossier exact et complet', 13),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'demarches', 'Aider pour les paiements, attestations, déclarations, documents et convocations', 14),
  ((SELECT id FROM situations WHERE code = 'je-cherche-un-emploi'), 'demarches', 'Aider à demander un extrait de casier judiciaire (bulletin n° 3)', 15),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'accompagnement', 'Informer sur la MSA : adhésion, horaires, agence la plus proche', 1),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'accompagnement', 'Renseigner et accompagner la simulation des droits (retraite, santé, famille, cotisations)', 2),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'accompagnement', 'Contacter un référent MSA en cas de situation complexe', 3),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'numerique', 'Orienter vers le site de la MSA et l’espace privé', 4),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'numerique', 'Aider à se connecter au site et à l’application « Ma MSA & Moi »', 5),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'numerique', 'Accompagner l’utilisation des services en ligne (compte, paiements, attestations, déclarations)', 6),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'numerique', 'Aider à prendre rendez-vous en ligne avec un expert de la MSA', 7),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'numerique', 'Permettre d’imprimer et de scanner', 8),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information de la MSA', 9),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'demarches', 'Expliquer les informations adressées et les pièces sollicitées', 10),
  ((SELECT id FROM situations WHERE code = 'je-suis-affilie-a-la-msa'), 'demarches', 'Aider à constituer un dossier complet et exact, expliquer comment le déposer', 11),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'accompagnement', 'Donner une information générale sur l’ensemble des partenaires', 1),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'accompagnement', 'Mettre en lien avec les structures jeunesse (Point info jeunesse, PAEJ, Maisons des adolescents)', 2),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'accompagnement', 'Informer sur les réseaux des PAEJ, des UDAF et des Missions locales', 3),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'accompagnement', 'Contacter un référent spécialiste en cas de situation complexe', 4),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'numerique', 'Faire découvrir le site jeunes.gouv.fr et ses services', 5),
  ((SELECT id FROM situations WHERE code = 'informations-jeunesse'), 'numerique', 'Donner accès aux imprimantes et scanners, aider à l’envoi dématérialisé', 6),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'accompagnement', 'Donner une information générale ou personnalisée de premier niveau (démarches, agences)', 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'accompagnement', 'Contacter le référent de la caisse d’assurance maladie en cas de situation complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'numerique', 'Orienter vers ameli.fr et l’application mobile', 3),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'numerique', 'Aider à ouvrir le compte ameli et à utiliser les services en ligne', 4),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'numerique', 'Donner accès aux imprimantes et scanners', 5),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous, courriel, téléphone)', 6),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'demarches', 'Fournir la documentation et informer sur les services en ligne', 7),
  ((SELECT id FROM situations WHERE code = 'je-cherche-a-rembourser-mes-soins'), 'demarches', 'Inciter à ne pas conserver les documents papier une fois numérisés', 8),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'accompagnement', 'Assurer un premier accueil et informer sur la compensation du handicap et la MDPH', 1),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'numerique', 'Orienter vers le site de la MDPH du département', 2),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'numerique', 'Aider à télécharger les formulaires de demande sur service-public.fr', 3),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'numerique', 'Accompagner la saisie en ligne des formulaires', 4),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'numerique', 'Donner accès aux imprimantes et scanners', 5),
  ((SELECT id FROM situations WHERE code = 'je-suis-en-situation-de-handicap'), 'demarches', 'Aider à remplir les formulaires (hors situations complexes, orientées vers la MDPH)', 6),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), 'accompagnement', 'Assurer un premier accueil social inconditionnel de proximité', 1),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), 'accompagnement', 'Donner accès à des ateliers collectifs de prévention', 2),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), 'numerique', 'Orienter vers les informations pratiques du ministère de la Santé', 3),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), 'numerique', 'Donner accès aux imprimantes et scanners', 4),
  ((SELECT id FROM situations WHERE code = 'je-prends-soin-de-ma-sante'), 'demarches', 'Fournir la documentation sur l’accès aux soins et la prévention', 5),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'accompagnement', 'Informer sur les droits et démarches lors du décès d’un proche', 1),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'accompagnement', 'Contacter le référent de l’Assurance Maladie ou de la CAF en cas de situation complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'accompagnement', 'Orienter vers d’autres partenaires pour les besoins complémentaires', 3),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'accompagnement', 'Aider à comprendre les courriers de la CAF et de l’Assurance Maladie', 4),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'numerique', 'Orienter vers ameli.fr, caf.fr et leurs applications', 5),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'numerique', 'Aider à naviguer sur les sites (dossier, téléprocédures, rendez-vous)', 6),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous ou visio-entretien)', 7),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'numerique', 'Donner accès aux imprimantes et scanners', 8),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'demarches', 'Aider à constituer les dossiers', 9),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'demarches', 'Aider à comprendre les pièces demandées', 10),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'demarches', 'Aider à numériser les documents (sans les conserver)', 11),
  ((SELECT id FROM situations WHERE code = 'je-perds-un-proche'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information', 12),
  ((SELECT id FROM situations WHERE code = 'j-etablis-mes-papiers-d-identite'), 'numerique', 'Faire la pré-demande de passeport ou de carte d’identité sur le site de l’ANTS', 1),
  ((SELECT id FROM situations WHERE code = 'j-etablis-mes-papiers-d-identite'), 'numerique', 'Donner accès aux imprimantes et scanners', 2),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'accompagnement', 'Informer sur les allocations, services, démarches et conditions', 1),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'accompagnement', 'Contacter le référent de l’Assurance Maladie ou de la CAF en cas de situation complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'accompagnement', 'Orienter vers d’autres partenaires pour les besoins complémentaires', 3),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'accompagnement', 'Aider à comprendre les courriers de la CAF et de l’Assurance Maladie', 4),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'numerique', 'Orienter vers caf.fr, ameli.fr et leurs applications', 5),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'numerique', 'Aider à naviguer sur les sites (dossier, téléprocédures, rendez-vous)', 6),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information', 7),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'demarches', 'Aider à constituer les dossiers', 8),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'demarches', 'Aider à comprendre les pièces demandées', 9),
  ((SELECT id FROM situations WHERE code = 'je-donne-naissance'), 'demarches', 'Aider à numériser les documents (sans les conserver)', 10),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'accompagnement', 'Orienter vers un point-justice ou une maison de justice et du droit', 1),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'accompagnement', 'Informer sur la médiation, la conciliation et la saisine du Défenseur des droits', 2),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'accompagnement', 'Accompagner la demande d’extrait de casier judiciaire', 3),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'numerique', 'Présenter le site justice.fr et ses fonctionnalités', 4),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'numerique', 'Donner accès aux imprimantes et scanners', 5),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'demarches', 'Fournir la documentation sur les recours administratifs', 6),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-ou-un-conflit'), 'demarches', 'Donner les coordonnées de professionnels du droit (avocats, notaires, commissaires de justice)', 7),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), 'accompagnement', 'Assurer un premier accueil et renseigner sur l’aide aux victimes', 1),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), 'accompagnement', 'Informer et orienter en matière de violences sexistes et sexuelles', 2),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), 'accompagnement', 'Orienter vers une association d’aide aux victimes', 3),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), 'accompagnement', 'Présenter la plateforme téléphonique d’aide aux victimes 116 006', 4),
  ((SELECT id FROM situations WHERE code = 'je-suis-victime-d-une-infraction'), 'demarches', 'Fournir la documentation sur l’assistance aux victimes', 5),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'accompagnement', 'Délivrer une information de premier niveau sur la fiscalité des particuliers et les paiements à la DGFiP', 1),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'accompagnement', 'Orienter vers l’interlocuteur compétent', 2),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'accompagnement', 'Aider à prendre rendez-vous avec un expert de la DGFiP', 3),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'numerique', 'Présenter les principales fonctionnalités d’impots.gouv.fr', 4),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'numerique', 'Accompagner l’espace particulier : déclaration, correction, prélèvement à la source, paiement, messagerie', 5),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'numerique', 'Accompagner les autres services en ligne (amendes, factures locales, timbres électroniques)', 6),
  ((SELECT id FROM situations WHERE code = 'je-declare-mes-impots'), 'numerique', 'Porter une attention particulière à qui ne peut pas déclarer en ligne', 7),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'accompagnement', 'Informer sur les droits, services et démarches de la CAF', 1),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'accompagnement', 'Renseigner sur les Points conseil budget (surendettement, difficultés budgétaires)', 2),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'accompagnement', 'Contacter le référent de la CAF en cas de situation complexe', 3),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'accompagnement', 'Orienter vers les acteurs sociaux de proximité (département, CCAS)', 4),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'numerique', 'Accompagner l’utilisation de caf.fr et de l’application', 5),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'numerique', 'Aider à la simulation d’allocations', 6),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous ou visio-entretien)', 7),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'numerique', 'Donner accès aux imprimantes et scanners', 8),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'demarches', 'Fournir la documentation et relayer les campagnes d’information', 9),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'demarches', 'Aider à constituer les dossiers et à numériser les pièces', 10),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'demarches', 'Orienter vers mesquestionsdargent.fr ou un Point conseil budget', 11),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'demarches', 'Informer sur la domiciliation des personnes sans domicile', 12),
  ((SELECT id FROM situations WHERE code = 'je-connais-des-difficultes-financieres'), 'demarches', 'Informer sur l’aide alimentaire (associations, épiceries sociales)', 13),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'accompagnement', 'Délivrer une information de premier niveau', 1),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'accompagnement', 'Orienter vers le bon interlocuteur : association de consommateurs, médiateur, conciliateur, DDPP', 2),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'numerique', 'Présenter les sites de l’INC et de la DGCCRF', 3),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'numerique', 'Accompagner le signalement en ligne à la DGCCRF', 4),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'numerique', 'Aider à préparer les pièces du dossier', 5),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'demarches', 'Mettre à disposition la documentation de la DGCCRF', 6),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'demarches', 'Faciliter la prise de rendez-vous avec la direction départementale compétente', 7),
  ((SELECT id FROM situations WHERE code = 'je-fais-face-a-un-litige-de-consommation'), 'demarches', 'Communiquer les coordonnées des associations locales de consommateurs', 8),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à demander ou renouveler un permis de conduire', 1),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à demander ou modifier un certificat d’immatriculation (carte grise)', 2),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à obtenir un certificat de situation administrative (non-gage)', 3),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à consulter le solde de points du permis', 4),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à s’inscrire à l’examen du permis de conduire', 5),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Aider à prendre rendez-vous avec la commission médicale', 6),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'accompagnement', 'Conseiller et aider à la mobilité', 7),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'numerique', 'Orienter vers les sites de l’ANTS, de service-public.fr et du ministère de la Transition écologique', 8),
  ((SELECT id FROM situations WHERE code = 'je-me-deplace'), 'numerique', 'Donner accès aux imprimantes et scanners', 9),
  ((SELECT id FROM situations WHERE code = 'je-gere-mon-energie'), 'accompagnement', 'Évaluer la situation et les besoins énergétiques', 1),
  ((SELECT id FROM situations WHERE code = 'je-gere-mon-energie'), 'accompagnement', 'Conseiller sur le service public de la rénovation de l’habitat', 2),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'accompagnement', 'Informer sur le bureau de poste le plus proche et ses horaires', 1),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'accompagnement', 'Renseigner sur les affranchissements', 2),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'accompagnement', 'Remettre lettres et colis quand le site est un point de retrait', 3),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'accompagnement', 'Accompagner les contrats de réexpédition et de garde du courrier', 4),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'accompagnement', 'Orienter vers un organisme de domiciliation', 5),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'numerique', 'Orienter vers laposte.fr', 6),
  ((SELECT id FROM situations WHERE code = 'j-ai-besoin-d-un-service-postal'), 'numerique', 'Accompagner l’utilisation des services en ligne, donner accès aux imprimantes et scanners', 7),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'accompagnement', 'Informer sur les prestations, services et démarches de la CAF', 1),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'accompagnement', 'Contacter la CAF en cas de situation individuelle complexe', 2),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'accompagnement', 'Orienter vers d’autres partenaires pour les besoins complémentaires', 3),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'accompagnement', 'Aider à comprendre les courriers de la CAF', 4),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'numerique', 'Orienter vers caf.fr et l’application mobile', 5),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'numerique', 'Aider à naviguer sur le site (dossier, procédures, rendez-vous en ligne)', 6),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'numerique', 'Aider aux simulations d’allocations', 7),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'numerique', 'Mettre en relation avec un spécialiste (rendez-vous ou visio-entretien)', 8),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'numerique', 'Donner accès aux imprimantes et scanners', 9),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'demarches', 'Informer sur les campagnes de la branche', 10),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'demarches', 'Aider à constituer les dossiers (téléprocédure, formulaires)', 11),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'demarches', 'Aider à comprendre les pièces à fournir', 12),
  ((SELECT id FROM situations WHERE code = 'je-cherche-une-allocation-logement'), 'demarches', 'Aider à numériser les documents (sans les conserver)', 13);
