import type { ContextePage } from '../../../ui/contexte.ts';
import {
  ActionsFiche,
  BoutonsEnregistrer,
  Case,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
  valeur,
  valeurs,
  ZoneTexte,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, Recherche, Tableau } from '../../../ui/tableau.tsx';
import { nomFuseau } from '../../horaires/index.ts';
import { nomDepartement } from '../../territoires/index.ts';
import {
  ACCESSIBILITE_MAX,
  GENRES_SITE,
  LIBELLES_GENRES,
  NOTE_PUBLIQUE_MAX,
  PARTENAIRES_NATIONAUX,
  SERVICES_SITE,
} from '../validation.ts';
import { EtatActif } from './structures.tsx';

interface Site {
  id: string;
  structureId: string;
  structureNom: string;
  departement: string;
  nom: string;
  genre: keyof typeof LIBELLES_GENRES;
  adresse: string;
  complementAdresse: string | null;
  codePostal: string;
  commune: string;
  codeInsee: string | null;
  telephone: string | null;
  courriel: string | null;
  agencePostale: boolean;
  actif: boolean;
}

export function PageSites({
  ctx,
  sites,
  q,
  inactifs,
  peutCreer,
}: {
  ctx: ContextePage;
  sites: Site[];
  q: string;
  inactifs: boolean;
  peutCreer: boolean;
}) {
  return (
    <Layout titre="Sites" ctx={ctx}>
      <h1>Sites d’accueil</h1>
      {peutCreer && (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/sites/nouveau">
            Ajouter un site
          </a>
        </p>
      )}
      <Recherche
        action="/admin/sites"
        libelle="Rechercher par nom, commune ou code postal"
        valeur={q}
        inactifs={inactifs}
        libelleInactifs="Inclure les sites désactivés"
      />
      <Tableau
        legende={`Sites (${sites.length})`}
        entetes={['Nom', 'Structure', 'Type', 'Commune', 'État']}
        vide="Aucun site ne correspond."
        lignes={sites.map((s) => ({
          cle: s.id,
          cellules: [
            <a href={`/admin/sites/${s.id}`}>{s.nom}</a>,
            <a href={`/admin/structures/${s.structureId}`}>{s.structureNom}</a>,
            LIBELLES_GENRES[s.genre],
            `${s.codePostal} ${s.commune}`,
            <EtatActif actif={s.actif} genre="m" />,
          ],
        }))}
      />
    </Layout>
  );
}

export const LIBELLES_SITE = {
  structureId: 'Structure',
  nom: 'Nom du site',
  genre: 'Type de site',
  adresse: 'Adresse',
  complementAdresse: 'Complément d’adresse',
  codePostal: 'Code postal',
  commune: 'Commune',
  codeInsee: 'Code commune INSEE',
  telephone: 'Téléphone',
  courriel: 'Adresse électronique',
  agencePostale: 'Agence postale communale',
  latitude: 'Latitude',
  longitude: 'Longitude',
  accessibilite: 'Accessibilité',
  commentaire: 'Note publique',
  services: 'Services proposés',
  partenaires: 'Partenaires présents',
  dateLabellisation: 'Date de labellisation',
  idFs: 'Identifiant ANCT (id_fs)',
};

