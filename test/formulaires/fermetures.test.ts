import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { avec, type Corps, compter, SCRIPT, titre, verifierRejet } from './outils.ts';

/** The exceptional-closure form refuses bad input field by field and writes nothing. */

let ctx: Contexte;
let gestion: Client;
let sceaux: string;
let site: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  site = await creerSite(ctx, sceaux);
});
afterAll(() => ctx.fermer());

const TABLES = ['fermetures', 'sites'];

/** Today on the site's wall clock (Europe/Paris), then `n` days later, as YYYY-MM-DD. */
function dans(n: number): string {
  const [a, m, j] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return new Date(Date.UTC(a, m - 1, j + n)).toISOString().slice(0, 10);
}

const valide = (): Corps => ({ debut: dans(30), fin: dans(32), motif: 'Formation de l’équipe', motifUrgence: '' });

const M = {
  debutVide: 'Indiquez le premier jour de fermeture.',
  finVide: 'Indiquez le dernier jour de fermeture.',
  motifVide: 'Indiquez le motif de la fermeture.',
  date: 'Date invalide (format attendu : AAAA-MM-JJ).',
  passe: 'La fermeture ne peut pas commencer dans le passé.',
  finAvant: 'Le dernier jour doit être le premier jour ou après.',
  tropLongue: 'Une fermeture exceptionnelle dure 92 jours au plus.',
  urgence: "La fermeture commence dans moins de 7 jours : indiquez le motif d'urgence.",
  motifLong: 'Le motif ne doit pas dépasser 300 caractères.',
  motifInterdit: 'Le motif contient des caractères non autorisés.',
  urgenceLong: 'Le motif d’urgence ne doit pas dépasser 300 caractères.',
  urgenceTableau: 'Indiquez le motif d’urgence en un seul texte.',
};

interface Cas {
  cas: string;
  changements: () => Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
}

const CAS: Cas[] = [
  {
    cas: 'tout absent',
    changements: () => ({ debut: undefined, fin: undefined, motif: undefined, motifUrgence: undefined }),
    erreurs: { debut: M.debutVide, fin: M.finVide, motif: M.motifVide },
  },
  {
    cas: 'champs laissés vides',
    changements: () => ({ debut: '', fin: ' ', motif: '   ' }),
    erreurs: { debut: M.debutVide, fin: M.finVide, motif: M.motifVide },
  },
  // dates
  { cas: 'premier jour hier', changements: () => ({ debut: dans(-1), fin: dans(1) }), erreurs: { debut: M.passe } },
  {
    cas: 'dernier jour avant le premier',
    changements: () => ({ debut: dans(30), fin: dans(29) }),
    erreurs: { fin: M.finAvant },
  },
  {
    cas: 'fermeture de 93 jours',
    changements: () => ({ debut: dans(30), fin: dans(122) }),
    erreurs: { fin: M.tropLongue },
  },
  { cas: '30 février', changements: () => ({ debut: '2030-02-30', fin: '2030-03-02' }), erreurs: { debut: M.date } },
  { cas: '31/02/2030 tapé à la main', changements: () => ({ fin: '31/02/2030' }), erreurs: { fin: M.date } },
  { cas: 'date en lettres', changements: () => ({ debut: 'demain' }), erreurs: { debut: M.date } },
  // notice: less than 7 days ahead needs an urgent reason
  {
    cas: 'aujourd’hui sans motif d’urgence',
    changements: () => ({ debut: dans(0), fin: dans(0) }),
    erreurs: { motifUrgence: M.urgence },
  },
  {
    cas: 'dans 3 jours sans motif d’urgence',
    changements: () => ({ debut: dans(3), fin: dans(4) }),
    erreurs: { motifUrgence: M.urgence },
  },
  {
    cas: 'dans 7 jours (moins de 7 jours pleins) sans motif d’urgence',
    changements: () => ({ debut: dans(7), fin: dans(7), motifUrgence: '   ' }),
    erreurs: { motifUrgence: M.urgence },
  },
  // reasons
  { cas: 'motif de 301 caractères', changements: () => ({ motif: 'm'.repeat(301) }), erreurs: { motif: M.motifLong } },
  {
    cas: 'motif de 50 000 caractères',
    changements: () => ({ motif: 'm'.repeat(50_000) }),
    erreurs: { motif: M.motifLong },
  },
  { cas: 'NUL dans le motif', changements: () => ({ motif: 'Inventaire\u0000' }), erreurs: { motif: M.motifInterdit } },
  {
    cas: 'saut de ligne dans le motif',
    changements: () => ({ motif: 'Inventaire\nannuel' }),
    erreurs: { motif: M.motifInterdit },
  },
  {
    cas: 'motif d’urgence de 301 caractères',
    changements: () => ({ debut: dans(2), fin: dans(2), motifUrgence: 'u'.repeat(301) }),
    erreurs: { motifUrgence: M.urgenceLong },
  },
  // arrays and hostile strings
  { cas: 'premier jour en tableau', changements: () => ({ debut: [dans(30), dans(31)] }), erreurs: { debut: M.date } },
  { cas: 'motif en tableau', changements: () => ({ motif: ['A', 'B'] }), erreurs: { motif: M.motifVide } },
  {
    cas: 'motif d’urgence en tableau',
    changements: () => ({ motifUrgence: ['A', 'B'] }),
    erreurs: { motifUrgence: M.urgenceTableau },
  },
  {
    cas: 'script dans le motif, date fausse',
    changements: () => ({ motif: SCRIPT, motifUrgence: SCRIPT, fin: '2030-13-01' }),
    erreurs: { fin: M.date },
  },
];

describe('POST /admin/sites/:id/fermetures (bad input)', () => {
  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    await gestion.get(`/admin/sites/${site}/fermetures`);
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), changements());
    const r = await gestion.post(`/admin/sites/${site}/fermetures`, corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Fermetures exceptionnelles – /);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('the valid body used above is accepted (so each case fails for its own reason)', async () => {
    await gestion.get(`/admin/sites/${site}/fermetures`);
    const r = await gestion.post(`/admin/sites/${site}/fermetures`, valide());
    expect(r.statusCode).toBe(303);
  });

  it('accepts a date typed as JJ/MM/AAAA where date inputs are not supported', async () => {
    const id = await creerSite(ctx, sceaux);
    const [a, m, j] = dans(40).split('-');
    await gestion.get(`/admin/sites/${id}/fermetures`);
    const r = await gestion.post(
      `/admin/sites/${id}/fermetures`,
      avec(valide(), { debut: `${j}/${m}/${a}`, fin: dans(40) }),
    );
    expect(r.statusCode).toBe(303);
    const [f] = await ctx.sql<{ debut: string }>(
      `select to_char(debut, 'YYYY-MM-DD') as debut from fermetures where site_id = $1`,
      [id],
    );
    expect(f?.debut).toBe(dans(40));
  });

  it('a request without CSRF token is refused and writes nothing', async () => {
    await gestion.get(`/admin/sites/${site}/fermetures`);
    const avant = await compter(ctx, TABLES);
    const r = await gestion.post(`/admin/sites/${site}/fermetures`, valide(), { jeton: false });
    expect(r.statusCode).toBe(403);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });
});
