// The messages section of the activity report (issue 12, point 5): reads the requests of the period within the scope,
// the calendars of their sites, and counts each answered request's working hours to its first answer on the same rule
// as the answer clock (`compteurHeuresOuvrees`, ADR 0028). Computed at each report from the stored instants.

import type { Executor } from '../../platform/db/client.ts';
import { calendriers, compteurHeuresOuvrees } from '../contacts/index.ts';
import { ajouterJours } from '../horaires/index.ts';
import type { Portee } from '../portee/index.ts';
import { nomDepartement } from '../territoires/index.ts';
import { agregerContacts, type ContactsRapport } from './contacts.ts';
import type { Periode } from './periode.ts';
import { type CibleContacts, demandesDuRapport } from './repo-contacts.ts';

/** The messages written to the sites of the target over the period, as the report shows them at `maintenant`. */
export async function contactsDuRapport(
  db: Executor,
  portee: Portee,
  cible: CibleContacts,
  periode: Periode,
  maintenant: Date,
): Promise<ContactsRapport> {
  const demandes = await demandesDuRapport(db, portee, cible, periode);
  const repondues = demandes.filter((d) => d.premiereReponseLe !== null);
  let fin = periode.au;
  for (const d of repondues) {
    const jour = (d.premiereReponseLe as Date).toISOString().slice(0, 10);
    if (jour > fin) fin = jour;
  }
  const lesCalendriers = await calendriers(
    db,
    repondues.map((d) => d.siteId),
    ajouterJours(periode.du, -1),
    ajouterJours(fin, 1),
  );
  // One counter per site: its calendar is evaluated once for all its requests.
  const compteurs = new Map([...lesCalendriers].map(([id, c]) => [id, compteurHeuresOuvrees(c)]));
  const heures = (d: (typeof demandes)[number]) => {
    const compter = compteurs.get(d.siteId);
    return compter && d.premiereReponseLe ? compter(d.recuLe, d.premiereReponseLe) : null;
  };
  return agregerContacts(demandes, heures, maintenant, nomDepartement);
}