export function FormulaireSite({
  ctx,
  etat,
  structures,
  action,
  titre,
  annuler,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  structures: Array<{ id: string; nom: string; departement: string }>;
  action: string;
  titre: string;
  annuler: string;
}) {
  const services = [...new Set([...SERVICES_SITE, ...valeurs(etat, 'services')])];
  const approchees = valeur(etat, 'coordonneesApprochees') === 'on';
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[{ href: '/admin/sites', libelle: 'Sites' }, { libelle: titre }]}
    >
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_SITE} />
      <Formulaire action={action} csrf={ctx.csrf}>
        <Liste
          nom="structureId"
          libelle={LIBELLES_SITE.structureId}
          etat={etat}
          options={structures.map((s) => ({ valeur: s.id, libelle: `${s.nom} (${s.departement})` }))}
        />
        <Champ
          nom="nom"
          libelle={LIBELLES_SITE.nom}
          aide="Par exemple : Mairie de quartier du Jas de Bouffan"
          etat={etat}
          longueurMax={200}
        />
        <Liste
          nom="genre"
          libelle={LIBELLES_SITE.genre}
          etat={etat}
          options={GENRES_SITE.map((g) => ({ valeur: g, libelle: LIBELLES_GENRES[g] }))}
        />
        <Champ
          nom="adresse"
          libelle={LIBELLES_SITE.adresse}
          aide="Numéro et voie"
          autocomplete="address-line1"
          etat={etat}
          longueurMax={200}
        />
        <Champ
          nom="complementAdresse"
          libelle={LIBELLES_SITE.complementAdresse}
          requis={false}
          autocomplete="address-line2"
          etat={etat}
          longueurMax={200}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <Champ
              nom="codePostal"
              libelle={LIBELLES_SITE.codePostal}
              aide="5 chiffres"
              inputMode="numeric"
              autocomplete="postal-code"
              etat={etat}
              longueurMax={5}
            />
          </div>
          <div class="fr-col-12 fr-col-md-8">
            <Champ
              nom="commune"
              libelle={LIBELLES_SITE.commune}
              autocomplete="address-level2"
              etat={etat}
              longueurMax={120}
            />
          </div>
        </div>
        <Champ
          nom="codeInsee"
          libelle={LIBELLES_SITE.codeInsee}
          aide="Par exemple 92071 pour Sceaux"
          requis={false}
          etat={etat}
          longueurMax={5}
        />
        <Champ
          nom="telephone"
          libelle={LIBELLES_SITE.telephone}
          aide="Par exemple 01 23 45 67 89"
          type="tel"
          requis={false}
          autocomplete="tel"
          etat={etat}
          longueurMax={20}
        />
        <Champ
          nom="courriel"
          libelle={LIBELLES_SITE.courriel}
          aide="Format attendu : nom@domaine.fr"
          type="email"
          requis={false}
          etat={etat}
        />
        <Case nom="agencePostale" libelle="Le site accueille une agence postale communale" etat={etat} />
        <fieldset class="fr-fieldset" aria-labelledby="position-legende">
          <legend class="fr-fieldset__legend" id="position-legende">
            Position géographique (facultatif)
            <span class="fr-hint-text">
              En degrés décimaux, par exemple 48.7782 et 2.2846 ; les deux ou aucune.
              {approchees &&
                ' La position enregistrée est approchée (centre de la commune) : saisissez celle de l’entrée du site.'}
            </span>
          </legend>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <Champ nom="latitude" libelle={LIBELLES_SITE.latitude} requis={false} etat={etat} longueurMax={20} />
          </div>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <Champ nom="longitude" libelle={LIBELLES_SITE.longitude} requis={false} etat={etat} longueurMax={20} />
          </div>
        </fieldset>
        <ZoneTexte
          nom="accessibilite"
          libelle={LIBELLES_SITE.accessibilite}
          aide={`Accès, stationnement, équipements pour les personnes handicapées ; ${ACCESSIBILITE_MAX} caractères au plus`}
          etat={etat}
          longueurMax={ACCESSIBILITE_MAX}
        />
        <ZoneTexte
          nom="commentaire"
          libelle={LIBELLES_SITE.commentaire}
          aide={`Affichée sur la fiche publique, l’affiche et les données ouvertes : accueil sur rendez-vous, adresse provisoire, accès… ; ${NOTE_PUBLIQUE_MAX} caractères au plus`}
          etat={etat}
          longueurMax={NOTE_PUBLIQUE_MAX}
        />
        <Cases
          nom="services"
          legende={LIBELLES_SITE.services}
          etat={etat}
          options={services.map((s) => ({ valeur: s, libelle: s }))}
        />
        <Cases
          nom="partenaires"
          legende={LIBELLES_SITE.partenaires}
          aide="Les 9 partenaires nationaux présents au guichet (agents formés, permanences ou référents)"
          etat={etat}
          options={PARTENAIRES_NATIONAUX.map((p) => ({ valeur: p.code, libelle: p.nom }))}
        />
        <Champ
          nom="dateLabellisation"
          libelle={LIBELLES_SITE.dateLabellisation}
          aide="Format attendu : JJ/MM/AAAA"
          type="date"
          requis={false}
          etat={etat}
        />
        <Champ
          nom="idFs"
          libelle={LIBELLES_SITE.idFs}
          aide="Le numéro du site dans la liste nationale publiée par l’ANCT, par exemple 1234"
          inputMode="numeric"
          requis={false}
          etat={etat}
          longueurMax={12}
        />
        <BoutonsEnregistrer annuler={annuler} />
      </Formulaire>
    </Layout>
  );
}

interface FicheSite extends Site {
  latitude: number | null;
  longitude: number | null;
  coordonneesApprochees: boolean;
  horaires: string | null;
  fuseauHoraire: string;
  accessibilite: string | null;
  commentaire: string | null;
  services: string[];
  dateLabellisation: string | null;
  idFs: number | null;
  idFsProvisoire: string | null;
  partenaires: Array<{ code: string; nom: string; national: boolean }>;
}

