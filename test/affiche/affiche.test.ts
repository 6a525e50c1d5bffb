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
    const { pages, texte, titre, langue, balise, polices } = await lirePdf(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.taille.map(Math.round)).toEqual([595, 842]);

    // The DSFR's Marianne, embedded (TrueType subsets), regular and bold; no standard font stands in for it.
    expect([...new Set(polices.map((p) => p.nom.replace(/^[A-Z]{6}\+/, '')))].sort()).toEqual([
      'Marianne-Bold',
      'Marianne-Regular',
    ]);
    for (const p of polices) expect(p).toMatchObject({ embarquee: true, type: 'CIDFontType2' });

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
    // The document's title and language, for viewers and screen readers.
    expect(titre).toBe('Affiche – France services de Sceaux');
    expect(langue).toBe('fr-FR');
    expect(balise).toBe(true);
    // Tagged: the site's name is the heading, the sections are headings, the hours a table with a header per day.
    const structure = pages[0]?.structure ?? [];
    expect(structure.slice(0, 2)).toEqual(['Root', 'Document']);
    expect(structure.filter((r) => r === 'H1')).toHaveLength(1);
    expect(structure.filter((r) => r === 'H2').length).toBeGreaterThanOrEqual(2);
    expect(structure).toContain('Table');
    expect(structure.filter((r) => r === 'TH')).toHaveLength(6);
  });

  it('prints names in any Latin script and French typography as typed, and extracts them back', async () => {
    const id = await idSite('France services Agen Léon Blum');
    await ctx.sql(`update sites set nom = $2, commentaire = $3 where id = $1`, [
      id,
      'Espace Łukasz Ştefănescu-Nguyễn',
      'Permanence de Zoë Ødegård le 1er mardi du mois.\nL’accueil « numérique » est à l’étage.',
    ]);
    const r = await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` });
    expect(r.statusCode).toBe(200);
    const { texte, titre } = await lirePdf(r.rawPayload);
    expect(texte).toContain('Espace Łukasz Ştefănescu-Nguyễn');
    expect(texte).toContain('Permanence de Zoë Ødegård le 1er mardi du mois.');
    expect(texte).toContain('L’accueil « numérique » est à l’étage.');
    expect(texte).not.toContain('?');
    expect(titre).toBe('Affiche – Espace Łukasz Ştefănescu-Nguyễn');
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
    const { texte, pages } = await lirePdf(r.rawPayload);
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
    const { texte, pages } = await lirePdf(r.rawPayload);
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
    const tournee = await lirePdf((await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` })).rawPayload);
    expect(tournee.pages).toHaveLength(1);
    expect(tournee.texte).toContain('Arrêt supplémentaire numéro 20');
    expect(tournee.texte).toContain('(semaines impaires)');

    const aix = await lirePdf(
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
