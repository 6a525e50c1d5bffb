// The outbox of emails and SMS (ADR 0021, 0022): what modules and the application may use.
export { envoyerLot, envoyerTout } from './envoi.ts';
export { mettreEnFile, nouvelleCle, SmsTropLong } from './file.ts';
export { fermerFournisseurs, fournisseursDe, messageIdDe } from './fournisseurs.ts';
export { tacheEnvoiMessages } from './jobs.ts';
export { adresseDe, type CleModele, type EntetesCourriel, jetonDuMessage } from './modeles.ts';
export { purgerMessages, REGLES_MESSAGES } from './retention.ts';
export { compterSegments, SEGMENTS_MAX } from './segments.ts';
export {
  derniersCourriels,
  enregistrerRemise,
  etatFile,
  listerMessages,
  type MessageListe,
  masquerDestinataire,
  relancerMessage,
  type Statut,
} from './suivi.ts';
