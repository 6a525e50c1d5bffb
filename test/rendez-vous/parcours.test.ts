import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { motifEnLigne } from './motif.ts';

// A citizen books an appointment at Sceaux without an account and without JavaScript, through plain GET pages and
// POST forms, then cancels it through the link of the confirmation message.

let ctx: Contexte;
const boite = new BoiteDeTest();
let siteId: string;
let motif: { id: string; nom: string };

beforeAll(async () => {
  ctx = await demarrerApp();
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  siteId = s?.id as string;
  motif = await motifEnLigne(ctx, siteId);
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

const decoder = (html: string) => html.replaceAll('&amp;', '&');
/** The links of a page to the contact form, one per free slot, in order. */
const liensCreneaux = (html: string) =>
  [...decoder(html).matchAll(/href="(\/lieux\/[^"]+\/rendez-vous\/coordonnees\?[^"]+)"/g)].map((m) => m[1] as string);
const apostrophes = (html: string) => html.replaceAll('&#39;', '’');

describe('booking an appointment online, without JavaScript', () => {
  it('from the site page to the confirmation, then cancelled through the emailed link', async () => {
    const navigateur = new Client(ctx.app);

    // The public site page offers the booking.
    const fiche = await navigateur.get(`/lieux/${siteId}`);
    expect(fiche.statusCode).toBe(200);
    expect(fiche.body).toContain(`href="/lieux/${siteId}/rendez-vous"`);
    expect(fiche.body).toContain('Prendre rendez-vous');

    // Step 1: the motifs, with their duration, channel and what to bring.
    const motifs = await navigateur.get(`/lieux/${siteId}/rendez-vous`);
    expect(motifs.statusCode).toBe(200);
    expect(motifs.body).toContain(motif.nom);
    expect(motifs.body).toMatch(/type="radio"[^>]*name="motif"/);
    expect(motifs.body).toMatch(/\d+ (minutes|h)/);
    // Sent without a choice: the same page, with the error.
    const sansMotif = await navigateur.get(`/lieux/${siteId}/rendez-vous/creneaux?motif=`);
    expect(sansMotif.statusCode).toBe(422);
    expect(sansMotif.body).toContain('Choisissez la démarche pour laquelle vous prenez rendez-vous');

    // Step 2: the slots of the next 14 days, by day in French, and the next weeks.
    const creneaux = await navigateur.get(`/lieux/${siteId}/rendez-vous/creneaux?motif=${motif.id}`);
    expect(creneaux.statusCode).toBe(200);
    expect(creneaux.body).toMatch(/<h3[^>]*>(lundi|mardi|mercredi|jeudi|vendredi|samedi) \d{1,2}(er)? [a-zéû]+<\/h3>/);
    expect(creneaux.body).toMatch(/>\d{2}:\d{2}</);
    const suivantes = decoder(creneaux.body).match(/href="([^"]+)"[^>]*>\s*Semaines suivantes/)?.[1];
    expect(suivantes).toMatch(/&du=\d{4}-\d{2}-\d{2}$/);
    expect((await navigateur.get(suivantes as string)).statusCode).toBe(200);
    const [lien] = liensCreneaux(creneaux.body);
    expect(lien).toBeDefined();
    const debut = new URL(lien as string, 'http://x').searchParams.get('debut') as string;

    // Step 3: the form. Sent with a name only: two errors, linked to their fields, the name kept.
    const formulaire = await navigateur.get(lien as string);
    expect(formulaire.statusCode).toBe(200);
    expect(formulaire.body).toContain('3 mois après la date du rendez-vous');
    const incomplet = await navigateur.post(`/lieux/${siteId}/rendez-vous`, {
      motif: motif.id,
      debut,
      nom: 'Camille Dupont',
      courriel: '',
      telephone: '',
      siteWeb: '',
    });
    expect(incomplet.statusCode).toBe(422);
    const page = apostrophes(incomplet.body);
    expect(page).toContain('<title>Erreur – ');
    expect(page).toContain('Le formulaire contient 2 erreurs');
    expect(page).toContain('href="#courriel"');
    expect(page).toContain('Indiquez une adresse électronique ou un numéro de téléphone');
    expect(page).toContain('href="#consentement"');
    expect(page).toContain('Cochez la case pour accepter');
    expect(page).toContain('value="Camille Dupont"');
    expect(await ctx.sql('select 1 from rendez_vous where nom = $1', ['Camille Dupont'])).toHaveLength(0);

    // Fixed: booked, and the confirmation page says what, when, where, what to bring.
    const courriel = `camille.${Date.now()}@exemple.fr`;
    const reserve = await navigateur.post(`/lieux/${siteId}/rendez-vous`, {
      motif: motif.id,
      debut,
      nom: 'Camille Dupont',
      courriel,
      telephone: '',
      consentement: 'on',
      siteWeb: '',
    });
    expect(reserve.statusCode).toBe(303);
    expect(reserve.headers.location).toBe(`/lieux/${siteId}/rendez-vous/confirmation`);
    const confirmation = await navigateur.get(String(reserve.headers.location));
    expect(confirmation.statusCode).toBe(200);
    const texte = apostrophes(confirmation.body);
    expect(texte).toContain('Votre rendez-vous est confirmé');
    expect(texte).toContain(motif.nom);
    expect(texte).toContain('49 rue de Bagneux');
    expect(texte).toContain('Une confirmation vous a été envoyée par courriel');
    expect(texte).toContain('lien pour annuler');

    // The confirmation went through the outbox, with the cancel link.
    const recus = await boite.recus(ctx, courriel);
    expect(recus.length).toBeGreaterThanOrEqual(1);
    const jeton = recus.map((r) => r.texte.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1]).find(Boolean);
    expect(jeton).toBeDefined();

    // Someone else chose the same slot meanwhile: the slots again, with what they typed.
    const autre = new Client(ctx.app);
    await autre.get(lien as string);
    const pris = await autre.post(`/lieux/${siteId}/rendez-vous`, {
      motif: motif.id,
      debut,
      nom: 'Dominique Martin',
      courriel: 'dominique@exemple.fr',
      telephone: '06 12 34 56 78',
      consentement: 'on',
      siteWeb: '',
    });
    expect(pris.statusCode).toBe(409);
    expect(apostrophes(pris.body)).toContain('Ce créneau vient d’être pris : choisissez-en un autre.');
    expect(pris.body).toContain('value="dominique@exemple.fr"');
    expect(pris.body).toContain('value="06 12 34 56 78"');
    expect(pris.body).toMatch(/type="radio"[^>]*name="debut"/);
    expect(pris.body).not.toContain(`value="${debut}"`);

    // Cancelled through the link: opening it changes nothing, the button does.
    const annulation = await navigateur.get(`/l/${jeton}`);
    expect(annulation.statusCode).toBe(200);
    expect(apostrophes(annulation.body)).toContain('Confirmer l’annulation');
    expect(annulation.body).toContain(motif.nom);
    const [avant] = await ctx.sql<{ statut: string }>('select statut from rendez_vous where courriel = $1', [courriel]);
    expect(avant?.statut).toBe('reserve');
    const annule = await navigateur.post('/rendez-vous/annulation', { jeton: jeton as string });
    expect(annule.statusCode).toBe(303);
    const fin = await navigateur.get(String(annule.headers.location));
    expect(fin.body).toContain('Votre rendez-vous est annulé');
    const [apres] = await ctx.sql<{ statut: string }>('select statut from rendez_vous where courriel = $1', [courriel]);
    expect(apres?.statut).toBe('annule_usager');

    // The link is spent (used, and revoked with the appointment's other links).
    const encore = await navigateur.get(`/l/${jeton}`);
    expect(encore.statusCode).toBe(410);
    expect(apostrophes(encore.body)).toMatch(/Lien déjà utilisé|Lien annulé/);
    const repost = await navigateur.post('/rendez-vous/annulation', { jeton: jeton as string });
    expect(repost.statusCode).toBe(410);
  });

  it('refuses a form whose hidden field a robot filled, and books nothing', async () => {
    const navigateur = new Client(ctx.app);
    const creneaux = await navigateur.get(`/lieux/${siteId}/rendez-vous/creneaux?motif=${motif.id}`);
    const lien = liensCreneaux(creneaux.body).at(-1) as string;
    await navigateur.get(lien);
    const r = await navigateur.post(`/lieux/${siteId}/rendez-vous`, {
      motif: motif.id,
      debut: new URL(lien, 'http://x').searchParams.get('debut') as string,
      nom: 'Robot',
      courriel: 'robot@exemple.fr',
      consentement: 'on',
      siteWeb: 'https://spam.example',
    });
    expect(r.statusCode).toBe(422);
    expect(await ctx.sql('select 1 from rendez_vous where courriel = $1', ['robot@exemple.fr'])).toHaveLength(0);
  });

  it('answers the French 404 page for an unknown site or motif, and a malformed slot is never a 500', async () => {
    const navigateur = new Client(ctx.app);
    const inconnu = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/lieux/${inconnu}/rendez-vous`,
      `/lieux/pas-un-id/rendez-vous`,
      `/lieux/${siteId}/rendez-vous/creneaux?motif=${inconnu}`,
      `/lieux/${siteId}/rendez-vous/coordonnees?motif=${inconnu}&debut=2027-01-04T09:30:00.000Z`,
    ]) {
      const r = await navigateur.get(url);
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect(r.body).toContain('Page non trouvée');
    }
    const bizarre = await navigateur.get(
      `/lieux/${siteId}/rendez-vous/creneaux?motif=${motif.id}&du=${encodeURIComponent("2027-13-45' or 1=1")}`,
    );
    // An impossible date is refused in French (issue 9's rule for every date a page accepts), never a 500.
    expect(bizarre.statusCode).toBe(400);
    expect(bizarre.body).toContain('date de début');
    const r = await navigateur.get(`/lieux/${siteId}/rendez-vous/coordonnees?motif=${motif.id}&debut=demain`);
    expect(r.statusCode).toBe(303);
    await navigateur.get(`/lieux/${siteId}/rendez-vous`);
    const post = await navigateur.post(`/lieux/${siteId}/rendez-vous`, { motif: motif.id, debut: 'x', nom: 'A B' });
    expect(post.statusCode).toBe(422);
  });
});
