import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { valeurDateHeure } from '../../src/modules/mandats/views/violation-commun.tsx';
import { texteDelai } from '../../src/modules/mandats/violations-delai.ts';
import { structureNommee, utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The breach register through HTTP (issue 14 point 7): declaring a breach, bad input refused in French with nothing
// written, the 72-hour countdown, the status rules (notified with date and number, not notified with a reason, closed
// only after one of them), the CNIL draft's sections, tenancy (Sceaux never sees Agen's) and the national level.

let ctx: Contexte;
let agentSceaux: Client;
let gestionSceaux: Client;
let gestionAgen: Client;
let admin: Client;
let coordination: Client;
let sceaux: string;
let agen: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agen = await structureNommee(ctx, 'France services Agen Léon Blum');
  agentSceaux = await clientConnecte(ctx.app, DEMO.agentSceaux);
  gestionSceaux = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  gestionAgen = await clientConnecte(ctx.app, DEMO.gestionAgen);
  admin = await clientConnecte(ctx.app, DEMO.admin);
  coordination = await clientConnecte(ctx.app, DEMO.coordination);
});
afterAll(() => ctx.fermer());

const HEURE = 3_600_000;
/** The wall-clock value a person in Paris types for an instant `ms` ago. */
const ilYa = (ms: number) => valeurDateHeure(new Date(Date.now() - ms), 'Europe/Paris');

const formulaire = (champs: Record<string, string | string[]> = {}) => ({
  titre: 'Classeur des mandats égaré',
  decouverteLe: ilYa(HEURE / 2),
  survenueLe: '',
  nature: ['confidentialite', 'disponibilite'],
  description: 'Un classeur a été oublié dans la salle d’attente.\nRetrouvé ouvert le lendemain.',
  categoriesDonnees: 'Identité, coordonnées, numéro d’allocataire',
  nombreEnregistrements: '1 200',
  categoriesPersonnes: 'Usagers du guichet',
  nombrePersonnes: '',
  consequences: '',
  mesuresPrises: 'Classeur récupéré, armoire fermée à clé.',
  mesuresEnvisagees: '',
  informationPersonnes: '',
  ...champs,
});

async function declarer(client: Client, champs: Record<string, string | string[]> = {}) {
  await client.get('/violations/nouvelle');
  const r = await client.post('/violations/nouvelle', formulaire(champs));
  const id = /^\/violations\/([0-9a-f-]{36})$/.exec(String(r.headers.location ?? ''))?.[1] ?? '';
  return { r, id };
}

/** An entry written straight into the register, discovered `heures` ago. */
async function entree(structureId: string | null, heures: number, statut = 'ouverte') {
  const [v] = await ctx.sql<{ id: string; reference: string }>(
    `insert into violations (reference, structure_id, titre, nature, description, decouverte_le, categories_donnees,
       categories_personnes, mesures_prises, statut, notifiee_le, numero_cnil, declare_par)
     values ('V-' || upper(substr(md5(random()::text), 1, 8)), $1, 'Entrée de test', array['integrite'], 'Circonstances',
       now() - make_interval(secs => $2::float8 * 3600), 'Identité', 'Usagers', 'Aucune', $3::statut_violation,
       case when $3 = 'notifiee' then now() end, case when $3 = 'notifiee' then 'CNIL-1' end, gen_random_uuid())
     returning id, reference`,
    [structureId, heures, statut],
  );
  return v as { id: string; reference: string };
}

const compter = async () => Number((await ctx.sql<{ n: string }>('select count(*) as n from violations'))[0]?.n);

