import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargerConfig } from '../../src/config/index.ts';
import { adresseContact } from '../../src/modules/contacts/adresse.ts';
import { delaiReponseSite, recevoirDemande } from '../../src/modules/contacts/index.ts';
import { LIMITE_SITE_HEURE } from '../../src/modules/contacts/limites.ts';
import { demarrerReceptionContacts, PAR_HEURE_EXPEDITEUR } from '../../src/modules/contacts/smtp-reception.ts';
import { signature } from '../../src/platform/auth/jetons.ts';
import type { Reception } from '../../src/platform/messages/reception.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// The SMTP receiver (issue 12, ADR 0029): real mail sent with nodemailer to the receiver on a free port, as the MX relay
// would deliver it, and what becomes of it: requests, threads, acknowledgements in the outbox, refusals in SMTP.

let ctx: Contexte;
let reception: Reception;
let transport: nodemailer.Transporter;
const boite = new BoiteDeTest();
let siteA: string;
let siteB: string;
let adresseA: string;
let adresseB: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const structure = await creerStructure(ctx, '92');
  siteA = await creerSite(ctx, structure, 'France services de Sceaux-Centre');
  siteB = await creerSite(ctx, structure, 'France services de Bourg-la-Reine');
  adresseA = adresseContact({ id: siteA, idFs: null }, ctx.config.domaineContact);
  adresseB = adresseContact({ id: siteB, idFs: null }, ctx.config.domaineContact);
  reception = await demarrerReceptionContacts(ctx.database.db, ctx.config, { port: 0, hote: '127.0.0.1' });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: reception.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  transport?.close();
  await reception?.fermer();
  await boite.fermer();
  await ctx?.fermer();
});

let n = 0;
/** A distinct sender per test, so that the per-sender limit and the outbox are each test's own. */
const expediteur = () => `personne${++n}.${Date.now()}@exemple.fr`;

function envoyer(m: SendMailOptions) {
  return transport.sendMail({ subject: 'Demande d’aide', text: 'Bonjour, j’ai besoin d’aide.', ...m });
}

async function refus(m: SendMailOptions): Promise<{ responseCode?: number; command?: string }> {
  try {
    await envoyer(m);
  } catch (e) {
    return e as { responseCode?: number; command?: string };
  }
  throw new Error('the mail was accepted');
}

async function demandesDe(courriel: string) {
  return ctx.sql<{
    id: string;
    site_id: string;
    canal: string;
    nom: string | null;
    objet: string | null;
    recu_le: Date;
    echeance: Date | null;
  }>(
    'select id, site_id, canal, nom, objet, recu_le, echeance from demandes_contact where courriel = $1 order by cree_le',
    [courriel],
  );
}

async function fil(demandeId: string) {
  return ctx.sql<{ corps: string; message_id: string | null; pieces_ignorees: number }>(
    'select corps, message_id, pieces_ignorees from messages_contact where demande_id = $1 order by cree_le',
    [demandeId],
  );
}

async function accuses(courriel: string) {
  return ctx.sql<{ cle: string; parametres: { piecesIgnorees: number; echeance: string } }>(
    `select cle, parametres from messages where destinataire = $1 and modele = 'contacts.accuse' order by cree_le`,
    [courriel],
  );
}

