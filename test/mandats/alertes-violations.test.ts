import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balayerAlertesViolations } from '../../src/modules/mandats/alertes-violations.ts';
import { creerStructure, creerUtilisateur } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// Issue 14 point 7: the alerts of the breach register. An entry still open 24 hours after its discovery, then 48 hours
// after, is emailed to its structure's managers and to every national admin (never its agents; the national level:
// the admins only), once each however many sweeps run; a sweep that comes late sends only the latest step; an entry
// notified to the CNIL gets none. Time is moved forward by calling the sweep at chosen instants.

let ctx: Contexte;
const boite = new BoiteDeTest();
const DECOUVERTE = new Date('2031-03-10T09:00:00Z');
const apres = (heures: number) => new Date(DECOUVERTE.getTime() + heures * 3_600_000);

let structure: string;
let gestionnaire: string;
let agent: string;

async function courrielDe(id: string) {
  const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
  return u?.courriel as string;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  structure = await creerStructure(ctx, '92', 'France services des Blagis');
  gestionnaire = await courrielDe((await creerUtilisateur(ctx, structure, ['gestionnaire'])).id);
  agent = await courrielDe((await creerUtilisateur(ctx, structure, ['agent'])).id);
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

/** An open entry discovered at DECOUVERTE, at the structure or at the national level. */
async function entree(structureId: string | null, statut = 'ouverte') {
  const [v] = await ctx.sql<{ id: string; reference: string }>(
    `insert into violations (reference, structure_id, titre, nature, description, decouverte_le, categories_donnees,
       categories_personnes, mesures_prises, statut, notifiee_le, numero_cnil, declare_par)
     values ('V-' || upper(substr(md5(random()::text), 1, 8)), $1, 'Dossier de Łukasz Ştefănescu-Nguyễn perdu',
       array['confidentialite'], 'Circonstances', $2, 'Identité', 'Usagers', 'Aucune', $3::statut_violation,
       case when $3 = 'notifiee' then $2::timestamptz + interval '2 hours' end,
       case when $3 = 'notifiee' then 'CNIL-42' end, gen_random_uuid())
     returning id, reference`,
    [structureId, DECOUVERTE.toISOString(), statut],
  );
  return v as { id: string; reference: string };
}

/** Who was queued an alert about this entry, by step. */
async function alertes(id: string) {
  const lignes = await ctx.sql<{ cle: string; destinataire: string }>(
    `select cle, destinataire from messages where cle like $1 order by cle`,
    [`violations.alerte:${id}:%`],
  );
  const par = (etape: number) =>
    lignes
      .filter((l) => l.cle.startsWith(`violations.alerte:${id}:${etape}:`))
      .map((l) => l.destinataire)
      .sort();
  return { h24: par(24), h48: par(48) };
}

const sweep = (heures: number) => balayerAlertesViolations(ctx.database.db, ctx.config, apres(heures));

describe('alerts before the CNIL deadline', () => {
  it('alerts the managers and the national admins at 24 h, then at 48 h, once each', async () => {
    const v = await entree(structure);
    await sweep(23);
    expect(await alertes(v.id)).toEqual({ h24: [], h48: [] });

    await sweep(25);
    const attendus = [DEMO.admin, gestionnaire].sort();
    expect(await alertes(v.id)).toEqual({ h24: attendus, h48: [] });
    await sweep(26);
    await sweep(47.9);
    expect((await alertes(v.id)).h24).toEqual(attendus);

    await sweep(49);
    expect(await alertes(v.id)).toEqual({ h24: attendus, h48: attendus });
    await Promise.all([sweep(50), sweep(50), sweep(80)]);
    expect(await alertes(v.id)).toEqual({ h24: attendus, h48: attendus });
    const [row] = await ctx.sql<{ alertes_envoyees: number[] }>(
      'select alertes_envoyees from violations where id = $1',
      [v.id],
    );
    expect(row?.alertes_envoyees).toEqual([24, 48]);

    // The email: the reference, the hours left, a link behind sign-in; no title, no name; never to the agents.
    const recus = await boite.recus(ctx, gestionnaire);
    const alerte48 = recus.find((c) => c.sujet.includes('il reste 23 h'));
    expect(alerte48?.sujet).toBe(`Violation de données ${v.reference} : il reste 23 h pour notifier la CNIL`);
    expect(alerte48?.texte).toContain('découverte il y a 48 heures');
    expect(alerte48?.texte).toContain(`http://guichet.test/violations/${v.id}`);
    expect(alerte48?.texte).toContain('France services des Blagis');
    expect(alerte48?.texte).not.toContain('Łukasz');
    expect(alerte48?.texte).not.toContain('Dossier');
    expect(recus.some((c) => c.sujet.includes('il reste 47 h'))).toBe(true);
    expect(await boite.recus(ctx, agent)).toEqual([]);
  });

  it('sends only the latest step to a sweep that comes late', async () => {
    const v = await entree(structure);
    await sweep(60);
    expect(await alertes(v.id)).toEqual({ h24: [], h48: [DEMO.admin, gestionnaire].sort() });
    await sweep(61);
    expect((await alertes(v.id)).h24).toEqual([]);
  });

  it('sends nothing for an entry notified to the CNIL or decided not to notify', async () => {
    const notifiee = await entree(structure, 'notifiee');
    const decidee = await entree(structure);
    await ctx.sql(
      `update violations set statut = 'non_notifiee', motif_non_notification = 'Aucun risque', non_notifiee_le = $2
       where id = $1`,
      [decidee.id, apres(3).toISOString()],
    );
    await sweep(25);
    await sweep(49);
    expect(await alertes(notifiee.id)).toEqual({ h24: [], h48: [] });
    expect(await alertes(decidee.id)).toEqual({ h24: [], h48: [] });
  });

  it('alerts the national admins alone for a national-level entry', async () => {
    const v = await entree(null);
    await sweep(25);
    expect(await alertes(v.id)).toEqual({ h24: [DEMO.admin], h48: [] });
  });
});
