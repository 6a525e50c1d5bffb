import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

/** The printable door poster: a one-page A4 PDF with the site's hours, closures and contact, in Marianne. */

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

async function idSite(nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]);
  return r?.id as string;
}

describe('door poster', () => {
  it('is a one-page A4 PDF in Marianne with the hours, the contact and the public address', async () => {
    const id = await idSite('France services de Sceaux');
    const r = await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const { objets, pages, texte } = lirePdf(pdf);
    expect(pages).toHaveLength(1);
    const [x0, y0, x1, y1] = (pages[0]?.dico.match(/\/MediaBox \[([^\]]+)\]/)?.[1] ?? '').split(' ').map(Number);
    expect([x0, y0, Math.round(x1 ?? 0), Math.round(y1 ?? 0)]).toEqual([0, 0, 595, 842]);

    // The DSFR's Marianne, embedded (a TrueType program), regular and bold.
    const polices = objets.filter((o) => o.dico.includes('/Type /Font '));
    expect(polices.map((p) => p.dico.match(/\/BaseFont \/([\w-]+)/)?.[1]).sort()).toEqual([
      'Marianne-Bold',
      'Marianne-Regular',
    ]);
    const programmes = objets.filter((o) => o.dico.includes('/Length1'));
    expect(programmes).toHaveLength(2);
    for (const p of programmes) expect(p.flux?.readUInt32BE(0)).toBe(0x00010000);

    expect(texte).toContain('RÉPUBLIQUE FRANÇAISE');
    expect(texte).toContain('France services de Sceaux');
    expect(texte).toContain('49 rue de Bagneux Quartier des Blagis 92330 Sceaux');
    expect(texte).toContain('Horaires d’ouverture');
    expect(texte).toContain('Lundi 9 h 30 – 12 h 30 et 14 h 30 – 17 h 30');
    expect(texte).toContain('Jeudi 9 h 30 – 12 h 30');
    expect(texte).toContain('Samedi 9 h – 12 h');
    expect(texte).not.toContain('Dimanche');
    expect(texte).toContain('Fermé les jours fériés.');
    expect(texte).toContain('Téléphone : 01 71 22 44 45');
    expect(texte).toContain('Courriel : sceaux@france-services.gouv.fr');
    expect(texte).toMatch(/Horaires mis à jour le \d{1,2} [a-zéû]+ \d{4}\./);
    expect(texte).toContain(`http://guichet.test/lieux/${id}`);
    expect(texte).not.toContain('Fermetures exceptionnelles');
    // The document's title, for viewers and screen readers.
    expect(objets.some((o) => o.dico.includes('/Title <FEFF'))).toBe(true);
  });

  it('lists upcoming announced closures, with accents, and leaves past ones out', async () => {
    const id = await idSite('Maison du Plateau');
    const jour = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await ctx.sql(`insert into fermetures (site_id, debut, fin, motif) values ($1, $2, $3, $4), ($1, $5, $5, $6)`, [
      id,
      jour(10),
      jour(12),
      'Travaux d’électricité à l’accueil',
      jour(-20),
      'Fermeture déjà passée',
    ]);
    const r = await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` });
    expect(r.statusCode).toBe(200);
    const { texte, pages } = lirePdf(r.rawPayload);
    expect(pages).toHaveLength(1);
    expect(texte).toContain('Maison du Plateau');
    expect(texte).toContain('Fermetures exceptionnelles');
    expect(texte).toMatch(
      /Du \w+ \d{1,2} [a-zéû]+ \d{4} au \w+ \d{1,2} [a-zéû]+ \d{4} : Travaux d’électricité à l’accueil/,
    );
    expect(texte).not.toContain('déjà passée');
  });

  it('shows each stop of a tour with its days', async () => {
    const r = await ctx.app.inject({ url: `/lieux/${await idSite('Permanences itinérantes d’Agen')}/affiche.pdf` });
    const { texte, pages } = lirePdf(r.rawPayload);
    expect(pages).toHaveLength(1);
    expect(texte).toContain('Passages de la tournée');
    expect(texte).toContain('Mairie de Pont-du-Casse');
    expect(texte).toContain('Mardi 9 h – 12 h');
    expect(texte).toContain('Vendredi 14 h – 17 h');
  });

  it('still fits one page for a long tour and says when hours are unknown', async () => {
    const id = await idSite('Permanences itinérantes d’Agen');
    for (let i = 0; i < 20; i++) {
      await ctx.sql(
        `insert into arrets (site_id, nom, adresse, code_postal, commune, horaires, semaines, ordre)
         values ($1, $2, 'Place de la Mairie', '47000', 'Agen', 'Mo,We 09:00-12:00,13:30-16:30; PH off', 'impaires', $3)`,
        [id, `Arrêt supplémentaire numéro ${i + 1}`, 10 + i],
      );
    }
    const tournee = lirePdf((await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` })).rawPayload);
    expect(tournee.pages).toHaveLength(1);
    expect(tournee.texte).toContain('Arrêt supplémentaire numéro 20');
    expect(tournee.texte).toContain('(semaines impaires)');

    const aix = lirePdf(
      (await ctx.app.inject({ url: `/lieux/${await idSite('Mairie de quartier de Luynes')}/affiche.pdf` })).rawPayload,
    );
    expect(aix.texte).toContain('Horaires non renseignés.');
  });

  it('answers 404 for an unknown or deactivated site', async () => {
    expect((await ctx.app.inject({ url: '/lieux/00000000-0000-4000-8000-000000000000/affiche.pdf' })).statusCode).toBe(
      404,
    );
    expect((await ctx.app.inject({ url: '/lieux/pas-un-identifiant/affiche.pdf' })).statusCode).toBe(404);
    const id = await idSite('Mairie de quartier des Milles');
    expect((await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` })).statusCode).toBe(200);
    await ctx.sql('update sites set actif = false where id = $1', [id]);
    const r = await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('text/html');
  });

  it('is linked from the public page of the site', async () => {
    const id = await idSite('France services de Sceaux');
    const page = (await ctx.app.inject({ url: `/lieux/${id}` })).body;
    expect(page).toContain(`href="/lieux/${id}/affiche.pdf"`);
    expect(page).toContain('Imprimer l’affiche (PDF)');
  });
});
