import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { annulerParUsager } from '../../src/modules/rendez-vous/index.ts';
import { rendre } from '../../src/platform/messages/modeles.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The public appointments API (issue 11) as a developer and a citizen see it: motifs, slots, booking with its French
// refusals, the confirmation queued with its invitation, cancellation notified once, the per-IP limit, retention.

let ctx: Contexte;
let adresse = 0;
/** A fresh client address per test, so that the per-IP limit of one test does not spill over another. */
const nouvelleAdresse = () => `10.0.0.${++adresse}`;

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

const JOURS = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

/** A fresh site open every day 08:00-20:00 with a 30-minute online motif, one agent, 1 per person per day. */
async function site() {
  const id = await creerSite(ctx, await creerStructure(ctx, '92'));
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [id]);
  const plages = [{ debut: '08:00', fin: '20:00' }];
  const regles = { modeles: [{ siteId: id, jours: Object.fromEntries(JOURS.map((j) => [j, plages])) }] };
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, tampon_apres, canal, reservable_en_ligne, fenetre_jours, instructions)
     values ($1, 'Carte grise', 30, 10, 'sur_place', true, 30, 'Apportez une pièce d’identité.') returning id`,
    [id],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', $2) returning id`,
    [id, JSON.stringify(regles)],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return { site: id, motif: m?.id as string };
}

const jour = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function creneaux(s: { site: string; motif: string }, du = jour(2), au = jour(2)) {
  const r = await ctx.app.inject({
    url: `/api/v1/sites/${s.site}/disponibilites?motif=${s.motif}&from=${du}&to=${au}`,
  });
  return { statut: r.statusCode, corps: r.json() };
}

function reserver(corps: Record<string, unknown>, ip = nouvelleAdresse()) {
  return ctx.app.inject({ method: 'POST', url: '/api/v1/rendez-vous', payload: corps, remoteAddress: ip });
}

