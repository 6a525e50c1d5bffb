import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { violations } from './tables.ts';

// How long the register of personal-data breaches keeps its entries (issue 14 point 7, ADR 0031,
// docs/donnees-personnelles.md). The register is the accountability record of GDPR art. 33(5): the controller must be
// able to show the CNIL every breach, its effects and the measures taken, and why one was not notified. An entry is
// kept while it is open, then 5 years from its closure, or, when never closed, from the notification to the CNIL or
// the recorded decision not to notify; then deleted whole. It names no one (categories and numbers only), but its
// free texts may describe people's situations, and its author's account id.

/** Months an entry is kept after its closure, or after the decision on its notification. */
export const MOIS_REGISTRE_VIOLATIONS = 60;

export const REGLES_VIOLATIONS = [
  definirRegle({
    nom: 'violations.registre',
    table: 'violations',
    donnees: 'a breach: circumstances, categories and numbers of data and people, measures, author id',
    evenement: 'closure, or else notification to the CNIL or the decision not to notify',
    delai: { mois: MOIS_REGISTRE_VIOLATIONS },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(violations)
        .where(
          or(
            lt(violations.closeLe, limite),
            and(isNull(violations.closeLe), eq(violations.statut, 'notifiee'), lt(violations.notifieeLe, limite)),
            and(
              isNull(violations.closeLe),
              eq(violations.statut, 'non_notifiee'),
              lt(violations.nonNotifieeLe, limite),
            ),
          ),
        )
        .returning({ id: violations.id });
      return rows.length;
    },
  }),
];
