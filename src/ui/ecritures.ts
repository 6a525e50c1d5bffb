// Web fonts for names in scripts Marianne lacks (issue 14 point 8): the same Noto fonts the PDFs fall back to
// (docs/adr/0026), served from their npm packages (@fontsource, SIL OFL 1.1). Their stylesheets cut each font by
// Unicode range, so a browser downloads only the slices of the characters a page shows: a page with no Arabic or
// Chinese name loads no font file. The four stylesheets (regular and bold of each) are joined once into one, with
// their relative URLs pointed at `/vendor/polices/`, where app.ts serves the packages' font files.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DOSSIER_POLICES = fileURLToPath(new URL('../../node_modules/@fontsource', import.meta.url));
export const CHEMIN_FEUILLE_ECRITURES = '/vendor/polices/ecritures.css';

const FEUILLES = [
  'noto-sans-arabic/400.css',
  'noto-sans-arabic/700.css',
  'noto-sans-sc/400.css',
  'noto-sans-sc/700.css',
];

/** The font files the stylesheet may ask for: nothing else of the packages is served. */
export const FICHIER_POLICE =
  /^\/noto-sans-(arabic|sc)\/files\/noto-sans-(arabic|sc)-[a-z0-9-]+-(400|700)-normal\.woff2?$/;

let feuille: string | null = null;
/** The joined stylesheet, built on first use (the files do not change while the process runs). */
export function feuilleEcritures(): string {
  feuille ??= FEUILLES.map((f) => {
    const paquet = f.split('/')[0];
    return readFileSync(`${DOSSIER_POLICES}/${f}`, 'utf8').replaceAll(
      'url(./files/',
      `url(/vendor/polices/${paquet}/files/`,
    );
  }).join('\n');
  return feuille;
}
