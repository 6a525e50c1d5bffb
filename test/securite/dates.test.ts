import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSollicitation, utilisateurNomme } from '../fabriques.ts';
import { avecCodeTotp, type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// Every route that takes a date, swept with impossible and absurd dates: each must answer a 4xx with a French message,
// and answer at all. A date once made the report's month loop spin for ever, blocking the whole process: app.inject()
// runs in this very thread and could not notice, so the application runs as a real process (src/main.ts) on this
// file's database, and each request carries its own timeout.

/** Time given to each request: far above any answer, only there to turn a hang into a failure. */
const DELAI_MS = 15_000;

const DATES_FAUSSES = [
  '2026-11-31',
  '2026-02-29',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '9999-10-01',
  '1999-12-31',
  '+010000-01-01',
  '275760-09-13',
  '31/11/2026',
  'n’importe quoi',
];

// The French messages a refused date gets, one of which each page must show.
const MESSAGE_DATE =
  /Saisissez (une|la) date|Cette date n’existe pas|doit être comprise entre le 01\/01\/2000|Date invalide|ne peut pas précéder|trop lointaine|au plus un an à l’avance|dans le passé|dure 92 jours au plus|le premier jour ou après/;

let ctx: Contexte;
let serveur: ChildProcess;
let base: string;

function portLibre(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A browser over real HTTP: a cookie jar, and the CSRF token of the last page read. */
class Navigateur {
  private readonly cookies = new Map<string, string>();
  jeton = '';

  async requete(chemin: string, options: { corps?: Record<string, string> } = {}) {
    const entetes: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      accept: 'text/html',
    };
    let body: string | undefined;
    if (options.corps) {
      entetes['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ ...options.corps, _csrf: this.jeton }).toString();
    }
    const debut = Date.now();
    let res: Response;
    try {
      res = await fetch(`${base}${chemin}`, {
        method: options.corps ? 'POST' : 'GET',
        headers: entetes,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELAI_MS),
      });
    } catch (erreur) {
      throw new Error(`${options.corps ? 'POST' : 'GET'} ${chemin}: no answer after ${Date.now() - debut} ms`, {
        cause: erreur,
      });
    }
    for (const ligne of res.headers.getSetCookie()) {
      const [paire = ''] = ligne.split(';');
      const i = paire.indexOf('=');
      if (i > 0) this.cookies.set(paire.slice(0, i), paire.slice(i + 1));
    }
    const texte = await res.text();
    const jeton = /name="_csrf" value="([^"]+)"/.exec(texte)?.[1];
    if (jeton) this.jeton = jeton;
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      texte,
      location: res.headers.get('location'),
    };
  }

  async connecter(courriel: string) {
    await this.requete('/connexion');
    const r = await this.requete('/connexion', { corps: { courriel, motDePasse: MOT_DE_PASSE } });
    if (r.status !== 303) throw new Error(`sign-in of ${courriel} failed: ${r.status}`);
    // The demo admin's second factor (ADR 0032), with the demo secret's code.
    if (r.location?.startsWith('/connexion/second-facteur')) {
      await this.requete(r.location);
      const s = await avecCodeTotp(ctx.app, courriel, (code) =>
        this.requete('/connexion/second-facteur', { corps: { code } }),
      );
      if (s.status !== 303) throw new Error(`second factor of ${courriel} failed: ${s.status}`);
    }
    await this.requete('/tableau-de-bord');
    return this;
  }
}

async function attendreServeur(sortie: () => string) {
  const limite = Date.now() + 60_000;
  while (!sortie().includes('guichet is listening')) {
    if (Date.now() > limite || serveur.exitCode !== null) throw new Error(`the server never started:\n${sortie()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const comptes: Record<string, Navigateur> = {};
const ids = { sceaux: '', structureSceaux: '', entree: '', motif: '' };

beforeAll(async () => {
  ctx = await demarrerApp();
  // A port found free may be taken before the child binds it (by another test file's process, or by the child's own
  // local mail servers on port 0): then start again on another one.
  for (let essai = 1; ; essai++) {
    const port = await portLibre();
    base = `http://127.0.0.1:${port}`;
    serveur = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: ctx.url,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let sortie = '';
    serveur.stdout?.on('data', (d) => {
      sortie += d;
    });
    serveur.stderr?.on('data', (d) => {
      sortie += d;
    });
    try {
      await attendreServeur(() => sortie);
      break;
    } catch (erreur) {
      if (essai >= 3 || !sortie.includes('EADDRINUSE')) throw erreur;
    }
  }
  const [s] = await ctx.sql<{ id: string; structure_id: string }>(
    `select id, structure_id from sites where nom = 'France services de Sceaux'`,
  );
  ids.sceaux = s?.id ?? '';
  ids.structureSceaux = s?.structure_id ?? '';
  ids.entree = await creerSollicitation(ctx, ids.sceaux, await utilisateurNomme(ctx, DEMO.agentSceaux));
  const [m] = await ctx.sql<{ id: string }>(
    'select id from motifs where site_id = $1 and reservable_en_ligne limit 1',
    [ids.sceaux],
  );
  ids.motif = m?.id ?? '';
  for (const courriel of [DEMO.admin, DEMO.gestionSceaux, DEMO.agentSceaux]) {
    comptes[courriel] = await new Navigateur().connecter(courriel);
  }
  comptes.public = new Navigateur();
}, 120_000);

afterAll(async () => {
  serveur?.kill('SIGKILL');
  await ctx?.fermer();
});

interface Route {
  nom: string;
  compte: string;
  /** The path (and query string) or the form for one bad date. */
  requete: (d: string) => { chemin: string; corps?: Record<string, string> };
  api?: boolean;
}

