import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerStructure, structureNommee } from '../fabriques.ts';
import {
  avec,
  balises,
  type Corps,
  compter,
  flash,
  pageSuivante,
  valeurAffichee,
  verifierRejet,
} from '../formulaires/outils.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// A motif's life situation (issue 11, point 8): chosen in the motif form from the catalogue, grouped by theme; when a
// visit for that motif ends on the day board, the request log opens with it, so the agent only presses "Enregistrer".

let ctx: Contexte;
let gestion: Client;
let agent: Client;
let sceaux: string;
let caf: string;
let logement: { id: string; nom: string };

/** A zone where it is now between 02:00 and 21:00, so that "in five minutes" is still today there. */
function fuseauDeJour(): string {
  for (const fuseau of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea', 'Indian/Reunion', 'Pacific/Tahiti']) {
    const h = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: fuseau, hour: '2-digit', hourCycle: 'h23' }).format(),
    );
    if (h >= 2 && h < 21) return fuseau;
  }
  throw new Error('no zone in daytime');
}

/** A fresh site of Sceaux's structure in a daytime zone, with one agent who receives. */
async function site() {
  const [s] = await ctx.sql<{ id: string }>(
    `insert into sites (structure_id, nom, genre, adresse, code_postal, commune, fuseau_horaire)
     values ($1, $2, 'antenne', '1 place de la Mairie', '92330', 'Sceaux', $3) returning id`,
    [sceaux, `Site situation ${Math.random().toString(36).slice(2, 8)}`, fuseauDeJour()],
  );
  const id = s?.id as string;
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent de test', '{"modeles":[]}') returning id`,
    [id],
  );
  return { id, ressource: r?.id as string, base: `/admin/sites/${id}/rendez-vous` };
}

const motif = (ressource: string, changements: Record<string, string> = {}): Corps =>
  avec(
    {
      nom: 'Aide au logement',
      canal: 'sur_place',
      lienVisio: '',
      duree: '30',
      tamponApres: '0',
      pas: '',
      partenaireId: caf,
      situationId: logement.id,
      reservation: 'guichet',
      fenetreJours: '60',
      delaiMinimal: '0',
      maxParPersonneJour: '1',
      instructions: '',
      ressources: [ressource],
    },
    changements,
  );

