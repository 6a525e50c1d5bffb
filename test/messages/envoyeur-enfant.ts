import { chargerConfig } from '../../src/config/index.ts';
import { connect } from '../../src/platform/db/client.ts';
import { envoyerLot, fermerFournisseurs, fournisseursDe } from '../../src/platform/messages/index.ts';

// A sender process for the kill -9 test (arret-brutal.test.ts): sends everything due in small batches, then exits.
// DECALAGE_MS moves its clock forward (a restart after the dead sender's leases have expired).

const config = chargerConfig(process.env);
const database = connect(String(process.env.DATABASE_URL), { max: 4 });
const decalage = Number(process.env.DECALAGE_MS ?? 0);
const fournisseurs = fournisseursDe(config);
for (;;) {
  const b = await envoyerLot(database.db, config, fournisseurs, {
    lot: 5,
    maintenant: new Date(Date.now() + decalage),
  });
  if (b.envoyes + b.reportes + b.echecs === 0) break;
}
fermerFournisseurs();
await database.close();
process.stdout.write('fini\n');
