import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, Contexte } from '../harnais.ts';

/**
 * Shared checks for the form tests: how a rejected form must look to a person (status, field messages linked to
 * their field, error summary, typed values kept) and that nothing was written.
 */

export const SCRIPT = '<script>alert(1)</script>';

export type Corps = Record<string, string | string[]>;

/** A body from a valid one with some fields changed; `undefined` removes the field (as a crafted request would). */
export function avec(base: Corps, changements: Record<string, string | string[] | undefined>): Corps {
  const corps: Corps = { ...base };
  for (const [k, v] of Object.entries(changements)) {
    if (v === undefined) delete corps[k];
    else corps[k] = v;
  }
  return corps;
}

const ENTITES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an HTML renderer may emit. */
export function decoder(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (tout, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITES[e.toLowerCase()] ?? tout;
  });
}

export interface Balise {
  nom: string;
  attributs: Map<string, string>;
  debut: number;
  fin: number;
}

/** Opening tags of an element, with their decoded attributes (quoted values may contain `>`). */
export function balises(html: string, element: string): Balise[] {
  const re = new RegExp(`<${element}((?:\\s+[\\w:-]+(?:="[^"]*")?)*)\\s*/?>`, 'gi');
  const trouvees: Balise[] = [];
  for (const m of html.matchAll(re)) {
    const attributs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
      attributs.set((a[1] ?? '').toLowerCase(), decoder(a[2] ?? ''));
    }
    trouvees.push({ nom: element, attributs, debut: m.index ?? 0, fin: (m.index ?? 0) + m[0].length });
  }
  return trouvees;
}

/** The input or select whose id is `id`. */
export function champ(html: string, id: string): Balise | undefined {
  return [...balises(html, 'input'), ...balises(html, 'select')].find((b) => b.attributs.get('id') === id);
}

