import { and, eq, lt, or } from 'drizzle-orm';
import { definirRegle } from '../retention/index.ts';
import { liensCitoyens } from './tables.ts';

// A dead citizen link (expired, used once, revoked) is kept 30 days so that whoever clicks it again is told what
// happened (410, "déjà utilisé", "expiré") rather than "introuvable"; then it goes (GDPR art. 5(1)(e)): the row ties
// a link to what it acted on (an appointment, a request), so to a person. A multiple-use link dies with its expiry.
export const REGLES_LIENS = [
  definirRegle({
    nom: 'liens.citoyens',
    table: 'liens_citoyens',
    donnees: 'the id of what a citizen link acts on (appointment, request, mandate)',
    evenement: 'link expired, used (single use) or revoked',
    delai: { jours: 30 },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(liensCitoyens)
        .where(
          or(
            lt(liensCitoyens.expireLe, limite),
            lt(liensCitoyens.revoqueLe, limite),
            // A multiple-use link's last use is not its end; only its expiry is.
            and(eq(liensCitoyens.usage, 'unique'), lt(liensCitoyens.utiliseLe, limite)),
          ),
        )
        .returning({ id: liensCitoyens.id });
      return rows.length;
    },
  }),
];