describe('reading', () => {
  it('lists a site’s online motifs, and answers 404 for an unknown site', async () => {
    const s = await site();
    const r = await ctx.app.inject({ url: `/api/v1/sites/${s.site}/motifs` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([
      expect.objectContaining({ id: s.motif, name: 'Carte grise', durationMinutes: 30, channel: 'sur_place' }),
    ]);
    const inconnu = await ctx.app.inject({ url: '/api/v1/sites/00000000-0000-4000-8000-000000000000/motifs' });
    expect(inconnu.statusCode).toBe(404);
    expect(inconnu.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists slots on the site’s clock with a buffer between them; refuses more than 31 days in French', async () => {
    const s = await site();
    const { statut, corps } = await creneaux(s);
    expect(statut).toBe(200);
    expect(corps.timeZone).toBe('Europe/Paris');
    // 30 minutes and a 10-minute buffer: a slot every 40 minutes from 08:00.
    expect(corps.slots.slice(0, 3).map((c: { start: string }) => c.start.slice(11))).toEqual([
      expect.stringMatching(/^08:00:00\+0[12]:00$/),
      expect.stringMatching(/^08:40:00\+0[12]:00$/),
      expect.stringMatching(/^09:20:00\+0[12]:00$/),
    ]);
    const long = await creneaux(s, jour(1), jour(40));
    expect(long.statut).toBe(400);
    expect(long.corps.detail).toContain('dépasse 31 jours');
    const autre = await creneaux({ site: s.site, motif: (await site()).motif });
    expect(autre.statut).toBe(404);
  });
});

describe('booking', () => {
  it('books, queues the confirmation with an invitation and an SMS, and refuses a second one that day', async () => {
    const s = await site();
    const [premier, second] = (await creneaux(s)).corps.slots;
    const r = await reserver({
      motif: s.motif,
      start: premier.start,
      name: 'Jeanne Martin',
      email: 'Jeanne.Martin@exemple.fr',
      phone: '06 12 34 56 78',
      consent: true,
    });
    expect(r.statusCode).toBe(201);
    const rdv = r.json();
    expect(rdv).toMatchObject({ start: premier.start, end: premier.end, motifName: 'Carte grise' });
    expect(rdv.cancelUrl).toMatch(/^http:\/\/guichet\.test\/l\/[A-Za-z0-9_-]{43}$/);

    const messages = await ctx.sql<{ modele: string; destinataire: string; parametres: unknown; cle: string }>(
      `select modele, destinataire, parametres, cle from messages where cle like $1 order by modele`,
      [`%${rdv.id}`],
    );
    expect(messages.map((m) => [m.modele, m.destinataire])).toEqual([
      ['rdv.confirmation', 'jeanne.martin@exemple.fr'],
      ['rdv.confirmation.sms', '+33612345678'],
    ]);
    // The stored messages hold no token: the link is derived again when a message is rendered for sending.
    const jeton = String(rdv.cancelUrl).split('/l/')[1] as string;
    expect(JSON.stringify(messages)).not.toContain(jeton);
    expect(JSON.stringify(await ctx.sql('select * from liens_citoyens'))).not.toContain(jeton);
    const courriel = rendre(messages[0] as never, {
      urlPublique: 'http://guichet.test',
      secret: ctx.config.sessionSecret,
    });
    if (courriel.canal !== 'courriel') throw new Error('email expected');
    expect(courriel.texte).toContain('Apportez une pièce d’identité.');
    expect(courriel.texte).toContain(rdv.cancelUrl);
    const ics = courriel.piecesJointes[0]?.contenu ?? '';
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${rdv.id}@guichet`);
    expect(ics).toContain('SEQUENCE:0');

    // At most one per person and day, whatever the slot; the first slot is no longer offered.
    const encore = await reserver({
      motif: s.motif,
      start: second.start,
      name: 'J. Martin',
      email: 'jeanne.martin@exemple.fr',
      consent: true,
    });
    expect(encore.statusCode).toBe(422);
    expect(encore.json().detail).toBe('Vous avez déjà un rendez-vous pour ce motif ce jour-là.');
    const apres = (await creneaux(s)).corps.slots.map((c: { start: string }) => c.start);
    expect(apres).not.toContain(premier.start);
  });

  it('refuses bad input with French messages per field, and writes nothing', async () => {
    const s = await site();
    const [c] = (await creneaux(s)).corps.slots;
    const cas: Array<[Record<string, unknown>, string]> = [
      [{ motif: s.motif, start: c.start, name: 'Sans contact', consent: true }, 'email'],
      [{ motif: s.motif, start: c.start, name: 'Sans accord', email: 'a@exemple.fr', consent: false }, 'consent'],
      [{ motif: s.motif, start: c.start, name: '', email: 'a@exemple.fr', consent: true }, 'name'],
      [{ motif: s.motif, start: c.start, name: 'X', email: 'pas-une-adresse', consent: true }, 'email'],
      [{ motif: s.motif, start: c.start, name: 'X', phone: '12', consent: true }, 'phone'],
      [{ motif: s.motif, start: '2027-01-12 09:00', name: 'X', email: 'a@exemple.fr', consent: true }, 'start'],
      // Off the grid: never offered, so "invalid", not "taken".
      [
        { motif: s.motif, start: c.start.replace(':00:00', ':07:00'), name: 'X', email: 'a@exemple.fr', consent: true },
        'start',
      ],
      [
        {
          motif: '00000000-0000-4000-8000-000000000000',
          start: c.start,
          name: 'X',
          email: 'a@exemple.fr',
          consent: true,
        },
        'motif',
      ],
    ];
    for (const [corps, champ] of cas) {
      const r = await reserver(corps);
      expect(r.statusCode, JSON.stringify(corps)).toBe(422);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().errors.map((e: { parameter: string }) => e.parameter)).toContain(champ);
      expect(r.json().detail).not.toMatch(/invalid input|expected/i);
    }
    expect(await ctx.sql('select 1 from rendez_vous where motif_id = $1', [s.motif])).toEqual([]);
  });

  it('answers a body that is not a JSON object, and a hostile slot page date, in French', async () => {
    const s = await site();
    const envoyer = (payload: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/rendez-vous',
        remoteAddress: nouvelleAdresse(),
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const casse = await envoyer('pas du json');
    expect(casse.statusCode).toBe(400);
    expect(casse.json().title).toBe('Le corps de la requête n’est pas un JSON valide.');
    for (const corps of ['[1,2,3]', '"texte"', '42']) {
      const r = await envoyer(corps);
      expect(r.statusCode, corps).toBe(422);
      expect(r.json().detail).toContain('objet JSON');
    }
    for (const du of ['9999-01-01', '2026-02-30', '-1', '0000-01-01']) {
      const r = await ctx.app.inject({ url: `/lieux/${s.site}/rendez-vous/creneaux?motif=${s.motif}&du=${du}` });
      expect(r.statusCode, du).toBe(400);
      expect(r.body).toMatch(/date de début|n’existe pas/);
    }
    expect(await ctx.sql('select 1 from rendez_vous where motif_id = $1', [s.motif])).toEqual([]);
  });

  it('limits bookings per IP address (429 with Retry-After)', async () => {
    const ip = nouvelleAdresse();
    const statuts: number[] = [];
    for (let i = 0; i < ctx.config.reservationsParMinute + 1; i++) statuts.push((await reserver({}, ip)).statusCode);
    expect(statuts.slice(0, -1).every((s) => s === 422)).toBe(true);
    const dernier = await reserver({}, ip);
    expect(dernier.statusCode).toBe(429);
    expect(dernier.headers['retry-after']).toMatch(/^\d+$/);
    expect(dernier.json().detail).toContain('réessayez');
    expect((await reserver({}, nouvelleAdresse())).statusCode).toBe(422);
  });
});

describe('cancellation and retention', () => {
  it('cancels once: status, links revoked, one cancellation message, the calendar file says CANCEL', async () => {
    const s = await site();
    const [c] = (await creneaux(s)).corps.slots;
    const rdv = (
      await reserver({ motif: s.motif, start: c.start, name: 'Paul', email: 'paul@exemple.fr', consent: true })
    ).json();

    const premier = await annulerParUsager(ctx.database.db, ctx.config, rdv.id);
    expect(premier).toMatchObject({ ok: true, dejaAnnule: false });
    const second = await annulerParUsager(ctx.database.db, ctx.config, rdv.id);
    expect(second).toMatchObject({ ok: true, dejaAnnule: true });
    const [etat] = await ctx.sql<{ statut: string }>('select statut from rendez_vous where id = $1', [rdv.id]);
    expect(etat?.statut).toBe('annule_usager');
    const liens = await ctx.sql('select 1 from liens_citoyens where sujet = $1 and revoque_le is null', [rdv.id]);
    expect(liens).toEqual([]);
    const annulations = await ctx.sql<{ modele: string }>('select modele from messages where cle = $1', [
      `rdv.annulation:${rdv.id}`,
    ]);
    expect(annulations).toHaveLength(1);
    const ics = await ctx.app.inject({ url: `/api/v1/rendez-vous/${rdv.id}.ics` });
    expect(ics.body).toContain('METHOD:CANCEL');
    expect(ics.body).toContain('SEQUENCE:1');
    // The slot is free again.
    expect((await creneaux(s)).corps.slots.map((x: { start: string }) => x.start)).toContain(c.start);
  });

  it('erases the person’s name and contact 3 months after the end, and keeps the row', async () => {
    const s = await site();
    const [c] = (await creneaux(s)).corps.slots;
    const rdv = (
      await reserver({ motif: s.motif, start: c.start, name: 'Anne', phone: '0612345679', consent: true })
    ).json();
    await appliquerRetention(ctx.database.db, new Date(Date.now() + 60 * 86_400_000));
    const [garde] = await ctx.sql<{ nom: string }>('select nom from rendez_vous where id = $1', [rdv.id]);
    expect(garde?.nom).toBe('Anne');
    await appliquerRetention(ctx.database.db, new Date(Date.now() + 100 * 86_400_000));
    const [efface] = await ctx.sql('select nom, courriel, telephone, statut from rendez_vous where id = $1', [rdv.id]);
    expect(efface).toEqual({ nom: null, courriel: null, telephone: null, statut: 'reserve' });
  });
});
