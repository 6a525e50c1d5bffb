import { z } from 'zod';
import { type ContexteRendu, courriel, type Modele, sms, smsQuiTient } from './modeles-base.ts';

// The messages of mandates (issue 14 point 3, ADR 0031): the citizen's link to revoke their mandate (sent at
// signature), the confirmation of a revocation, and the expiry reminders to the structure. The citizen's messages
// name no one but the person's first name; the staff reminders carry only the reference and a page behind sign-in.

/** What the citizen's messages say: their first name, the mandate's reference, the structure and the end. */
const ParametresMandatCitoyen = z.object({
  prenom: z.string().max(100),
  reference: z.string().max(12),
  structure: z.string().max(200),
  /** "12 janvier 2027", on the site's clock. */
  fin: z.string().max(100),
});

/** The link to revoke: its reference (`mandat.revoquer:<id>`), from which the token is derived at send time. */
const ParametresLienRevocation = ParametresMandatCitoyen.extend({ refLien: z.string().max(200) });

/** The confirmation of a revocation: when it took effect ("12 janvier 2027 à 14:05"). */
const ParametresRevocationConfirmee = ParametresMandatCitoyen.extend({ revoqueLe: z.string().max(100) });

/** The expiry reminders to the structure: no personal data, the reference and the mandate's page after sign-in. */
const ParametresRappelEcheance = z.object({
  mandatId: z.uuid(),
  reference: z.string().max(12),
  site: z.string().max(200),
  fin: z.string().max(100),
  jours: z.number().int().min(1).max(60),
});

const pageMandat = (p: { mandatId: string }, ctx: ContexteRendu) =>
  `${ctx.urlPublique.replace(/\/$/, '')}/mandats/${p.mandatId}`;

const pagePublique = (ctx: ContexteRendu) => `${ctx.urlPublique.replace(/\/$/, '')}/mandats/revocation`;

export const MODELES_MANDATS = {
  /** Sent at signature when the person gave an email: the link revokes the mandate at any time, until its end. */
  'mandats.lien-revocation': courriel({
    parametres: ParametresLienRevocation,
    rendre: (p, ctx) => ({
      sujet: `Votre mandat ${p.reference} avec ${p.structure}`,
      texte: [
        `Bonjour ${p.prenom},`,
        '',
        `Vous avez signé avec ${p.structure} (France services) le mandat ${p.reference}, qui permet à un agent d’accomplir en votre nom les démarches qu’il énumère. Il prend fin le ${p.fin}.`,
        '',
        'Vous pouvez le révoquer à tout moment, sans avoir à vous justifier, en ouvrant ce lien :',
        ctx.lienCitoyen(p.refLien),
        '',
        'Ce lien montre aussi la liste des actions faites en votre nom. Vous pouvez également révoquer le mandat avec le code imprimé sur votre exemplaire, sur la page :',
        pagePublique(ctx),
      ].join('\n'),
    }),
  }),
  'mandats.lien-revocation.sms': sms({
    parametres: ParametresLienRevocation,
    rendre: (p, ctx) => {
      const texte = `France services : mandat ${p.reference} valable jusqu'au ${p.fin}. Pour le révoquer à tout moment : ${ctx.lienCitoyen(p.refLien)}`;
      return { texte: smsQuiTient(texte) };
    },
  }),
  /** The confirmation of a revocation, whoever revoked it (the agent, the code, the link). */
  'mandats.revocation-confirmee': courriel({
    parametres: ParametresRevocationConfirmee,
    rendre: (p) => ({
      sujet: `Votre mandat ${p.reference} est révoqué`,
      texte: [
        `Bonjour ${p.prenom},`,
        '',
        `Votre mandat ${p.reference} avec ${p.structure} (France services) est révoqué depuis le ${p.revoqueLe}.`,
        'Plus aucune démarche ne peut être faite en votre nom sur son fondement. Les démarches déjà faites restent valables.',
        '',
        'Si vous n’êtes pas à l’origine de cette révocation et souhaitez un nouveau mandat, adressez-vous à votre espace France services.',
      ].join('\n'),
    }),
  }),
  'mandats.revocation-confirmee.sms': sms({
    parametres: ParametresRevocationConfirmee,
    rendre: (p) => ({
      texte: `France services : votre mandat ${p.reference} est révoqué depuis le ${p.revoqueLe}. Plus aucune démarche ne sera faite en votre nom.`,
    }),
  }),
  /** To the structure's managers (else the site's agents), 30 and 7 days before the end of a long mandate. */
  'mandats.rappel-echeance': courriel({
    parametres: ParametresRappelEcheance,
    rendre: (p, ctx) => ({
      sujet: `Mandat ${p.reference} : fin dans ${p.jours} jours`,
      texte: [
        'Bonjour,',
        '',
        `Le mandat ${p.reference}, signé à ${p.site}, prend fin le ${p.fin} (dans ${p.jours} jours).`,
        'Si la personne a encore besoin d’être accompagnée, proposez-lui de signer un nouveau mandat avant cette date.',
        '',
        'Page du mandat (après connexion) :',
        pageMandat(p, ctx),
      ].join('\n'),
    }),
  }),
} satisfies Record<string, Modele>;
