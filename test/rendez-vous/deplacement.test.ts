import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendre } from '../../src/platform/messages/modeles.ts';
import { structureNommee } from '../fabriques.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { debutDe, liensCreneaux, lieuDeTest, radiosCreneaux, reserverAuGuichet } from './guichet-lieu.ts';

// Moves and cancellations (issue 11, points 3 and 5): the desk moves an appointment in place (the exclusion
// constraint still guards it, the calendar's SEQUENCE goes up), cancels it for the site with a reason (the person told
// once), and the citizen moves it through the link of their confirmation, which keeps working until the new start.

let ctx: Contexte;
let lieu: Awaited<ReturnType<typeof lieuDeTest>>;
let agent: Client;
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
  lieu = await lieuDeTest(ctx, await structureNommee(ctx, 'France services de Sceaux'));
  agent = await clientConnecte(ctx.app, DEMO.gestionSceaux);
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

const apostrophes = (html: string) => html.replaceAll('&#39;', '’').replaceAll('&amp;', '&');
const etat = async (id: string) =>
  (
    await ctx.sql<{ debut: Date; statut: string; sequence: number; ressource_id: string; raison_annulation: string }>(
      'select debut, statut, sequence, ressource_id, raison_annulation from rendez_vous where id = $1',
      [id],
    )
  )[0];
/** The queued messages of an appointment, rendered as they will be sent. */
async function messagesDe(id: string) {
  const lignes = await ctx.sql<{ modele: string; parametres: unknown; cle: string; destinataire: string }>(
    'select modele, parametres, cle, destinataire from messages where parametres->>$2 = $1 order by cree_le',
    [id, 'rdvId'],
  );
  return lignes.map((m) => ({
    ...m,
    rendu: rendre(m, { urlPublique: 'http://guichet.test', secret: ctx.config.sessionSecret }),
  }));
}
const ics = (m: { rendu: ReturnType<typeof rendre> }) =>
  m.rendu.canal === 'courriel' ? (m.rendu.piecesJointes[0]?.contenu ?? '') : '';

