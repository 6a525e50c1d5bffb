import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules on dependencies (docs/architecture.md, "Module conventions"), checked on the sources.

const MODULES = 'src/modules';

function fichiers(dossier: string): string[] {
  return readdirSync(dossier).flatMap((nom) => {
    const chemin = join(dossier, nom);
    return statSync(chemin).isDirectory() ? fichiers(chemin) : /\.tsx?$/.test(nom) ? [chemin] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports, side-effect imports, dynamic `import()`. */
function cibles(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'([^']+)'/g)].map((m) => m[1] as string);
}

/** The relative imports of a file, resolved to paths from the repository root. */
function importsResolus(fichier: string): string[] {
  return cibles(readFileSync(fichier, 'utf8'))
    .filter((c) => c.startsWith('.'))
    .map((c) => join(fichier, '..', c));
}

describe('module boundaries', () => {
  it('no module reaches into another module beyond its index.ts or tables.ts', () => {
    const violations: string[] = [];
    for (const fichier of fichiers(MODULES)) {
      const moduleCourant = relative(MODULES, fichier).split(sep)[0];
      for (const cible of importsResolus(fichier)) {
        const resolu = relative(MODULES, cible);
        if (resolu.startsWith('..')) continue; // platform, ui, app, config
        const [moduleCible, ...reste] = resolu.split(sep);
        if (moduleCible === moduleCourant) continue;
        if (reste.join('/') !== 'index.ts' && reste.join('/') !== 'tables.ts') violations.push(`${fichier} → ${cible}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('routes, JSON APIs and views never import the database layer', () => {
    const couverts = fichiers(MODULES).filter((f) => /[/\\](routes(-[a-z-]+)?\.tsx?|api\.ts)$|[/\\]views[/\\]/.test(f));
    // The pattern must keep covering every kind of file the rule is about.
    for (const attendu of [
      'donnees/api.ts',
      'donnees/routes.ts',
      'rapports/routes-indicateurs.tsx',
      'comptes/views/',
    ]) {
      expect(couverts.some((f) => f.split(sep).join('/').includes(attendu))).toBe(true);
    }
    const fautifs = couverts.filter((f) =>
      cibles(readFileSync(f, 'utf8')).some((c) => /platform\/db\/|^drizzle-orm|^pg$|\/repo(-[a-z-]+)?\.ts$/.test(c)),
    );
    expect(fautifs).toEqual([]);
  });

  it('platform, ui and config never import a module: they are machinery without domain knowledge', () => {
    // The one exception: Drizzle's schema gathers every module's tables.ts (data definitions, no domain code).
    const EXCEPTIONS = ['src/platform/db/schema.ts'];
    const violations = ['src/platform', 'src/ui', 'src/config']
      .flatMap(fichiers)
      // A test may wire real domain data into the machinery it tests (the geocoder over the real commune index).
      .filter((f) => !f.endsWith('.test.ts') && !EXCEPTIONS.includes(f.split(sep).join('/')))
      .flatMap((f) =>
        importsResolus(f)
          .filter((c) => !relative(MODULES, c).startsWith('..'))
          .map((c) => `${f} → ${c}`),
      );
    expect(violations).toEqual([]);
  });

  it('modules depend on each other without a cycle', () => {
    expect(cycles(grapheDesModules())).toEqual([]);
  });

  it('finds and names a cycle, as a check of the detector itself', () => {
    const graphe: Graphe = new Map([
      ['a', new Map([['b', 'a/x.ts → b/index.ts']])],
      ['b', new Map([['c', 'b/y.ts → c/index.ts']])],
      [
        'c',
        new Map([
          ['a', 'c/z.ts → a/index.ts'],
          ['d', 'c/z.ts → d/index.ts'],
        ]),
      ],
    ]);
    expect(cycles(graphe)).toEqual(['a ↔ b ↔ c (a/x.ts → b/index.ts; b/y.ts → c/index.ts; c/z.ts → a/index.ts)']);
  });
});

/** For each module, the modules it imports, each with one import that proves the edge. */
type Graphe = Map<string, Map<string, string>>;

/**
 * The module-level import graph of the sources (tests excluded). A module's `tables.ts` is a node of its own
 * (`structures/tables`), and imports between two `tables.ts` are left out: the tables form one schema (gathered by
 * `platform/db/schema.ts`) whose foreign keys follow the data model, both ways if the data says so (a site's partners,
 * a structure's local situations), and Drizzle resolves them lazily. What is checked is the code: a module's code
 * using another's tables depends on them, and a `tables.ts` importing another module's code would close a cycle.
 */
function grapheDesModules(): Graphe {
  const noeud = (chemin: string): string | null => {
    const resolu = relative(MODULES, chemin);
    if (resolu.startsWith('..')) return null;
    const [module, ...reste] = resolu.split(sep);
    return reste.join('/') === 'tables.ts' ? `${module}/tables` : (module as string);
  };
  const aretes: Graphe = new Map();
  for (const fichier of fichiers(MODULES).filter((f) => !f.endsWith('.test.ts'))) {
    const de = noeud(fichier) as string;
    for (const cible of importsResolus(fichier)) {
      const vers = noeud(cible);
      if (vers === null || vers.split('/')[0] === de.split('/')[0]) continue; // outside the modules, or within one
      if (de.endsWith('/tables') && vers.endsWith('/tables')) continue; // the schema's foreign keys
      if (!aretes.has(de)) aretes.set(de, new Map());
      aretes.get(de)?.set(vers, `${relative(MODULES, fichier)} → ${relative(MODULES, cible)}`);
    }
  }
  return aretes;
}

/**
 * The cycles of a graph, by Tarjan's algorithm: each strongly connected component of more than one node, named by its
 * nodes and one import per edge inside it.
 */
function cycles(aretes: Graphe): string[] {
  let suivant = 0;
  const indice = new Map<string, number>();
  const bas = new Map<string, number>();
  const pile: string[] = [];
  const composantes: string[][] = [];
  const visiter = (v: string) => {
    indice.set(v, suivant);
    bas.set(v, suivant++);
    pile.push(v);
    for (const w of aretes.get(v)?.keys() ?? []) {
      if (!indice.has(w)) {
        visiter(w);
        bas.set(v, Math.min(bas.get(v) as number, bas.get(w) as number));
      } else if (pile.includes(w)) bas.set(v, Math.min(bas.get(v) as number, indice.get(w) as number));
    }
    if (bas.get(v) === indice.get(v)) {
      const composante: string[] = [];
      let w: string;
      do {
        w = pile.pop() as string;
        composante.push(w);
      } while (w !== v);
      if (composante.length > 1) composantes.push(composante.sort());
    }
  };
  for (const v of aretes.keys()) if (!indice.has(v)) visiter(v);

  return composantes.map((c) => {
    const preuves = c.flatMap((de) =>
      [...(aretes.get(de) ?? [])].filter(([vers]) => c.includes(vers)).map(([, preuve]) => preuve),
    );
    return `${c.join(' ↔ ')} (${preuves.join('; ')})`;
  });
}
