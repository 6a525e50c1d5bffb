import { CadreTableau } from '../../../ui/tableau.tsx';
import {
  COLONNES_RENDEZ_VOUS,
  DEFINITION_TAUX,
  formaterTaux,
  type LigneRendezVous,
  type RendezVousRapport,
} from '../rendez-vous.ts';

const nombre = new Intl.NumberFormat('fr-FR');

function Lignes({ lignes, total }: { lignes: LigneRendezVous[]; total?: LigneRendezVous }) {
  const ligne = (l: LigneRendezVous, gras = false) => (
    <tr key={l.cle} class={gras ? 'fr-text--bold' : undefined}>
      <th scope="row">{l.libelle}</th>
      <td>{nombre.format(l.reserves)}</td>
      <td>{nombre.format(l.vus)}</td>
      <td>{nombre.format(l.absents)}</td>
      <td>{nombre.format(l.annulesUsager)}</td>
      <td>{nombre.format(l.annulesSite)}</td>
      <td>{nombre.format(l.nonClotures)}</td>
      <td>{formaterTaux(l.taux)}</td>
    </tr>
  );
  return (
    <>
      {lignes.map((l) => ligne(l))}
      {total && ligne(total, true)}
    </>
  );
}

/** The appointments of the report's period: tiles for the totals, tables per site (when several) and per motif. */
export function SectionRendezVous({ rdv }: { rdv: RendezVousRapport }) {
  const t = rdv.total;
  return (
    <section class="fr-mb-6w" aria-labelledby="rendez-vous">
      <h2 id="rendez-vous" class="fr-h4">
        Rendez-vous
      </h2>
      <p class="fr-text--sm">
        Rendez-vous dont l’heure de début tombe dans la période (heure locale du lieu), quel que soit leur statut.{' '}
        {DEFINITION_TAUX} « Non clôturés » : rendez-vous à venir, ou passés sans avoir été notés vus ou absents.
      </p>
      {t.reserves === 0 ? (
        <p>Aucun rendez-vous sur la période.</p>
      ) : (
        <>
          <p>
            <strong>{nombre.format(t.reserves)}</strong> rendez-vous, dont {nombre.format(t.vus)} vus et{' '}
            {nombre.format(t.absents)} absents : taux d’absence <strong>{formaterTaux(t.taux)}</strong>.
          </p>
          {rdv.sites.length > 1 && (
            <CadreTableau legende="Rendez-vous par lieu" entetes={['Lieu', ...COLONNES_RENDEZ_VOUS]} classe="fr-mt-1w">
              <Lignes lignes={rdv.sites} total={t} />
            </CadreTableau>
          )}
          <CadreTableau legende="Rendez-vous par motif" entetes={['Motif', ...COLONNES_RENDEZ_VOUS]} classe="fr-mt-1w">
            <Lignes lignes={rdv.motifs} total={t} />
          </CadreTableau>
        </>
      )}
    </section>
  );
}