/** A multi-line text with its line breaks. */
function Lignes({ texte }: { texte: string }) {
  return (
    <>
      {texte.split('\n').map((ligne, i) => (
        <>
          {i > 0 && <br />}
          {ligne}
        </>
      ))}
    </>
  );
}

/** "2022-01-15" → "15/01/2022". */
function dateFr(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j}/${m}/${a}`;
}

export function PageSite({ ctx, site, gerer }: { ctx: ContextePage; site: FicheSite; gerer: boolean }) {
  return (
    <Layout
      titre={`Site ${site.nom}`}
      ctx={ctx}
      filAriane={[{ href: '/admin/sites', libelle: 'Sites' }, { libelle: site.nom }]}
    >
      <h1>{site.nom}</h1>
      <EtatActif actif={site.actif} genre="m" />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold">Structure</dt>
        <dd>
          <a href={`/admin/structures/${site.structureId}`}>{site.structureNom}</a> ({nomDepartement(site.departement)})
        </dd>
        <dt class="fr-text--bold">Type</dt>
        <dd>{LIBELLES_GENRES[site.genre]}</dd>
        <dt class="fr-text--bold">Adresse</dt>
        <dd>
          {site.adresse}
          {site.complementAdresse && <>, {site.complementAdresse}</>}, {site.codePostal} {site.commune}
          {site.codeInsee && ` (INSEE ${site.codeInsee})`}
        </dd>
        <dt class="fr-text--bold">Position</dt>
        <dd>
          {site.latitude !== null && site.longitude !== null ? (
            <>
              {site.latitude}, {site.longitude}{' '}
              {site.coordonneesApprochees && <Badge type="warning">Position approchée (centre de la commune)</Badge>}
            </>
          ) : (
            'Non renseignée'
          )}
        </dd>
        <dt class="fr-text--bold">Téléphone</dt>
        <dd>{site.telephone ?? 'Non renseigné'}</dd>
        <dt class="fr-text--bold">Adresse électronique</dt>
        <dd>{site.courriel ?? 'Non renseignée'}</dd>
        <dt class="fr-text--bold">Horaires d’ouverture</dt>
        <dd>
          {site.genre === 'itinerant' ? 'Ceux des arrêts de la tournée' : (site.horaires ?? 'Non renseignés')} (
          {nomFuseau(site.fuseauHoraire)})
        </dd>
        <dt class="fr-text--bold">Partenaires présents</dt>
        <dd>
          {site.partenaires.length === 0 ? (
            'Aucun'
          ) : (
            <ul>
              {site.partenaires.map((p) => (
                <li key={p.code}>{p.nom}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt class="fr-text--bold">Services proposés</dt>
        <dd>
          {site.services.length === 0 ? (
            'Non renseignés'
          ) : (
            <ul>
              {site.services.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt class="fr-text--bold">Accessibilité</dt>
        <dd>{site.accessibilite ? <Lignes texte={site.accessibilite} /> : 'Non renseignée'}</dd>
        <dt class="fr-text--bold">{LIBELLES_SITE.commentaire}</dt>
        <dd>{site.commentaire ? <Lignes texte={site.commentaire} /> : 'Aucune'}</dd>
        <dt class="fr-text--bold">Agence postale communale</dt>
        <dd>{site.agencePostale ? 'Oui' : 'Non'}</dd>
        <dt class="fr-text--bold">Date de labellisation</dt>
        <dd>{site.dateLabellisation ? dateFr(site.dateLabellisation) : 'Non renseignée'}</dd>
        <dt class="fr-text--bold">Identifiant ANCT (id_fs)</dt>
        <dd>
          {site.idFs ??
            (site.idFsProvisoire ? `Pas encore attribué (provisoire : ${site.idFsProvisoire})` : 'Non renseigné')}
        </dd>
      </dl>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left fr-mb-2w">
        <li>
          <a
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-time-line fr-btn--icon-left"
            href={`/admin/sites/${site.id}/horaires`}
          >
            Horaires
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-calendar-line fr-btn--icon-left"
            href={`/admin/sites/${site.id}/fermetures`}
          >
            Fermetures exceptionnelles
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-calendar-event-line fr-btn--icon-left"
            href={`/admin/sites/${site.id}/rendez-vous`}
          >
            Rendez-vous
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-team-line fr-btn--icon-left"
            href={`/admin/sites/${site.id}/offres-partenaires`}
          >
            Offre des partenaires
          </a>
        </li>
      </ul>
      <ActionsFiche
        base={`/admin/sites/${site.id}`}
        csrf={ctx.csrf}
        actif={site.actif}
        modifier={gerer}
        activer={gerer}
        objet="le site"
      />
    </Layout>
  );
}
