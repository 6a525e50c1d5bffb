import { z } from 'zod';
import { courriel, type Modele } from './modeles-base.ts';

// The alerts of the breach register (issue 14 point 7, GDPR art. 33.1): 24 and 48 hours after a breach's discovery,
// while no decision on the CNIL notification is recorded, its structure's managers and the national administration
// are emailed. No personal data and not even the title (free text): the reference, the hours left, the deadline and
// the entry's page, opened after signing in.

const ParametresAlerteViolation = z.object({
  violationId: z.uuid(),
  reference: z.string().max(12),
  /** Hours after the discovery: 24 or 48. */
  etape: z.union([z.literal(24), z.literal(48)]),
  /** Whole hours left before the 72-hour deadline when the alert goes (0 or more). */
  heuresRestantes: z.number().int().min(0).max(72),
  /** "mardi 1er décembre 2026 à 14 h 05", on the clock of the entry's level. */
  echeance: z.string().max(120),
  /** The register: the structure's name, or the national level. */
  registre: z.string().max(200),
});

export const MODELES_VIOLATIONS = {
  'violations.alerte': courriel({
    parametres: ParametresAlerteViolation,
    rendre: (p, ctx) => ({
      sujet: `Violation de données ${p.reference} : il reste ${p.heuresRestantes} h pour notifier la CNIL`,
      texte: [
        'Bonjour,',
        '',
        `La violation de données ${p.reference} (registre : ${p.registre}) a été découverte il y a ${p.etape} heures et aucune décision n’est encore enregistrée : ni notification à la CNIL, ni décision motivée de ne pas notifier.`,
        `Le délai de 72 heures (RGPD art. 33.1) expire le ${p.echeance} : il reste ${p.heuresRestantes} h.`,
        '',
        'Pour la consulter, préparer la notification et enregistrer la décision (connexion à guichet requise) :',
        `${ctx.urlPublique.replace(/\/$/, '')}/violations/${p.violationId}`,
      ].join('\n'),
    }),
  }),
} satisfies Record<string, Modele>;
