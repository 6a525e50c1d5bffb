import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge, CadreTableau } from '../../../ui/tableau.tsx';
import type { ListeViolations } from '../violations-service.ts';
import { BadgeStatutViolation, dateCourte } from './violation-commun.tsx';

// The register of personal-data breaches the actor may see (issue 14 point 7): open entries first, the nearest
// deadline first (overdue ones at the top), then the decided and closed ones, newest first.

type Ligne = ListeViolations['violations'][number];

function Reste({ v }: { v: Ligne }) {
  if (v.heuresRestantes === null) return <span>—</span>;
  if (v.compte?.depasse) {
    const retard = -v.heuresRestantes;
    return <Badge type="error">{retard >= 1 ? `Dépassé de ${retard} h` : 'Dépassé'}</Badge>;
  }
  return <Badge type={v.heuresRestantes < 24 ? 'warning' : 'info'}>{`${v.heuresRestantes} h`}</Badge>;
}

/** The register page. */
export function PageViolations({ ctx, vue }: { ctx: ContextePage; vue: ListeViolations }) {
  return (
    <Layout
      titre="Violations de données"
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: 'Violations de données' }]}
    >
      <h1>Registre des violations de données</h1>
      <p>
        Toute violation de données personnelles est inscrite ici (RGPD art. 33.5). Sauf absence de risque pour les
        personnes, elle est notifiée à la CNIL dans les 72 heures qui suivent sa découverte.
      </p>
      {vue.peutDeclarer && (
        <p>
          <a class="fr-btn fr-btn--icon-left fr-icon-add-line" href="/violations/nouvelle">
            Déclarer une violation
          </a>
        </p>
      )}
      {vue.violations.length === 0 ? (
        <p>Aucune violation n’est inscrite au registre.</p>
      ) : (
        <CadreTableau
          legende="Violations inscrites au registre, les plus urgentes d’abord"
          entetes={['Référence', 'Titre', 'Registre', 'Découverte', 'Échéance CNIL', 'Statut', 'Heures restantes']}
          defilable
        >
          {vue.violations.map((v) => (
            <tr key={v.id}>
              <td>
                <a href={`/violations/${v.id}`}>{v.reference}</a>
              </td>
              <td>{v.titre}</td>
              <td>{v.structure ?? 'Niveau national'}</td>
              <td>{dateCourte(v.decouverteLe, v.fuseau)}</td>
              <td>{dateCourte(v.echeance, v.fuseau)}</td>
              <td>
                <BadgeStatutViolation statut={v.statut} />
              </td>
              <td>
                <Reste v={v} />
              </td>
            </tr>
          ))}
        </CadreTableau>
      )}
      {!vue.complet && <p class="fr-text--sm">Seules les 500 premières entrées sont affichées.</p>}
    </Layout>
  );
}
