import { construireApp } from './app/app.ts';
import { ConfigError, chargerConfig } from './config/index.ts';
import { COMPTES_DEMO, chargerDonneesDemo, MOT_DE_PASSE_DEMO } from './demo/donnees.ts';
import { rechercherCommunes } from './modules/annuaire/index.ts';
import { purgerExpires } from './modules/comptes/index.ts';
import { genererActivite } from './modules/sollicitations/generation.ts';
import { connect, migrer } from './platform/db/client.ts';
import { preparerBase } from './platform/db/preparer.ts';
import { creerTransport, envoyerEnAttente, purgerCourriels } from './platform/mail/outbox.ts';

function imprimer(message: string) {
  process.stdout.write(`${message}\n`);
}

async function demarrer() {
  let config: ReturnType<typeof chargerConfig>;
  try {
    config = chargerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const base = await preparerBase(config);
  const database = connect(base.url, { max: 20 });
  await migrer(database.db);

  if (!config.production) {
    const charge = await chargerDonneesDemo(database.db);
    imprimer(charge ? '\nDemo data loaded (first start).' : '\nDemo data already present.');
    if (charge) {
      // Two years of synthetic requests at the demo sites, so that the day pages and reports have something to show.
      try {
        const bilan = await genererActivite(database, { annees: 2, parAn: 12_000, importerReseau: false });
        imprimer(`Demo activity: ${bilan.lignes} synthetic requests over ${bilan.annees} years.`);
      } catch (error) {
        imprimer(`Demo activity not generated: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    imprimer(`Demo accounts (development only), password "${MOT_DE_PASSE_DEMO}":`);
    for (const c of COMPTES_DEMO) imprimer(`  ${c.courriel.padEnd(30)} ${c.description}`);
    imprimer('Outgoing emails: /dev/courriels\n');
  }

  const app = await construireApp({ db: database.db, pool: database.pool, config });

  // Expired sessions, links and attempts, and old or expired emails: the schedule is in the README (Security).
  const purger = () =>
    Promise.all([purgerExpires(database.db), purgerCourriels(database.db)]).catch((err) =>
      app.log.error({ err }, 'purge of expired data failed'),
    );
  await purger();
  const purge = setInterval(purger, 60 * 60 * 1000);

  let envoi: NodeJS.Timeout | undefined;
  if (config.smtpUrl) {
    const transport = creerTransport(config.smtpUrl);
    envoi = setInterval(() => {
      envoyerEnAttente(database.db, transport, config.mailFrom).catch((err) =>
        app.log.error({ err }, 'email delivery failed'),
      );
    }, 10_000);
  }

  let arret = false;
  const arreter = async (signal: string) => {
    if (arret) return;
    arret = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(envoi);
    clearInterval(purge);
    const force = setTimeout(() => {
      app.log.error('shutdown took more than 20 s, forcing exit');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      await base.embedded?.stop();
      app.log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void arreter('SIGINT'));
  process.on('SIGTERM', () => void arreter('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  imprimer(`guichet is listening on ${config.publicUrl}`);
  // Build the commune search index now (about half a second) rather than on the first visitor's search.
  setImmediate(() => rechercherCommunes('Paris'));
}

demarrer().catch((error) => {
  process.stderr.write(`guichet could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
