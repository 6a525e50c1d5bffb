import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { supprimerPiecesALaCloture } from '../../src/modules/saisines/pieces.ts';
import { structureNommee } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp, jetonCsrfDe } from '../harnais.ts';
import { creerSaisineSql } from './outils.ts';

// Issue 13, point 5: documents for transmission only. Type by content, 5 MB, 5 per case, one per request; downloaded
// by whoever sees the case, as an attachment of the stored type; erased at closure and 30 days after upload.

let ctx: Contexte;
let agent: Client;
let referent: Client;
let admin: Client;
const ids = { siteSceaux: '', siteRouen: '', caf: '', msa: '' };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
const FRONTIERE = '----guichet-test-pieces';

beforeAll(async () => {
  ctx = await demarrerApp();
  const un = async (q: string) => ((await ctx.sql<{ id: string }>(q))[0]?.id ?? '') as string;
  ids.siteSceaux = await un(`select id from sites where nom = 'France services de Sceaux'`);
  ids.siteRouen = await un(`select id from sites where nom = 'Maison du Plateau'`);
  ids.caf = await un(`select id from partenaires where code = 'caf'`);
  ids.msa = await un(`select id from partenaires where code = 'msa'`);
  await structureNommee(ctx, 'France services de Sceaux');
  agent = await new Client(ctx.app, '10.1.0.1').connecter(DEMO.agentSceaux);
  referent = await new Client(ctx.app, '10.1.0.2').connecter(DEMO.referentCaf);
  admin = await new Client(ctx.app, '10.1.0.3').connecter(DEMO.admin);
});
afterAll(() => ctx.fermer());

