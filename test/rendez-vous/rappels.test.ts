import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annulerParUsager, planifierRappels } from '../../src/modules/rendez-vous/index.ts';
import { envoyerRappel, instantsRappels } from '../../src/modules/rendez-vous/rappels.ts';
import { envoyerLot } from '../../src/platform/messages/index.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// Appointment reminders (issue 11, point 3): the day before at 18:00 on the site's clock (email and SMS) and 2 hours
// before (SMS), scheduled as pg-boss jobs at their instants when the appointment is booked; sent only while it is
// still booked and not started, never twice, never after the start; daylight-saving days on the right instant.

let ctx: Contexte;
const boite = new BoiteDeTest();
let adresse = 0;

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

const JOURS = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];
const jour = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A fresh Paris site open every day 08:00–20:00 with a 30-minute online motif and one agent. */
async function site(canal = 'sur_place', lienVisio: string | null = null) {
  const id = await creerSite(ctx, await creerStructure(ctx, '92'));
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [id]);
  const plages = [{ debut: '08:00', fin: '20:00' }];
  const regles = { modeles: [{ siteId: id, jours: Object.fromEntries(JOURS.map((j) => [j, plages])) }] };
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, lien_visio, reservable_en_ligne, fenetre_jours)
     values ($1, 'Retraite', 30, $2, $3, true, 30) returning id`,
    [id, canal, lienVisio],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', $2) returning id`,
    [id, JSON.stringify(regles)],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return { site: id, motif: m?.id as string, ressource: r?.id as string };
}

/** Books the first slot `n` days ahead through the public API; answers the appointment's id and start. */
async function reserver(s: { site: string; motif: string }, courriel: string, n = 3) {
  const d = await ctx.app.inject({
    url: `/api/v1/sites/${s.site}/disponibilites?motif=${s.motif}&from=${jour(n)}&to=${jour(n)}`,
  });
  const [premier] = d.json().slots as { start: string }[];
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/rendez-vous',
    remoteAddress: `10.1.0.${++adresse}`,
    payload: {
      motif: s.motif,
      start: premier?.start,
      name: 'Paul Durand',
      email: courriel,
      phone: '0612345678',
      consent: true,
    },
  });
  expect(r.statusCode).toBe(201);
  return { id: r.json().id as string, debut: new Date(premier?.start as string) };
}

