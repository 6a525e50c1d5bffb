// Query strings of contacts, with French messages. `recu` of the answer clock is an instant that must carry its
// offset (or Z): a bare local time would be read in some zone nobody chose.

import { z } from 'zod';
import { DATE_MIN, dateDansFenetre, dateMax } from '../../platform/http/dates.ts';

/** The longest `recu` read (an ISO 8601 instant with nanoseconds and an offset is 35 characters). */
const LONGUEUR_MAX = 40;
/** Offsets in use on Earth: from -12:00 to +14:00, in minutes. */
const DECALAGE_MIN = -12 * 60;
const DECALAGE_MAX = 14 * 60;
const EXEMPLE = '2027-01-08T16:00:00+01:00';

/** An unencoded `+` of a query string arrives as a space: "…16:00:00 01:00" is read as "…16:00:00+01:00". */
function plusRetabli(texte: string): string {
  return texte.trim().replace(/^(\S+T[\d:.,]+) (\d{2}(?::?\d{2})?)$/, '$1+$2');
}

/** `?recu=` of `GET /api/v1/sites/{id}/delai-reponse`: an ISO 8601 instant with an offset, within the date window. */
export const ParametresDelai = z.object({
  recu: z
    .unknown()
    .transform((valeur, ctx) => {
      const refuser = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (valeur === undefined) return undefined;
      if (Array.isArray(valeur)) return refuser('Le paramètre recu ne peut apparaître qu’une fois.');
      if (typeof valeur !== 'string' || valeur.trim() === '') {
        return refuser(`Le paramètre recu est vide : indiquez un instant ISO 8601, par exemple ${EXEMPLE}.`);
      }
      const texte = plusRetabli(valeur);
      if (texte.length > LONGUEUR_MAX || !z.iso.datetime({ offset: true }).safeParse(texte).success) {
        return refuser(
          `Le paramètre recu doit être un instant ISO 8601 avec son décalage horaire ou Z, par exemple ${EXEMPLE} (encodez « + » en %2B).`,
        );
      }
      const decalage = /([+-])(\d{2}):(\d{2})$/.exec(texte);
      const minutes = decalage ? (decalage[1] === '-' ? -1 : 1) * (Number(decalage[2]) * 60 + Number(decalage[3])) : 0;
      if (minutes < DECALAGE_MIN || minutes > DECALAGE_MAX) {
        return refuser('Le décalage horaire du paramètre recu doit être compris entre -12:00 et +14:00.');
      }
      const instant = new Date(texte);
      if (Number.isNaN(instant.getTime()) || !dateDansFenetre(texte.slice(0, 10))) {
        return refuser(
          `Le paramètre recu doit être un instant réel, entre le ${DATE_MIN} et le ${dateMax()} (date AAAA-MM-JJ).`,
        );
      }
      return instant;
    })
    .optional(),
});
export type ParametresDelai = z.infer<typeof ParametresDelai>;
