// The 72-hour clock of a personal-data breach (GDPR art. 33.1): the controller notifies the CNIL "without undue delay
// and, where feasible, not later than 72 hours after having become aware of it"; past that, the notification says why
// it is late. The clock runs in plain hours from the discovery (not working hours), and is written on the clock of
// the structure's territory (Paris for the national level). Pure functions: pages, the CNIL draft and the alerts job
// share them.

import { formaterDate } from '../../platform/formats/dates.ts';
import { nomFuseau, partiesMurales } from '../horaires/index.ts';
import { fuseauHoraireDepartement } from '../territoires/index.ts';

/** Hours between the discovery and the deadline of the CNIL notification. */
export const DELAI_NOTIFICATION_HEURES = 72;
/** Hours after the discovery at which an entry still open is signalled to its managers and the nation. */
export const ETAPES_ALERTE = [24, 48] as const;
export type EtapeAlerte = (typeof ETAPES_ALERTE)[number];

const MS_HEURE = 3_600_000;

/** The zone of a structure's département (Europe/Paris for the national level or an unknown code). */
export function fuseauViolation(departement: string | null): string {
  if (!departement) return 'Europe/Paris';
  try {
    return fuseauHoraireDepartement(departement);
  } catch {
    return 'Europe/Paris';
  }
}

/** The deadline of the CNIL notification: 72 hours after the discovery. */
export const echeanceViolation = (decouverteLe: Date) =>
  new Date(decouverteLe.getTime() + DELAI_NOTIFICATION_HEURES * MS_HEURE);

/** Whole hours left before the deadline (negative once past it: whole hours of delay, rounded down). */
export function heuresRestantes(decouverteLe: Date, maintenant: Date): number {
  const ms = echeanceViolation(decouverteLe).getTime() - maintenant.getTime();
  return ms >= 0 ? Math.floor(ms / MS_HEURE) : -Math.floor(-ms / MS_HEURE);
}

/** "14 h 05", French typography, on the zone's wall clock. */
export function heureEnClair(instant: Date, fuseau: string): string {
  const minutes = Math.floor(partiesMurales(instant, fuseau).minutes);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

/** "mardi 1er décembre 2026 à 14 h 05", with the zone's name outside mainland time. */
export function instantEnClair(instant: Date, fuseau: string): string {
  const jour = formaterDate(instant, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const zone = fuseau === 'Europe/Paris' ? '' : ` (${nomFuseau(fuseau)})`;
  return `${jour} à ${heureEnClair(instant, fuseau)}${zone}`;
}

/** "41 h", or "35 min" under an hour. */
function duree(ms: number): string {
  return ms >= MS_HEURE ? `${Math.floor(ms / MS_HEURE)} h` : `${Math.max(1, Math.floor(ms / 60_000))} min`;
}

/** The countdown of an open entry, as its page and the list say it. */
export function texteDelai(decouverteLe: Date, maintenant: Date, fuseau: string): { texte: string; depasse: boolean } {
  const echeance = echeanceViolation(decouverteLe);
  const ms = echeance.getTime() - maintenant.getTime();
  if (ms > 0) {
    return {
      texte: `À notifier à la CNIL avant le ${instantEnClair(echeance, fuseau)} — il reste ${duree(ms)}`,
      depasse: false,
    };
  }
  return {
    texte: `Délai dépassé de ${duree(-ms)} : notifiez sans attendre en expliquant le retard (RGPD art. 33.1)`,
    depasse: true,
  };
}

/** The alert step due for an open entry at `maintenant` (the latest reached), or null before 24 hours. */
export function etapeAlerteDue(decouverteLe: Date, maintenant: Date): EtapeAlerte | null {
  const heures = (maintenant.getTime() - decouverteLe.getTime()) / MS_HEURE;
  if (heures >= 48) return 48;
  if (heures >= 24) return 24;
  return null;
}
