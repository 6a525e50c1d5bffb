import type { Contexte } from '../harnais.ts';

/** Sceaux's online motif of the demo data; a test one (an agent on weekdays, 30 minutes) when there is none yet. */
export async function motifEnLigne(ctx: Contexte, site: string) {
  const [demo] = await ctx.sql<{ id: string; nom: string }>(
    `select id, nom from motifs where site_id = $1 and reservable_en_ligne and actif order by nom limit 1`,
    [site],
  );
  if (demo) return demo;
  const plages = [{ debut: '09:30', fin: '12:30' }];
  const regles = { modeles: [{ siteId: site, jours: { lu: plages, ma: plages, me: plages, je: plages, ve: plages } }] };
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Conseiller de test', $2) returning id`,
    [site, JSON.stringify(regles)],
  );
  const [m] = await ctx.sql<{ id: string; nom: string }>(
    `insert into motifs (site_id, nom, duree, canal, reservable_en_ligne, fenetre_jours, instructions)
     values ($1, 'Carte grise (test)', 30, 'sur_place', true, 60, 'Pièce d’identité et justificatif de domicile')
     returning id, nom`,
    [site],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return m as { id: string; nom: string };
}