/** Visible text of an HTML fragment. */
export function texte(fragment: string): string {
  return decoder(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the messages group of a field (`<div … id="<nom>-messages">`). */
export function messagesDe(html: string, nom: string): string | undefined {
  const i = html.indexOf(`id="${nom}-messages"`);
  if (i < 0) return undefined;
  const debut = html.indexOf('>', i) + 1;
  const fin = html.indexOf('</div>', debut);
  return texte(html.slice(debut, fin));
}

/** The error summary at the top of a rejected form. */
export function resumeErreurs(html: string): string | undefined {
  const i = html.indexOf('id="resume-erreurs"');
  if (i < 0) return undefined;
  const fin = html.indexOf('</div>', i);
  return html.slice(html.indexOf('>', i) + 1, fin);
}

export function titre(html: string): string {
  return texte(html.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '');
}

/** The value shown in a field: an input's value, or the value of a select's selected option. */
export function valeurAffichee(html: string, nom: string): string | undefined {
  const b = champ(html, nom);
  if (!b) return undefined;
  if (b.nom === 'input') return b.attributs.get('value') ?? '';
  const fin = html.indexOf('</select>', b.fin);
  const options = balises(html.slice(b.fin, fin), 'option');
  return options.find((o) => o.attributs.has('selected'))?.attributs.get('value') ?? '';
}

export interface Rejet {
  /** Expected message per field. */
  erreurs: Record<string, string>;
  /** Fields whose message is only in the summary (the form has no such field). */
  resumeSeulement?: Record<string, string>;
  /** The values the person typed, to be found back in the form. */
  corps?: Corps;
  /** The view prefixes the page title with "Erreur". */
  titreErreur?: boolean;
  status?: number;
}

/**
 * A rejected form as a person sees it: 422, an error summary, each message under its field and linked to it
 * (aria-describedby + aria-invalid), what was typed kept, and hostile markup never echoed raw.
 */
export function verifierRejet(r: LightMyRequestResponse, attendu: Rejet) {
  expect(r.statusCode, r.body.slice(0, 300)).toBe(attendu.status ?? 422);
  expect(r.headers['content-type']).toMatch(/^text\/html/);
  const html = r.body;
  expect(html).not.toContain(SCRIPT);
  const resume = resumeErreurs(html);
  expect(resume, 'error summary id="resume-erreurs"').toBeDefined();
  const toutes = { ...attendu.erreurs, ...attendu.resumeSeulement };
  expect(texte(resume ?? '')).toContain(
    Object.keys(toutes).length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient`,
  );
  for (const [nom, message] of Object.entries(toutes)) {
    expect(resume, `summary links to #${nom}`).toContain(`href="#${nom}"`);
    expect(texte(resume ?? ''), `summary message of ${nom}`).toContain(message);
  }
  for (const [nom, message] of Object.entries(attendu.erreurs)) {
    const b = champ(html, nom);
    expect(b, `field #${nom}`).toBeDefined();
    expect(b?.attributs.get('aria-describedby') ?? '', `aria-describedby of #${nom}`).toContain(`${nom}-messages`);
    expect(b?.attributs.get('aria-invalid'), `aria-invalid of #${nom}`).toBe('true');
    expect(messagesDe(html, nom), `message of ${nom}`).toBe(message);
  }
  if (attendu.titreErreur) expect(titre(html)).toMatch(/^Erreur – /);
  // Only the expected fields are marked invalid.
  const invalides = [...balises(html, 'input'), ...balises(html, 'select')]
    .filter((b) => b.attributs.get('aria-invalid') === 'true')
    .map((b) => b.attributs.get('id'));
  expect(invalides.sort()).toEqual(Object.keys(attendu.erreurs).sort());
  if (attendu.corps) verifierValeursGardees(html, attendu.corps);
}

/** Every text field and select choice typed is shown again (password fields never are). */
export function verifierValeursGardees(html: string, corps: Corps) {
  for (const [nom, brut] of Object.entries(corps)) {
    const tape = Array.isArray(brut) ? (brut[0] ?? '') : brut;
    const b = champ(html, nom);
    if (!b) continue;
    const type = b.attributs.get('type') ?? 'text';
    if (b.nom === 'input' && (type === 'password' || type === 'hidden' || type === 'checkbox')) continue;
    if (b.nom === 'select') {
      const fin = html.indexOf('</select>', b.fin);
      const proposee = balises(html.slice(b.fin, fin), 'option').some((o) => o.attributs.get('value') === tape);
      // A value that is not among the choices (an unknown id, a hostile string) cannot be selected again.
      if (!proposee) continue;
    }
    expect(valeurAffichee(html, nom), `value kept in #${nom}`).toBe(tape);
  }
}

/** Row counts of some tables, to prove that a rejected form wrote nothing. */
export async function compter(ctx: Contexte, tables: string[]): Promise<Record<string, number>> {
  const n: Record<string, number> = {};
  for (const t of tables) {
    const [r] = await ctx.sql<{ n: number }>(`select count(*)::int as n from ${t}`);
    n[t] = r?.n ?? -1;
  }
  return n;
}

/** Makes every insert into `table` fail inside PostgreSQL, to prove that a form's writes are all-or-nothing. */
export async function avecPanne<T>(ctx: Contexte, table: string, f: () => Promise<T>): Promise<T> {
  await ctx.sql(
    `create or replace function panne_simulee() returns trigger language plpgsql as $$ begin raise exception 'panne simulée'; end $$`,
  );
  await ctx.sql(`create trigger panne_simulee before insert on ${table} for each row execute function panne_simulee()`);
  try {
    return await f();
  } finally {
    await ctx.sql(`drop trigger panne_simulee on ${table}`);
  }
}

/** The flash message of a page. */
export function flash(html: string): string | undefined {
  const m = html.match(/<div class="fr-alert fr-alert--\w+ fr-alert--sm[^"]*" role="status"><p>([\s\S]*?)<\/p>/);
  return m?.[1] === undefined ? undefined : texte(m[1]);
}

/**
 * Follows a redirect as a browser would and returns the next page. A browser sends cookies back exactly as the
 * server encoded them; the harness client keeps decoded values and sends them raw, which loses a flash message
 * containing `;` ("Le compte est créé ; …"), so the cookies are encoded again here.
 */
export async function pageSuivante(app: FastifyInstance, client: Client, r: LightMyRequestResponse) {
  expect(r.statusCode).toBe(303);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  const page = await app.inject({ method: 'GET', url: String(r.headers.location), headers: { cookie } });
  client.cookies.delete('guichet_flash');
  expect(page.statusCode).toBe(200);
  return page.body;
}
