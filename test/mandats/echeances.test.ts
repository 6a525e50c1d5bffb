import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balayerEcheances } from '../../src/modules/mandats/echeances.ts';
import { creerSite, creerStructure, creerUtilisateur, structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { creerMandat, etatMandat, JOUR_MS, journalDe } from './outils-revocation.ts';

// The lifecycle job of mandates (issue 14 point 3), run by moving time forward: a mandate expires at its end (dated at
// its end, whenever the sweep runs), and the structure is reminded 30 then 7 days before the end of a long mandate,
// each reminder once, with no personal data in the email.

let ctx: Contexte;
let sceaux: string;
const boite = new BoiteDeTest();
const HEURE_MS = 3_600_000;

beforeAll(async () => {
  ctx = await demarrerApp({}, undefined);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
});
afterAll(async () => {
  await boite.fermer();
  await ctx?.fermer();
});

const balayer = (maintenant: Date) => balayerEcheances(ctx.database.db, ctx.config, maintenant);

/** The reminders queued for a mandate: recipient and threshold. */
async function rappelsDe(id: string) {
  return ctx.sql<{ destinataire: string; cle: string }>(
    `select destinataire, cle from messages where modele = 'mandats.rappel-echeance' and parametres->>'mandatId' = $1
     order by cle`,
    [id],
  );
}

describe('expiry', () => {
  it('expires a mandate at its end, journalled at its end, once', async () => {
    const fin = new Date(Date.now() + JOUR_MS);
    const m = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'jour',
      debut: new Date(Date.now() - HEURE_MS),
      fin,
    });
    await balayer(new Date(fin.getTime() - 60_000));
    expect((await etatMandat(ctx, m.id))?.statut).toBe('actif');

    const bilan = await balayer(new Date(fin.getTime() + 3 * HEURE_MS));
    expect(bilan.expires).toBeGreaterThanOrEqual(1);
    const etat = await etatMandat(ctx, m.id);
    expect(etat?.statut).toBe('expire');
    expect(etat?.termine_le?.getTime()).toBe(fin.getTime());
    const journal = await journalDe(ctx, m.id);
    expect(journal.at(-1)).toMatchObject({ action: 'mandat.expire', auteur_id: null });
    expect(journal.at(-1)?.le.getTime()).toBe(fin.getTime());

    await balayer(new Date(fin.getTime() + 4 * HEURE_MS));
    expect((await journalDe(ctx, m.id)).filter((e) => e.action === 'mandat.expire')).toHaveLength(1);
  });

  it('leaves a revoked mandate revoked', async () => {
    const fin = new Date(Date.now() + JOUR_MS);
    const m = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'jour',
      debut: new Date(Date.now() - HEURE_MS),
      fin,
    });
    await ctx.sql(
      `update mandats set statut = 'revoque', termine_le = now(), origine_revocation = 'agent' where id = $1`,
      [m.id],
    );
    await balayer(new Date(fin.getTime() + HEURE_MS));
    expect((await etatMandat(ctx, m.id))?.statut).toBe('revoque');
  });
});

describe('reminders before the end', () => {
  it('reminds the structure’s managers 30 then 7 days before the end of a six-month mandate, each once', async () => {
    const debut = new Date(Date.now() - JOUR_MS);
    const fin = new Date(debut.getTime() + 182 * JOUR_MS);
    const m = await creerMandat(ctx, { structureId: sceaux, duree: 'six_mois', debut, fin });
    await balayer(new Date(fin.getTime() - 31 * JOUR_MS));
    expect(await rappelsDe(m.id)).toHaveLength(0);

    const a30 = new Date(fin.getTime() - 30 * JOUR_MS + HEURE_MS);
    await balayer(a30);
    await balayer(new Date(a30.getTime() + 15 * 60_000));
    const premiers = await rappelsDe(m.id);
    expect(premiers.map((r) => r.destinataire)).toEqual([DEMO.gestionSceaux]);
    expect((await etatMandat(ctx, m.id))?.rappels_envoyes).toEqual([30]);

    const [courriel] = await boite.recus(ctx, DEMO.gestionSceaux);
    expect(courriel?.sujet).toBe(`Mandat ${m.reference} : fin dans 30 jours`);
    expect(courriel?.texte).toContain(`http://guichet.test/mandats/${m.id}`);
    expect(courriel?.texte).not.toContain('Łukasz');
    expect(courriel?.texte).not.toContain('Ştefănescu');

    await balayer(new Date(fin.getTime() - 7 * JOUR_MS + HEURE_MS));
    await balayer(new Date(fin.getTime() - 6 * JOUR_MS));
    expect((await rappelsDe(m.id)).map((r) => r.cle.split(':')[2])).toEqual(['30', '7']);
    expect((await etatMandat(ctx, m.id))?.rappels_envoyes).toEqual([30, 7]);
  });

  it('sends only the nearest reminder after a late sweep, 7 days only for one month, none for one day', async () => {
    const debut = new Date(Date.now() - JOUR_MS);
    const annee = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'douze_mois',
      debut,
      fin: new Date(debut.getTime() + 365 * JOUR_MS),
    });
    const mois = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'mois',
      debut,
      fin: new Date(debut.getTime() + 30 * JOUR_MS),
    });
    const jour = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'jour',
      debut,
      fin: new Date(debut.getTime() + 2 * JOUR_MS),
    });

    await balayer(new Date(debut.getTime() + 10 * JOUR_MS));
    expect(await rappelsDe(mois.id)).toHaveLength(0);
    await balayer(new Date(debut.getTime() + 23 * JOUR_MS + HEURE_MS));
    expect((await rappelsDe(mois.id)).map((r) => r.cle.split(':')[2])).toEqual(['7']);
    expect(await rappelsDe(jour.id)).toHaveLength(0);
    // The year's mandate, swept for the first time 5 days before its end: the 7-day reminder only.
    await balayer(new Date(debut.getTime() + 360 * JOUR_MS));
    expect((await rappelsDe(annee.id)).map((r) => r.cle.split(':')[2])).toEqual(['7']);
    expect((await etatMandat(ctx, annee.id))?.rappels_envoyes).toEqual([30, 7]);
  });

  it('reminds the site’s agents when the structure has no manager', async () => {
    const structure = await creerStructure(ctx, '47');
    await creerSite(ctx, structure);
    const agent = await creerUtilisateur(ctx, structure, ['agent']);
    const debut = new Date(Date.now() - JOUR_MS);
    const fin = new Date(debut.getTime() + 182 * JOUR_MS);
    const m = await creerMandat(ctx, {
      structureId: structure,
      duree: 'six_mois',
      debut,
      fin,
      prenom: '李',
      nom: '小龙',
    });
    await balayer(new Date(fin.getTime() - 29 * JOUR_MS));
    const [courriel] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [
      agent.id,
    ]);
    expect((await rappelsDe(m.id)).map((r) => r.destinataire)).toEqual([courriel?.courriel]);
  });
});
