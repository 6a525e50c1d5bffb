import type { Contexte } from '../harnais.ts';

/** The id of a catalogue partner by code ("caf", "msa"). */
export async function partenaire(ctx: Contexte, code: string) {
  const [p] = await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [code]);
  if (!p) throw new Error(`no partner ${code}`);
  return p.id;
}

/**
 * A case inserted as the case service stores it (the report reads rows only): created at `creeLe`, due at `echeance`,
 * first answered and closed with an outcome when given.
 */
export async function saisine(
  ctx: Contexte,
  s: {
    siteId: string;
    partenaireId: string;
    creeLe: string;
    echeance: string;
    reponse?: string;
    cloture?: { le: string; issue: 'droit_ouvert_ou_retabli' | 'dossier_debloque' | 'reoriente' | 'sans_suite' };
  },
) {
  const statut = s.cloture ? 'cloturee' : s.reponse ? 'reponse_apportee' : 'nouvelle';
  const [r] = await ctx.sql<{ id: string }>(
    `insert into saisines (site_id, structure_id, departement, partenaire_id, base_legale, consentement_le, nom, question,
       statut, issue, cree_par, cree_le, echeance, premiere_reponse_le, cloture_le)
     select si.id, st.id, st.departement, $2, 'consentement', $3, 'Martin', 'Versement bloqué depuis trois mois',
       $4, $5, gen_random_uuid(), $3, $6, $7, $8
     from sites si join structures st on st.id = si.structure_id where si.id = $1
     returning saisines.id`,
    [
      s.siteId,
      s.partenaireId,
      s.creeLe,
      statut,
      s.cloture?.issue ?? null,
      s.echeance,
      s.reponse ?? null,
      s.cloture?.le ?? null,
    ],
  );
  if (!r) throw new Error(`no case created at site ${s.siteId}`);
  return r.id;
}

/** A request logged at a site for these partners on a day, through the same trigger-guarded path as the app. */
export async function sollicitationPour(
  ctx: Contexte,
  siteId: string,
  agentId: string,
  partenaires: string[],
  jour: string,
) {
  const [r] = await ctx.sql<{ id: string }>(
    `with acteur as (select set_config('guichet.acteur', $2::text, true) as a),
          s as (select id, theme_id from situations where code = 'j-etablis-mes-papiers-d-identite')
     insert into sollicitations (site_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id,
       theme_id, partenaires, niveau, issue, duree)
     select si.id, st.id, st.departement, $2::uuid, $4::date + time '10:00', $4::date, 'accueil_physique', s.id,
       s.theme_id, $3::uuid[], 'aide_demarche', 'resolu', 'de_10_a_30'
     from acteur, s, sites si join structures st on st.id = si.structure_id where si.id = $1
     returning sollicitations.id`,
    [siteId, agentId, partenaires, jour],
  );
  if (!r) throw new Error(`no request created at site ${siteId}`);
  return r.id;
}

/** A person signing in with the demo password, holding one habilitation (a référent's partner, départements). */
export async function compteDeTest(
  ctx: Contexte,
  h: { role: 'referent' | 'coordinateur'; partenaireId?: string; departements: string[] },
) {
  const courriel = `${h.role}.${Math.random().toString(36).slice(2, 10)}@exemple.fr`;
  const [u] = await ctx.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom, mot_de_passe)
     select $1, 'Claude', 'Test', mot_de_passe from utilisateurs where courriel = 'admin@guichet.test' returning id`,
    [courriel],
  );
  await ctx.sql(
    'insert into habilitations (utilisateur_id, role, partenaire_id, departements) values ($1, $2, $3, $4::varchar[])',
    [u?.id, h.role, h.partenaireId ?? null, h.departements],
  );
  return courriel;
}

/** The text of the page's cases section, tags removed and spaces made plain. */
export function sectionSaisines(html: string): string {
  const debut = html.indexOf('aria-labelledby="saisines"');
  if (debut < 0) return '';
  return html
    .slice(debut, html.indexOf('</section>', debut))
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ ([.,])/g, '$1');
}
