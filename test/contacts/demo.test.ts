import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargerContactsDemo } from '../../src/demo/contacts.ts';
import { delaiReponseSite } from '../../src/modules/contacts/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The demo requests at Sceaux (issue 12), loaded with the demo data of the test template: one new, one assigned whose
// clock nears its 75 % mark, one answered, one received by email with a dropped attachment; loaded once.

let ctx: Contexte;
let siteId: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  siteId = s?.id as string;
});
afterAll(() => ctx?.fermer());

type Ligne = { id: string; statut: string; canal: string; recu_le: Date; echeance: Date; pieces: number };
const demandes = () =>
  ctx.sql<Ligne>(
    `select d.id, d.statut, d.canal, d.recu_le, d.echeance, max(m.pieces_ignorees) as pieces
       from demandes_contact d join messages_contact m on m.demande_id = d.id
      where d.site_id = $1 group by d.id order by d.recu_le`,
    [siteId],
  );

describe('demo requests at Sceaux', () => {
  it('holds a new, a nearly 75 % late, an answered and an emailed request, each with its due instant', async () => {
    const liste = await demandes();
    expect(liste.map((d) => d.statut).sort()).toEqual(['en_cours', 'nouvelle', 'nouvelle', 'repondue']);
    expect(liste.every((d) => d.echeance instanceof Date)).toBe(true);
    expect(liste.filter((d) => d.canal === 'courriel' && d.pieces === 1)).toHaveLength(1);

    const pressee = liste.find((d) => d.statut === 'en_cours') as Ligne;
    const maintenant = new Date();
    const marque = await delaiReponseSite(ctx.database.db, siteId, pressee.recu_le, 54);
    const bientot = await delaiReponseSite(ctx.database.db, siteId, maintenant, 4);
    if (!marque?.delai.ok || !bientot?.delai.ok) throw new Error('no mark');
    expect(marque.delai.echeance.getTime()).toBeGreaterThan(maintenant.getTime());
    expect(marque.delai.echeance.getTime()).toBeLessThanOrEqual(bientot.delai.echeance.getTime());
    // No acknowledgement queued for demo addresses.
    expect(await ctx.sql(`select 1 from messages where modele like 'contacts.%'`)).toHaveLength(0);
  });

  it('is loaded once', async () => {
    await ctx.database.db.transaction((tx) => chargerContactsDemo(tx));
    expect(await demandes()).toHaveLength(4);
  });
});
