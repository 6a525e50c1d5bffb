import { formaterDate } from '../../../platform/formats/dates.ts';
import { deNom } from '../../../platform/formats/francais.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  ActionsFiche,
  BoutonAction,
  BoutonsEnregistrer,
  Cases,
  Champ,
  type EtatFormulaire,
  Formulaire,
  Liste,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, Recherche, Tableau } from '../../../ui/tableau.tsx';
import type { Habilitation, Role } from '../../portee/index.ts';
import { LIBELLES_ROLES } from '../types.ts';

interface LigneUtilisateur {
  id: string;
  prenom: string;
  nom: string;
  courriel: string;
  actif: boolean;
  invitationEnCours: boolean;
  habilitations: Habilitation[];
}

function Statut({ u }: { u: Pick<LigneUtilisateur, 'actif' | 'invitationEnCours'> }) {
  if (!u.actif) return <Badge type="error">Désactivé</Badge>;
  if (u.invitationEnCours) return <Badge type="info">Invitation envoyée</Badge>;
  return <Badge type="success">Actif</Badge>;
}

export function PageUtilisateurs({
  ctx,
  utilisateurs,
  libelles,
  q,
  inactifs,
  peutCreer,
}: {
  ctx: ContextePage;
  utilisateurs: LigneUtilisateur[];
  libelles: Map<string, string>;
  q: string;
  inactifs: boolean;
  peutCreer: boolean;
}) {
  return (
    <Layout titre="Utilisateurs" ctx={ctx}>
      <h1>Utilisateurs</h1>
      {peutCreer && (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/utilisateurs/nouveau">
            Ajouter une personne
          </a>
        </p>
      )}
      <Recherche
        action="/admin/utilisateurs"
        libelle="Rechercher par nom ou adresse"
        valeur={q}
        inactifs={inactifs}
        libelleInactifs="Inclure les comptes désactivés"
      />
      <Tableau
        legende={`Utilisateurs (${utilisateurs.length})`}
        entetes={['Nom', 'Adresse électronique', 'Rôles', 'Statut']}
        vide="Aucune personne ne correspond."
        lignes={utilisateurs.map((u) => ({
          cle: u.id,
          cellules: [
            <a href={`/admin/utilisateurs/${u.id}`}>{`${u.prenom} ${u.nom}`}</a>,
            u.courriel,
            <ul class="fr-m-0">
              {u.habilitations.map((h) => (
                <li key={h.id}>{libelles.get(h.id)}</li>
              ))}
            </ul>,
            <Statut u={u} />,
          ],
        }))}
      />
    </Layout>
  );
}

const LIBELLES_CHAMPS = {
  prenom: 'Prénom',
  nom: 'Nom',
  courriel: 'Adresse électronique',
  role: 'Rôle',
  structureId: 'Structure',
  departements: 'Départements',
  partenaireId: 'Partenaire',
  siteIds: 'Sites',
};

export interface ChoixHabilitation {
  roles: Role[];
  structures: Array<{ id: string; nom: string; departement: string }>;
  partenaires: Array<{ id: string; nom: string }>;
}

function ChampsHabilitation({ etat, choix }: { etat: EtatFormulaire; choix: ChoixHabilitation }) {
  return (
    <>
      <Liste
        nom="role"
        libelle={LIBELLES_CHAMPS.role}
        etat={etat}
        options={choix.roles.map((r) => ({ valeur: r, libelle: LIBELLES_ROLES[r] }))}
      />
      <Liste
        nom="structureId"
        libelle={LIBELLES_CHAMPS.structureId}
        aide="Pour un agent ou un gestionnaire de structure"
        requis={false}
        etat={etat}
        vide="Aucune"
        options={choix.structures.map((s) => ({ valeur: s.id, libelle: `${s.nom} (${s.departement})` }))}
      />
      {choix.roles.some((r) => r === 'coordinateur' || r === 'referent') && (
        <>
          <Champ
            nom="departements"
            libelle={LIBELLES_CHAMPS.departements}
            aide="Pour un coordinateur ou un référent : codes séparés par des virgules, par exemple 92, 2A, 974"
            requis={false}
            etat={etat}
            longueurMax={200}
          />
          <Liste
            nom="partenaireId"
            libelle={LIBELLES_CHAMPS.partenaireId}
            aide="Pour un référent partenaire"
            requis={false}
            etat={etat}
            vide="Aucun"
            options={choix.partenaires.map((p) => ({ valeur: p.id, libelle: p.nom }))}
          />
        </>
      )}
    </>
  );
}

export function PageNouvelUtilisateur({
  ctx,
  etat,
  choix,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  choix: ChoixHabilitation;
}) {
  return (
    <Layout
      titre={titreFormulaire('Ajouter une personne', etat)}
      ctx={ctx}
      filAriane={[{ href: '/admin/utilisateurs', libelle: 'Utilisateurs' }, { libelle: 'Ajouter une personne' }]}
    >
      <h1>Ajouter une personne</h1>
      <p>Elle recevra par courriel un lien, valable 7 jours, pour choisir son mot de passe.</p>
      <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS} />
      <Formulaire action="/admin/utilisateurs" csrf={ctx.csrf}>
        <Champ nom="prenom" libelle={LIBELLES_CHAMPS.prenom} autocomplete="off" etat={etat} longueurMax={100} />
        <Champ nom="nom" libelle={LIBELLES_CHAMPS.nom} autocomplete="off" etat={etat} longueurMax={100} />
        <Champ
          nom="courriel"
          libelle={LIBELLES_CHAMPS.courriel}
          aide="Format attendu : nom@domaine.fr"
          type="email"
          autocomplete="off"
          etat={etat}
        />
        <ChampsHabilitation etat={etat} choix={choix} />
        <button type="submit" class="fr-btn">
          Créer le compte et envoyer l’invitation
        </button>
      </Formulaire>
    </Layout>
  );
}

