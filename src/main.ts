import { randomBytes } from 'node:crypto';
import { construireApp } from './app/app.ts';
import { genererActivite } from './cli/generation/index.ts';
import { ConfigError, chargerConfig } from './config/index.ts';
import { COMPTES_DEMO, chargerDonneesDemo, MOT_DE_PASSE_DEMO } from './demo/donnees.ts';
import { rechercherCommunes } from './modules/annuaire/index.ts';
import { demarrerReceptionContacts } from './modules/contacts/index.ts';
import { connect, migrer } from './platform/db/client.ts';
import { preparerBase } from './platform/db/preparer.ts';
import { fermerFournisseurs } from './platform/messages/index.ts';
import { demarrerOctopushLocal } from './platform/messages/octopush-local.ts';
import { demarrerSmtpLocal } from './platform/messages/smtp-local.ts';

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
    const charge = await chargerDonneesDemo(database.db, config.sessionSecret);
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
    imprimer('The admin and coordination accounts then ask for a TOTP code: `npm run totp:demo` prints it.');
    imprimer('Outgoing emails: /dev/courriels\n');
  }

  // Development without SMTP_URL or SMS_PROVIDER: local stand-ins receive what the outbox sends (ADR 0021, 0022).
  const locaux: Array<{ fermer(): Promise<void> }> = [];
  if (!config.production && !config.smtpUrl) {
    const smtp = await demarrerSmtpLocal();
    locaux.push(smtp);
    config = { ...config, smtpUrl: smtp.url };
  }
  if (!config.production && !config.sms) {
    const smsWebhookSecret = config.smsWebhookSecret ?? randomBytes(24).toString('base64url');
    const octopush = await demarrerOctopushLocal({
      accuses: `http://127.0.0.1:${config.port}/webhooks/sms/${smsWebhookSecret}`,
    });
    locaux.push(octopush);
    const sms = { fournisseur: 'octopush' as const, urlApi: octopush.url, login: octopush.login, cle: octopush.cle };
    config = { ...config, smsWebhookSecret, sms: { ...sms, expediteur: 'guichet' } };
  }

  const app = await construireApp({ db: database.db, pool: database.pool, config });

  // The SMTP receiver of the sites' mail (ADR 0029): where configured, and in development on a fixed local port (a
  // second instance finding it taken goes on without one).
  const ecoute = config.receptionSmtp ?? (config.production ? undefined : { port: 2525, hote: '127.0.0.1' });
  let reception: Awaited<ReturnType<typeof demarrerReceptionContacts>> | null = null;
  if (ecoute) {
    try {
      reception = await demarrerReceptionContacts(database.db, config, { ...ecoute, journal: app.log });
    } catch (error) {
      if (config.receptionSmtp) throw error;
      const raison = error instanceof Error ? error.message : String(error);
      imprimer(`Incoming mail receiver not started (${raison}): set CONTACT_SMTP_PORT to another port.`);
    }
  }

  // Personal data past its delay is deleted by the daily job retention.appliquer (src/app/retention.ts, ADR 0024).

  let arret = false;
  const arreter = async (signal: string) => {
    if (arret) return;
    arret = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took more than 20 s, forcing exit');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await reception?.fermer();
      await app.close();
      fermerFournisseurs();
      await Promise.all(locaux.map((l) => l.fermer()));
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
  if (reception) imprimer(`Incoming mail for *@${config.domaineContact} (SMTP receiver): ${reception.url}`);
  // Build the commune search index now (about half a second) rather than on the first visitor's search.
  setImmediate(() => rechercherCommunes('Paris'));
}

demarrer().catch((error) => {
  process.stderr.write(`guichet could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
