import { and, eq, inArray, lt, not, or, sql } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import {
  codesSecours,
  facteursTotp,
  identitesProconnect,
  jetons,
  sessions,
  tentativesConnexion,
  utilisateurs,
} from './tables.ts';

// How long comptes keeps personal data (ADR 0024, docs/donnees-personnelles.md). Legal frame: GDPR art. 5(1)(c) and
// (e), data minimisation and storage limitation; these rows serve the security of the service (art. 32) and nothing
// else, so they go as soon as they stop serving it.

/** The address an anonymised account gets: unique (its id), and undeliverable (RFC 2606 `.invalid`). */
const DOMAINE_ANONYME = '@anonyme.invalid';

export const REGLES_COMPTES = [
  // An expired session cannot be used again (chargerSession checks the expiry); it only tells when someone worked.
  definirRegle({
    nom: 'comptes.sessions',
    table: 'sessions',
    donnees: 'person id, sign-in and last activity times',
    evenement: 'session expiry (8 h idle, 12 h at most)',
    delai: {},
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx.delete(sessions).where(lt(sessions.expireLe, limite)).returning({ id: sessions.id });
      return rows.length;
    },
  }),
  // A used or expired reset/invitation link is dead (consommerJeton checks both); keeping it serves nothing.
  definirRegle({
    nom: 'comptes.jetons',
    table: 'jetons',
    donnees: 'person id, hash of a password-reset or invitation link',
    evenement: 'link used or expired',
    delai: {},
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(jetons)
        .where(or(lt(jetons.expireLe, limite), lt(jetons.utiliseLe, limite)))
        .returning({ id: jetons.id });
      return rows.length;
    },
  }),
  // Throttling counts attempts over 15 minutes (sign-in) and 1 hour (reset requests): older ones never count again.
  definirRegle({
    nom: 'comptes.tentatives',
    table: 'tentatives_connexion',
    donnees: 'hash of the email typed, or the IP address',
    evenement: 'attempt',
    delai: { heures: 1 },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(tentativesConnexion)
        .where(lt(tentativesConnexion.le, limite))
        .returning({ id: tentativesConnexion.id });
      return rows.length;
    },
  }),
  // A deactivated account is kept a year, so that its author can still be named when a request or a closure it
  // recorded is questioned (accountability of the public service's work, public task, art. 6(1)(e)); after that the
  // person is forgotten but the row stays, because requests, journals and closures point at its id (the history then
  // shows an anonymised author). Any change to a deactivated account (modifie_le) restarts the year.
  definirRegle({
    nom: 'comptes.utilisateurs',
    table: 'utilisateurs',
    donnees: 'staff name, email, password hash, last sign-in',
    evenement: 'account deactivated (its last change)',
    delai: { mois: 12 },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(utilisateurs)
        .set({
          courriel: sql`${utilisateurs.id}::text || ${DOMAINE_ANONYME}`,
          prenom: 'Compte',
          nom: 'anonymisé',
          motDePasse: null,
          derniereConnexionLe: null,
          modifieLe: maintenant,
        })
        .where(
          and(
            eq(utilisateurs.actif, false),
            lt(utilisateurs.modifieLe, limite),
            not(sql`${utilisateurs.courriel} like ${`%${DOMAINE_ANONYME}`}`),
          ),
        )
        .returning({ id: utilisateurs.id });
      const ids = rows.map((r) => r.id);
      if (ids.length > 0) {
        await tx.delete(sessions).where(inArray(sessions.utilisateurId, ids));
        await tx.delete(jetons).where(inArray(jetons.utilisateurId, ids));
        // The ways in of an anonymised account go with it: its ProConnect identity, TOTP secret and recovery codes.
        await tx.delete(identitesProconnect).where(inArray(identitesProconnect.utilisateurId, ids));
        await tx.delete(facteursTotp).where(inArray(facteursTotp.utilisateurId, ids));
        await tx.delete(codesSecours).where(inArray(codesSecours.utilisateurId, ids));
      }
      return ids.length;
    },
  }),
];
