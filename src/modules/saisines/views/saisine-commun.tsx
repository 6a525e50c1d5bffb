import { formaterDate } from '../../../platform/formats/dates.ts';
import { Badge } from '../../../ui/tableau.tsx';
import { LIBELLES_STATUTS, LIBELLES_URGENCES, type StatutSaisine, type Urgence } from '../validation.ts';

// What the list and the page of a case share: dates on the site's clock, the status and urgency badges.

/** "12/01/2027", on the site's clock. */
export function jourCourt(instant: Date, fuseau: string): string {
  return formaterDate(instant, fuseau, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** "mardi 12 janvier 2027 à 16:00", on the site's clock. */
export function dateEtHeure(instant: Date, fuseau: string): string {
  return formaterDate(instant, fuseau, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const TYPES_STATUT: Record<StatutSaisine, 'new' | 'info' | 'success' | 'warning'> = {
  nouvelle: 'new',
  prise_en_charge: 'info',
  reponse_apportee: 'success',
  cloturee: 'warning',
};

/** The status of a case, in words and colour. */
export const BadgeStatut = ({ statut }: { statut: StatutSaisine }) => (
  <Badge type={TYPES_STATUT[statut]}>{LIBELLES_STATUTS[statut]}</Badge>
);

/** The urgency of a case, shown only when there is one. */
export function BadgeUrgence({ urgence }: { urgence: Urgence }) {
  if (urgence === 'aucune') return null;
  return <Badge type="error">{LIBELLES_URGENCES[urgence]}</Badge>;
}

/** A text as written: each line on its own line (no inline style: the CSP forbids them). */
export function TexteMultiligne({ texte }: { texte: string | null }) {
  if (!texte) return <p class="fr-text--sm">(texte effacé)</p>;
  return (
    <div>
      {texte.split(/\n{2,}/).map((paragraphe, i) => (
        <p key={i} class="fr-mb-1w">
          {paragraphe.split('\n').flatMap((ligne, j) => (j === 0 ? [ligne] : [<br key={j} />, ligne]))}
        </p>
      ))}
    </div>
  );
}