describe('the 72-hour countdown', () => {
  const decouverte = new Date('2026-11-28T14:05:00+01:00');
  it('gives the deadline on the register’s clock and the whole hours left', () => {
    const r = texteDelai(decouverte, new Date('2026-11-29T23:05:00+01:00'), 'Europe/Paris');
    expect(r).toEqual({
      texte: 'À notifier à la CNIL avant le mardi 1er décembre 2026 à 14 h 05 — il reste 39 h',
      depasse: false,
    });
    expect(texteDelai(decouverte, new Date('2026-12-01T13:40:00+01:00'), 'Europe/Paris').texte).toMatch(
      /il reste 25 min$/,
    );
  });

  it('says how late it is once the 72 hours are past, and names the zone overseas', () => {
    const r = texteDelai(decouverte, new Date('2026-12-01T19:30:00+01:00'), 'Europe/Paris');
    expect(r).toEqual({
      texte: 'Délai dépassé de 5 h : notifiez sans attendre en expliquant le retard (RGPD art. 33.1)',
      depasse: true,
    });
    expect(texteDelai(decouverte, decouverte, 'Indian/Reunion').texte).toBe(
      'À notifier à la CNIL avant le mardi 1er décembre 2026 à 17 h 05 (heure de La Réunion) — il reste 72 h',
    );
  });
});

