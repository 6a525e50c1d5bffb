import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

/** The compliance page: who sees which sites, the 24 h / 5 days check, late closures, sorting and the CSV export. */

let ctx: Contexte;
let admin: Client;
let coordination: Client;
beforeAll(async () => {
  ctx = await demarrerApp();
  admin = await clientConnecte(ctx.app, DEMO.admin);
  coordination = await clientConnecte(ctx.app, DEMO.coordination);
});
afterAll(() => ctx.fermer());

const texte = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, '’')
    .replace(/\s+/g, ' ');

/** The text of each row of the table body, in order. */
function lignes(html: string): string[] {
  const corps = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...corps.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => texte(m[1] ?? '').trim());
}

const ligneDe = (html: string, nom: string) => lignes(html).find((l) => l.startsWith(`${nom} `));

/** A fresh site in a fresh structure of a département, with the given hours. */
async function site(departement: string, nom: string, horaires: string | null) {
  const id = await creerSite(ctx, await creerStructure(ctx, departement), nom);
  await ctx.sql('update sites set horaires = $2 where id = $1', [id, horaires]);
  return id;
}

/** A civil date `n` days from today (UTC is close enough: the cases stay days away from any boundary). */
const jour = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('who sees what', () => {
  it('shows the national admin every site, a coordinator their départements, a manager their structure', async () => {
    const tous = lignes((await admin.get('/admin/conformite?seulement=tous')).body).join('\n');
    for (const nom of ['France services de Sceaux', 'Maison du Plateau', 'Mairie de quartier de Luynes', 'Agen']) {
      expect(tous).toContain(nom);
    }

    const page = (await coordination.get('/admin/conformite?seulement=tous')).body;
    const vus = lignes(page).join('\n');
    expect(vus).toContain('France services de Sceaux');
    expect(vus).toContain('Mairie de quartier de Luynes');
    expect(vus).not.toContain('Maison du Plateau');
    expect(vus).not.toContain('Agen');
    // The département filter offers only the coordinator's départements.
    const choix = [...page.matchAll(/<option value(?:="(\d+)")?/g)].map((m) => m[1] ?? '');
    expect(choix).toEqual(['', '13', '92']);

    const gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    const siens = lignes((await gestion.get('/admin/conformite?seulement=tous')).body);
    expect(siens).toHaveLength(1);
    expect(siens[0]).toContain('France services de Sceaux');
  });

  it('refuses agents and référents, sends visitors to sign in, and links the page from the navigation', async () => {
    for (const compte of [DEMO.agentSceaux, DEMO.agentAix, DEMO.referentCaf]) {
      const c = await clientConnecte(ctx.app, compte);
      expect((await c.get('/admin/conformite')).statusCode, compte).toBe(403);
      expect((await c.get('/admin/conformite.csv')).statusCode, compte).toBe(403);
      expect((await c.get('/tableau-de-bord')).body).not.toContain('href="/admin/conformite"');
    }
    const r = await ctx.app.inject({ url: '/admin/conformite' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/connexion?retour=%2Fadmin%2Fconformite');
    expect((await coordination.get('/tableau-de-bord')).body).toContain('href="/admin/conformite"');
    const page = (await coordination.get('/admin/conformite')).body;
    expect(page).toMatch(/<a class="fr-nav__link" href="\/admin\/conformite" aria-current="page">Conformité<\/a>/);
  });
});

describe('the charter check', () => {
  it('shows a site open 20 hours as not compliant, 4 hours short', async () => {
    await site('92', 'Antenne des vingt heures', 'Mo-Fr 09:00-13:00; PH off');
    const page = (await coordination.get('/admin/conformite')).body;
    const ligne = ligneDe(page, 'Antenne des vingt heures');
    expect(ligne).toContain('20 h');
    expect(ligne).toContain('4 h manquantes');
    expect(ligne).toContain('Non conforme');
  });

  it('counts days as well as hours', async () => {
    await site('92', 'Antenne des quatre jours', 'Mo-Th 08:00-14:00; PH off');
    const ligne = ligneDe((await coordination.get('/admin/conformite')).body, 'Antenne des quatre jours');
    expect(ligne).toContain('24 h');
    expect(ligne).toContain('1 jour manquant');
    expect(ligne).not.toContain('h manquante');
    expect(ligne).toContain('Non conforme');
  });

  it('reports sites without hours as such, with the figures of the scope', async () => {
    const page = (await coordination.get('/admin/conformite?departement=13')).body;
    const aix = lignes(page);
    expect(aix).toHaveLength(10);
    for (const l of aix) expect(l).toContain('Horaires non renseignés');
    const t = texte(page);
    expect(t).toContain('10 sites dans le périmètre');
    expect(t).toContain('0 conformes');
    expect(t).toContain('10 aux horaires non renseignés');
  });

  it('counts the whole tour of an itinerant service', async () => {
    const ligne = ligneDe((await admin.get('/admin/conformite?departement=47')).body, 'Permanences itinérantes d’Agen');
    // Four stops of 3 hours on four weekdays.
    expect(ligne).toContain('12 h moyenne de la tournée');
    expect(ligne).toContain('12 h manquantes et 1 jour manquant');
  });

  it('hides compliant sites by default and shows them on request', async () => {
    const defaut = (await admin.get('/admin/conformite')).body;
    expect(ligneDe(defaut, 'Maison du Plateau')).toBeUndefined();
    expect(defaut).toMatch(/id="seulement" name="seulement" value="a-suivre" checked/);
    // The form sends the hidden "tous" alone when the box is unticked.
    const tous = (await admin.get('/admin/conformite?seulement=tous&tri=site&ordre=asc')).body;
    expect(ligneDe(tous, 'Maison du Plateau')).toContain('Conforme');
    expect(tous).not.toMatch(/value="a-suivre" checked/);
    const coche = (await admin.get('/admin/conformite?seulement=tous&seulement=a-suivre')).body;
    expect(ligneDe(coche, 'Maison du Plateau')).toBeUndefined();
  });

  it('counts closures announced late in the last 12 months, beside the charter status', async () => {
    const id = await site('92', 'Antenne des fermetures', 'Mo-Fr 09:00-12:00,14:00-17:00; PH off');
    const fermer = (debut: string, annonce: string) =>
      ctx.sql(`insert into fermetures (site_id, debut, fin, motif, annonce_le) values ($1, $2, $2, 'Test', $3)`, [
        id,
        debut,
        `${annonce}T10:00:00+02:00`,
      ]);
    await fermer(jour(3), jour(0)); // late
    await fermer(jour(-40), jour(-45)); // late
    await fermer(jour(-60), jour(-90)); // on time
    await fermer(jour(-500), jour(-501)); // late, but more than a year ago
    const ligne = ligneDe((await coordination.get('/admin/conformite')).body, 'Antenne des fermetures');
    // Shown although compliant (30 h over 5 days): a site to follow.
    expect(ligne).toContain('30 h');
    expect(ligne).toContain('Aucun 2 Conforme');
    const t = texte((await coordination.get('/admin/conformite')).body);
    expect(t).toMatch(/[1-9]\d* avec une fermeture annoncée tardivement/);
  });
});

describe('sorting', () => {
  it('sorts by a column on the server, marks it with aria-sort and links to the reverse order', async () => {
    await site('92', 'Antenne des deux heures', 'Mo 09:00-11:00; PH off');
    await site('92', 'Antenne des dix heures', 'Mo,Tu 09:00-14:00; PH off');
    const heures = (html: string) =>
      lignes(html)
        .filter((l) => l.startsWith('Antenne des d'))
        .map((l) => l.split(' ')[2]);

    const asc = (await coordination.get('/admin/conformite?tri=heures&ordre=asc')).body;
    expect(heures(asc)).toEqual(['deux', 'dix']);
    expect(asc).toMatch(
      /<th scope="col" aria-sort="ascending"><div class="fr-cell--sort"><span class="fr-cell__title">Heures par semaine/,
    );
    expect(asc.match(/aria-sort=/g)).toHaveLength(1);
    expect(asc).toContain('href="/admin/conformite?seulement=a-suivre&amp;tri=heures&amp;ordre=desc"');

    const desc = (await coordination.get('/admin/conformite?tri=heures&ordre=desc')).body;
    expect(heures(desc)).toEqual(['dix', 'deux']);
    expect(desc).toContain('aria-sort="descending"');

    // Unknown hours sort last whatever the order.
    for (const ordre of ['asc', 'desc']) {
      const l = lignes((await coordination.get(`/admin/conformite?tri=heures&ordre=${ordre}`)).body);
      expect(l.at(-1)).toContain('Horaires non renseignés');
      expect(l[0]).not.toContain('Horaires non renseignés');
    }

    // By default, the biggest gap first.
    const defaut = lignes((await coordination.get('/admin/conformite')).body);
    expect(defaut[0]).toContain('Antenne des deux heures');
    expect(defaut[0]).toContain('22 h manquantes');
  });

  it('keeps the filters in the sort links and ignores unknown sort keys', async () => {
    const page = (await coordination.get('/admin/conformite?departement=13&seulement=tous&tri=nimporte&ordre=x')).body;
    expect(page).toContain('href="/admin/conformite?departement=13&amp;seulement=tous&amp;tri=site&amp;ordre=asc"');
    expect(page).toContain('aria-sort="descending"'); // the default: gap, biggest first
    expect(page).toMatch(/<option value="13" selected/);
  });
});

describe('CSV export', () => {
  it('exports the filtered, sorted table with French headers, as UTF-8 with a byte-order mark', async () => {
    await site('92', 'Antenne « virgule, guillemets »', 'Mo-Fr 09:00-13:00; PH off');
    await site('92', '=HYPERLINK("http://exemple.fr")', 'Mo 09:00-10:00; PH off');
    const r = await coordination.get('/admin/conformite.csv?departement=92&tri=heures&ordre=asc');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="conformite-92-\d{4}-\d{2}-\d{2}\.csv"$/);
    const octets = r.rawPayload;
    expect([...octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [entete, ...rangs] = octets.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(entete).toBe(
      'Département,Structure,Site,Commune,Code postal,Statut,Heures par semaine,Jours d’ouverture par semaine,' +
        'Heures manquantes,Jours manquants,Fermetures annoncées tardivement (12 mois),Tournée itinérante,Motifs,' +
        'Identifiant du site',
    );
    const virgule = rangs.find((l) => l.includes('virgule'));
    expect(virgule).toMatch(
      /^92,Structure de test \w+,"Antenne « virgule, guillemets »",Sceaux,92330,Non conforme,20,5,4,0,0,non,Ouvert 20 h par semaine : il manque 4 h pour atteindre 24 h\.,[0-9a-f-]{36}$/,
    );
    // A name a spreadsheet would run as a formula is written as text.
    expect(rangs.some((l) => l.includes(`"'=HYPERLINK(""http://exemple.fr"")"`))).toBe(true);
    // Only the filtered département, compliant Sceaux left out by the default filter, least open first.
    expect(rangs.every((l) => l.startsWith('92,'))).toBe(true);
    expect(rangs.some((l) => l.includes('France services de Sceaux'))).toBe(false);
    expect(rangs[0]).toContain('HYPERLINK');
  });

  it('links the export of what the page shows', async () => {
    const page = (await coordination.get('/admin/conformite?departement=13&seulement=tous')).body;
    expect(page).toContain(
      'href="/admin/conformite.csv?departement=13&amp;seulement=tous&amp;tri=manque&amp;ordre=desc"',
    );
    const csv = (await coordination.get('/admin/conformite.csv?departement=13&seulement=tous')).body;
    expect(csv.trimEnd().split('\r\n')).toHaveLength(11);
    expect(csv).toContain(',Horaires non renseignés,,,,,0,non,Horaires non renseignés.,');
  });
});
