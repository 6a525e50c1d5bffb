// npm run oidc:local [-- --port 9400] [-- --guichet http://localhost:3000]
// Starts a local OpenID provider shaped like ProConnect (ADR 0032) for development: one identity per demo account
// (linked to it by the demo data) and one person without an account. Prints the environment to start guichet with.
import { IDENTITES_PROCONNECT_DEMO } from '../demo/proconnect.ts';
import { demarrerFournisseurLocal } from '../platform/oidc/fournisseur-local.ts';

function option(nom: string, defaut: string): string {
  const i = process.argv.indexOf(`--${nom}`);
  return i >= 0 ? (process.argv[i + 1] ?? defaut) : defaut;
}

if (process.argv.some((a) => a === '--help' || a === '-h')) {
  process.stdout.write('Usage : npm run oidc:local [-- --port 9400 --guichet http://localhost:3000]\n');
  process.exit(0);
}

const port = Number(option('port', '9400'));
const guichet = option('guichet', process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const client = { id: 'guichet-local', secret: 'guichet-local-secret-for-development-only' };
const fournisseur = await demarrerFournisseurLocal({
  port,
  hote: 'localhost',
  client: {
    ...client,
    redirectUris: [`${guichet}/connexion/proconnect/retour`],
    postLogoutRedirectUris: [`${guichet}/deconnexion/proconnect`],
  },
  comptes: IDENTITES_PROCONNECT_DEMO,
});
process.stdout.write(
  `Fournisseur d’identité local prêt sur ${fournisseur.issuer} (pour ${guichet}).\n` +
    'Démarrez guichet avec :\n\n' +
    `  PROCONNECT_ISSUER=${fournisseur.issuer} PROCONNECT_CLIENT_ID=${client.id} PROCONNECT_CLIENT_SECRET=${client.secret} npm start\n\n` +
    'puis « S’identifier avec ProConnect » sur /connexion. Ctrl+C pour arrêter.\n',
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void fournisseur.fermer().then(() => process.exit(0)));
}
