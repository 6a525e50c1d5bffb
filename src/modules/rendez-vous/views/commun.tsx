import { formaterDate, formaterJour, formateur } from '../../../platform/formats/dates.ts';
import { LignesAdresse } from '../../../ui/adresse.tsx';
import { nomFuseau } from '../../horaires/index.ts';
import type { MotifPublic } from '../service.ts';

/** What the citizen's pages show of a site: its name, where it is, and its time zone (times are written in it). */
export interface SiteReservation {
  id: string;
  nom: string;
  adresse: string;
  complementAdresse: string | null;
  codePostal: string;
  commune: string;
  fuseauHoraire: string;
}

export const LIBELLES_CANAUX: Record<MotifPublic['canal'], string> = {
  sur_place: 'sur place',
  telephone: 'par téléphone',
  visio: 'en visioconférence',
  domicile: 'à domicile',
  arret: 'à un arrêt de la tournée',
};

/** "09:30", in the site's zone. */
export function heure(instant: Date, fuseau: string): string {
  return formateur(fuseau, { hour: '2-digit', minute: '2-digit' }).format(instant);
}

/** A civil date as a day heading: "mardi 1er décembre". */
export function jourLong(date: string): string {
  return formaterJour(date, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "mardi 1er décembre 2026 à 09:30", in the site's zone. */
export function dateEtHeure(instant: Date, fuseau: string): string {
  const jour = formaterDate(instant, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${jour} à ${heure(instant, fuseau)}`;
}

/** "30 minutes", "1 h 30". */
export function duree(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** Says in which zone times are written, for a site outside metropolitan France's (nothing for Paris). */
export function MentionFuseau({ fuseau }: { fuseau: string }) {
  if (fuseau === 'Europe/Paris') return null;
  return <p class="fr-text--sm">Les heures sont indiquées en {nomFuseau(fuseau)}.</p>;
}

/** The motif's instructions, line by line ("À apporter : …"). */
export function Instructions({ texte }: { texte: string }) {
  if (!texte.trim()) return null;
  return (
    <>
      {texte.split('\n').map((ligne, i) => (
        <>
          {i > 0 && <br />}
          {ligne}
        </>
      ))}
    </>
  );
}

/** The place of the appointment, as an address block. */
export function Adresse({ site }: { site: SiteReservation }) {
  return (
    <address>
      {site.nom}
      <br />
      <LignesAdresse {...site} />
    </address>
  );
}