describe('a mail to a site', () => {
  it('becomes a request with the promised date, and the sender receives the acknowledgement', async () => {
    const de = expediteur();
    const info = await envoyer({
      from: { name: 'Camille Martin', address: de },
      to: adresseA,
      subject: 'Renouvellement de ma carte grise',
      text: 'Bonjour,\r\nje n’arrive pas à finir ma démarche.\r\nMerci',
      messageId: `<premier.${n}@exemple.fr>`,
    });
    expect(info.accepted).toEqual([adresseA]);
    const [d] = await demandesDe(de);
    expect(d).toMatchObject({
      site_id: siteA,
      canal: 'courriel',
      nom: 'Camille Martin',
      objet: 'Renouvellement de ma carte grise',
    });
    const attendu = await delaiReponseSite(ctx.database.db, siteA, d?.recu_le as Date);
    expect(d?.echeance?.toISOString()).toBe(attendu?.delai.ok ? attendu.delai.echeance.toISOString() : 'no clock');
    expect(await fil(d?.id as string)).toEqual([
      {
        corps: 'Bonjour,\nje n’arrive pas à finir ma démarche.\nMerci',
        message_id: `<premier.${n}@exemple.fr>`,
        pieces_ignorees: 0,
      },
    ]);
    const [recu] = await boite.recus(ctx, de);
    expect(recu?.sujet).toMatch(/^Message reçu par France services de Sceaux-Centre \(réf\. C-[0-9A-F]{8}\)$/);
    expect(recu?.texte).toContain('Vous recevrez une réponse au plus tard le ');
    expect(recu?.texte).not.toContain('pièce');
  });

  it('threads a reply (In-Reply-To, or References alone) onto the same request, with no new acknowledgement', async () => {
    const de = expediteur();
    const premier = `<fil.${n}@exemple.fr>`;
    await envoyer({ from: de, to: adresseA, messageId: premier });
    await envoyer({
      from: de,
      to: adresseA,
      subject: 'Re: Demande d’aide',
      text: 'J’oubliais : mon numéro de dossier est 1234.',
      messageId: `<suite.${n}@exemple.fr>`,
      inReplyTo: premier,
      references: [premier],
    });
    await envoyer({
      from: de,
      to: adresseA,
      text: 'Et encore une précision.',
      messageId: `<encore.${n}@exemple.fr>`,
      inReplyTo: '<accuse-inconnu@guichet.localhost>',
      references: [premier, `<suite.${n}@exemple.fr>`, '<accuse-inconnu@guichet.localhost>'],
    });
    const demandes = await demandesDe(de);
    expect(demandes).toHaveLength(1);
    const messages = await fil(demandes[0]?.id as string);
    expect(messages.map((m) => m.corps)).toEqual([
      'Bonjour, j’ai besoin d’aide.',
      'J’oubliais : mon numéro de dossier est 1234.',
      'Et encore une précision.',
    ]);
    expect(await accuses(de)).toHaveLength(1);
  });

  it('threads a reply to the acknowledgement, which asks replies to go to the site (a form’s request too)', async () => {
    const de = expediteur();
    await envoyer({ from: de, to: adresseA, messageId: `<avant-accuse.${n}@exemple.fr>` });
    const formulaire = await recevoirDemande(ctx.database.db, ctx.config, {
      siteId: siteB,
      canal: 'formulaire',
      nom: 'Camille Martin',
      courriel: de,
      corps: 'Écrit sur le formulaire.',
      recuLe: new Date(),
      consentement: true,
    });
    expect(formulaire.ok).toBe(true);
    for (const site of [adresseA, adresseB]) {
      const accuse = (await boite.recus(ctx, de)).find((c) => c.repondreA === site);
      expect(accuse?.repondreA).toBe(site);
      await envoyer({
        from: de,
        to: accuse?.repondreA,
        subject: `Re: ${accuse?.sujet}`,
        text: 'Réponse à l’accusé de réception.',
        inReplyTo: accuse?.messageId,
        references: [accuse?.messageId as string],
      });
    }
    const demandes = await demandesDe(de);
    expect(demandes).toHaveLength(2);
    for (const d of demandes) expect((await fil(d.id)).at(-1)?.corps).toBe('Réponse à l’accusé de réception.');
  });

  it('counts attachments, keeps none, and tells the sender (on a later message of the thread too)', async () => {
    const de = expediteur();
    const premier = `<pieces.${n}@exemple.fr>`;
    await envoyer({
      from: de,
      to: adresseA,
      messageId: premier,
      text: 'Voici mon avis d’imposition.',
      attachments: [
        { filename: 'avis-imposition.pdf', content: 'CONTENU-SECRET-DU-PDF', contentType: 'application/pdf' },
        { filename: 'carte-identite.jpg', content: Buffer.from('CONTENU-SECRET-JPEG'), contentType: 'image/jpeg' },
      ],
    });
    const [d] = await demandesDe(de);
    expect(await fil(d?.id as string)).toEqual([
      { corps: 'Voici mon avis d’imposition.', message_id: premier, pieces_ignorees: 2 },
    ]);
    // Neither the contents nor the file names are anywhere in the database.
    const [trace] = await ctx.sql<{ n: string }>(
      `select count(*) as n from messages_contact m join demandes_contact d on d.id = m.demande_id
        where m.corps like '%CONTENU-SECRET%' or m.corps like '%avis-imposition.pdf%' or d.objet like '%CONTENU-SECRET%'`,
    );
    expect(Number(trace?.n)).toBe(0);
    const [recu] = await boite.recus(ctx, de);
    expect(recu?.texte).toContain('Les 2 pièces jointes de votre message n’ont pas été conservées');

    await envoyer({
      from: de,
      to: adresseA,
      inReplyTo: premier,
      messageId: `<pieces-suite.${n}@exemple.fr>`,
      text: 'Et mon justificatif de domicile.',
      attachments: [{ filename: 'facture.pdf', content: 'CONTENU-SECRET-2' }],
    });
    expect(await demandesDe(de)).toHaveLength(1);
    expect((await accuses(de)).map((a) => a.parametres.piecesIgnorees)).toEqual([2, 1]);
    const [dernier] = await boite.recus(ctx, de);
    expect(dernier?.texte).toContain('La pièce jointe de votre message n’a pas été conservée');
  });

  it('creates one request when the same Message-ID is delivered twice', async () => {
    const de = expediteur();
    const m = { from: de, to: adresseA, messageId: `<double.${n}@exemple.fr>` };
    await envoyer(m);
    await envoyer(m);
    expect(await demandesDe(de)).toHaveLength(1);
    expect(await accuses(de)).toHaveLength(1);
  });

  it('opens one request per site for a mail to two sites, and threads the reply at each', async () => {
    const de = expediteur();
    const premier = `<deux-sites.${n}@exemple.fr>`;
    const m = { from: de, to: [adresseA, adresseB], messageId: premier };
    await envoyer(m);
    await envoyer(m);
    await envoyer({ from: de, to: [adresseA, adresseB], inReplyTo: premier, text: 'Suite.' });
    const demandes = await demandesDe(de);
    expect(demandes.map((d) => d.site_id).sort()).toEqual([siteA, siteB].sort());
    for (const d of demandes)
      expect((await fil(d.id)).map((m) => m.corps)).toEqual(['Bonjour, j’ai besoin d’aide.', 'Suite.']);
    expect(await accuses(de)).toHaveLength(2);
  });
});

