import { z } from 'zod';
import { invitationIcs } from './ics.ts';
import { type ContexteRendu, courriel, type Modele, type PieceJointe, sms, smsQuiTient } from './modeles-base.ts';

// The appointment messages (issue 11): confirmation, reminders, cancellation and move, by email with a calendar
// invitation and by SMS.

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

export const MODELES_RENDEZ_VOUS = {
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
} satisfies Record<string, Modele>;
