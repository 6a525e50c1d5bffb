import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. Algorithm 2 = argon2id.
const PARAMETRES = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hacherMotDePasse(motDePasse: string): Promise<string> {
  return hash(motDePasse, PARAMETRES);
}

// Verified against when the account does not exist, so that the answer takes as long either way.
let empreinteFactice: Promise<string> | undefined;

/** Verifies a password; with no stored hash, spends the same time and answers false. */
export async function verifierMotDePasse(stocke: string | null, motDePasse: string): Promise<boolean> {
  if (!stocke) {
    empreinteFactice ??= hacherMotDePasse('mot de passe factice pour égaliser les temps');
    await verify(await empreinteFactice, motDePasse).catch(() => false);
    return false;
  }
  return verify(stocke, motDePasse).catch(() => false);
}
