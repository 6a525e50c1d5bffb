import { CadreTableau } from '../../../ui/tableau.tsx';
import {
  COLONNES_MANDATS,
  DEFINITION_MANDATS,
  type LigneMandats,
  type MandatsRapport,
  valeursMandats,
} from '../mandats.ts';

const nombre = new Intl.NumberFormat('fr-FR');

/** Mandates per structure over the period: signed, active at the end, revoked (by whom), expired. Counts only. */
export function SectionMandats({ mandats }: { mandats: MandatsRapport }) {
  const t = mandats.total;
  const ligne = (l: LigneMandats, gras = false) => (
    <tr key={l.cle} class={gras ? 'fr-text--bold' : undefined}>
      <th scope="row">{l.libelle}</th>
      {valeursMandats(l).map((v, i) => (
        <td key={COLONNES_MANDATS[i]}>{nombre.format(v)}</td>
      ))}
    </tr>
  );
  return (
    <section class="fr-mb-6w" aria-labelledby="mandats">
      <h2 id="mandats" class="fr-h4">
        Mandats
      </h2>
      <p class="fr-text--sm">{DEFINITION_MANDATS}</p>
      {mandats.structures.length === 0 ? (
        <p>Aucun mandat signé, actif, révoqué ou expiré sur la période.</p>
      ) : (
        <>
          <p>
            <strong>{nombre.format(t.signes)}</strong> {t.signes >= 2 ? 'mandats signés' : 'mandat signé'} sur la
            période, <strong>{nombre.format(t.actifs)}</strong> {t.actifs >= 2 ? 'actifs' : 'actif'} à sa fin,{' '}
            {nombre.format(t.revoquesAgent + t.revoquesPersonne)} révoqués (dont {nombre.format(t.revoquesPersonne)} par
            la personne) et {nombre.format(t.expires)} expirés.
          </p>
          <CadreTableau
            defilable
            legende="Mandats par structure"
            entetes={['Structure', ...COLONNES_MANDATS]}
            classe="fr-mt-1w"
          >
            {mandats.structures.map((l) => ligne(l))}
            {ligne(t, true)}
          </CadreTableau>
        </>
      )}
    </section>
  );
}
