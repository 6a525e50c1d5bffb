// A minimal iCalendar (RFC 5545) invitation, attached to an email so that calendars can add the event.

export interface Evenement {
  /** Stable identifier: the same event sent again updates the calendar entry instead of adding one. */
  uid: string;
  titre: string;
  debut: Date;
  fin: Date;
  lieu?: string;
  description?: string;
  /** iTIP method: PUBLISH (default) shows an event, REQUEST invites, CANCEL withdraws an event sent with the same UID. */
  methode?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Revision of the event: a calendar applies an update (or a cancellation) only with a higher SEQUENCE. */
  sequence?: number;
  /** Who sends the event (RFC 5546 requires it in PUBLISH, REQUEST and CANCEL): a name and an email address. */
  organisateur?: { nom: string; courriel: string };
  /** The person invited (REQUEST, CANCEL in an email to them): their own address, never in a downloaded file. */
  participant?: string;
  /** A link for the event (a video meeting's address). */
  url?: string;
}

function horodatage(d: Date): string {
  return `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

function texte(valeur: string): string {
  return valeur.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value (RFC 5545 §3.2): quoted, without the characters a quoted string may not hold. */
function parametre(valeur: string): string {
  return `"${valeur.replace(/[\p{Cc}"]/gu, ' ').trim()}"`;
}

/** Folds a content line at 75 octets, as the RFC requires (continuation lines start with a space). */
function plier(ligne: string): string {
  const morceaux: string[] = [];
  let courant = '';
  for (const c of ligne) {
    if (Buffer.byteLength(courant + c) > (morceaux.length === 0 ? 75 : 74)) {
      morceaux.push(courant);
      courant = '';
    }
    courant += c;
  }
  morceaux.push(courant);
  return morceaux.join('\r\n ');
}

/** The text of a `.ics` file holding one event. */
export function invitationIcs(e: Evenement, maintenant = new Date()): string {
  const lignes = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//guichet//France services//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.methode ?? 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    ...(e.sequence !== undefined ? [`SEQUENCE:${e.sequence}`] : []),
    ...(e.methode === 'CANCEL' ? ['STATUS:CANCELLED'] : []),
    `DTSTAMP:${horodatage(maintenant)}`,
    `DTSTART:${horodatage(e.debut)}`,
    `DTEND:${horodatage(e.fin)}`,
    `SUMMARY:${texte(e.titre)}`,
    ...(e.organisateur ? [`ORGANIZER;CN=${parametre(e.organisateur.nom)}:mailto:${e.organisateur.courriel}`] : []),
    ...(e.participant ? [`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${e.participant}`] : []),
    ...(e.lieu ? [`LOCATION:${texte(e.lieu)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    ...(e.description ? [`DESCRIPTION:${texte(e.description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lignes.map(plier).join('\r\n')}\r\n`;
}
