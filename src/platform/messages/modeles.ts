import { z } from 'zod';
import { jetonDeLienCitoyen, signature } from '../auth/jetons.ts';
import { invitationIcs } from './ics.ts';
import { compterSegments, SEGMENTS_MAX } from './segments.ts';

// The registry of message templates (ADR 0021): each key has its parameters' schema, checked when the message is
// queued and again when it is rendered, and renders French texts at send time. Nothing rendered is stored.

export interface PieceJointe {
  nomFichier: string;
  typeMime: string;
  contenu: string;
}

/** Threading headers of an email: where replies go, and the message it answers (RFC 5322 Message-IDs, `<…@…>`). */
export interface EntetesCourriel {
  repondreA?: string;
  enReponseA?: string;
  references?: string[];
}

export interface RenduCourriel {
  sujet: string;
  texte: string;
  html: string;
  piecesJointes: PieceJointe[];
  entetes?: EntetesCourriel;
}

export interface RenduSms {
  texte: string;
}

export interface ContexteRendu {
  urlPublique: string;
  /** The one-time link of a template that declares `lienUnique`, derived from the message's key (else ''). */
  lien: string;
  /** The message's idempotency key (a stable identifier for attachments such as an ICS event). */
  cle: string;
  /** The URL of the citizen link derived from `reference` (see `jetonDeLienCitoyen`): never stored in the message. */
  lienCitoyen(reference: string): string;
  /** The configured sender's address (`MAIL_FROM` without its name): the ORGANIZER of calendar invitations. */
  expediteur: string;
  /** The message's recipient (an email's address: the ATTENDEE of its invitation). */
  destinataire: string;
}

interface Base<S extends z.ZodType> {
  parametres: S;
  /** Path of a one-time link carried by the message: the token is derived at send time (`jetonDuMessage`). */
  lienUnique?: string;
}
export interface ModeleCourriel<S extends z.ZodType = z.ZodType> extends Base<S> {
  canal: 'courriel';
  rendre(p: z.output<S>, ctx: ContexteRendu): Omit<RenduCourriel, 'html' | 'piecesJointes'> & Partial<RenduCourriel>;
}
export interface ModeleSms<S extends z.ZodType = z.ZodType> extends Base<S> {
  canal: 'sms';
  rendre(p: z.output<S>, ctx: ContexteRendu): RenduSms;
}
export type Modele = ModeleCourriel | ModeleSms;

const courriel = <S extends z.ZodType>(m: Omit<ModeleCourriel<S>, 'canal'>): ModeleCourriel<S> => ({
  canal: 'courriel',
  ...m,
});
const sms = <S extends z.ZodType>(m: Omit<ModeleSms<S>, 'canal'>): ModeleSms<S> => ({ canal: 'sms', ...m });

const Texte = z.string().trim().min(1).max(2000);

/** What the appointment messages say: the texts are prepared when queued (`quand` in the site's zone). */
const ParametresRdv = z.object({
  rdvId: z.uuid(),
  motif: z.string().max(120),
  site: z.string().max(200),
  lieu: z.string().max(400),
  /** "mardi 12 janvier 2027 à 09:00", on the site's clock. */
  quand: z.string().max(80),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  instructions: z.string().max(1000).default(''),
  /** Reference of the citizen link that cancels (its URL is derived at send time; empty in cancellations). */
  refAnnulation: z.string().max(100).default(''),
  /** The appointment's revision (iCalendar SEQUENCE): one more after each move; a cancellation sends it plus one. */
  sequence: z.number().int().min(0).max(10000).default(0),
  /** Why the site cancelled, told to the person (empty when they cancelled themselves). */
  raison: z.string().max(300).default(''),
  /** A visio motif's meeting address (https): given instead of the site's address, and as the event's location. */
  lienVisio: z.union([z.literal(''), z.url({ protocol: /^https$/ }).max(500)]).default(''),
});

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

/** The first SMS text that fits in `SEGMENTS_MAX` segments (the shortest, last, is kept whatever its length). */
function smsQuiTient(...textes: string[]): string {
  return textes.find((t) => compterSegments(t).segments <= SEGMENTS_MAX) ?? (textes.at(-1) as string);
}

/** Where the appointment takes place, as one line of a message: the visio link, or the site's address. */
const ouRdv = (p: z.output<typeof ParametresRdv>) =>
  p.lienVisio ? `Rendez-vous en visio, par ce lien : ${p.lienVisio}` : `Adresse : ${p.lieu}`;

function invitationRdv(
  p: z.output<typeof ParametresRdv>,
  methode: 'REQUEST' | 'CANCEL',
  sequence: number,
  ctx: ContexteRendu,
): PieceJointe {
  return {
    nomFichier: methode === 'CANCEL' ? 'annulation.ics' : 'invitation.ics',
    typeMime: `text/calendar; charset=utf-8; method=${methode}`,
    contenu: invitationIcs({
      uid: `${p.rdvId}@guichet`,
      titre: `${p.motif} – ${p.site}`,
      debut: new Date(p.debut),
      fin: new Date(p.fin),
      lieu: p.lienVisio || p.lieu,
      url: p.lienVisio || undefined,
      organisateur: ctx.expediteur ? { nom: p.site, courriel: ctx.expediteur } : undefined,
      participant: ctx.destinataire || undefined,
      methode,
      sequence,
    }),
  };
}