/** Posts files as the browser's form would (CSRF field first), with the token of the documents' page. */
async function deposer(
  client: Client,
  saisineId: string,
  fichiers: Array<{ nom: string; contenu: Buffer }>,
  options: { jeton?: boolean } = {},
) {
  const page = await client.get(`/saisines/${saisineId}/pieces`);
  const jeton = page.statusCode === 200 ? jetonCsrfDe(page.body) : 'absent';
  const parties: Buffer[] = [];
  if (options.jeton !== false)
    parties.push(Buffer.from(`--${FRONTIERE}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${jeton}\r\n`));
  for (const f of fichiers) {
    parties.push(
      Buffer.from(
        `--${FRONTIERE}\r\ncontent-disposition: form-data; name="piece"; filename="${f.nom}"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      f.contenu,
      Buffer.from('\r\n'),
    );
  }
  parties.push(Buffer.from(`--${FRONTIERE}--\r\n`));
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  return ctx.app.inject({
    method: 'POST',
    url: `/saisines/${saisineId}/pieces`,
    payload: Buffer.concat(parties),
    headers: { 'content-type': `multipart/form-data; boundary=${FRONTIERE}`, cookie },
  });
}

async function pieces(saisineId: string) {
  return ctx.sql<{ id: string; nom_fichier: string; type_mime: string; taille: number; sha256: string; vide: boolean }>(
    `select id, nom_fichier, type_mime, taille, sha256, contenu is null as vide from pieces_saisines
     where saisine_id = $1 order by depose_le`,
    [saisineId],
  );
}

describe('documents of a case', () => {
  it('says where files are added that they are erased, and stores a PNG renamed .pdf as a PNG', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    const page = await agent.get(`/saisines/${id}/pieces`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Les pièces servent seulement à la transmission : elles sont supprimées à la clôture de la saisine, et au plus tard 30 jours après leur dépôt.',
    );
    expect(page.body).toContain('enctype="multipart/form-data"');
    // The case's page holds the same section.
    const fiche = await agent.get(`/saisines/${id}`);
    expect(fiche.body).toContain(`action="/saisines/${id}/pieces"`);
    expect(fiche.body).toContain('elles sont supprimées à la clôture de la saisine');

    const r = await deposer(agent, id, [{ nom: 'scan.pdf', contenu: PNG }]);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/saisines/${id}#pieces`);
    const [p] = await pieces(id);
    expect(p).toMatchObject({ nom_fichier: 'scan.png', type_mime: 'image/png', taille: PNG.length, vide: false });
    expect(p?.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));

    const telechargement = await agent.get(`/saisines/${id}/pieces/${p?.id}`);
    expect(telechargement.statusCode).toBe(200);
    expect(telechargement.headers['content-type']).toBe('image/png');
    expect(telechargement.headers['content-disposition']).toBe(
      `attachment; filename="scan.png"; filename*=UTF-8''scan.png`,
    );
    expect(telechargement.headers['x-content-type-options']).toBe('nosniff');
    expect(telechargement.headers['cache-control']).toBe('private, no-store');
    expect(telechargement.rawPayload.equals(PNG)).toBe(true);
    // The partner's référent for the département sees the case, so the document too.
    expect((await referent.get(`/saisines/${id}/pieces/${p?.id}`)).statusCode).toBe(200);
  });

  it('refuses in French an executable renamed .pdf, an empty choice and a 6 MB file, storing nothing', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    const exe = await deposer(agent, id, [{ nom: 'facture.pdf', contenu: EXE }]);
    expect(exe.statusCode).toBe(422);
    expect(exe.body).toContain(
      'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés.',
    );
    expect(exe.body).toContain('aria-describedby="piece-messages"');
    const vide = await deposer(agent, id, []);
    expect(vide.statusCode).toBe(422);
    expect(vide.body).toContain('Choisissez le fichier à joindre.');
    const gros = await deposer(agent, id, [
      { nom: 'gros.pdf', contenu: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]) },
    ]);
    expect(gros.statusCode).toBe(413);
    expect(gros.body).toContain('Le fichier dépasse la taille maximale de 5 Mo.');
    expect(await pieces(id)).toEqual([]);
  });

  it('takes one file per request and 5 per case', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    const deux = await deposer(agent, id, [
      { nom: 'a.pdf', contenu: PDF },
      { nom: 'b.pdf', contenu: PDF },
    ]);
    expect(deux.statusCode).toBe(413);
    expect(deux.body).toContain('Joignez un seul fichier à la fois.');
    for (let i = 1; i <= 5; i++)
      expect((await deposer(agent, id, [{ nom: `piece-${i}.pdf`, contenu: PDF }])).statusCode).toBe(303);
    const sixieme = await deposer(agent, id, [{ nom: 'piece-6.pdf', contenu: PDF }]);
    expect(sixieme.statusCode).toBe(422);
    expect(sixieme.body).toContain('Une saisine contient au plus 5 pièces.');
    expect(await pieces(id)).toHaveLength(5);
  });

  it('answers 404 for a case or document outside the scope, 403 to a reader, 403 without the CSRF token', async () => {
    const rouen = await creerSaisineSql(ctx, ids.siteRouen, ids.caf);
    const [piece] = await ctx.sql<{ id: string }>(
      `insert into pieces_saisines (saisine_id, nom_fichier, type_mime, taille, sha256, contenu, depose_par)
       values ($1, 'avis.pdf', 'application/pdf', $2, repeat('0', 64), $3, gen_random_uuid()) returning id`,
      [rouen, PDF.length, PDF],
    );
    expect((await agent.get(`/saisines/${rouen}/pieces/${piece?.id}`)).statusCode).toBe(404);
    expect((await agent.get(`/saisines/${rouen}/pieces`)).statusCode).toBe(404);
    expect((await deposer(agent, rouen, [{ nom: 'a.pdf', contenu: PDF }])).statusCode).toBe(404);
    // The CAF référent for 92 and 13 sees neither a case of Seine-Maritime nor one for the MSA at Sceaux.
    expect((await referent.get(`/saisines/${rouen}/pieces/${piece?.id}`)).statusCode).toBe(404);
    const msa = await creerSaisineSql(ctx, ids.siteSceaux, ids.msa);
    expect((await referent.get(`/saisines/${msa}/pieces`)).statusCode).toBe(404);
    // A document asked through another case's URL is not found either.
    const sceaux = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    expect((await agent.get(`/saisines/${sceaux}/pieces/${piece?.id}`)).statusCode).toBe(404);
    // The national administration reads, and does not add.
    expect((await admin.get(`/saisines/${rouen}/pieces/${piece?.id}`)).statusCode).toBe(200);
    expect((await deposer(admin, rouen, [{ nom: 'a.pdf', contenu: PDF }])).statusCode).toBe(403);
    expect((await deposer(agent, sceaux, [{ nom: 'a.pdf', contenu: PDF }], { jeton: false })).statusCode).toBe(403);
    // The référent adds to the case they answer.
    expect((await deposer(referent, sceaux, [{ nom: 'attestation.pdf', contenu: PDF }])).statusCode).toBe(303);
    expect(await pieces(sceaux)).toHaveLength(1);
  });

  it('erases the contents at closure: the download is gone, the list says so, nothing more can be added', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    await deposer(agent, id, [{ nom: 'avis.pdf', contenu: PDF }]);
    const [p] = await pieces(id);
    // Closed from the case's page, as the agent does.
    await agent.get(`/saisines/${id}`);
    expect((await agent.post(`/saisines/${id}/cloture`, { issue: 'dossier_debloque' })).statusCode).toBe(303);
    expect((await pieces(id))[0]).toMatchObject({ nom_fichier: 'avis.pdf', vide: true });
    expect((await agent.get(`/saisines/${id}/pieces/${p?.id}`)).statusCode).toBe(404);
    const page = await agent.get(`/saisines/${id}/pieces`);
    expect(page.body).toMatch(/avis\.pdf – supprimée le/);
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    expect((await deposer(agent, id, [{ nom: 'b.pdf', contenu: PDF }])).statusCode).toBe(403);
  });

  it('erases the contents of a case closed by other means through the exported function', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    await deposer(agent, id, [{ nom: 'avis.pdf', contenu: PDF }]);
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`update saisines set statut = 'cloturee', issue = 'sans_suite', cloture_le = now() where id = ${id}`,
      );
      expect(await supprimerPiecesALaCloture(tx, id)).toBe(1);
      expect(await supprimerPiecesALaCloture(tx, id)).toBe(0);
    });
    expect((await pieces(id))[0]?.vide).toBe(true);
  });

  it('erases the contents 30 days after upload at the latest', async () => {
    const id = await creerSaisineSql(ctx, ids.siteSceaux, ids.caf);
    await deposer(agent, id, [{ nom: 'avis.pdf', contenu: PDF }]);
    const jour = 86_400_000;
    await appliquerRetention(ctx.database.db, new Date(Date.now() + 28 * jour));
    expect((await pieces(id))[0]?.vide).toBe(false);
    await appliquerRetention(ctx.database.db, new Date(Date.now() + 29 * jour + 60_000));
    expect((await pieces(id))[0]?.vide).toBe(true);
  });
});
