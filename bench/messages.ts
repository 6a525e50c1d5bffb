import { pathToFileURL } from 'node:url';
import { inArray } from 'drizzle-orm';
import { chargerConfig } from '../src/config/index.ts';
import { connect, type Db, migrer } from '../src/platform/db/client.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { creerBaseSiAbsente } from '../src/platform/db/preparer.ts';
import { arreterTaches, demarrerTaches } from '../src/platform/jobs/index.ts';
import { fermerFournisseurs, mettreEnFile, tacheEnvoiMessages } from '../src/platform/messages/index.ts';
import { demarrerOctopushLocal } from '../src/platform/messages/octopush-local.ts';
import { demarrerSmtpLocal } from '../src/platform/messages/smtp-local.ts';
import { messages } from '../src/platform/messages/tables.ts';

// The outbox (ADR 0021) end to end: messages queued as a business transaction would, sent by the `messages.envoyer`
// job through the local SMTP server and the local Octopush stand-in (the real adapters, over TCP). Figures: throughput
// of a burst (half emails, half SMS) and enqueue → sent latency, for a burst and for one message at a time.
// `npx tsx bench/messages.ts` alone, or as part of `npm run bench`.

const RAFALE = Number(process.env.BENCH_MESSAGES ?? 1_000);
const ISOLES = 200;
const PAS_MS = 20;

export interface FiguresMessages {
  rafale: { messages: number; parSeconde: number; p50Ms: number; p99Ms: number };
  isoles: { messages: number; p50Ms: number; p99Ms: number };
}

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantiles(valeurs: number[]) {
  const t = [...valeurs].sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? Number.NaN;
  return { p50Ms: q(0.5), p99Ms: q(0.99) };
}

/** Waits until every message of `cles` is sent; returns enqueue → sent of each, in ms. */
async function latences(db: Db, cles: string[], debuts: Map<string, number>): Promise<{ ms: number[]; fin: number }> {
  for (;;) {
    const rows = await db
      .select({ cle: messages.cle, statut: messages.statut, envoyeLe: messages.envoyeLe })
      .from(messages)
      .where(inArray(messages.cle, cles));
    if (rows.some((r) => r.statut === 'echec')) throw new Error('a bench message failed');
    if (rows.every((r) => r.statut === 'envoye')) {
      const ms = rows.map((r) => (r.envoyeLe?.getTime() ?? 0) - (debuts.get(r.cle) ?? 0));
      return { ms, fin: Math.max(...rows.map((r) => r.envoyeLe?.getTime() ?? 0)) };
    }
    await attendre(20);
  }
}

export async function mesurerMessages(url: string): Promise<FiguresMessages> {
  const smtp = await demarrerSmtpLocal();
  const octopush = await demarrerOctopushLocal();
  const base = connect(url, { max: 20 });
  const config = {
    ...chargerConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: smtp.url }),
    sms: {
      fournisseur: 'octopush' as const,
      urlApi: octopush.url,
      login: octopush.login,
      cle: octopush.cle,
      expediteur: 'guichet',
    },
  };
  const silencieux = { info() {}, warn() {}, error() {} };
  await demarrerTaches({ ...base, config, log: silencieux, taches: [tacheEnvoiMessages] });
  const serie = `${Date.now()}`;
  const debuts = new Map<string, number>();
  const mettre = async (i: number, prefixe: string) => {
    const cle = `bench-${serie}-${prefixe}-${i}`;
    debuts.set(cle, Date.now());
    if (i % 2 === 0)
      await mettreEnFile(base.db, config, {
        modele: 'essai.courriel',
        destinataire: `banc.${i}@exemple.fr`,
        parametres: { texte: `Message d’essai n° ${i}` },
        cle,
      });
    else
      await mettreEnFile(base.db, config, {
        modele: 'essai.sms',
        destinataire: `+336${String(10_000_000 + i)}`,
        parametres: { texte: `Essai ${i}` },
        cle,
      });
    return cle;
  };
  try {
    // Warm-up.
    await latences(base.db, await Promise.all(Array.from({ length: 20 }, (_, i) => mettre(i, 'chauffe'))), debuts);

    const debut = Date.now();
    const cles = await Promise.all(Array.from({ length: RAFALE }, (_, i) => mettre(i, 'rafale')));
    const rafale = await latences(base.db, cles, debuts);

    const isoles: string[] = [];
    for (let i = 0; i < ISOLES; i++) {
      isoles.push(await mettre(i, 'isole'));
      await attendre(PAS_MS);
    }
    const seuls = await latences(base.db, isoles, debuts);
    return {
      rafale: { messages: RAFALE, parSeconde: (RAFALE * 1000) / (rafale.fin - debut), ...quantiles(rafale.ms) },
      isoles: { messages: ISOLES, ...quantiles(seuls.ms) },
    };
  } finally {
    await arreterTaches(base.db);
    fermerFournisseurs();
    await base.close();
    await smtp.fermer();
    await octopush.fermer();
  }
}

export function tableauMessages(f: FiguresMessages): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const lignes: Array<[string, string]> = [
    [`burst of ${f.rafale.messages} (½ email, ½ SMS): throughput`, `${f.rafale.parSeconde.toFixed(0)} msg/s`],
    ['  enqueue → sent p50', ms(f.rafale.p50Ms)],
    ['  p99', ms(f.rafale.p99Ms)],
    [`one message every ${PAS_MS} ms × ${f.isoles.messages}: enqueue → sent p50`, ms(f.isoles.p50Ms)],
    ['  p99', ms(f.isoles.p99Ms)],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'outbox (local SMTP + local Octopush)'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Alone: a PostgreSQL of its own, so as not to disturb a full bench running at the same time.
  const pg = await startEmbeddedPostgres({ dataDir: '.data/bench-messages-pg', port: 54338 });
  try {
    await creerBaseSiAbsente(pg.url('postgres'), 'guichet_bench_messages');
    const url = pg.url('guichet_bench_messages');
    const base = connect(url, { max: 2 });
    await migrer(base.db);
    await base.close();
    const f = await mesurerMessages(url);
    process.stdout.write(`\nguichet outbox bench: Node ${process.version}\n\n${tableauMessages(f)}\n\n`);
  } finally {
    await pg.stop();
  }
}