export const MODELES = {
  'comptes.invitation': courriel({
    parametres: z.object({ prenom: z.string().max(100), auteur: z.string().max(201) }),
    lienUnique: '/mot-de-passe/nouveau',
    rendre: (p, { lien }) => ({
      sujet: 'guichet : votre compte a été créé',
      texte: [
        `Bonjour ${p.prenom},`,
        '',
        `${p.auteur} vous a ouvert un compte sur guichet, le système d’information du réseau France services.`,
        'Pour choisir votre mot de passe, ouvrez ce lien (valable 7 jours, une seule fois) :',
        lien,
      ].join('\n'),
    }),
  }),
  'comptes.reinitialisation': courriel({
    parametres: z.object({}),
    lienUnique: '/mot-de-passe/nouveau',
    rendre: (_p, { lien }) => ({
      sujet: 'guichet : réinitialisation de votre mot de passe',
      texte: [
        'Bonjour,',
        '',
        'Une réinitialisation du mot de passe de votre compte guichet a été demandée.',
        'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :',
        lien,
        '',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ].join('\n'),
    }),
  }),
  /** A test message (operators checking the configuration, the bench, the tests), with an optional ICS event. */
  'essai.courriel': courriel({
    parametres: z.object({
      texte: Texte,
      evenement: z
        .object({
          titre: z.string().max(200),
          debut: z.iso.datetime(),
          fin: z.iso.datetime(),
          lieu: z.string().max(300),
        })
        .optional(),
    }),
    rendre: (p, { cle }) => ({
      sujet: 'guichet : message d’essai',
      texte: p.texte,
      piecesJointes: p.evenement
        ? [
            {
              nomFichier: 'invitation.ics',
              typeMime: 'text/calendar; charset=utf-8; method=PUBLISH',
              contenu: invitationIcs({
                uid: `${signature('ics', cle).slice(0, 22)}@guichet`,
                titre: p.evenement.titre,
                debut: new Date(p.evenement.debut),
                fin: new Date(p.evenement.fin),
                lieu: p.evenement.lieu,
              }),
            },
          ]
        : [],
    }),
  }),
  'essai.sms': sms({ parametres: z.object({ texte: Texte }), rendre: (p) => ({ texte: p.texte }) }),
  /** An appointment booked (issue 11): the email carries the invitation (UID = appointment id, SEQUENCE 0). */
  'rdv.confirmation': courriel({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      sujet: `Rendez-vous confirmé : ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Votre rendez-vous « ${p.motif} » à ${p.site} est confirmé pour le ${p.quand}.`,
        ouRdv(p),
        ...(p.instructions ? ['', `À prévoir : ${p.instructions}`] : []),
        '',
        'Pour annuler ce rendez-vous ou choisir un autre horaire, ouvrez ce lien :',
        ctx.lienCitoyen(p.refAnnulation),
      ].join('\n'),
      piecesJointes: [invitationRdv(p, 'REQUEST', p.sequence, ctx)],
    }),
  }),
  'rdv.confirmation.sms': sms({
    parametres: ParametresRdv,
    rendre: (p, ctx) => {
      const texte = `France services : RDV ${p.motif} le ${p.quand}, ${p.site}. Annuler : ${ctx.lienCitoyen(p.refAnnulation)}`;
      return { texte: smsQuiTient(p.lienVisio ? `${texte} Visio : ${p.lienVisio}` : texte, texte) };
    },
  }),
  /** The reminder of the day before (issue 11): no attachment, the invitation was sent with the confirmation. */
  'rdv.rappel': courriel({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      sujet: `Rappel : votre rendez-vous du ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Nous vous rappelons votre rendez-vous « ${p.motif} » à ${p.site}, le ${p.quand}.`,
        ouRdv(p),
        ...(p.instructions ? ['', `À prévoir : ${p.instructions}`] : []),
        '',
        'Si vous ne pouvez pas venir, annulez-le pour libérer la place à quelqu’un d’autre :',
        ctx.lienCitoyen(p.refAnnulation),
      ].join('\n'),
    }),
  }),
  /** The SMS reminders, the day before and 2 hours before: the visio link, then the cancel link, go if too long. */
  'rdv.rappel.sms': sms({
    parametres: ParametresRdv,
    rendre: (p, ctx) => {
      const texte = `France services : rappel, RDV ${p.motif} le ${p.quand}, ${p.site}.`;
      const annuler = ` Annuler : ${ctx.lienCitoyen(p.refAnnulation)}`;
      const visio = p.lienVisio ? ` Visio : ${p.lienVisio}` : '';
      return { texte: smsQuiTient(texte + visio + annuler, texte + visio, texte) };
    },
  }),
  'rdv.rappel.2h.sms': sms({
    parametres: ParametresRdv,
    rendre: (p) => {
      const texte = `France services : rappel, votre RDV ${p.motif} approche : ${p.quand}, ${p.site}.`;
      return { texte: smsQuiTient(p.lienVisio ? `${texte} Visio : ${p.lienVisio}` : texte, texte) };
    },
  }),
  /** An appointment cancelled: the same UID with the next SEQUENCE and METHOD:CANCEL removes it from the calendar. */
  'rdv.annulation': courriel({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      sujet: `Rendez-vous annulé : ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Votre rendez-vous « ${p.motif} » à ${p.site} du ${p.quand} est annulé.`,
        ...(p.raison ? [`${p.site} a dû l’annuler : ${p.raison}`, 'Nous vous prions de nous excuser.'] : []),
        'Vous pouvez prendre un nouveau rendez-vous sur la page du lieu.',
      ].join('\n'),
      piecesJointes: [invitationRdv(p, 'CANCEL', p.sequence + 1, ctx)],
    }),
  }),
  'rdv.annulation.sms': sms({
    parametres: ParametresRdv,
    rendre: (p) => ({ texte: `France services : votre RDV ${p.motif} du ${p.quand} à ${p.site} est annulé.` }),
  }),
  /** An appointment moved (by the site or through the citizen's link): the same UID, its new SEQUENCE, new times. */
  'rdv.deplacement': courriel({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      sujet: `Rendez-vous déplacé : ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Votre rendez-vous « ${p.motif} » à ${p.site} est déplacé : il aura lieu le ${p.quand}.`,
        ouRdv(p),
        ...(p.instructions ? ['', `À prévoir : ${p.instructions}`] : []),
        '',
        'Pour annuler ce rendez-vous ou choisir un autre horaire, ouvrez ce lien :',
        ctx.lienCitoyen(p.refAnnulation),
      ].join('\n'),
      piecesJointes: [invitationRdv(p, 'REQUEST', p.sequence, ctx)],
    }),
  }),
  'rdv.deplacement.sms': sms({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      texte: `France services : RDV ${p.motif} déplacé au ${p.quand}, ${p.site}. Annuler : ${ctx.lienCitoyen(p.refAnnulation)}`,
    }),
  }),
  /** A message written to a site (issue 12), by its form or by email: received, and by when the answer is promised. */
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

