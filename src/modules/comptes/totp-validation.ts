import { z } from 'zod';

// The second factor's forms (ADR 0032). Spaces and dashes typed with a code are ignored.

const sansEspaces = (v: unknown) => (typeof v === 'string' ? v.replace(/[\s-]/g, '') : v);

/** A code of the authenticator app: 6 digits. */
const codeTotp = z.preprocess(
  sansEspaces,
  z
    .string({ error: 'Saisissez le code à 6 chiffres affiché par votre application' })
    .min(1, 'Saisissez le code à 6 chiffres affiché par votre application')
    .regex(/^\d{6}$/, 'Le code se compose de 6 chiffres, par exemple 123456'),
);

/** Enrolment: the first code of the new secret. */
export const Activation = z.object({ code: codeTotp });
export type Activation = z.infer<typeof Activation>;

/** New recovery codes: a current code (its own field name, the page has two such forms). */
export const Regeneration = z.object({ codeRegeneration: codeTotp });
export type Regeneration = z.infer<typeof Regeneration>;

/** Disabling the factor: a current code. */
export const Desactivation = z.object({ codeDesactivation: codeTotp });
export type Desactivation = z.infer<typeof Desactivation>;

/** At sign-in: a code of the app, or one of the recovery codes (16 letters and digits). */
export const CodeConnexion = z.object({
  code: z.preprocess(
    sansEspaces,
    z
      .string({ error: 'Saisissez le code à 6 chiffres de votre application ou un code de secours' })
      .min(1, 'Saisissez le code à 6 chiffres de votre application ou un code de secours')
      .regex(
        /^(\d{6}|[0-9A-Za-z]{16})$/,
        'Saisissez 6 chiffres (code de l’application) ou 16 caractères (code de secours, par exemple ABCD-EFGH-JKMN-PQRS)',
      ),
  ),
});
export type CodeConnexion = z.infer<typeof CodeConnexion>;