describe('what the receiver refuses', () => {
  it('refuses at RCPT TO an address that designates no active site (550)', async () => {
    const domaine = ctx.config.domaineContact;
    for (const a of [
      `fs999999999@${domaine}`,
      `lieu-000000000000@${domaine}`,
      `contact@${domaine}`,
      'fs1@ailleurs.fr',
    ]) {
      const e = await refus({ from: expediteur(), to: a });
      expect(e).toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    }
    const ferme = await creerSite(ctx, await creerStructure(ctx, '47'));
    await ctx.sql('update sites set actif = false where id = $1', [ferme]);
    const e = await refus({ from: expediteur(), to: adresseContact({ id: ferme, idFs: null }, domaine) });
    expect(e).toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    // A mail naming a known and an unknown address reaches the known one only.
    const de = expediteur();
    const info = await envoyer({ from: de, to: [adresseA, `fs999999999@${domaine}`] });
    expect(info.accepted).toEqual([adresseA]);
    expect(await demandesDe(de)).toHaveLength(1);
  });

  it('refuses a message over 10 MB (552) and writes nothing', async () => {
    const de = expediteur();
    const e = await refus({ from: de, to: adresseA, text: 'x'.repeat(11 * 1024 * 1024) });
    expect(e.responseCode).toBe(552);
    expect(await demandesDe(de)).toEqual([]);
  });

  it('answers 451 (try later) past the hourly count of the site or of the sender, and writes nothing', async () => {
    const site = await creerSite(ctx, await creerStructure(ctx, '92'));
    const marquer = (cle: string, n: number) =>
      ctx.sql('insert into limites_contact (cle) select $1 from generate_series(1, $2::int)', [cle, n]);
    await marquer(`site:${site}`, LIMITE_SITE_HEURE);
    const de = expediteur();
    const e = await refus({ from: de, to: adresseContact({ id: site, idFs: null }, ctx.config.domaineContact) });
    expect(e).toMatchObject({ responseCode: 451, command: 'DATA' });
    expect(await demandesDe(de)).toEqual([]);

    const bavard = expediteur();
    await marquer(
      `courriel:${signature(ctx.config.sessionSecret, `contacts.limites.courriel:${bavard}`)}`,
      PAR_HEURE_EXPEDITEUR,
    );
    expect(await refus({ from: bavard, to: adresseA })).toMatchObject({ responseCode: 451, command: 'DATA' });
    expect(await demandesDe(bavard)).toEqual([]);
    // Another sender still reaches the same site.
    const autre = expediteur();
    await envoyer({ from: autre, to: adresseA });
    expect(await demandesDe(autre)).toHaveLength(1);
  });
});

