import { CadreTableau } from '../../../ui/tableau.tsx';
import {
  COLONNES_ISSUES_SAISINES,
  COLONNES_SAISINES,
  DEFINITION_SAISINES,
  formaterValeurSaisines,
  type LigneSaisines,
  type SaisinesRapport,
  valeursIssuesSaisines,
  valeursSaisines,
} from '../saisines.ts';

const nombre = new Intl.NumberFormat('fr-FR');

function Lignes({
  lignes,
  total,
  valeurs,
}: {
  lignes: LigneSaisines[];
  total: LigneSaisines;
  valeurs: (l: LigneSaisines) => string[];
}) {
  const ligne = (l: LigneSaisines, gras = false) => (
    <tr key={l.cle} class={gras ? 'fr-text--bold' : undefined}>
      <th scope="row">{l.libelle}</th>
      {valeurs(l).map((v, i) => (
        <td key={i}>{v}</td>
      ))}
    </tr>
  );
  return (
    <>
      {lignes.map((l) => ligne(l))}
      {ligne(total, true)}
    </>
  );
}

const chiffres = (l: LigneSaisines) => valeursSaisines(l).map(formaterValeurSaisines);
const issues = (l: LigneSaisines) => valeursIssuesSaisines(l).map((v) => nombre.format(v));

/** Cases handed to partners' référents over the period: the totals, per partner, per département and the outcomes. */
export function SectionSaisines({ saisines }: { saisines: SaisinesRapport }) {
  const t = saisines.total;
  const [, , heures, jours, , resolues, , retard] = chiffres(t);
  return (
    <section class="fr-mb-6w" aria-labelledby="saisines">
      <h2 id="saisines" class="fr-h4">
        Saisines des référents des partenaires
      </h2>
      <p class="fr-text--sm">{DEFINITION_SAISINES}</p>
      {t.creees === 0 ? (
        <p>Aucune saisine créée sur la période.</p>
      ) : (
        <>
          <p>
            <strong>{nombre.format(t.creees)}</strong> saisines créées, dont {nombre.format(t.repondues)} répondues et{' '}
            {nombre.format(t.cloturees)} clôturées.
            {t.medianeHeures !== null && (
              <>
                {' '}
                Délai médian de première réponse : <strong>{heures}&nbsp;h</strong> ({jours}&nbsp;
                {(t.medianeJours ?? 0) >= 2 ? 'jours ouvrés' : 'jour ouvré'}).
              </>
            )}
            {t.partResolues !== null && (
              <>
                {' '}
                Part résolue : <strong>{resolues}</strong>.
              </>
            )}
            {t.partRetard !== null && (
              <>
                {' '}
                Part en retard : <strong>{retard}</strong>.
              </>
            )}
          </p>
          <CadreTableau
            defilable
            legende="Saisines par partenaire"
            entetes={['Partenaire', ...COLONNES_SAISINES]}
            classe="fr-mt-1w"
          >
            <Lignes lignes={saisines.partenaires} total={t} valeurs={chiffres} />
          </CadreTableau>
          {saisines.departements.length > 1 && (
            <CadreTableau
              defilable
              legende="Saisines par département"
              entetes={['Département', ...COLONNES_SAISINES]}
              classe="fr-mt-1w"
            >
              <Lignes lignes={saisines.departements} total={t} valeurs={chiffres} />
            </CadreTableau>
          )}
          <CadreTableau
            defilable
            legende="Issues des saisines clôturées, par partenaire"
            entetes={['Partenaire', ...COLONNES_ISSUES_SAISINES]}
            classe="fr-mt-1w"
          >
            <Lignes lignes={saisines.partenaires} total={t} valeurs={issues} />
          </CadreTableau>
        </>
      )}
    </section>
  );
}