export function PageModifierUtilisateur({ ctx, etat, id }: { ctx: ContextePage; etat: EtatFormulaire; id: string }) {
  return (
    <Layout
      titre={titreFormulaire('Modifier une personne', etat)}
      ctx={ctx}
      filAriane={[
        { href: '/admin/utilisateurs', libelle: 'Utilisateurs' },
        { href: `/admin/utilisateurs/${id}`, libelle: 'Fiche' },
        { libelle: 'Modifier' },
      ]}
    >
      <h1>Modifier une personne</h1>
      <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS} />
      <Formulaire action={`/admin/utilisateurs/${id}`} csrf={ctx.csrf}>
        <Champ nom="prenom" libelle={LIBELLES_CHAMPS.prenom} etat={etat} longueurMax={100} />
        <Champ nom="nom" libelle={LIBELLES_CHAMPS.nom} etat={etat} longueurMax={100} />
        <Champ nom="courriel" libelle={LIBELLES_CHAMPS.courriel} type="email" etat={etat} />
        <BoutonsEnregistrer annuler={`/admin/utilisateurs/${id}`} />
      </Formulaire>
    </Layout>
  );
}

export function PageUtilisateur({
  ctx,
  utilisateur,
  libelles,
  modifiable,
  retirables,
  choix,
  etatAjout,
  sitesParHabilitation,
}: {
  ctx: ContextePage;
  utilisateur: LigneUtilisateur & { derniereConnexionLe: Date | null };
  libelles: Map<string, string>;
  modifiable: boolean;
  retirables: Set<string>;
  choix: ChoixHabilitation;
  etatAjout: EtatFormulaire;
  sitesParHabilitation: Map<string, Array<{ id: string; nom: string }>>;
}) {
  const u = utilisateur;
  const nom = `${u.prenom} ${u.nom}`;
  return (
    <Layout
      titre={titreFormulaire(`Compte ${deNom(nom, { personne: true })}`, etatAjout)}
      ctx={ctx}
      filAriane={[{ href: '/admin/utilisateurs', libelle: 'Utilisateurs' }, { libelle: nom }]}
    >
      <h1>{nom}</h1>
      <Statut u={u} />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold">Adresse électronique</dt>
        <dd>{u.courriel}</dd>
        <dt class="fr-text--bold">Dernière connexion</dt>
        <dd>
          {u.derniereConnexionLe
            ? formaterDate(u.derniereConnexionLe, 'Europe/Paris', { dateStyle: 'long', timeStyle: 'short' })
            : 'Jamais'}
        </dd>
      </dl>
      <ActionsFiche
        base={`/admin/utilisateurs/${u.id}`}
        csrf={ctx.csrf}
        actif={u.actif}
        modifier={modifiable}
        activer={modifiable}
        objet="le compte"
      />
      <h2 class="fr-mt-4w">Rôles</h2>
      <ul>
        {u.habilitations.map((h) => {
          const sites = sitesParHabilitation.get(h.id);
          return (
            <li key={h.id} class="fr-mb-2w">
              {libelles.get(h.id)}{' '}
              {retirables.has(h.id) && u.habilitations.length > 1 && (
                <BoutonAction
                  action={`/admin/utilisateurs/${u.id}/habilitations/${h.id}/retirer`}
                  csrf={ctx.csrf}
                  libelle="Retirer ce rôle"
                  secondaire
                />
              )}
              {sites && sites.length > 0 && (
                <Formulaire action={`/admin/utilisateurs/${u.id}/habilitations/${h.id}/sites`} csrf={ctx.csrf}>
                  <Cases
                    nom="siteIds"
                    legende="Sites où cet agent travaille"
                    aide="Aucun site coché : tous les sites de la structure."
                    etat={{ valeurs: { siteIds: h.siteIds }, erreurs: {} }}
                    options={sites.map((s) => ({ valeur: s.id, libelle: s.nom }))}
                  />
                  <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                    Enregistrer les sites
                  </button>
                </Formulaire>
              )}
            </li>
          );
        })}
      </ul>
      {choix.roles.length > 0 && u.actif && (
        <section class="fr-mt-4w">
          <h2>Ajouter un rôle</h2>
          <ResumeErreurs etat={etatAjout} libelles={LIBELLES_CHAMPS} />
          <Formulaire action={`/admin/utilisateurs/${u.id}/habilitations`} csrf={ctx.csrf}>
            <ChampsHabilitation etat={etatAjout} choix={choix} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Ajouter le rôle
            </button>
          </Formulaire>
        </section>
      )}
    </Layout>
  );
}
