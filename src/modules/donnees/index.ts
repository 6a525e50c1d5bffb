// What other modules may use of donnees: the public read model of the registry.

export { oublierRegistreApi } from './api-service.ts';
export { COLONNES_ANCT, telephoneLisible } from './formats.ts';
export { type SitePublic, sitePublic, sitesPublics } from './repo.ts';
