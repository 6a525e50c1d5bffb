// Takes the README screenshots (docs/captures/*.png, 1280×800) with demo data.
// Run with `npx tsx scripts/captures.ts`. It starts its own embedded PostgreSQL in .data/captures-pg (port 54340),
// so it neither needs nor touches the development database.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { construireApp } from '../src/app/app.ts';
import { chargerConfig } from '../src/config/index.ts';
import { chargerDonneesDemo, MOT_DE_PASSE_DEMO } from '../src/demo/donnees.ts';
import { connect, migrer } from '../src/platform/db/client.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { creerBaseSiAbsente } from '../src/platform/db/preparer.ts';
import { lancerChromium, nouveauContexte } from '../test/chromium.ts';

const DOSSIER = 'docs/captures';
const COMPTE = 'gestion.sceaux@guichet.test';

/** Waits for the fonts, so that the Marianne typeface is in the picture. */
async function capturer(page: Page, fichier: string) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: `${DOSSIER}/${fichier}` });
  process.stdout.write(`${DOSSIER}/${fichier}\n`);
}

async function principal() {
  await mkdir(DOSSIER, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: '.data/captures-pg', port: 54340 });
  try {
    await creerBaseSiAbsente(embedded.url('postgres'), 'guichet');
    const database = connect(embedded.url('guichet'), { max: 5 });
    try {
      await migrer(database.db);
      await chargerDonneesDemo(database.db);
      const config = chargerConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
      const app = await construireApp({ db: database.db, pool: database.pool, config });
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const navigateur = await lancerChromium();
        try {
          const contexte = await nouveauContexte(navigateur);
          const page = await contexte.newPage();
          await page.goto(`${base}/connexion`);
          await capturer(page, 'connexion.png');

          await page.getByLabel('Adresse électronique').fill(COMPTE);
          await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE_DEMO);
          await page.getByRole('button', { name: 'Se connecter' }).click();
          await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
          await page.goto(`${base}/admin/sites`);
          await capturer(page, 'sites.png');
        } finally {
          await navigateur.close();
        }
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  } finally {
    await embedded.stop();
  }
}

principal().catch((erreur) => {
  process.stderr.write(
    `captures failed: ${erreur instanceof Error ? (erreur.stack ?? erreur.message) : String(erreur)}\n`,
  );
  process.exit(1);
});
