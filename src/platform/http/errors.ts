/** Unexpected or access-related failures, turned into a DSFR error page or a problem+json in one place. */
export const CODES_ERREUR = {
  non_authentifie: { status: 401, titre: 'Connexion requise' },
  interdit: { status: 403, titre: 'Accès refusé' },
  introuvable: { status: 404, titre: 'Page non trouvée' },
  csrf: { status: 403, titre: 'Formulaire expiré' },
  requete_invalide: { status: 400, titre: 'Requête invalide' },
  trop_volumineux: { status: 413, titre: 'Envoi trop volumineux' },
  trop_de_requetes: { status: 429, titre: 'Trop de tentatives' },
  indisponible: { status: 503, titre: 'Service indisponible' },
} as const;

export type CodeErreur = keyof typeof CODES_ERREUR;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: CodeErreur,
    message?: string,
  ) {
    super(message ?? CODES_ERREUR[code].titre);
    this.status = CODES_ERREUR[code].status;
  }
}

/** Shorthand for the common "this object is not in your scope or does not exist". */
export function introuvable(): never {
  throw new AppError('introuvable');
}

export function interdit(message?: string): never {
  throw new AppError('interdit', message);
}
