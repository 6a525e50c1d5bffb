// `npm run totp:demo`: the current TOTP code of the demo accounts that require the second factor (development only).
import { COMPTES_TOTP_DEMO, codeTotpDemo, SECRET_TOTP_DEMO } from '../demo/totp.ts';

const restant = 30 - (Math.floor(Date.now() / 1000) % 30);
process.stdout.write(
  `Code TOTP de démonstration : ${codeTotpDemo()} (valable encore ${restant} s)\n` +
    `Comptes : ${COMPTES_TOTP_DEMO.join(', ')}\n` +
    `Clé à ajouter à une application d’authentification : ${SECRET_TOTP_DEMO}\n`,
);
