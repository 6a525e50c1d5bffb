import { and, isNotNull, lt } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { importsListe } from './tables.ts';

// An uploaded national list is public data about sites, but a file typed by people may carry more (a manager's name
// and phone as a site's contact). The run erases it when it ends; a run stuck or abandoned keeps it at most 30 days
// (GDPR art. 5(1)(e)): long enough to resume after an incident, then the report alone remains. The author is a staff
// id, forgotten with the account (comptes.utilisateurs).
export const REGLES_IMPORTS = [
  definirRegle({
    nom: 'imports.fichiers',
    table: 'imports_liste',
    donnees: 'uploaded file content (contacts it may hold)',
    evenement: 'upload',
    delai: { jours: 30 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .update(importsListe)
        .set({ contenu: null })
        .where(and(isNotNull(importsListe.contenu), lt(importsListe.creeLe, limite)))
        .returning({ id: importsListe.id });
      return rows.length;
    },
  }),
];
