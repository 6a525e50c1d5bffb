import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/index.ts';
import { utilisateurs } from '../modules/comptes/tables.ts';
import { delaiReponseSite, HEURES_OUVREES, recevoirDemande } from '../modules/contacts/index.ts';
import { demandesContact, messagesContact } from '../modules/contacts/tables.ts';
import { sites } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';

// Demo requests written to Sceaux (issue 12), loaded once per database, relative to the instant they are loaded: one
// just received, one assigned whose clock nears its 75 % mark, one answered, one received by email whose attachment
// was dropped. Recorded through `recevoirDemande` (the clock, the copy of structure and département) without
// acknowledgements: nobody is at these addresses, and the test template must not carry queued messages.

const SITE = 'France services de Sceaux';
const AGENT = 'agent.sceaux@guichet.test';
const HEURE_MS = 3_600_000;

/** The configuration the reception needs; the site's own address is not stored, any domain does. */
const CONFIG: Pick<Config, 'publicUrl' | 'sessionSecret' | 'domaineContact'> = {
  publicUrl: 'http://localhost',
  sessionSecret: 'demo',
  domaineContact: 'contact.guichet.localhost',
};

/**
 * The latest reception instant whose 75 % mark (54 of 72 working hours) is at most two working hours after
 * `maintenant`: the mark is nondecreasing in the reception instant, so a bisection over the last 30 days finds it.
 */
async function recuAvantTroisQuarts(tx: Executor, siteId: string, maintenant: Date): Promise<Date> {
  const cible = await delaiReponseSite(tx, siteId, maintenant, 2);
  if (!cible?.delai.ok) return new Date(maintenant.getTime() - 48 * HEURE_MS);
  const borne = cible.delai.echeance.getTime();
  let tot = maintenant.getTime() - 30 * 24 * HEURE_MS;
  let tard = maintenant.getTime();
  while (tard - tot > 60_000) {
    const milieu = Math.floor((tot + tard) / 2);
    const marque = await delaiReponseSite(tx, siteId, new Date(milieu), (HEURES_OUVREES * 3) / 4);
    if (marque?.delai.ok && marque.delai.echeance.getTime() <= borne) tot = milieu;
    else tard = milieu;
  }
  return new Date(tot);
}

async function recevoir(tx: Executor, r: Parameters<typeof recevoirDemande>[2]): Promise<string> {
  const resultat = await recevoirDemande(tx, CONFIG, { ...r, sansAccuse: true });
  if (!resultat.ok) throw new Error(`demo request refused: ${JSON.stringify(resultat.erreurs)}`);
  return resultat.demande.id;
}

/** Loads the four demo requests at Sceaux once per database (seed key `demo.contacts`). */
export async function chargerContactsDemo(tx: Executor, maintenant = new Date()): Promise<void> {
  const [site] = await tx
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.nom, SITE), eq(sites.actif, true)))
    .limit(1);
  if (!site) return;
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.contacts' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const [agent] = await tx.select({ id: utilisateurs.id }).from(utilisateurs).where(eq(utilisateurs.courriel, AGENT));
  const formulaire = { siteId: site.id, canal: 'formulaire' as const, consentement: true };

  await recevoir(tx, {
    ...formulaire,
    nom: 'Nadia Benali',
    courriel: 'nadia.benali@exemple.fr',
    telephone: '06 12 34 56 78',
    corps:
      'Bonjour,\nma CAF me demande une attestation de loyer pour mon aide au logement. Pouvez-vous m’aider à la remplir en ligne ?\nMerci.',
    recuLe: new Date(maintenant.getTime() - 2 * HEURE_MS),
  });

  const pressee = await recevoir(tx, {
    ...formulaire,
    nom: 'Julien Morel',
    courriel: 'julien.morel@exemple.fr',
    corps:
      'Bonjour,\nmon passeport expire dans deux mois et je pars à l’étranger en juillet. Quels documents dois-je préparer pour la pré-demande ?',
    recuLe: await recuAvantTroisQuarts(tx, site.id, maintenant),
  });
  await tx
    .update(demandesContact)
    .set({ statut: 'en_cours', assigneA: agent?.id ?? null })
    .where(eq(demandesContact.id, pressee));

  const recuRepondue = new Date(maintenant.getTime() - 4 * 24 * HEURE_MS);
  const repondue = await recevoir(tx, {
    ...formulaire,
    nom: 'Odile Lambert',
    telephone: '07 98 76 54 32',
    corps: 'Bonjour,\nje voudrais savoir si vous pouvez m’aider à déclarer mes revenus en ligne pour la première fois.',
    recuLe: recuRepondue,
  });
  const reponduLe = new Date(recuRepondue.getTime() + 20 * HEURE_MS);
  await tx.insert(messagesContact).values({
    demandeId: repondue,
    sens: 'reponse',
    auteurId: agent?.id ?? null,
    corps:
      'Bonjour Madame,\nbien sûr : venez avec votre numéro fiscal et votre dernier avis d’impôt, sans rendez-vous le mardi matin, ou réservez un créneau sur notre page.\nBonne journée.',
    creeLe: reponduLe,
  });
  await tx
    .update(demandesContact)
    .set({ statut: 'repondue', assigneA: agent?.id ?? null, premiereReponseLe: reponduLe })
    .where(eq(demandesContact.id, repondue));

  await recevoir(tx, {
    siteId: site.id,
    canal: 'courriel',
    nom: 'Thomas Nguyen',
    courriel: 'thomas.nguyen@exemple.fr',
    objet: 'Avis d’imposition à corriger',
    corps:
      'Bonjour,\nje joins mon avis d’imposition : le nombre de parts est faux depuis la naissance de ma fille. Comment le faire corriger ?\nCordialement,\nThomas Nguyen',
    recuLe: new Date(maintenant.getTime() - 26 * HEURE_MS),
    messageId: '<demo-sceaux-avis@exemple.fr>',
    piecesIgnorees: 1,
  });
}