export type CleModele = keyof typeof MODELES;
export type ParametresDe<K extends CleModele> = z.input<(typeof MODELES)[K]['parametres']>;

/** The token of a message's one-time link: an HMAC of its key, so that it is never stored and a retry sends the same. */
export function jetonDuMessage(secret: string, cle: string): string {
  return signature(secret, `messages.lien-unique:${cle}`);
}

function echapper(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML part of an email, from its text: paragraphs, and its URLs as links. */
export function enHtml(texte: string): string {
  const paragraphes = texte.split(/\n{2,}/).map((p) =>
    echapper(p)
      .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html lang="fr"><body>${paragraphes.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

export type Rendu = ({ canal: 'courriel' } & RenduCourriel) | ({ canal: 'sms' } & RenduSms);

/**
 * Renders a stored message; throws when its template is unknown or its parameters no longer match (a definitive
 * failure: retrying would not help).
 */
export function rendre(
  m: { modele: string; parametres: unknown; cle: string; destinataire?: string },
  env: { urlPublique: string; secret: string; expediteur?: string },
): Rendu {
  const modele = (MODELES as Record<string, Modele>)[m.modele];
  if (!modele) throw new ErreurModele(`unknown template ${m.modele}`);
  const lu = modele.parametres.safeParse(m.parametres);
  if (!lu.success) throw new ErreurModele(`parameters of ${m.modele} do not match its schema`);
  const lien = modele.lienUnique
    ? `${env.urlPublique}${modele.lienUnique}?jeton=${encodeURIComponent(jetonDuMessage(env.secret, m.cle))}`
    : '';
  const ctx = {
    urlPublique: env.urlPublique,
    lien,
    cle: m.cle,
    expediteur: adresseDe(env.expediteur ?? ''),
    destinataire: m.destinataire ?? '',
    lienCitoyen: (reference: string) =>
      `${env.urlPublique.replace(/\/$/, '')}/l/${jetonDeLienCitoyen(env.secret, reference)}`,
  };
  if (modele.canal === 'sms') return { canal: 'sms', ...modele.rendre(lu.data, ctx) };
  const r = modele.rendre(lu.data, ctx);
  return { canal: 'courriel', html: enHtml(r.texte), piecesJointes: [], ...r };
}

export class ErreurModele extends Error {}

/** The address of a mailbox written `Name <address>` (or the bare address). */
export function adresseDe(boite: string): string {
  return (/<([^<>\s]+)>/.exec(boite)?.[1] ?? boite).trim();
}
