import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ajouterMessageEntrant, delaiReponseSite, recevoirDemande } from '../../src/modules/contacts/index.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The reception service used by the form and the SMTP receiver (issue 12): what it writes, the clock it applies,
// the acknowledgement it queues, and the thread of later messages.

let ctx: Contexte;
let siteId: string;
const lundi = new Date('2027-01-11T10:00:00+01:00');

beforeAll(async () => {
  ctx = await demarrerApp();
  siteId = await creerSite(ctx, await creerStructure(ctx, '92'), 'Site de réception');
});
afterAll(() => ctx?.fermer());

const formulaire = (p: Record<string, unknown> = {}) => ({
  siteId,
  canal: 'formulaire' as const,
  nom: 'Camille Martin',
  courriel: 'camille@exemple.fr',
  corps: 'Bonjour, je voudrais de l’aide pour ma déclaration.',
  recuLe: lundi,
  consentement: true,
  ...p,
});

async function compter(table: string) {
  const [r] = await ctx.sql<{ n: string }>(`select count(*) as n from ${table} where true`);
  return Number(r?.n);
}

describe('recevoirDemande', () => {
  it('records a form request with its message, the clock’s due instant, and queues the acknowledgement', async () => {
    const r = await recevoirDemande(ctx.database.db, ctx.config, formulaire());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const attendu = await delaiReponseSite(ctx.database.db, siteId, lundi);
    expect(attendu?.delai.ok && r.demande.echeance?.toISOString()).toBe(
      attendu?.delai.ok && attendu.delai.echeance.toISOString(),
    );
    // Monday 10:00 plus 72 working hours, Monday to Friday (a site without hours): Thursday 10:00.
    expect(r.demande.echeance?.toISOString()).toBe('2027-01-14T09:00:00.000Z');
    expect(r.demande.reference).toMatch(/^C-[0-9A-F]{8}$/);
    const [d] = await ctx.sql<{ departement: string; statut: string; consentement_le: Date }>(
      'select departement, statut, consentement_le from demandes_contact where id = $1',
      [r.demande.id],
    );
    expect(d).toMatchObject({ departement: '92', statut: 'nouvelle' });
    const messages = await ctx.sql('select sens, corps from messages_contact where demande_id = $1', [r.demande.id]);
    expect(messages).toEqual([{ sens: 'entrant', corps: formulaire().corps }]);
    const [accuse] = await ctx.sql<{ modele: string; parametres: { echeance: string } }>(
      `select modele, parametres from messages where cle = $1`,
      [`contacts.accuse:${r.demande.id}`],
    );
    expect(accuse?.modele).toBe('contacts.accuse');
    expect(accuse?.parametres.echeance).toBe('jeudi 14 janvier 2027 à 10:00');
  });

  it('refuses bad form input in French and writes nothing', async () => {
    const avant = await compter('demandes_contact');
    const cas: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ corps: '   ' }, 'corps', /Saisissez votre message/],
      [{ courriel: '', telephone: '' }, 'courriel', /adresse électronique ou un numéro/],
      [{ corps: 'a'.repeat(2001) }, 'corps', /2\u202f000 caractères/],
      [{ nom: 'Camille\u0007' }, 'nom', /caractères non autorisés/],
      [{ corps: 'voir <script>alert(1)</script>' }, 'corps', /balises HTML/],
      [{ courriel: 'pas-une-adresse' }, 'courriel', /adresse électronique valide/],
      [{ telephone: '12' }, 'telephone', /numéro de téléphone valide/],
      [{ consentement: false }, 'consentement', /Cochez la case/],
    ];
    for (const [p, champ, message] of cas) {
      const r = await recevoirDemande(ctx.database.db, ctx.config, formulaire(p));
      expect(r.ok, champ).toBe(false);
      if (!r.ok) expect(r.erreurs[champ]).toMatch(message);
    }
    expect(await compter('demandes_contact')).toBe(avant);
  });

  it('counts a line break as one character (2,000 with CR LF pass)', async () => {
    const r = await recevoirDemande(
      ctx.database.db,
      ctx.config,
      formulaire({ corps: `${'a'.repeat(999)}\r\n${'b'.repeat(1000)}` }),
    );
    expect(r.ok).toBe(true);
  });

  it('takes a mail as it comes (cleaned, bounded), tells of dropped attachments, and ignores a second delivery', async () => {
    const mail = {
      siteId,
      canal: 'courriel' as const,
      nom: 'Dominique\tDurand',
      courriel: 'Dominique@Exemple.fr',
      objet: 'Dossier\u0000 retraite',
      corps: `Bonjour\u0007,\r\n${'x'.repeat(25_000)}`,
      recuLe: lundi,
      messageId: '<abc-123@exemple.fr>',
      piecesIgnorees: 2,
    };
    const r = await recevoirDemande(ctx.database.db, ctx.config, mail);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [d] = await ctx.sql<{ nom: string; courriel: string; objet: string; corps: string; pieces: number }>(
      `select d.nom, d.courriel, d.objet, m.corps, m.pieces_ignorees as pieces
         from demandes_contact d join messages_contact m on m.demande_id = d.id where d.id = $1`,
      [r.demande.id],
    );
    expect(d).toMatchObject({
      nom: 'Dominique Durand',
      courriel: 'dominique@exemple.fr',
      objet: 'Dossier retraite',
      pieces: 2,
    });
    expect(d?.corps.length).toBe(20_000);
    expect(d?.corps).toMatch(/^Bonjour,\n/);
    expect(d?.corps).toMatch(/Message tronqué/);
    const [accuse] = await ctx.sql<{ parametres: { piecesIgnorees: number } }>(
      'select parametres from messages where cle = $1',
      [`contacts.accuse:${r.demande.id}`],
    );
    expect(accuse?.parametres.piecesIgnorees).toBe(2);

    const encore = await recevoirDemande(ctx.database.db, ctx.config, mail);
    expect(encore.ok && encore.demande).toMatchObject({ id: r.demande.id, doublon: true });
  });

  it('sends an SMS when only a mobile is given, and nothing to a landline', async () => {
    const mobile = await recevoirDemande(
      ctx.database.db,
      ctx.config,
      formulaire({ courriel: '', telephone: '06 12 34 56 78' }),
    );
    const fixe = await recevoirDemande(
      ctx.database.db,
      ctx.config,
      formulaire({ courriel: '', telephone: '01 40 00 00 00' }),
    );
    expect(mobile.ok && fixe.ok).toBe(true);
    if (!mobile.ok || !fixe.ok) return;
    const sms = await ctx.sql('select destinataire from messages where cle = $1', [
      `contacts.accuse.sms:${mobile.demande.id}`,
    ]);
    expect(sms).toEqual([{ destinataire: '+33612345678' }]);
    const rien = await ctx.sql(`select 1 from messages where cle like $1`, [`contacts.accuse%:${fixe.demande.id}`]);
    expect(rien).toHaveLength(0);
  });

  it('refuses an unknown or inactive site', async () => {
    const r = await recevoirDemande(
      ctx.database.db,
      ctx.config,
      formulaire({ siteId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(r.ok).toBe(false);
  });
});

describe('ajouterMessageEntrant', () => {
  it('appends to the thread and reopens an answered request', async () => {
    const r = await recevoirDemande(ctx.database.db, ctx.config, formulaire());
    if (!r.ok) throw new Error('reception failed');
    await ctx.sql(`update demandes_contact set statut = 'repondue', premiere_reponse_le = $2 where id = $1`, [
      r.demande.id,
      new Date('2027-01-12T10:00:00Z'),
    ]);
    const suite = await ajouterMessageEntrant(ctx.database.db, ctx.config, {
      demandeId: r.demande.id,
      corps: 'Merci, une dernière question.',
      recuLe: new Date('2027-01-13T10:00:00Z'),
    });
    expect(suite).toMatchObject({ ok: true, demandeId: r.demande.id, nouvelle: false });
    const [d] = await ctx.sql('select statut from demandes_contact where id = $1', [r.demande.id]);
    expect(d).toEqual({ statut: 'en_cours' });
    const fil = await ctx.sql('select corps from messages_contact where demande_id = $1 order by cree_le', [
      r.demande.id,
    ]);
    expect(fil).toHaveLength(2);
  });

  it('opens a new request when the old one was closed more than 30 days before', async () => {
    const r = await recevoirDemande(ctx.database.db, ctx.config, formulaire());
    if (!r.ok) throw new Error('reception failed');
    await ctx.sql(
      `update demandes_contact set statut = 'close', close_le = $2, issue = 'reponse_apportee' where id = $1`,
      [r.demande.id, new Date('2027-01-12T10:00:00Z')],
    );
    const recent = await ajouterMessageEntrant(ctx.database.db, ctx.config, {
      demandeId: r.demande.id,
      corps: 'Encore moi.',
      recuLe: new Date('2027-02-01T10:00:00Z'),
    });
    expect(recent).toMatchObject({ ok: true, nouvelle: false });
    await ctx.sql(
      `update demandes_contact set statut = 'close', close_le = $2, issue = 'reponse_apportee' where id = $1`,
      [r.demande.id, new Date('2027-02-02T10:00:00Z')],
    );
    const tard = await ajouterMessageEntrant(ctx.database.db, ctx.config, {
      demandeId: r.demande.id,
      corps: 'Bonjour, c’est encore moi, deux mois après.',
      recuLe: new Date('2027-04-01T10:00:00Z'),
    });
    expect(tard.ok && tard.nouvelle).toBe(true);
    if (!tard.ok || !tard.nouvelle) return;
    expect(tard.demandeId).not.toBe(r.demande.id);
    const [d] = await ctx.sql('select courriel, statut from demandes_contact where id = $1', [tard.demandeId]);
    expect(d).toEqual({ courriel: 'camille@exemple.fr', statut: 'nouvelle' });
  });

  it('answers introuvable for an unknown request', async () => {
    const r = await ajouterMessageEntrant(ctx.database.db, ctx.config, {
      demandeId: '00000000-0000-4000-8000-000000000000',
      corps: 'x',
      recuLe: lundi,
    });
    expect(r).toMatchObject({ ok: false, raison: 'introuvable' });
  });
});
