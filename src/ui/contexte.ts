/** What every page needs to know about the request, gathered once by the HTTP layer. */
export interface Flash {
  type: 'success' | 'info' | 'warning' | 'error';
  message: string;
}

export interface LienNavigation {
  href: string;
  libelle: string;
}

export interface ContextePage {
  /** Display name of the signed-in person, or null for a visitor. */
  utilisateur: { nomComplet: string; roles: string } | null;
  navigation: LienNavigation[];
  csrf: string;
  chemin: string;
  flash: Flash | null;
  developpement: boolean;
}