describe('mail sent by programs', () => {
  it('drops an auto-reply or a bounce: no request, no acknowledgement', async () => {
    const de = expediteur();
    await envoyer({ from: de, to: adresseA, headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Absence' });
    await envoyer({ from: de, to: adresseA, headers: { 'X-Autoreply': 'yes' } });
    await envoyer({ from: de, to: adresseA, envelope: { from: '', to: [adresseA] }, subject: 'Undelivered Mail' });
    expect(await demandesDe(de)).toEqual([]);
    expect(await accuses(de)).toEqual([]);
  });

  it('keeps a bulk or generated mail as a request but never acknowledges it', async () => {
    const de = expediteur();
    await envoyer({ from: de, to: adresseA, headers: { Precedence: 'bulk' }, messageId: `<lettre.${n}@exemple.fr>` });
    await envoyer({ from: de, to: adresseA, headers: { 'Auto-Submitted': 'auto-generated' } });
    expect(await demandesDe(de)).toHaveLength(2);
    expect(await accuses(de)).toEqual([]);
  });
});

describe('hostile headers and encodings', () => {
  it('decodes RFC 2047 names and subjects (Arabic, Chinese in GB2312) and bounds what it keeps', async () => {
    const de = expediteur();
    const objetLong = `${'申请帮助 '.repeat(200)}fin`;
    await envoyer({
      from: { name: 'محمد بن علي', address: de },
      to: adresseA,
      subject: objetLong,
      text: `Texte\u202e inversé\u0007 et ${'très long '.repeat(3000)}`,
    });
    const [d] = await demandesDe(de);
    expect(d?.nom).toBe('محمد بن علي');
    expect(d?.objet?.length).toBeLessThanOrEqual(200);
    expect(objetLong.startsWith(d?.objet as string)).toBe(true);
    const [m] = await fil(d?.id as string);
    expect(m?.corps.length).toBeLessThanOrEqual(20_000);
    expect(m?.corps.startsWith('Texte inversé et très long')).toBe(true);

    // A raw message as some clients write it: GB2312 base64 words, a quoted-printable Arabic name, HTML only.
    const de2 = expediteur();
    const gb = Buffer.from([0xc9, 0xea, 0xc7, 0xeb, 0xb0, 0xef, 0xd6, 0xfa]).toString('base64'); // 申请帮助
    const raw = [
      `From: =?UTF-8?Q?=D9=81=D8=A7=D8=B7=D9=85=D8=A9?= <${de2}>`,
      `To: ${adresseA}`,
      `Subject: =?GB2312?B?${gb}?= =?UTF-8?B?${Buffer.from(' : carte vitale').toString('base64')}?=`,
      `Message-ID: <brut.${n}@exemple.fr>`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Bonjour,<br>ma <b>carte vitale</b> est perdue.</p><script>alert(1)</script>',
      '',
    ].join('\r\n');
    await transport.sendMail({ envelope: { from: de2, to: [adresseA] }, raw });
    const [d2] = await demandesDe(de2);
    expect(d2?.nom).toBe('فاطمة');
    expect(d2?.objet).toBe('申请帮助 : carte vitale');
    const [m2] = await fil(d2?.id as string);
    expect(m2?.corps).toContain('ma carte vitale est perdue.');
    expect(m2?.corps).not.toMatch(/<b>|<script>|alert/);
  });
});

describe('configuration', () => {
  it('starts the receiver only where CONTACT_SMTP_PORT is set, on 127.0.0.1 unless told', () => {
    expect(chargerConfig({ NODE_ENV: 'test' }).receptionSmtp).toBeUndefined();
    expect(chargerConfig({ NODE_ENV: 'test', CONTACT_SMTP_PORT: '2525' }).receptionSmtp).toEqual({
      port: 2525,
      hote: '127.0.0.1',
    });
    expect(() => chargerConfig({ NODE_ENV: 'test', CONTACT_SMTP_PORT: '70000' })).toThrow();
  });
});
