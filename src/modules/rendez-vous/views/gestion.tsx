import type { ComponentChildren } from 'preact';
import type { ContextePage } from '../../../ui/contexte.ts';
import { BoutonAction } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { Badge } from '../../../ui/tableau.tsx';
import { nomFuseau } from '../../horaires/index.ts';
import type { LiensDuLieu } from '../policy-navigation.ts';
import type { MotifGere, RessourceLue } from '../service-gestion.ts';
import {
  CANAUX_EN_CLAIR,
  minutesEnClair,
  modeleEnClair,
  permanenceEnClair,
  TableauDefilant,
} from './gestion-commun.tsx';
import { NavigationLieu } from './navigation.tsx';

export interface SiteGestion {
  id: string;
  nom: string;
  fuseauHoraire: string;
}

/** The site's appointment pages start here, under Sites › the site. */
export function filAriane(site: SiteGestion, ...suite: Array<{ href?: string; libelle: string }>) {
  const base = `/admin/sites/${site.id}`;
  return [
    { href: '/admin/sites', libelle: 'Sites' },
    { href: base, libelle: site.nom },
    ...(suite.length > 0
      ? [{ href: `${base}/rendez-vous`, libelle: 'Rendez-vous' }, ...suite]
      : [{ libelle: 'Rendez-vous' }]),
  ];
}

function Etat({ actif }: { actif: boolean }) {
  return actif ? <Badge type="success">Actif</Badge> : <Badge type="warning">Désactivé</Badge>;
}

function Activation({ base, csrf, actif, nom }: { base: string; csrf: string; actif: boolean; nom: string }) {
  return (
    <BoutonAction
      action={`${base}/${actif ? 'desactiver' : 'reactiver'}`}
      csrf={csrf}
      libelle={actif ? 'Désactiver' : 'Réactiver'}
      titre={`${actif ? 'Désactiver' : 'Réactiver'} ${nom}`}
      secondaire
    />
  );
}

function Lien({ href, libelle, nom }: { href: string; libelle: string; nom: string }) {
  return (
    <a class="fr-link fr-mr-2w" href={href}>
      {libelle}
      <span class="fr-sr-only"> {nom}</span>
    </a>
  );
}

/** A site's motifs and who receives there: the manager's starting point (read-only for the structure's agents). */
export function PageGestion({
  ctx,
  site,
  gerer,
  liens,
  motifs,
  ressources,
}: {
  ctx: ContextePage;
  site: SiteGestion;
  gerer: boolean;
  liens: LiensDuLieu;
  motifs: MotifGere[];
  ressources: RessourceLue[];
}) {
  const base = `/admin/sites/${site.id}/rendez-vous`;
  const noms = new Map(ressources.map((r) => [r.id, r.libelle]));
  const agents = ressources.filter((r) => r.type === 'agent');
  const permanences = ressources.filter((r) => r.type === 'permanence');
  const actions = (cellule: () => ComponentChildren) => (gerer ? [cellule()] : []);
  return (
    <Layout titre={`Rendez-vous – ${site.nom}`} ctx={ctx} filAriane={filAriane(site)}>
      <h1>Rendez-vous – {site.nom}</h1>
      <NavigationLieu siteId={site.id} liens={liens} ici="gestion" />
      <p>
        Les créneaux proposés sont calculés à partir des <a href={`/admin/sites/${site.id}/horaires`}>horaires</a>, des
        jours fériés et des <a href={`/admin/sites/${site.id}/fermetures`}>fermetures exceptionnelles</a> du site, des
        plannings et des absences de qui reçoit, et des rendez-vous déjà pris. Heures en {nomFuseau(site.fuseauHoraire)}
        .
      </p>
      {!gerer && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>Seuls les gestionnaires de la structure peuvent modifier les motifs et les plannings.</p>
        </div>
      )}

      <h2 class="fr-mt-4w">Motifs de rendez-vous</h2>
      <TableauDefilant
        legende="Motifs de rendez-vous"
        entetes={[
          'Motif',
          'Durée',
          'Canal',
          'Partenaire',
          'Réservation',
          'Qui reçoit',
          'État',
          ...(gerer ? ['Actions'] : []),
        ]}
        vide="Aucun motif de rendez-vous pour ce site."
        lignes={motifs.map((m) => ({
          cle: m.id,
          cellules: [
            m.nom,
            minutesEnClair(m.duree),
            CANAUX_EN_CLAIR[m.canal],
            m.partenaireNom ?? '–',
            m.reservableEnLigne ? 'En ligne et par les agents' : 'Par les agents seulement',
            m.ressources
              .map((id) => noms.get(id))
              .filter(Boolean)
              .join(', ') || 'Personne',
            <Etat actif={m.actif} />,
            ...actions(() => (
              <>
                <Lien href={`${base}/motifs/${m.id}`} libelle="Modifier" nom={m.nom} />
                <Activation base={`${base}/motifs/${m.id}`} csrf={ctx.csrf} actif={m.actif} nom={m.nom} />
              </>
            )),
          ],
        }))}
      />
      {gerer && (
        <p class="fr-mt-2w">
          <a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href={`${base}/motifs/nouveau`}>
            Ajouter un motif
          </a>
        </p>
      )}

      <h2 class="fr-mt-4w">Agents qui reçoivent</h2>
      <TableauDefilant
        legende="Agents qui reçoivent sur rendez-vous"
        entetes={['Agent', 'Planning hebdomadaire', 'État', 'Actions']}
        vide="Aucun agent ne reçoit encore sur rendez-vous à ce site."
        lignes={agents.map((r) => ({
          cle: r.id,
          cellules: [
            r.libelle,
            r.illisible ? 'Planning illisible : enregistrez-le à nouveau' : r.modeles.map(modeleEnClair).join(' / '),
            <Etat actif={r.actif} />,
            <>
              {gerer && <Lien href={`${base}/agents/${r.id}`} libelle="Modifier le planning" nom={r.libelle} />}
              <Lien href={`${base}/ressources/${r.id}/absences`} libelle="Absences" nom={r.libelle} />
              {gerer && (
                <Activation base={`${base}/ressources/${r.id}`} csrf={ctx.csrf} actif={r.actif} nom={r.libelle} />
              )}
            </>,
          ],
        }))}
      />
      {gerer && (
        <p class="fr-mt-2w">
          <a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href={`${base}/agents/nouveau`}>
            Ajouter un agent
          </a>
        </p>
      )}

      <h2 class="fr-mt-4w">Permanences des partenaires</h2>
      <TableauDefilant
        legende="Permanences des partenaires"
        entetes={['Permanence', 'Partenaire', 'Règle', 'État', 'Actions']}
        vide="Aucune permanence de partenaire à ce site."
        lignes={permanences.map((r) => ({
          cle: r.id,
          cellules: [
            r.libelle,
            r.partenaireNom ?? '–',
            r.permanence ? permanenceEnClair(r.permanence) : 'Règle illisible : enregistrez-la à nouveau',
            <Etat actif={r.actif} />,
            <>
              {gerer && <Lien href={`${base}/permanences/${r.id}`} libelle="Modifier" nom={r.libelle} />}
              <Lien href={`${base}/ressources/${r.id}/absences`} libelle="Annulations" nom={r.libelle} />
              {gerer && (
                <Activation base={`${base}/ressources/${r.id}`} csrf={ctx.csrf} actif={r.actif} nom={r.libelle} />
              )}
            </>,
          ],
        }))}
      />
      {gerer && (
        <p class="fr-mt-2w">
          <a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href={`${base}/permanences/nouveau`}>
            Ajouter une permanence
          </a>
        </p>
      )}
    </Layout>
  );
}
