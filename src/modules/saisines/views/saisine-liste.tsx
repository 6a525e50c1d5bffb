import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, CadreTableau } from '../../../ui/tableau.tsx';
import type { ListeSaisines, SaisineAffichee } from '../service.ts';
import type { FiltreSaisines } from '../validation.ts';
import { BadgeStatut, BadgeUrgence, jourCourt } from './saisine-commun.tsx';

// The cases an actor may see (issue 13, point 3): agents and managers their sites', référents their partner's in
// their départements, coordinators their départements', the national administration all. Open ones first, urgent
// ones first, then by deadline. Filters are links; each row links to the case.

const FILTRES: Array<{ filtre: FiltreSaisines; libelle: string }> = [
  { filtre: 'ouvertes', libelle: 'En cours' },
  { filtre: 'nouvelle', libelle: 'Nouvelles' },
  { filtre: 'prise_en_charge', libelle: 'Prises en charge' },
  { filtre: 'reponse_apportee', libelle: 'Réponse apportée' },
  { filtre: 'cloturee', libelle: 'Clôturées' },
  { filtre: 'toutes', libelle: 'Toutes' },
];

function Echeance({ s, maintenant }: { s: SaisineAffichee; maintenant: Date }) {
  const jour = jourCourt(s.echeance, s.fuseau);
  if (s.statut === 'cloturee' || s.premiereReponseLe) return <span>{jour}</span>;
  if (s.echeance.getTime() < maintenant.getTime()) return <Badge type="error">{`En retard (${jour})`}</Badge>;
  return <span>{jour}</span>;
}

function Ligne({ s, maintenant }: { s: SaisineAffichee; maintenant: Date }) {
  return (
    <tr>
      <td>
        <a href={`/saisines/${s.id}`}>
          {s.reference}
          <span class="fr-sr-only"> – saisine {s.partenaire}</span>
        </a>
        {s.nom && (
          <>
            <br />
            <span class="fr-text--sm">
              {s.prenom} {s.nom}
            </span>
          </>
        )}
      </td>
      <td>{s.partenaire}</td>
      <td>{s.site}</td>
      <td>
        <BadgeUrgence urgence={s.urgence} />
        {s.urgence === 'aucune' && '—'}
      </td>
      <td>
        <Echeance s={s} maintenant={maintenant} />
      </td>
      <td>{s.referent ?? 'Aucun référent'}</td>
      <td>
        <BadgeStatut statut={s.statut} />
      </td>
    </tr>
  );
}

/** The list of cases with its filters. */
export function PageSaisines({ ctx, vue, maintenant }: { ctx: ContextePage; vue: ListeSaisines; maintenant: Date }) {
  const libelle = FILTRES.find((f) => f.filtre === vue.filtre)?.libelle ?? '';
  return (
    <Layout
      titre="Saisines des référents"
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: 'Saisines' }]}
    >
      <h1>Saisines des référents</h1>
      <p>
        Les dossiers complexes transmis par les France services aux référents des partenaires. Les saisines urgentes
        (droits bloqués, revenus coupés) viennent en premier, puis par échéance de la première réponse.
      </p>
      {vue.sites.length > 0 && (
        <ul class="fr-raw-list fr-mb-3w">
          {vue.sites.map((site) => (
            <li key={site.id} class="fr-mb-1w">
              <a
                class="fr-link fr-icon-send-plane-line fr-link--icon-left"
                href={`/sites/${site.id}/saisines/nouvelle`}
              >
                Saisir un référent{vue.sites.length > 1 ? ` – ${site.nom}` : ''}
              </a>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Filtrer les saisines">
        <ul class="fr-tags-group">
          {FILTRES.map((f) => (
            <li key={f.filtre}>
              <a
                class="fr-tag"
                href={f.filtre === 'ouvertes' ? '/saisines' : `/saisines?statut=${f.filtre}`}
                aria-current={f.filtre === vue.filtre ? 'page' : undefined}
              >
                {f.libelle}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {vue.saisines.length === 0 ? (
        <p class="fr-mt-3w">Aucune saisine à afficher.</p>
      ) : (
        <CadreTableau
          legende={`Saisines – ${libelle.toLowerCase()} (${vue.saisines.length}${vue.complet ? '' : ' premières'})`}
          entetes={['Saisine', 'Partenaire', 'Lieu', 'Urgence', 'Échéance', 'Référent', 'Statut']}
        >
          {vue.saisines.map((s) => (
            <Ligne key={s.id} s={s} maintenant={maintenant} />
          ))}
        </CadreTableau>
      )}
    </Layout>
  );
}
