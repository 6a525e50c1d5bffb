import { z } from 'zod';
import { type ContexteRendu, courriel, type Modele, sms, smsQuiTient } from './modeles-base.ts';

// The messages of written requests (issue 12: acknowledgement, reply, alerts) and of référent cases (issue 13:
// transmission, reminders, answers). Staff emails carry no personal data, only a link behind sign-in.

/** The acknowledgement of a message written to a site: texts prepared when queued (`echeance` on the site's clock). */
const ParametresAccuse = z.object({
  site: z.string().max(200),
  reference: z.string().max(20),
  /** "mardi 12 janvier 2027 à 16:00" (with the offset outside mainland time); empty when nothing can be promised. */
  echeance: z.string().max(100).default(''),
  /** The site's own address (contacts/adresse.ts), where the person may write again. */
  adresse: z.string().max(320),
  /** Attachments of an email that were not kept: the person is told. */
  piecesIgnorees: z.number().int().min(0).max(1000).default(0),
});

/** An RFC 5322 Message-ID as stored by guichet: `<local@domain>`, no spaces or angle brackets inside. */
const MessageIdCourriel = z
  .string()
  .max(300)
  .regex(/^<[^<>\s]+@[^<>\s]+>$/);

/** A reply to a message written to a site: the text, the citizen link's reference, and the threading headers. */
const ParametresReponseContact = z.object({
  site: z.string().max(200),
  /** The subject of the person's message (empty for the contact form without one). */
  objet: z.string().max(200).default(''),
  texte: z.string().trim().min(1).max(5000),
  /** Reference of the citizen link to the thread (its URL is derived at send time). */
  refLien: z.string().max(200),
  /** The site's own address: the person's reply reaches the site, not guichet's sender. */
  repondreA: z.email().max(254),
  enReponseA: z.union([z.literal(''), MessageIdCourriel]).default(''),
  references: z.array(MessageIdCourriel).max(20).default([]),
});

/** The alerts of the answer clock: no personal data, only the site, the instants and the request's page. */
const ParametresAlerteContact = z.object({
  demandeId: z.uuid(),
  siteId: z.uuid(),
  site: z.string().max(200),
  /** "lundi 11 janvier 2027 à 10:00", on the site's clock. */
  recu: z.string().max(100),
  /** The due instant as the site's calendar gives it when the alert goes. */
  echeance: z.string().max(100),
  attribuee: z.boolean(),
});

/** The request's page in the site's inbox: a plain link, opened after signing in (no token: it shows personal data). */
const lienDemande = (p: z.output<typeof ParametresAlerteContact>, ctx: ContexteRendu) =>
  `${ctx.urlPublique.replace(/\/$/, '')}/sites/${p.siteId}/messages/${p.demandeId}`;

/**
 * The reminders and escalations of a case without a first answer (issue 13 point 4, ADR 0030): no personal data (no
 * name, no question), only the partner, the site, the instants and the case's page, opened after signing in.
 */
const ParametresRelanceSaisine = z.object({
  saisineId: z.uuid(),
  niveau: z.enum(['referent', 'suppleant', 'coordinateur']),
  partenaire: z.string().max(200),
  site: z.string().max(200),
  /** "lundi 11 janvier 2027", on the site's clock. */
  cree: z.string().max(100),
  echeance: z.string().max(100),
  urgente: z.boolean(),
});

/** What a case's messages say (issue 13): the partner, the site, the deadline, never the person nor the question. */
const ParametresSaisine = z.object({
  saisineId: z.uuid(),
  partenaire: z.string().max(200),
  site: z.string().max(200),
  /** "lundi 11 janvier 2027 à 23:59", on the site's clock (empty when not said). */
  echeance: z.string().max(100).default(''),
  urgente: z.boolean().default(false),
  /** Sent to the backup because the titulaire is away. */
  suppleance: z.boolean().default(false),
});

/** A case's page: a plain link, opened after signing in (no token: it shows personal data). */
const lienSaisine = (p: { saisineId: string }, ctx: ContexteRendu) =>
  `${ctx.urlPublique.replace(/\/$/, '')}/saisines/${p.saisineId}`;

