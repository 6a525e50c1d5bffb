import type { ContextePage } from '../../../ui/contexte.ts';
import {
  ActionsFiche,
  Case,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Recherche, Tableau } from '../../../ui/tableau.tsx';
import { nomDepartement } from '../../territoires/index.ts';
import { GENRES_SITE, LIBELLES_GENRES } from '../validation.ts';
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
  return (
    <Layout
      titre={Object.keys(etat.erreurs).length > 0 ? `Erreur – ${titre}` : titre}
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
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Enregistrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={annuler}>
              Annuler
            </a>
          </li>
        </ul>
      </Formulaire>
    </Layout>
  );
}

export function PageSite({ ctx, site, gerer }: { ctx: ContextePage; site: Site; gerer: boolean }) {
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
        <dt class="fr-text--bold">Téléphone</dt>
        <dd>{site.telephone ?? 'Non renseigné'}</dd>
        <dt class="fr-text--bold">Adresse électronique</dt>
        <dd>{site.courriel ?? 'Non renseignée'}</dd>
        <dt class="fr-text--bold">Agence postale communale</dt>
        <dd>{site.agencePostale ? 'Oui' : 'Non'}</dd>
      </dl>
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