const q = encodeURIComponent;
/** A closure far enough ahead to need no urgent reason, in the window of the form. */
const dansUnMois = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const ROUTES: Route[] = [
  { nom: 'report page, du', compte: DEMO.admin, requete: (d) => ({ chemin: `/rapports?du=${q(d)}&au=2026-12-31` }) },
  { nom: 'report page, au', compte: DEMO.admin, requete: (d) => ({ chemin: `/rapports?du=2026-10-01&au=${q(d)}` }) },
  ...['export.csv', 'export.xlsx', 'rapport.pdf'].map((f) => ({
    nom: `report ${f}`,
    compte: DEMO.admin,
    requete: (d: string) => ({ chemin: `/rapports/${f}?du=${q(d)}&au=${q(d)}` }),
  })),
  {
    nom: 'day page, jour',
    compte: DEMO.agentSceaux,
    requete: (d) => ({ chemin: `/sollicitations?site=${ids.sceaux}&jour=${q(d)}` }),
  },
  {
    nom: 'request form, date',
    compte: DEMO.agentSceaux,
    requete: (d) => ({
      chemin: '/sollicitations',
      corps: {
        site: ids.sceaux,
        situation: 'papiers',
        canal: 'accueil_physique',
        niveau: 'aide_demarche',
        issue: 'resolu',
        duree: 'de_10_a_30',
        date: d,
        heure: '10:00',
      },
    }),
  },
  {
    nom: 'request edit form, date',
    compte: DEMO.agentSceaux,
    requete: (d) => ({
      chemin: `/sollicitations/${ids.entree}`,
      corps: {
        site: ids.sceaux,
        situation: 'papiers',
        canal: 'accueil_physique',
        niveau: 'aide_demarche',
        issue: 'resolu',
        duree: 'de_10_a_30',
        date: d,
      },
    }),
  },
  ...['du', 'au'].map((champ) => ({
    nom: `request export, ${champ}`,
    compte: DEMO.gestionSceaux,
    requete: (d: string) => ({
      chemin: `/sollicitations/export?format=csv&structure=${ids.structureSceaux}&${new URLSearchParams({
        du: '2026-01-01',
        au: '2026-03-31',
        [champ]: d,
      })}`,
    }),
  })),
  ...['debut', 'fin'].map((champ) => ({
    nom: `closure form, ${champ}`,
    compte: DEMO.gestionSceaux,
    requete: (d: string) => ({
      chemin: `/admin/sites/${ids.sceaux}/fermetures`,
      corps: { debut: dansUnMois, fin: dansUnMois, motif: 'Inventaire', motifUrgence: '', [champ]: d },
    }),
  })),
  {
    nom: 'new site form, label date',
    compte: DEMO.admin,
    requete: (d) => ({ chemin: '/admin/sites', corps: { structureId: ids.structureSceaux, dateLabellisation: d } }),
  },
  {
    nom: 'site edit form, label date',
    compte: DEMO.admin,
    requete: (d) => ({ chemin: `/admin/sites/${ids.sceaux}`, corps: { dateLabellisation: d } }),
  },
  ...['from', 'to'].map((champ) => ({
    nom: `API openings, ${champ}`,
    compte: 'public',
    api: true,
    requete: (d: string) => ({
      chemin: `/api/v1/sites/${ids.sceaux}/openings?${new URLSearchParams({ from: '2026-12-07', [champ]: d })}`,
    }),
  })),
  {
    nom: 'appointment slots page, du',
    compte: 'public',
    requete: (d) => ({ chemin: `/lieux/${ids.sceaux}/rendez-vous/creneaux?motif=${ids.motif}&du=${q(d)}` }),
  },
  ...['from', 'to'].map((champ) => ({
    nom: `API appointment slots, ${champ}`,
    compte: 'public',
    api: true,
    requete: (d: string) => ({
      chemin: `/api/v1/sites/${ids.sceaux}/disponibilites?${new URLSearchParams({ motif: ids.motif, from: '2026-12-07', to: '2026-12-08', [champ]: d })}`,
    }),
  })),
];

describe('every date a request can carry is bounded', () => {
  for (const route of ROUTES) {
    it(`${route.nom}: a 4xx in French, promptly, for each impossible or absurd date`, async () => {
      const navigateur = comptes[route.compte] as Navigateur;
      for (const date of DATES_FAUSSES) {
        const { chemin, corps } = route.requete(date);
        if (corps)
          await navigateur.requete(chemin.startsWith('/admin/sites/') ? '/tableau-de-bord' : '/sollicitations');
        const r = await navigateur.requete(chemin, { corps });
        const cas = `${route.nom} with ${date}: ${r.status} ${r.texte.slice(0, 200)}`;
        expect([400, 422], cas).toContain(r.status);
        if (route.api) {
          expect(r.type, cas).toMatch(/^application\/problem\+json/);
          expect(r.texte, cas).toMatch(/date réelle au format AAAA-MM-JJ/);
        } else {
          expect(r.type, cas).toMatch(/^text\/html/);
          expect(r.texte, cas).toMatch(MESSAGE_DATE);
        }
      }
    });
  }

  it('the exact request of the report: the last quarter of year 9999 is refused and the server still answers', async () => {
    const admin = comptes[DEMO.admin] as Navigateur;
    const r = await admin.requete('/rapports?perimetre=nation&du=9999-10-01&au=9999-12-31');
    expect(r.status).toBe(422);
    expect(r.texte).toContain('La date de début doit être comprise entre le 01/01/2000 et le 31/12/');
    expect((await admin.requete('/rapports')).status).toBe(200);
  });
});