export const MODELES_DOSSIERS = {
  'contacts.accuse': courriel({
    parametres: ParametresAccuse,
    rendre: (p) => ({
      sujet: `Message reçu par ${p.site} (réf. ${p.reference})`,
      texte: [
        'Bonjour,',
        '',
        `${p.site} a bien reçu votre message, enregistré sous la référence ${p.reference}.`,
        p.echeance
          ? `Vous recevrez une réponse au plus tard le ${p.echeance}.`
          : 'Une conseillère ou un conseiller vous répondra dès que possible.',
        ...(p.piecesIgnorees > 0
          ? [
              '',
              `${p.piecesIgnorees === 1 ? 'La pièce jointe de votre message n’a pas été conservée' : `Les ${p.piecesIgnorees} pièces jointes de votre message n’ont pas été conservées`} : France services ne garde aucun document numérisé. Apportez vos documents au rendez-vous ou lors de votre passage.`,
            ]
          : []),
        '',
        `Pour compléter votre demande, répondez à ce message ou écrivez à ${p.adresse} en indiquant la référence ${p.reference}.`,
      ].join('\n'),
      // A reply reaches the site's address (its SMTP receiver, which threads it by this message's Message-ID).
      entetes: { repondreA: p.adresse },
    }),
  }),
  'contacts.accuse.sms': sms({
    parametres: ParametresAccuse,
    rendre: (p) => {
      const recu = `France services : ${p.site} a reçu votre message (réf. ${p.reference}).`;
      const quand = p.echeance ? ` Réponse au plus tard le ${p.echeance}.` : '';
      return { texte: smsQuiTient(recu + quand, `France services : message reçu (réf. ${p.reference}).${quand}`) };
    },
  }),
  /** A site's reply to a message written to it (issue 12): replies go to the site's address, threaded on the message. */
  'contacts.reponse': courriel({
    parametres: ParametresReponseContact,
    rendre: (p, ctx) => ({
      sujet: p.objet ? (/^re ?:/i.test(p.objet) ? p.objet : `Re: ${p.objet}`) : `Réponse de ${p.site}`,
      texte: [
        'Bonjour,',
        '',
        p.texte,
        '',
        `${p.site} (France services)`,
        '',
        'Pour répondre, répondez simplement à ce message, ou ouvrez ce lien pour lire l’échange et écrire (il reste valable 30 jours après la clôture de votre demande) :',
        ctx.lienCitoyen(p.refLien),
      ].join('\n'),
      entetes: {
        repondreA: p.repondreA,
        enReponseA: p.enReponseA || undefined,
        references: p.references,
      },
    }),
  }),
  /** The answer clock's alerts (issue 12): 75 % of the 72 working hours run, to the agent in charge or the site's agents. */
  'contacts.alerte.trois-quarts': courriel({
    parametres: ParametresAlerteContact,
    rendre: (p, ctx) => ({
      sujet: `Message à ${p.site} : réponse attendue avant le ${p.echeance}`,
      texte: [
        'Bonjour,',
        '',
        `Un message reçu par ${p.site} le ${p.recu} attend toujours sa première réponse : 75 % du délai de 72 heures ouvrées est écoulé.`,
        `La réponse est attendue au plus tard le ${p.echeance}.`,
        p.attribuee ? 'Ce message vous est attribué.' : 'Ce message n’est encore attribué à personne.',
        '',
        'Pour le lire et y répondre (connexion à guichet requise) :',
        lienDemande(p, ctx),
      ].join('\n'),
    }),
  }),
  /** The breach: 72 working hours run without a first answer, to the structure's managers. */
  'contacts.alerte.depassement': courriel({
    parametres: ParametresAlerteContact,
    rendre: (p, ctx) => ({
      sujet: `Message à ${p.site} : délai de réponse dépassé`,
      texte: [
        'Bonjour,',
        '',
        `Un message reçu par ${p.site} le ${p.recu} n’a reçu aucune réponse dans le délai de 72 heures ouvrées, échu le ${p.echeance}.`,
        p.attribuee ? 'Il est attribué à un agent du lieu.' : 'Il n’est attribué à personne.',
        '',
        'Pour le lire, l’attribuer ou y répondre (connexion à guichet requise) :',
        lienDemande(p, ctx),
      ].join('\n'),
    }),
  }),
  /** A case past its deadline: the reminder to its référent, then the backup, then the département's coordinators. */
  'saisines.relance': courriel({
    parametres: ParametresRelanceSaisine,
    rendre: (p, ctx) => ({
      sujet: `${p.urgente ? 'Saisine urgente' : 'Saisine'} ${p.partenaire} sans réponse depuis le ${p.echeance}`,
      texte: [
        'Bonjour,',
        '',
        `Une saisine adressée par ${p.site} le ${p.cree} attend toujours sa première réponse du référent ${p.partenaire} : le délai a expiré le ${p.echeance}.`,
        p.urgente ? 'Elle est signalée comme urgente (droits bloqués ou revenus coupés).' : '',
        {
          referent: 'Elle vous est adressée : merci d’y répondre dès que possible.',
          suppleant:
            'Vous êtes suppléant du référent à qui elle est adressée : elle vous est signalée parce que le référent n’a pas répondu malgré une relance.',
          coordinateur:
            'Vous coordonnez le réseau du département : elle vous est signalée parce que ni le référent ni son suppléant n’ont répondu malgré les relances.',
        }[p.niveau],
        '',
        'Pour la lire et y répondre (connexion à guichet requise) :',
        `${ctx.urlPublique.replace(/\/$/, '')}/saisines/${p.saisineId}`,
      ]
        .filter((l, i, t) => l !== '' || t[i - 1] !== '')
        .join('\n'),
    }),
  }),
  /** A new case sent to its référent (issue 13): no personal data, a link to sign in. */
  'saisines.transmise': courriel({
    parametres: ParametresSaisine,
    rendre: (p, ctx) => ({
      sujet: `${p.urgente ? 'Saisine urgente' : 'Nouvelle saisine'} ${p.partenaire} de ${p.site}`,
      texte: [
        'Bonjour,',
        '',
        `${p.site} vous adresse une saisine en tant que référent ${p.partenaire}${p.suppleance ? ', en remplacement du référent titulaire absent' : ''}.`,
        ...(p.urgente ? ['Elle est signalée comme urgente (droits bloqués ou revenus coupés).'] : []),
        `Une première réponse est attendue au plus tard le ${p.echeance}.`,
        '',
        'Pour la lire et y répondre (connexion à guichet requise) :',
        lienSaisine(p, ctx),
      ].join('\n'),
    }),
  }),
  /** A case no référent could take: the département's coordinators are told (no personal data). */
  'saisines.sans-referent': courriel({
    parametres: ParametresSaisine,
    rendre: (p, ctx) => ({
      sujet: `Saisine ${p.partenaire} de ${p.site} sans référent`,
      texte: [
        'Bonjour,',
        '',
        `${p.site} a créé une saisine pour ${p.partenaire}, mais l’annuaire ne donne aucun référent disponible pour ce lieu (aucun référent inscrit, ou titulaire et suppléant absents).`,
        ...(p.urgente ? ['Elle est signalée comme urgente (droits bloqués ou revenus coupés).'] : []),
        'Merci de compléter l’annuaire des référents et de faire suivre la saisine.',
        '',
        'Pour la lire (connexion à guichet requise) :',
        lienSaisine(p, ctx),
      ].join('\n'),
    }),
  }),
  /** A référent answered a case: its agent is told (no personal data, no text of the answer). */
  'saisines.reponse': courriel({
    parametres: ParametresSaisine,
    rendre: (p, ctx) => ({
      sujet: `Réponse du référent ${p.partenaire} à une saisine de ${p.site}`,
      texte: [
        'Bonjour,',
        '',
        `Le référent ${p.partenaire} a répondu à une saisine de ${p.site}.`,
        '',
        'Pour lire la réponse (connexion à guichet requise) :',
        lienSaisine(p, ctx),
      ].join('\n'),
    }),
  }),
  /** The site wrote in a case's thread: its référent is told (no personal data, no text). */
  'saisines.message': courriel({
    parametres: ParametresSaisine,
    rendre: (p, ctx) => ({
      sujet: `Nouveau message de ${p.site} sur une saisine ${p.partenaire}`,
      texte: [
        'Bonjour,',
        '',
        `${p.site} a écrit un nouveau message sur une saisine qui vous est adressée en tant que référent ${p.partenaire}.`,
        '',
        'Pour le lire (connexion à guichet requise) :',
        lienSaisine(p, ctx),
      ].join('\n'),
    }),
  }),
} satisfies Record<string, Modele>;
