import { formaterDate } from '../../../platform/formats/dates.ts';
import { Badge } from '../../../ui/tableau.tsx';
import { LIBELLES_STATUTS, type StatutMandat } from '../validation.ts';

// What the list and the page of a mandate share: dates on the site's clock and the status badge.

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

const TYPES_STATUT: Record<StatutMandat, 'new' | 'info' | 'success' | 'warning' | 'error'> = {
  brouillon: 'new',
  signe: 'info',
  actif: 'success',
  expire: 'warning',
  revoque: 'error',
};

/** The status of a mandate, in words and colour. */
export const BadgeStatutMandat = ({ statut }: { statut: StatutMandat }) => (
  <Badge type={TYPES_STATUT[statut]}>{LIBELLES_STATUTS[statut]}</Badge>
);

/** A person's name as typed, isolated so that a right-to-left name does not reorder the line around it. */
export const NomPersonne = ({ prenom, nom }: { prenom: string | null; nom: string | null }) =>
  prenom || nom ? <bdi>{`${prenom ?? ''} ${nom ?? ''}`.trim()}</bdi> : <span>(données effacées)</span>;