describe('a move at the desk', () => {
  it('refuses a taken slot in French and changes nothing, then moves in place with the next SEQUENCE', async () => {
    const a = await reserverAuGuichet(agent, lieu, lieu.motifEnLigne, { nom: 'Anne Roy', courriel: 'anne@exemple.fr' });
    const b = await reserverAuGuichet(agent, lieu, lieu.motifEnLigne, { nom: 'Bruno Roy' });
    const base = `/sites/${lieu.siteId}/rendez-vous/${a.id}`;
    const fiche = await agent.get(base);
    expect(fiche.body).toContain(`href="${base}/deplacer"`);

    // The move page lists the motif's free slots, not B's.
    const page = await agent.get(`${base}/deplacer`);
    expect(page.statusCode).toBe(200);
    const libres = radiosCreneaux(page.body);
    expect(libres.length).toBe(12);
    expect(libres).not.toContain(new Date(b.debut).toISOString());

    const avant = await etat(a.id);
    const pris = await agent.post(`${base}/deplacer`, { debut: b.debut });
    expect(pris.statusCode).toBe(409);
    expect(apostrophes(pris.body)).toContain('Ce créneau vient d’être pris : choisissez-en un autre.');
    expect(await etat(a.id)).toEqual(avant);
    const meme = await agent.post(`${base}/deplacer`, { debut: a.debut });
    expect(meme.statusCode).toBe(422);
    expect(apostrophes(meme.body)).toContain('Choisissez un horaire différent de l’horaire actuel.');
    const mauvais = await agent.post(`${base}/deplacer`, { debut: 'jeudi' });
    expect(mauvais.statusCode).toBe(422);
    expect(await etat(a.id)).toEqual(avant);
    expect((await messagesDe(a.id)).map((m) => m.modele)).toEqual(['rdv.confirmation']);

    // A free slot: moved in place (same id), one revision more, the person told with a new invitation.
    const nouveau = libres[libres.length - 1] as string;
    const deplace = await agent.post(`${base}/deplacer`, { debut: nouveau });
    expect(deplace.statusCode).toBe(303);
    expect(deplace.headers.location).toBe(base);
    expect(apostrophes((await agent.get(base)).body)).toContain('Rendez-vous déplacé au');
    const apres = await etat(a.id);
    expect(apres?.debut.toISOString()).toBe(nouveau);
    expect(apres?.sequence).toBe(1);
    const messages = await messagesDe(a.id);
    expect(messages.map((m) => m.modele)).toEqual(['rdv.confirmation', 'rdv.deplacement']);
    const message = messages[1] as (typeof messages)[number];
    expect(message.rendu.canal === 'courriel' && message.rendu.texte).toContain('est déplacé');
    const invitation = ics(message);
    expect(invitation).toContain('METHOD:REQUEST');
    expect(invitation).toContain(`UID:${a.id}@guichet`);
    expect(invitation).toContain('SEQUENCE:1');
    expect(invitation).toContain(`DTSTART:${nouveau.replace(/[-:]/g, '').slice(0, 15)}Z`);
    const fichier = await ctx.app.inject({ url: `/api/v1/rendez-vous/${a.id}.ics` });
    expect(fichier.body).toContain('SEQUENCE:1');
    // The citizen link lives until the new start; the old slot is free again.
    const [lien] = await ctx.sql<{ expire_le: Date }>('select expire_le from liens_citoyens where sujet = $1', [a.id]);
    expect(lien?.expire_le.toISOString()).toBe(nouveau);
    const liste = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifEnLigne}`);
    expect(liensCreneaux(liste.body).map(debutDe)).toContain(new Date(a.debut).toISOString());

    // Moved twice: SEQUENCE 2; cancelled afterwards: CANCEL with SEQUENCE 3.
    expect((await agent.post(`${base}/deplacer`, { debut: a.debut })).statusCode).toBe(303);
    expect((await etat(a.id))?.sequence).toBe(2);
    expect((await agent.post(`${base}/annuler`, { raison: 'Agent en formation' })).statusCode).toBe(303);
    const annulation = (await messagesDe(a.id)).find((m) => m.modele === 'rdv.annulation');
    expect(ics(annulation as never)).toContain('METHOD:CANCEL');
    expect(ics(annulation as never)).toContain('SEQUENCE:3');
  });
});

describe('a cancellation by the site', () => {
  it('cancels with a reason, revokes the link and notifies once; a second POST sends nothing more', async () => {
    const r = await reserverAuGuichet(agent, lieu, lieu.motifEnLigne, {
      nom: 'Chloé Martin',
      courriel: 'chloe@exemple.fr',
      telephone: '06 12 34 56 78',
    });
    const base = `/sites/${lieu.siteId}/rendez-vous/${r.id}`;
    const sansRaison = await agent.post(`${base}/annuler`, { raison: '' });
    expect(sansRaison.statusCode).toBe(422);
    expect(apostrophes(sansRaison.body)).toContain('Saisissez la raison de l’annulation');
    expect(sansRaison.body).toContain('aria-describedby="raison-messages"');
    expect((await etat(r.id))?.statut).toBe('reserve');

    const annule = await agent.post(`${base}/annuler`, { raison: 'Fermeture exceptionnelle du lieu' });
    expect(annule.statusCode).toBe(303);
    const fiche = apostrophes((await agent.get(base)).body);
    expect(fiche).toContain('Rendez-vous annulé');
    expect(fiche).toContain('Annulé par le lieu');
    expect(fiche).toContain('Fermeture exceptionnelle du lieu');
    expect(fiche).not.toContain('Déplacer');
    expect(await etat(r.id)).toMatchObject({
      statut: 'annule_site',
      raison_annulation: 'Fermeture exceptionnelle du lieu',
    });
    expect(await ctx.sql('select 1 from liens_citoyens where sujet = $1 and revoque_le is null', [r.id])).toEqual([]);
    const envoyes = async () =>
      (await messagesDe(r.id)).filter((m) => m.modele.startsWith('rdv.annulation')).map((m) => m.modele);
    expect((await envoyes()).sort()).toEqual(['rdv.annulation', 'rdv.annulation.sms']);
    const courriel = (await messagesDe(r.id)).find((m) => m.modele === 'rdv.annulation');
    expect(courriel?.rendu.canal === 'courriel' && courriel.rendu.texte).toContain('Fermeture exceptionnelle du lieu');

    const encore = await agent.post(`${base}/annuler`, { raison: 'Deuxième clic' });
    expect(encore.statusCode).toBe(303);
    expect(apostrophes((await agent.get(base)).body)).toContain('déjà annulé');
    expect((await envoyes()).sort()).toEqual(['rdv.annulation', 'rdv.annulation.sms']);
    expect((await etat(r.id))?.raison_annulation).toBe('Fermeture exceptionnelle du lieu');
    // Sent: the email reaches the person once.
    expect(
      (await boite.recus(ctx, 'chloe@exemple.fr')).filter((c) => c.sujet.startsWith('Rendez-vous annulé')),
    ).toHaveLength(1);
  });
});

describe('a move through the citizen link', () => {
  it('moves to another time in place, frees the old slot, and the link keeps working until the new start', async () => {
    const citoyen = new Client(ctx.app);
    const courriel = `lucie.${Date.now()}@exemple.fr`;
    const slots = await citoyen.get(`/lieux/${lieu.siteId}/rendez-vous/creneaux?motif=${lieu.motifEnLigne}`);
    const lien = apostrophes(slots.body).match(/href="(\/lieux\/[^"]+\/coordonnees\?[^"]+)"/)?.[1] as string;
    const debut = new URL(lien, 'http://x').searchParams.get('debut') as string;
    await citoyen.get(lien);
    const reserve = await citoyen.post(`/lieux/${lieu.siteId}/rendez-vous`, {
      motif: lieu.motifEnLigne,
      debut,
      nom: 'Lucie Bernard',
      courriel,
      telephone: '',
      consentement: 'on',
      siteWeb: '',
    });
    expect(reserve.statusCode).toBe(303);
    const [rdv] = await ctx.sql<{ id: string }>('select id from rendez_vous where courriel = $1', [courriel]);
    const id = rdv?.id as string;
    const recu = (await boite.recus(ctx, courriel))[0];
    expect(recu?.texte).toContain('choisir un autre horaire');
    const jeton = recu?.texte.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1] as string;

    // The cancel page offers another time; that page lists the motif's free slots as radio buttons.
    const annulation = await citoyen.get(`/l/${jeton}`);
    expect(annulation.body).toContain(`href="/l/${jeton}?horaire=autre"`);
    const autre = await citoyen.get(`/l/${jeton}?horaire=autre`);
    expect(autre.statusCode).toBe(200);
    expect(autre.headers['referrer-policy']).toBe('no-referrer');
    const libres = radiosCreneaux(autre.body);
    expect(libres.length).toBeGreaterThan(1);
    expect(libres).not.toContain(debut);

    // A slot someone took meanwhile: refused in French, nothing changed.
    const pris = await reserverAuGuichet(agent, lieu, lieu.motifEnLigne, { nom: 'Autre personne' });
    const refus = await citoyen.post('/rendez-vous/deplacement', { jeton, debut: pris.debut });
    expect(refus.statusCode).toBe(409);
    expect(apostrophes(refus.body)).toContain('Ce créneau vient d’être pris : choisissez-en un autre.');
    expect((await etat(id))?.debut.toISOString()).toBe(debut);
    const invalide = await citoyen.post('/rendez-vous/deplacement', { jeton, debut: 'demain matin' });
    expect(invalide.statusCode).toBe(422);

    const nouveau = libres.find((l) => l !== new Date(pris.debut).toISOString()) as string;
    const deplace = await citoyen.post('/rendez-vous/deplacement', { jeton, debut: nouveau });
    expect(deplace.statusCode).toBe(303);
    expect(deplace.headers.location).toBe(`/l/${jeton}`);
    const retour = await citoyen.get(`/l/${jeton}`);
    expect(retour.statusCode).toBe(200);
    expect(apostrophes(retour.body)).toContain('Votre rendez-vous est déplacé au');
    expect(await etat(id)).toMatchObject({ statut: 'reserve', sequence: 1 });
    expect((await etat(id))?.debut.toISOString()).toBe(nouveau);
    const [l] = await ctx.sql<{ expire_le: Date; utilise_le: Date | null }>(
      'select expire_le, utilise_le from liens_citoyens where sujet = $1',
      [id],
    );
    expect(l?.expire_le.toISOString()).toBe(nouveau);
    expect(l?.utilise_le).toBeNull();
    expect((await boite.recus(ctx, courriel)).some((c) => c.sujet.startsWith('Rendez-vous déplacé'))).toBe(true);

    // The old slot is free again, online too.
    const jour = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(debut));
    const api = await ctx.app.inject({
      url: `/api/v1/sites/${lieu.siteId}/disponibilites?motif=${lieu.motifEnLigne}&from=${jour}&to=${jour}`,
    });
    expect(api.json().slots.map((s: { start: string }) => new Date(s.start).toISOString())).toContain(debut);

    // The link still cancels.
    const annule = await citoyen.post('/rendez-vous/annulation', { jeton });
    expect(annule.statusCode).toBe(303);
    expect((await etat(id))?.statut).toBe('annule_usager');
    const apres = await citoyen.post('/rendez-vous/deplacement', { jeton, debut: libres[0] as string });
    expect(apres.statusCode).toBe(410);
  });

  it('offers no online move for an agents-only motif', async () => {
    await reserverAuGuichet(agent, lieu, lieu.motifAgents, { nom: 'Paul Henry', courriel: 'paul.henry@exemple.fr' });
    const recu = (await boite.recus(ctx, 'paul.henry@exemple.fr'))[0];
    const jeton = recu?.texte.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1] as string;
    const citoyen = new Client(ctx.app);
    expect((await citoyen.get(`/l/${jeton}`)).body).not.toContain('horaire=autre');
    const page = await citoyen.get(`/l/${jeton}?horaire=autre`);
    expect(apostrophes(page.body)).toContain('ne peut pas être déplacé en ligne');
    const r = await citoyen.post('/rendez-vous/deplacement', {
      jeton,
      debut: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(r.statusCode).toBe(422);
    expect(apostrophes(r.body)).toContain('ne peut pas être déplacé en ligne');
  });
});
