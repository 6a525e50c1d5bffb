import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { consommerLimitesContact, recevoirDemande } from '../../src/modules/contacts/index.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The retention rules of requests written to a site (issue 12): the person's name, contact, subject and thread are
// erased 3 months after closure, or 12 months after receipt when never closed; the row stays for the reports. The
// rate-limit marks go after 24 hours. The job is run at instants just before and just after each delay.

let ctx: Contexte;
let siteId: string;
const recu = new Date('2027-03-01T09:00:00Z');

beforeAll(async () => {
  ctx = await demarrerApp();
  siteId = await creerSite(ctx, await creerStructure(ctx, '92'));
});
afterAll(() => ctx?.fermer());

async function demande(courriel: string) {
  const r = await recevoirDemande(ctx.database.db, ctx.config, {
    siteId,
    canal: 'courriel',
    nom: 'Alex Dupont',
    courriel,
    objet: 'Ma carte grise',
    corps: 'Bonjour, où en est mon dossier ?',
    recuLe: recu,
    messageId: `<${courriel}>`,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
  return r.demande.id;
}

async function etat(id: string) {
  const [d] = await ctx.sql<Record<string, unknown>>(
    `select d.nom, d.courriel, d.objet, d.statut, d.echeance is not null as echeance, d.anonymise_le is not null as anonymisee,
            m.corps, m.message_id
       from demandes_contact d join messages_contact m on m.demande_id = d.id where d.id = $1`,
    [id],
  );
  return d;
}

describe('retention of requests written to a site', () => {
  it('erases a closed request’s person and thread 3 months after closure, keeping the row', async () => {
    const id = await demande('close@exemple.fr');
    await ctx.sql(
      `update demandes_contact set statut = 'close', close_le = $2, issue = 'reponse_apportee' where id = $1`,
      [id, new Date('2027-03-10T12:00:00Z')],
    );
    await appliquerRetention(ctx.database.db, new Date('2027-06-10T11:00:00Z'));
    expect(await etat(id)).toMatchObject({ nom: 'Alex Dupont', corps: 'Bonjour, où en est mon dossier ?' });
    await appliquerRetention(ctx.database.db, new Date('2027-06-10T13:00:00Z'));
    expect(await etat(id)).toEqual({
      nom: null,
      courriel: null,
      objet: null,
      statut: 'close',
      echeance: true,
      anonymisee: true,
      corps: null,
      message_id: null,
    });
  });

  it('erases a request never closed 12 months after receipt', async () => {
    const id = await demande('ouverte@exemple.fr');
    await appliquerRetention(ctx.database.db, new Date('2028-02-29T08:00:00Z'));
    expect(await etat(id)).toMatchObject({ courriel: 'ouverte@exemple.fr', anonymisee: false });
    await appliquerRetention(ctx.database.db, new Date('2028-03-01T10:00:00Z'));
    expect(await etat(id)).toMatchObject({ courriel: null, corps: null, statut: 'nouvelle', anonymisee: true });
  });

  it('purges rate-limit marks after 24 hours', async () => {
    const siteLimite = await creerSite(ctx, await creerStructure(ctx, '92'));
    const le = new Date('2027-03-01T09:00:00Z');
    await consommerLimitesContact(
      ctx.database.db,
      ctx.config.sessionSecret,
      { ip: '198.51.100.7', siteId: siteLimite },
      le,
    );
    const marques = () => ctx.sql('select cle from limites_contact where cle = $1', [`site:${siteLimite}`]);
    await appliquerRetention(ctx.database.db, new Date('2027-03-02T08:59:00Z'));
    expect(await marques()).toHaveLength(1);
    await appliquerRetention(ctx.database.db, new Date('2027-03-02T09:01:00Z'));
    expect(await marques()).toHaveLength(0);
  });
});
