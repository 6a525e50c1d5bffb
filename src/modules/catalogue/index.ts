// What other modules may use of the catalogue (partners, themes, life situations: the bouquet de services).
export { peutVoirCatalogue } from './policy.ts';
export { catalogueDeSaisie, libellesCatalogue } from './repo.ts';

export type CatalogueDeSaisie = Awaited<ReturnType<typeof import('./repo.ts').catalogueDeSaisie>>;
