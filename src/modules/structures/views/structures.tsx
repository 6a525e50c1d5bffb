import { deNom } from '../../../platform/formats/francais.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  ActionsFiche,
  BoutonsEnregistrer,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, Recherche, Tableau } from '../../../ui/tableau.tsx';
import { nomDepartement, TERRITOIRES } from '../../territoires/index.ts';
import { LIBELLES_GENRES, LIBELLES_PORTEURS, PORTEURS } from '../validation.ts';

interface Structure {
  id: string;
  nom: string;
  departement: string;
  porteur: keyof typeof LIBELLES_PORTEURS;
  actif: boolean;
}

/** Active or deactivated, agreeing with the noun: "une structure active", "un site actif". */
export function EtatActif({ actif, genre = 'f' }: { actif: boolean; genre?: 'f' | 'm' }) {
  const e = genre === 'f' ? 'e' : '';
  return actif ? <Badge type="success">{`Actif${e}`}</Badge> : <Badge type="error">{`Désactivé${e}`}</Badge>;
}

export function PageStructures({
  ctx,
  structures,
  q,
  inactifs,
  peutCreer,
}: {
  ctx: ContextePage;
  structures: Array<Structure & { nombreSites: number }>;
  q: string;
  inactifs: boolean;
  peutCreer: boolean;
}) {
  return (
    <Layout titre="Structures" ctx={ctx}>
      <h1>Structures France services</h1>
      {peutCreer && (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/structures/nouvelle">
            Ajouter une structure
          </a>
        </p>
      )}
      <Recherche
        action="/admin/structures"
        libelle="Rechercher une structure par son nom"
        valeur={q}
        inactifs={inactifs}
        libelleInactifs="Inclure les structures désactivées"
      />
      <Tableau
        legende={`Structures (${structures.length})`}
        entetes={['Nom', 'Département', 'Porteur', 'Sites actifs', 'État']}
        vide="Aucune structure ne correspond."
        lignes={structures.map((s) => ({
          cle: s.id,
          cellules: [
            <a href={`/admin/structures/${s.id}`}>{s.nom}</a>,
            nomDepartement(s.departement),
            LIBELLES_PORTEURS[s.porteur],
            s.nombreSites,
            <EtatActif actif={s.actif} />,
          ],
        }))}
      />
    </Layout>
  );
}

export const LIBELLES_STRUCTURE = { nom: 'Nom de la structure', departement: 'Département', porteur: 'Porteur' };

export function FormulaireStructure({
  ctx,
  etat,
  departements,
  action,
  titre,
  annuler,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  departements: string[] | 'tous';
  action: string;
  titre: string;
  annuler: string;
}) {
  const options = TERRITOIRES.filter((d) => departements === 'tous' || departements.includes(d.code)).map((d) => ({
    valeur: d.code,
    libelle: `${d.code} – ${d.nom}`,
  }));
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[{ href: '/admin/structures', libelle: 'Structures' }, { libelle: titre }]}
    >
      <h1>{titre}</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_STRUCTURE} />
      <Formulaire action={action} csrf={ctx.csrf}>
        <Champ
          nom="nom"
          libelle={LIBELLES_STRUCTURE.nom}
          aide="Par exemple : France services de Sceaux"
          etat={etat}
          longueurMax={200}
        />
        <Liste nom="departement" libelle={LIBELLES_STRUCTURE.departement} etat={etat} options={options} />
        <Liste
          nom="porteur"
          libelle={LIBELLES_STRUCTURE.porteur}
          etat={etat}
          options={PORTEURS.map((p) => ({ valeur: p, libelle: LIBELLES_PORTEURS[p] }))}
        />
        <BoutonsEnregistrer annuler={annuler} />
      </Formulaire>
    </Layout>
  );
}

export function PageStructure({
  ctx,
  structure,
  sites,
  droits,
}: {
  ctx: ContextePage;
  structure: Structure;
  sites: Array<{
    id: string;
    nom: string;
    genre: keyof typeof LIBELLES_GENRES;
    commune: string;
    codePostal: string;
    actif: boolean;
  }>;
  droits: { modifier: boolean; desactiver: boolean; gererSites: boolean };
}) {
  return (
    <Layout
      titre={structure.nom}
      ctx={ctx}
      filAriane={[{ href: '/admin/structures', libelle: 'Structures' }, { libelle: structure.nom }]}
    >
      <h1>{structure.nom}</h1>
      <EtatActif actif={structure.actif} />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold">Département</dt>
        <dd>{nomDepartement(structure.departement)}</dd>
        <dt class="fr-text--bold">Porteur</dt>
        <dd>{LIBELLES_PORTEURS[structure.porteur]}</dd>
      </dl>
      <ActionsFiche
        base={`/admin/structures/${structure.id}`}
        csrf={ctx.csrf}
        actif={structure.actif}
        modifier={droits.modifier}
        activer={droits.desactiver}
        objet="la structure"
      />
      <h2 class="fr-mt-4w">Sites</h2>
      {droits.gererSites && structure.actif && (
        <p>
          <a
            class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
            href={`/admin/sites/nouveau?structure=${structure.id}`}
          >
            Ajouter un site à cette structure
          </a>
        </p>
      )}
      <Tableau
        legende={`Sites ${deNom(structure.nom)}`}
        entetes={['Nom', 'Type', 'Commune', 'État']}
        vide="Cette structure n’a pas encore de site."
        lignes={sites.map((s) => ({
          cle: s.id,
          cellules: [
            <a href={`/admin/sites/${s.id}`}>{s.nom}</a>,
            LIBELLES_GENRES[s.genre],
            `${s.codePostal} ${s.commune}`,
            <EtatActif actif={s.actif} genre="m" />,
          ],
        }))}
      />
    </Layout>
  );
}
