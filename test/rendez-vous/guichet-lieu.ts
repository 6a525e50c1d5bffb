import { creerSite, creerUtilisateur } from '../fabriques.ts';
import { type Client, type Contexte, DEMO } from '../harnais.ts';

/**
 * A fresh site of a structure open every day 08:00–20:00 with one agent receiving all day, an online motif and an
 * agents-only one (30 minutes, no notice, 60 days ahead): slots exist whatever the time the tests run, and the tests
 * own every appointment made there.
 */
export async function lieuDeTest(ctx: Contexte, structureId: string) {
  const siteId = await creerSite(ctx, structureId);
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [siteId]);
  const journee = [{ debut: '08:00', fin: '20:00' }];
  const jours = Object.fromEntries(['lu', 'ma', 'me', 'je', 've', 'sa', 'di'].map((j) => [j, journee]));
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent d’accueil', $2) returning id`,
    [siteId, JSON.stringify({ modeles: [{ siteId, jours }] })],
  );
  const motif = async (nom: string, enLigne: boolean) => {
    const [m] = await ctx.sql<{ id: string }>(
      `insert into motifs (site_id, nom, duree, canal, reservable_en_ligne, fenetre_jours, delai_minimal, max_par_personne_jour)
       values ($1, $2, 30, 'sur_place', $3, 60, 0, 5) returning id`,
      [siteId, nom, enLigne],
    );
    await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
    return m?.id as string;
  };
  return {
    siteId,
    ressourceId: r?.id as string,
    motifEnLigne: await motif('Dossier retraite', true),
    motifAgents: await motif('Accompagnement renforcé', false),
  };
}

/** A new agent of a structure (restricted to `sites` when given), with the demo password so that they can sign in. */
export async function agentDeTest(ctx: Contexte, structureId: string, sites: string[] = []) {
  const u = await creerUtilisateur(ctx, structureId, ['agent']);
  await ctx.sql(
    `update utilisateurs set mot_de_passe = (select mot_de_passe from utilisateurs where courriel = $2) where id = $1`,
    [u.id, DEMO.agentSceaux],
  );
  for (const s of sites) {
    await ctx.sql('insert into habilitation_sites (habilitation_id, site_id) values ($1, $2)', [u.habilitations[0], s]);
  }
  const [c] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [u.id]);
  return { id: u.id, courriel: c?.courriel as string };
}

const decoder = (html: string) => html.replaceAll('&amp;', '&');

/** The slot links of the desk's booking page, in order (each opens the form for that slot). */
export function liensCreneaux(html: string): string[] {
  return [...decoder(html).matchAll(/href="(\/sites\/[^"]+\/rendez-vous\/nouveau\?motif=[^"&]+&debut=[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
}

/** The instant a slot link or radio carries. */
export const debutDe = (lien: string) => new URL(lien, 'http://x').searchParams.get('debut') as string;

/** The values of the `debut` radio buttons of a page (a move, a slot taken meanwhile), in order. */
export const radiosCreneaux = (html: string) =>
  [...html.matchAll(/type="radio"[^>]*name="debut" value="([^"]+)"/g)].map((m) => m[1] as string);

/** Books a slot at the desk through the pages (the next free slot from `rang`), answering the appointment's id. */
export async function reserverAuGuichet(
  client: Client,
  lieu: { siteId: string },
  motifId: string,
  personne: { nom: string; courriel?: string; telephone?: string },
  rang = 0,
) {
  const page = await client.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${motifId}`);
  const lien = liensCreneaux(page.body)[rang];
  if (!lien) throw new Error('no free slot at the desk');
  await client.get(lien);
  const r = await client.post(`/sites/${lieu.siteId}/rendez-vous`, {
    motif: motifId,
    debut: debutDe(lien),
    nom: personne.nom,
    courriel: personne.courriel ?? '',
    telephone: personne.telephone ?? '',
  });
  if (r.statusCode !== 303) throw new Error(`desk booking failed: ${r.statusCode} ${r.body.slice(0, 300)}`);
  const id = String(r.headers.location).split('/').pop() as string;
  return { id, debut: debutDe(lien) };
}