/** What a browser sends when the form is submitted as it came: fields with a value, checked boxes, chosen options. */
function commeAffiche(html: string, formulaire: string): Corps {
  const debut = html.indexOf(`id="${formulaire}"`);
  const morceau = html.slice(debut, html.indexOf('</form>', debut));
  const corps: Corps = {};
  const ajouter = (nom: string, v: string) => {
    const deja = corps[nom];
    corps[nom] = deja === undefined ? v : [deja, v].flat();
  };
  for (const b of balises(morceau, 'input')) {
    const [nom, type] = [b.attributs.get('name'), b.attributs.get('type') ?? 'text'];
    if (!nom || nom === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !b.attributs.has('checked')) continue;
    ajouter(nom, b.attributs.get('value') ?? '');
  }
  for (const b of balises(morceau, 'select')) {
    const nom = b.attributs.get('name');
    if (nom) ajouter(nom, valeurAffichee(morceau, b.attributs.get('id') ?? '') ?? '');
  }
  return corps;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
  caf = (await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`))[0]?.id as string;
  const [s] = await ctx.sql<{ id: string; nom: string }>(
    `select id, nom from situations where code = 'je-cherche-une-allocation-logement'`,
  );
  logement = s as { id: string; nom: string };
});
afterAll(() => ctx.fermer());

describe('a motif’s life situation', () => {
  it('is chosen in the motif form from the catalogue grouped by theme, and shown again when editing', async () => {
    const s = await site();
    const formulaire = await gestion.get(`${s.base}/motifs/nouveau`);
    expect(formulaire.statusCode).toBe(200);
    const html = formulaire.body;
    const select = html.slice(
      html.indexOf('id="situationId"'),
      html.indexOf('</select>', html.indexOf('id="situationId"')),
    );
    expect(select).toContain('<optgroup label="Logement, mobilité et courrier">');
    expect(select).toContain(`value="${logement.id}"`);
    expect(html).toMatch(/<label class="fr-label" for="situationId">Situation de vie \(facultatif\)/);

    const creation = await gestion.post(`${s.base}/motifs`, motif(s.ressource));
    expect(flash(await pageSuivante(ctx.app, gestion, creation))).toBe('Le motif est créé.');
    const [m] = await ctx.sql<{ id: string; situation_id: string }>(
      'select id, situation_id from motifs where site_id = $1',
      [s.id],
    );
    expect(m?.situation_id).toBe(logement.id);
    const edition = await gestion.get(`${s.base}/motifs/${m?.id}`);
    expect(valeurAffichee(edition.body, 'situationId')).toBe(logement.id);

    // Left empty, it is cleared.
    await gestion.post(`${s.base}/motifs/${m?.id}`, motif(s.ressource, { situationId: '' }));
    const [apres] = await ctx.sql<{ situation_id: string | null }>('select situation_id from motifs where id = $1', [
      m?.id,
    ]);
    expect(apres?.situation_id).toBeNull();
  });

  it('refuses in French a situation that is not an id, or one local to another structure, and writes nothing', async () => {
    const s = await site();
    const ailleurs = await creerStructure(ctx, '47');
    const [etrangere] = await ctx.sql<{ id: string }>(
      `insert into situations (code, nom, theme_id, structure_id)
       values ($1, 'Situation d’une autre structure', (select id from themes order by ordre limit 1), $2) returning id`,
      [`locale-${Math.random().toString(36).slice(2, 10)}`, ailleurs],
    );
    const avant = await compter(ctx, ['motifs', 'motif_ressources']);
    verifierRejet(await gestion.post(`${s.base}/motifs`, motif(s.ressource, { situationId: 'logement' })), {
      erreurs: { situationId: 'Choisissez une situation de vie de la liste.' },
      corps: motif(s.ressource, { situationId: 'logement' }),
    });
    verifierRejet(
      await gestion.post(`${s.base}/motifs`, motif(s.ressource, { situationId: etrangere?.id as string })),
      {
        erreurs: { situationId: 'Choisissez une situation de vie de la liste.' },
      },
    );
    expect(await compter(ctx, ['motifs', 'motif_ressources'])).toEqual(avant);
  });

  it('prefills the request log when a visit ends: the agent only presses "Enregistrer"', async () => {
    const s = await site();
    await gestion.get(`${s.base}/motifs/nouveau`);
    await gestion.post(`${s.base}/motifs`, motif(s.ressource));
    const [m] = await ctx.sql<{ id: string }>('select id from motifs where site_id = $1', [s.id]);
    const debut = new Date(Date.now() + 5 * 60_000);
    const [rdv] = await ctx.sql<{ id: string }>(
      `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
       values ($1, $2, $3, $4, $5, tstzrange($4, $5, '[)'), 'Nadia Haddad', 'guichet') returning id`,
      [s.id, m?.id, s.ressource, debut, new Date(debut.getTime() + 30 * 60_000)],
    );
    await agent.get(`/sites/${s.id}/journee`);
    await agent.post(`/sites/${s.id}/journee/rendez-vous/${rdv?.id}/arrivee`);
    const [p] = await ctx.sql<{ id: string }>('select id from passages where rendez_vous_id = $1', [rdv?.id]);
    await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/prise-en-charge`);
    const fin = await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/fin`);
    expect(fin.statusCode).toBe(303);
    const cible = new URL(String(fin.headers.location), 'http://x');
    // The CAF is the usual partner of several situations: the motif's own situation is what tells which one.
    expect(Object.fromEntries(cible.searchParams)).toEqual({
      site: s.id,
      canal: 'accueil_physique',
      partenaires: caf,
      situationId: logement.id,
    });

    const saisie = await agent.get(String(fin.headers.location));
    expect(saisie.statusCode).toBe(200);
    expect(valeurAffichee(saisie.body, 'situation')).toBe(logement.nom);
    const enregistre = await agent.post('/sollicitations', commeAffiche(saisie.body, 'formulaire-sollicitation'));
    expect(enregistre.statusCode).toBe(303);
    const lignes = await ctx.sql<{ situation_id: string; canal: string; partenaires: string[] }>(
      'select situation_id, canal, partenaires::text[] as partenaires from sollicitations where site_id = $1',
      [s.id],
    );
    expect(lignes).toEqual([{ situation_id: logement.id, canal: 'accueil_physique', partenaires: [caf] }]);
  });

  it('ignores a situation id in the request log’s link that the catalogue does not have', async () => {
    const s = await site();
    const inconnue = '00000000-0000-4000-8000-000000000000';
    const page = await agent.get(`/sollicitations?site=${s.id}&situationId=${inconnue}`);
    expect(page.statusCode).toBe(200);
    expect(valeurAffichee(page.body, 'situation')).toBe('');
    const illisible = await agent.get(`/sollicitations?site=${s.id}&situationId=pas-un-id`);
    expect(illisible.statusCode).toBe(200);
  });
});
