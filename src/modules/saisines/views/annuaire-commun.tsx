import { dateEnClair } from '../../../platform/http/dates.ts';
import { Badge } from '../../../ui/tableau.tsx';
import type { OffreSite, Referent } from '../service-annuaire.ts';
import { LIBELLES_RANGS } from '../validation-annuaire.ts';

// Pieces shared by the directory's pages: how a référent's contact, availability and scope are written.

export const FIL_ANNUAIRE = { href: '/referents', libelle: 'Référents' };
export const DELAI_ANNUAIRE = 'Délais de première réponse des partenaires';

/** "01 99 00 12 34" as a link the phone dials ("+33199001234"). */
export function Telephone({ numero }: { numero: string | null }) {
  if (!numero) return <>Non renseigné</>;
  const compact = numero.replace(/[\s.\-()]/g, '');
  const international = compact.startsWith('0') ? `+33${compact.slice(1)}` : compact;
  const lisible = /^0\d{9}$/.test(compact) ? compact.replace(/(\d{2})(?=\d)/g, '$1\u00a0') : numero;
  return <a href={`tel:${international}`}>{lisible}</a>;
}

/** "du 04/05/2026 au 11/05/2026" (one day: "le 04/05/2026"). */
export const periode = (a: { du: string; au: string }) =>
  a.du === a.au ? `le ${dateEnClair(a.du)}` : `du ${dateEnClair(a.du)} au ${dateEnClair(a.au)}`;

/** Today's availability and the coming absences, as the agent needs them before calling. */
export function Disponibilite({ referent }: { referent: Referent }) {
  if (!referent.actif) return <Badge type="error">Désactivé</Badge>;
  const actuelle = referent.absenceEnCours;
  return (
    <>
      {referent.absentAujourdhui ? (
        <Badge type="warning">Absent aujourd’hui{actuelle ? ` (jusqu’au ${dateEnClair(actuelle.au)})` : ''}</Badge>
      ) : (
        <Badge type="success">Disponible</Badge>
      )}
      {referent.absences.length > 0 && (
        <ul class="fr-text--sm fr-mb-0">
          {referent.absences.slice(0, 3).map((a) => (
            <li key={a.id}>Absence {periode(a)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The whole département, or the structures the entry is narrowed to. */
export const perimetre = (r: Pick<Referent, 'nomsStructures'>) =>
  r.nomsStructures.length === 0 ? 'Tout le département' : r.nomsStructures.join(', ');

export const rang = (r: Pick<Referent, 'rang'>) => LIBELLES_RANGS[r.rang];

/** The modalities offered, in words: "permanence, rendez-vous, visio". */
export function modalitesOffre(o: Pick<OffreSite, 'permanence' | 'rendezVous' | 'visio'>): string {
  const l = [o.permanence && 'permanence sur place', o.rendezVous && 'sur rendez-vous', o.visio && 'en visio'].filter(
    Boolean,
  );
  return l.length > 0 ? l.join(', ') : 'modalités précisées ci-dessous';
}

/** The national default or the partner's own deadline, in words. */
export const delaiEnClair = (jours: number | null, national: number) =>
  jours === null
    ? `${national} jours ouvrés (délai national)`
    : `${jours} jour${jours > 1 ? 's' : ''} ouvré${jours > 1 ? 's' : ''}`;

/** The lines of a text typed with line breaks. */
export function Lignes({ texte }: { texte: string }) {
  const lignes = texte.split('\n');
  return (
    <>
      {lignes.map((l, i) => (
        <span key={i}>
          {l}
          {i < lignes.length - 1 && <br />}
        </span>
      ))}
    </>
  );
}