describe('declaring a breach', () => {
  it('lets an agent declare one for their structure; the entry shows its countdown and a V- reference', async () => {
    const { r, id } = await declarer(agentSceaux);
    expect(r.statusCode).toBe(303);
    const page = await agentSceaux.get(`/violations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Violation V-[2-9A-HJKMNP-TV-Z]{8}/);
    expect(page.body).toContain('inscrite au registre');
    expect(page.body).toMatch(/À notifier à la CNIL avant le .* — il reste 71 h/);
    expect(page.body).toContain('France services de Sceaux');
    expect(page.body).toContain('1\u202f200');
    // An agent reads and declares; the managers keep the entry.
    expect(page.body).not.toContain('Enregistrer la notification');
    const [v] = await ctx.sql<{ structure_id: string; nombre_enregistrements: number; nature: string[] }>(
      'select structure_id, nombre_enregistrements, nature from violations where id = $1',
      [id],
    );
    expect(v).toEqual({
      structure_id: sceaux,
      nombre_enregistrements: 1200,
      nature: ['confidentialite', 'disponibilite'],
    });
    const liste = await agentSceaux.get('/violations');
    expect(liste.body).toContain('Classeur des mandats égaré');
    expect(liste.body).toContain('Violations de données');
  });

  it('refuses bad input in French, keeps what was typed, and writes nothing', async () => {
    const avant = await compter();
    const cas: Array<[Record<string, string | string[]>, string, RegExp]> = [
      [{ nature: [] }, 'nature', /Cochez au moins une nature de violation/],
      [{ nature: ['fuite'] }, 'nature', /Choisissez une nature dans la liste/],
      [
        { decouverteLe: valeurDateHeure(new Date(Date.now() + 3 * HEURE), 'Europe/Paris') },
        'decouverteLe',
        /dans le futur/,
      ],
      [{ decouverteLe: '1999-12-31T23:00' }, 'decouverteLe', /ne peut pas précéder le 01\/01\/2000/],
      [{ decouverteLe: '2026-02-30T10:00' }, 'decouverteLe', /Cette date n’existe pas/],
      [{ decouverteLe: 'hier' }, 'decouverteLe', /format JJ\/MM\/AAAA HH:MM/],
      [{ decouverteLe: '' }, 'decouverteLe', /Saisissez la date de découverte/],
      [{ survenueLe: ilYa(0), decouverteLe: ilYa(2 * HEURE) }, 'survenueLe', /après sa découverte/],
      [{ titre: 'x'.repeat(201) }, 'titre', /ne doit pas dépasser 200 caractères/],
      [{ description: 'y'.repeat(5001) }, 'description', /ne doit pas dépasser 5\u202f000 caractères/],
      [{ mesuresPrises: '   ' }, 'mesuresPrises', /Saisissez les mesures prises/],
      [{ nombrePersonnes: '100000001' }, 'nombrePersonnes', /dépasse 100\u202f000\u202f000/],
      [{ nombrePersonnes: '-3' }, 'nombrePersonnes', /en chiffres, sans virgule/],
      [{ niveau: 'national' }, 'niveau', /Choisissez le registre concerné/],
    ];
    for (const [champs, champ, message] of cas) {
      await agentSceaux.get('/violations/nouvelle');
      const r = await agentSceaux.post('/violations/nouvelle', formulaire(champs));
      expect(r.statusCode, champ).toBe(422);
      expect(r.body, champ).toMatch(message);
      expect(r.body, champ).toContain(`id="${champ}-erreur"`);
      expect(r.body).toContain('Erreur – Déclarer une violation de données');
      if (champ !== 'titre') expect(r.body).toContain('Classeur des mandats égaré');
    }
    expect(await compter()).toBe(avant);
  });

  it('refuses the declaration form to the partners’ référents and the coordinators', async () => {
    expect((await coordination.get('/violations/nouvelle')).statusCode).toBe(403);
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    expect((await referent.get('/violations')).statusCode).toBe(403);
    expect((await referent.get('/tableau-de-bord')).body).not.toContain('href="/violations"');
    expect((await agentSceaux.get('/tableau-de-bord')).body).toContain('href="/violations"');
  });
});

describe('status rules', () => {
  it('lets managers record the notification, then close; never close an entry without a decision', async () => {
    const { id } = await declarer(agentSceaux);
    await agentSceaux.get(`/violations/${id}`);
    expect((await agentSceaux.post(`/violations/${id}/notification`, {})).statusCode).toBe(403);
    expect((await agentSceaux.get(`/violations/${id}/modifier`)).statusCode).toBe(403);

    await gestionSceaux.get(`/violations/${id}`);
    const tot = await gestionSceaux.post(`/violations/${id}/cloture`);
    expect(tot.statusCode).toBe(409);
    expect(tot.body).toContain('Enregistrez d’abord la notification à la CNIL');

    const avantDecouverte = await gestionSceaux.post(`/violations/${id}/notification`, {
      notifieeLe: ilYa(3 * HEURE),
      numeroCnil: 'NOT-2026-123',
    });
    expect(avantDecouverte.statusCode).toBe(422);
    expect(avantDecouverte.body).toContain('La notification ne peut pas précéder la découverte de la violation');
    const sansNumero = await gestionSceaux.post(`/violations/${id}/notification`, {
      notifieeLe: ilYa(0),
      numeroCnil: '',
    });
    expect(sansNumero.statusCode).toBe(422);
    expect(sansNumero.body).toContain('Saisissez le numéro de notification donné par la CNIL');
    expect((await ctx.sql('select statut from violations where id = $1', [id]))[0]).toEqual({ statut: 'ouverte' });

    const ok = await gestionSceaux.post(`/violations/${id}/notification`, {
      notifieeLe: ilYa(0),
      numeroCnil: 'NOT-2026-123',
    });
    expect(ok.statusCode).toBe(303);
    const page = await gestionSceaux.get(`/violations/${id}`);
    expect(page.body).toMatch(/Notifiée à la CNIL le .*, numéro NOT-2026-123\./);
    expect(page.body).not.toContain('il reste');
    expect(
      (await gestionSceaux.post(`/violations/${id}/notification`, { notifieeLe: ilYa(0), numeroCnil: 'X' })).statusCode,
    ).toBe(409);

    expect((await gestionSceaux.post(`/violations/${id}/cloture`)).statusCode).toBe(303);
    expect((await gestionSceaux.get(`/violations/${id}`)).body).toMatch(/Close le /);
    const apres = await gestionSceaux.post(`/violations/${id}/modifier`, formulaire());
    expect(apres.statusCode).toBe(409);
    expect(apres.body).toContain('Cette violation est close');
  });

  it('requires the reason of a decision not to notify, and keeps it', async () => {
    const v = await entree(sceaux, 10);
    await gestionSceaux.get(`/violations/${v.id}`);
    const vide = await gestionSceaux.post(`/violations/${v.id}/non-notification`, { motifNonNotification: ' ' });
    expect(vide.statusCode).toBe(422);
    expect(vide.body).toContain('Saisissez le motif de la non-notification');
    const ok = await gestionSceaux.post(`/violations/${v.id}/non-notification`, {
      motifNonNotification: 'Fichier chiffré, clé non compromise : aucun risque pour les personnes.',
    });
    expect(ok.statusCode).toBe(303);
    const [row] = await ctx.sql<{ statut: string; non_notifiee_le: Date | null }>(
      'select statut, non_notifiee_le from violations where id = $1',
      [v.id],
    );
    expect(row?.statut).toBe('non_notifiee');
    expect(row?.non_notifiee_le).not.toBeNull();
    expect((await gestionSceaux.get(`/violations/${v.id}`)).body).toContain('Fichier chiffré, clé non compromise');
  });

  it('lets managers complete the entry; the countdown follows the discovery typed', async () => {
    const v = await entree(sceaux, 1);
    const form = await gestionSceaux.get(`/violations/${v.id}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Entrée de test');
    const r = await gestionSceaux.post(
      `/violations/${v.id}/modifier`,
      formulaire({ decouverteLe: ilYa(77.5 * HEURE) }),
    );
    expect(r.statusCode).toBe(303);
    const page = await gestionSceaux.get(`/violations/${v.id}`);
    expect(page.body).toContain(
      'Délai dépassé de 5 h : notifiez sans attendre en expliquant le retard (RGPD art. 33.1)',
    );
  });
});

describe('the CNIL draft', () => {
  it('follows the CNIL form’s sections, filled from the register, "[à compléter]" elsewhere', async () => {
    const v = await entree(sceaux, 30.5);
    const r = await gestionSceaux.get(`/violations/${v.id}/cnil`);
    expect(r.statusCode).toBe(200);
    const titres = [...r.body.matchAll(/<h2[^>]*>(\d\. [^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(titres).toEqual([
      '1. Type de notification',
      '2. L’organisme (responsable de traitement) et le contact',
      '3. La violation',
      '4. Les données concernées',
      '5. Les personnes concernées',
      '6. Les conséquences probables pour les personnes',
      '7. Les mesures prises et envisagées',
      '8. L’information des personnes concernées',
      '9. Autres informations',
    ]);
    expect(r.body).toContain('Notification initiale');
    expect(r.body).toContain('France services de Sceaux');
    expect(r.body).toContain('Perte d’intégrité');
    expect(r.body).toContain('[à compléter]');
    expect(r.body).toContain('href="https://notifications.cnil.fr/notifications/index"');
    expect(r.body).toMatch(/il reste 41 h/);
    // Late: the draft asks for the reasons of the delay.
    const tard = await entree(sceaux, 80);
    expect((await gestionSceaux.get(`/violations/${tard.id}/cnil`)).body).toContain('Motifs du retard');
    const notifiee = await entree(sceaux, 80, 'notifiee');
    expect((await gestionSceaux.get(`/violations/${notifiee.id}/cnil`)).body).toContain('Notification complémentaire');
  });
});

describe('tenancy and the national level', () => {
  it('never shows Agen’s breaches to Sceaux’s people nor to the coordination of 92 and 13', async () => {
    const v = await entree(agen, 2);
    for (const client of [agentSceaux, gestionSceaux, coordination]) {
      expect((await client.get(`/violations/${v.id}`)).statusCode).toBe(404);
      expect((await client.get(`/violations/${v.id}/cnil`)).statusCode).toBe(404);
      expect((await client.get('/violations')).body).not.toContain(v.reference);
    }
    await gestionSceaux.get('/violations');
    expect((await gestionSceaux.post(`/violations/${v.id}/cloture`)).statusCode).toBe(404);
    expect(
      (await gestionSceaux.post(`/violations/${v.id}/non-notification`, { motifNonNotification: 'x' })).statusCode,
    ).toBe(404);
    expect((await gestionAgen.get(`/violations/${v.id}`)).statusCode).toBe(200);
    expect((await admin.get('/violations')).body).toContain(v.reference);
    // The coordination reads Sceaux's register (92) but keeps nothing.
    const s = await entree(sceaux, 2);
    expect((await coordination.get(`/violations/${s.id}`)).statusCode).toBe(200);
    expect((await coordination.post(`/violations/${s.id}/cloture`)).statusCode).toBe(403);
  });

  it('lets the nation declare national-level breaches, seen by the nation alone, and edit any entry', async () => {
    const nouvelle = await admin.get('/violations/nouvelle');
    expect(nouvelle.body).toContain('Niveau national (la plateforme)');
    const { r, id } = await declarer(admin, { niveau: 'national', titre: 'Fuite de journaux applicatifs' });
    expect(r.statusCode).toBe(303);
    const [row] = await ctx.sql<{ structure_id: string | null; declare_par: string }>(
      'select structure_id, declare_par from violations where id = $1',
      [id],
    );
    expect(row).toEqual({ structure_id: null, declare_par: await utilisateurNomme(ctx, DEMO.admin) });
    expect((await admin.get(`/violations/${id}`)).body).toContain('Niveau national');
    expect((await admin.get(`/violations/${id}/cnil`)).body).toContain('Administration nationale de guichet');
    for (const client of [gestionSceaux, coordination, gestionAgen]) {
      expect((await client.get(`/violations/${id}`)).statusCode).toBe(404);
    }
    // A manager cannot put an entry in the national register.
    const { r: refus } = await declarer(gestionSceaux, { niveau: 'national' });
    expect(refus.statusCode).toBe(422);
    const s = await entree(sceaux, 2);
    await admin.get(`/violations/${s.id}`);
    expect(
      (await admin.post(`/violations/${s.id}/modifier`, formulaire({ titre: 'Corrigé par l’ANCT' }))).statusCode,
    ).toBe(303);
    expect((await gestionSceaux.get(`/violations/${s.id}`)).body).toContain('Corrigé par l’ANCT');
  });

  it('sorts the register by urgency: the nearest deadline first, decided entries after', async () => {
    const proche = await entree(sceaux, 70);
    const loin = await entree(sceaux, 1);
    const decidee = await entree(sceaux, 71, 'notifiee');
    const body = (await gestionSceaux.get('/violations')).body;
    const i = (ref: string) => body.indexOf(ref);
    expect(i(proche.reference)).toBeGreaterThan(-1);
    expect(i(proche.reference)).toBeLessThan(i(loin.reference));
    expect(i(loin.reference)).toBeLessThan(i(decidee.reference));
  });
});

describe('retention of the register', () => {
  it('deletes an entry 5 years after its closure or its decision, never an open one', async () => {
    const close = await entree(sceaux, 100, 'notifiee');
    await ctx.sql(`update violations set statut = 'close', close_le = now() where id = $1`, [close.id]);
    const nonNotifiee = await entree(sceaux, 100);
    await ctx.sql(
      `update violations set statut = 'non_notifiee', motif_non_notification = 'Aucun risque', non_notifiee_le = now()
       where id = $1`,
      [nonNotifiee.id],
    );
    const ouverte = await entree(sceaux, 100);
    const restantes = async () =>
      (
        await ctx.sql<{ id: string }>('select id from violations where id = any($1::uuid[])', [
          [close.id, nonNotifiee.id, ouverte.id],
        ])
      )
        .map((r) => r.id)
        .sort();
    const dans = (mois: number) => new Date(Date.now() + mois * 31 * 86_400_000);
    await appliquerRetention(ctx.database.db, dans(58));
    expect(await restantes()).toEqual([close.id, nonNotifiee.id, ouverte.id].sort());
    await appliquerRetention(ctx.database.db, dans(61));
    expect(await restantes()).toEqual([ouverte.id]);
  });
});
