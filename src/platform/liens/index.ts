// Citizen links (ADR 0023): what modules use to hand out, check, use and revoke links for people without an account.
export { TEXTES_LIEN } from './page.tsx';
export { liensRoutes } from './routes.tsx';
export {
  consommerLien,
  creerLien,
  type DemandeLien,
  type EtatLien,
  type LectureLien,
  type LienCree,
  type LienValide,
  lireLien,
  type ObjetLien,
  prolongerLiens,
  revoquerLiens,
  type UsageLien,
} from './service.ts';
export { enregistrerTraitementLien, type OuvertureLien, type TraitementLien } from './traitements.ts';
