import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/** House rule: a module uses another module only through its index.ts (and tables.ts for foreign keys). */

const MODULES = 'src/modules';

function fichiers(dossier: string): string[] {
  return readdirSync(dossier).flatMap((nom) => {
    const chemin = join(dossier, nom);
    return statSync(chemin).isDirectory() ? fichiers(chemin) : /\.tsx?$/.test(nom) ? [chemin] : [];
  });
}

describe('module boundaries', () => {
  it('no module reaches into another module beyond its index.ts or tables.ts', () => {
    const violations: string[] = [];
    for (const fichier of fichiers(MODULES)) {
      const moduleCourant = relative(MODULES, fichier).split(sep)[0];
      const source = readFileSync(fichier, 'utf8');
      for (const [, cible] of source.matchAll(/from '([^']+)'/g)) {
        if (!cible?.startsWith('.')) continue;
        const resolu = relative(MODULES, join(fichier, '..', cible));
        if (resolu.startsWith('..')) continue; // platform, ui, app, config
        const [moduleCible, ...reste] = resolu.split(sep);
        if (moduleCible === moduleCourant) continue;
        if (reste.join('/') !== 'index.ts' && reste.join('/') !== 'tables.ts') violations.push(`${fichier} → ${cible}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('routes and views never import the database layer', () => {
    const fautifs = fichiers(MODULES)
      .filter((f) => /routes\.tsx?$|[/\\]views[/\\]/.test(f))
      .filter((f) => /from '[^']*(platform\/db\/|drizzle-orm|\/repo\.ts)'/.test(readFileSync(f, 'utf8')));
    expect(fautifs).toEqual([]);
  });
});
