import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// Issue 11: no double booking, by the database. 50 bookings race for one slot over real HTTP (the app listening on a
// port, one fetch each, all in flight at once): the exclusion constraint lets exactly one per resource through, the
// others get a French 409 problem, and the database holds as many live appointments as there are resources.

let ctx: Contexte;
let base: string;
const TOUS_LES_JOURS = { lu: 0, ma: 0, me: 0, je: 0, ve: 0, sa: 0, di: 0 };

beforeAll(async () => {
  // The race fires 100 bookings from one address: lift the per-IP limit for this file.
  ctx = await demarrerApp({ RDV_RESERVATIONS_PAR_MINUTE: '1000' });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(() => ctx.fermer());

/** A fresh site open every day 08:00-20:00, with a 30-minute online motif received by `n` agents all day. */
async function siteAvecRessources(n: number) {
  const site = await creerSite(ctx, await creerStructure(ctx, '92'));
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [site]);
  const plages = [{ debut: '08:00', fin: '20:00' }];
  const jours = Object.fromEntries(Object.keys(TOUS_LES_JOURS).map((j) => [j, plages]));
  const [motif] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, reservable_en_ligne, fenetre_jours, max_par_personne_jour)
     values ($1, 'Motif de la course', 30, 'sur_place', true, 30, 1) returning id`,
    [site],
  );
  for (let i = 0; i < n; i++) {
    const [r] = await ctx.sql<{ id: string }>(
      `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', $2, $3) returning id`,
      [site, `Agent ${i + 1}`, JSON.stringify({ modeles: [{ siteId: site, jours }] })],
    );
    await ctx.sql('insert into motif_ressources (motif_id, ressource_id, ordre) values ($1, $2, $3)', [
      motif?.id,
      r?.id,
      i,
    ]);
  }
  return { site, motif: motif?.id as string };
}

/** The first slot offered the day after tomorrow (site's calendar), as the API writes it. */
async function premierCreneau(site: string, motif: string): Promise<string> {
  const jour = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const r = await fetch(`${base}/api/v1/sites/${site}/disponibilites?motif=${motif}&from=${jour}&to=${jour}`);
  expect(r.status).toBe(200);
  const corps = (await r.json()) as { slots: Array<{ start: string }> };
  expect(corps.slots.length).toBeGreaterThan(0);
  return corps.slots[0]?.start as string;
}

async function course(motif: string, start: string, n: number) {
  const reponses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetch(`${base}/api/v1/rendez-vous`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ motif, start, name: `Personne ${i}`, email: `personne.${i}@exemple.fr`, consent: true }),
      }).then(async (r) => ({ statut: r.status, type: r.headers.get('content-type'), corps: await r.json() })),
    ),
  );
  return reponses;
}

describe('50 concurrent bookings of one slot', () => {
  it('with one resource: exactly one 201, 49 French 409 problems, one live appointment', async () => {
    const { site, motif } = await siteAvecRessources(1);
    const start = await premierCreneau(site, motif);
    const reponses = await course(motif, start, 50);

    const gagnants = reponses.filter((r) => r.statut === 201);
    const perdants = reponses.filter((r) => r.statut === 409);
    expect(gagnants).toHaveLength(1);
    expect(perdants).toHaveLength(49);
    for (const p of perdants) {
      expect(p.type).toMatch(/^application\/problem\+json/);
      expect(p.corps.detail).toBe('Ce créneau vient d’être pris : choisissez-en un autre.');
      expect(p.corps.status).toBe(409);
    }
    expect(gagnants[0]?.corps.start).toBe(start);
    const vivants = await ctx.sql(
      `select id from rendez_vous where motif_id = $1 and statut in ('reserve', 'arrive', 'vu')`,
      [motif],
    );
    expect(vivants).toHaveLength(1);
    expect(vivants[0]?.id).toBe(gagnants[0]?.corps.id);

    // The slot is no longer offered.
    const jour = start.slice(0, 10);
    const apres = await fetch(`${base}/api/v1/sites/${site}/disponibilites?motif=${motif}&from=${jour}&to=${jour}`);
    const { slots } = (await apres.json()) as { slots: Array<{ start: string }> };
    expect(slots.map((s) => s.start)).not.toContain(start);
  });

  it('with two resources: exactly two succeed, each on its own resource', async () => {
    const { site, motif } = await siteAvecRessources(2);
    const start = await premierCreneau(site, motif);
    const reponses = await course(motif, start, 50);

    expect(reponses.filter((r) => r.statut === 201)).toHaveLength(2);
    expect(reponses.filter((r) => r.statut === 409)).toHaveLength(48);
    const vivants = await ctx.sql<{ ressource_id: string }>(
      `select ressource_id from rendez_vous where motif_id = $1 and statut = 'reserve'`,
      [motif],
    );
    expect(vivants).toHaveLength(2);
    expect(new Set(vivants.map((v) => v.ressource_id)).size).toBe(2);
  });

  it('the database itself refuses an overlapping appointment of one resource (exclusion constraint)', async () => {
    const { motif } = await siteAvecRessources(1);
    const [rdv] = await ctx.sql<Record<string, unknown>>(
      `select site_id, motif_id, ressource_id, debut, fin from rendez_vous where motif_id = $1 limit 1`,
      [motif],
    );
    expect(rdv).toBeUndefined();
    const [m] = await ctx.sql<{ site_id: string; ressource_id: string }>(
      `select m.site_id, mr.ressource_id from motifs m join motif_ressources mr on mr.motif_id = m.id where m.id = $1`,
      [motif],
    );
    const inserer = (debut: string, fin: string) =>
      ctx.sql(
        `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
         values ($1, $2, $3, $4, $5, tstzrange($4, $5), 'Au guichet', 'guichet')`,
        [m?.site_id, motif, m?.ressource_id, debut, fin],
      );
    await inserer('2030-01-07T09:00:00Z', '2030-01-07T09:30:00Z');
    await expect(inserer('2030-01-07T09:15:00Z', '2030-01-07T09:45:00Z')).rejects.toMatchObject({ code: '23P01' });
    // Back to back is fine, and a cancelled appointment holds nothing.
    await inserer('2030-01-07T09:30:00Z', '2030-01-07T10:00:00Z');
    await ctx.sql(`update rendez_vous set statut = 'annule_site' where motif_id = $1 and debut = $2`, [
      motif,
      '2030-01-07T09:00:00Z',
    ]);
    await inserer('2030-01-07T09:00:00Z', '2030-01-07T09:30:00Z');
  });
});