/** The instant of a wall-clock time in Paris, found without the code under test (the offset is +01:00 or +02:00). */
function aParis(date: string, heure: string): Date {
  const lire = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
  for (const decalage of ['+01:00', '+02:00']) {
    const t = new Date(`${date}T${heure}:00${decalage}`);
    if (lire.format(t) === `${date} ${heure}`) return t;
  }
  throw new Error(`${date} ${heure} does not exist in Paris`);
}
const veilleDe = (debut: Date) => {
  const d = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(debut);
  const v = new Date(Date.parse(`${d}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return aParis(v, '18:00');
};

const taches = (rdvId: string) =>
  ctx.sql<{ type: string; start_after: Date; state: string }>(
    `select data->>'type' as type, start_after, state from pgboss.job
     where name = 'rendez-vous.rappel' and data->>'rdvId' = $1 order by start_after`,
    [rdvId],
  );
/** Time passes: the reminder jobs of an appointment become due now; then the workers run them. */
async function rendreDues(rdvId: string) {
  await ctx.sql(
    `update pgboss.job set start_after = now() where name = 'rendez-vous.rappel' and data->>'rdvId' = $1 and state = 'created'`,
    [rdvId],
  );
  // Wakes the workers at once, as `planifier` does, rather than at their next poll.
  await ctx.sql(`select pg_notify('guichet_taches', 'rendez-vous.rappel')`);
  await ctx.attendreTaches(['rendez-vous.rappel']);
}
const rappels = (rdvId: string) =>
  ctx.sql<{ modele: string; destinataire: string; expire_le: Date; statut: string }>(
    `select modele, destinataire, expire_le, statut from messages where modele like 'rdv.rappel%' and cle like $1 order by modele`,
    [`%${rdvId}%`],
  );

describe('reminders of a booked appointment', () => {
  it('are scheduled the day before at 18:00 and 2 hours before, and sent once when due, with the cancel link', async () => {
    const s = await site();
    const { id, debut } = await reserver(s, 'paul.durand@exemple.fr');
    expect(await taches(id)).toEqual([
      { type: 'veille', start_after: veilleDe(debut), state: 'created' },
      { type: 'deux-heures', start_after: new Date(debut.getTime() - 2 * 3_600_000), state: 'created' },
    ]);
    // Not due yet: nothing is sent.
    expect(await rappels(id)).toEqual([]);

    await rendreDues(id);
    expect(await rappels(id)).toEqual([
      { modele: 'rdv.rappel', destinataire: 'paul.durand@exemple.fr', expire_le: debut, statut: 'en_attente' },
      { modele: 'rdv.rappel.2h.sms', destinataire: '+33612345678', expire_le: debut, statut: 'en_attente' },
      { modele: 'rdv.rappel.sms', destinataire: '+33612345678', expire_le: debut, statut: 'en_attente' },
    ]);
    const recus = await boite.recus(ctx, 'paul.durand@exemple.fr');
    const rappel = recus.find((c) => c.sujet.startsWith('Rappel : votre rendez-vous du '));
    expect(rappel?.texte).toContain('Nous vous rappelons votre rendez-vous « Retraite »');
    expect(rappel?.texte).toMatch(/annulez-le[^\n]*\nhttp:\/\/guichet\.test\/l\/[\w-]{43}/);
    const sms = (await boite.serveurs()).octopush.recus().filter((m) => m.numero === '+33612345678');
    expect(sms.map((m) => m.texte).filter((t) => t.includes('rappel'))).toHaveLength(2);

    // The same job run again (a retry) queues nothing more.
    const charge = { rdvId: id, type: 'veille' as const, debut: debut.toISOString() };
    expect(await envoyerRappel(ctx.database.db, ctx.config, charge, new Date())).toBe(0);
  });

  it('are not sent once the appointment is cancelled', async () => {
    const s = await site();
    const { id } = await reserver(s, 'annule@exemple.fr');
    expect(await annulerParUsager(ctx.database.db, ctx.config, id)).toMatchObject({ ok: true });
    await rendreDues(id);
    expect((await taches(id)).map((t) => t.state)).toEqual(['completed', 'completed']);
    expect(await rappels(id)).toEqual([]);
  });

  it('are never sent after the start: the job sends nothing, and a late message expires in the outbox', async () => {
    const s = await site();
    const { id, debut } = await reserver(s, 'tard@exemple.fr');
    const apres = new Date(debut.getTime() + 60_000);
    const charge = { rdvId: id, type: 'deux-heures' as const, debut: debut.toISOString() };
    expect(await envoyerRappel(ctx.database.db, ctx.config, charge, apres)).toBe(0);
    // Queued before the start but still waiting when it begins: cancelled by the sender, never sent.
    expect(await envoyerRappel(ctx.database.db, ctx.config, charge, new Date())).toBe(1);
    await envoyerLot(ctx.database.db, ctx.config, {}, { maintenant: apres });
    expect((await rappels(id)).map((m) => m.statut)).toEqual(['annule']);
  });

  it('of a moved appointment: the old jobs send nothing, new ones are scheduled from the new start', async () => {
    const s = await site();
    const { id, debut } = await reserver(s, 'deplace@exemple.fr');
    const nouveau = new Date(debut.getTime() + 86_400_000);
    const fin = new Date(nouveau.getTime() + 1_800_000).toISOString();
    await ctx.database.db.transaction(async (tx) => {
      // What a move does (engineer B's service): new times, then the reminders of the new start.
      await tx.execute(
        sql`update rendez_vous set debut = ${nouveau.toISOString()}::timestamptz, fin = ${fin}::timestamptz,
            occupe = tstzrange(${nouveau.toISOString()}::timestamptz, ${fin}::timestamptz) where id = ${id}`,
      );
      expect(await planifierRappels(tx, { id, debut: nouveau, fuseau: 'Europe/Paris' })).toEqual([
        'veille',
        'deux-heures',
      ]);
    });
    const ancienne = { rdvId: id, type: 'veille' as const, debut: debut.toISOString() };
    expect(await envoyerRappel(ctx.database.db, ctx.config, ancienne, new Date())).toBe(0);
    expect((await taches(id)).map((t) => t.start_after)).toEqual([
      veilleDe(debut),
      new Date(debut.getTime() - 2 * 3_600_000),
      veilleDe(nouveau),
      new Date(nouveau.getTime() - 2 * 3_600_000),
    ]);
    await rendreDues(id);
    expect((await rappels(id)).map((m) => m.modele)).toEqual(['rdv.rappel', 'rdv.rappel.2h.sms', 'rdv.rappel.sms']);
  });

  it('of a visio appointment carry its link instead of the address', async () => {
    const s = await site('visio', 'https://visio.exemple.fr/salle-42');
    const { id } = await reserver(s, 'visio@exemple.fr');
    await rendreDues(id);
    const recus = await boite.recus(ctx, 'visio@exemple.fr');
    const rappel = recus.find((c) => c.sujet.startsWith('Rappel'));
    expect(rappel?.texte).toContain('Rendez-vous en visio, par ce lien : https://visio.exemple.fr/salle-42');
    expect(rappel?.texte).not.toContain('Adresse :');
    const confirmation = recus.find((c) => c.sujet.startsWith('Rendez-vous confirmé'));
    expect(confirmation?.texte).toContain('https://visio.exemple.fr/salle-42');
  });
});

describe('the instants of the reminders', () => {
  it('the day before at 18:00 on the site’s clock across both daylight-saving changes of 2027', () => {
    // Monday 1 November 2027 09:00 in Paris (CET): the evening before is Sunday 31 October, after the change.
    const novembre = new Date('2027-11-01T08:00:00Z');
    expect(instantsRappels(novembre, 'Europe/Paris', new Date('2027-10-20T00:00:00Z'))).toEqual({
      veille: new Date('2027-10-31T17:00:00Z'),
      'deux-heures': new Date('2027-11-01T06:00:00Z'),
    });
    // Monday 29 March 2027 09:00 (CEST): the evening before is 28 March, after the spring change.
    const mars = new Date('2027-03-29T07:00:00Z');
    expect(instantsRappels(mars, 'Europe/Paris', new Date('2027-03-01T00:00:00Z')).veille).toEqual(
      new Date('2027-03-28T16:00:00Z'),
    );
    // In Réunion (UTC+4, no daylight saving).
    expect(instantsRappels(new Date('2027-11-01T05:00:00Z'), 'Indian/Reunion', new Date('2027-10-01')).veille).toEqual(
      new Date('2027-10-31T14:00:00Z'),
    );
  });

  it('skips a reminder already past when booked, or within the last 2 hours', () => {
    const debut = new Date('2027-06-10T07:00:00Z'); // 09:00 in Paris
    // Booked at 19:00 the evening before: no day-before reminder, the 2-hour SMS at 07:00.
    expect(instantsRappels(debut, 'Europe/Paris', new Date('2027-06-09T17:00:00Z'))).toEqual({
      'deux-heures': new Date('2027-06-10T05:00:00Z'),
    });
    // Booked at 08:00 the same morning: none.
    expect(instantsRappels(debut, 'Europe/Paris', new Date('2027-06-10T06:00:00Z'))).toEqual({});
  });

  it('schedules the job of 31 October 2027 at 18:00 Paris time (17:00 UTC) for an appointment on 1 November', async () => {
    const s = await site();
    const [r] = await ctx.sql<{ id: string }>(
      `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
       values ($1, $2, $3, $4, $5, tstzrange($4, $5), 'Test', 'guichet') returning id`,
      [s.site, s.motif, s.ressource, '2027-11-01T08:00:00Z', '2027-11-01T08:30:00Z'],
    );
    const id = r?.id as string;
    await ctx.database.db.transaction((tx) =>
      planifierRappels(tx, { id, debut: new Date('2027-11-01T08:00:00Z'), fuseau: 'Europe/Paris' }, new Date()),
    );
    expect((await taches(id)).map((t) => [t.type, t.start_after.toISOString()])).toEqual([
      ['veille', '2027-10-31T17:00:00.000Z'],
      ['deux-heures', '2027-11-01T06:00:00.000Z'],
    ]);
  });
});
