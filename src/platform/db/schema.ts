// Every table of every module, for drizzle's relational queries and drizzle-kit.
export * from '../../modules/catalogue/tables.ts';
export * from '../../modules/comptes/tables.ts';
export * from '../../modules/contacts/tables.ts';
export * from '../../modules/imports/tables.ts';
export * from '../../modules/mandats/tables.ts';
export * from '../../modules/rapports/tables.ts';
export * from '../../modules/rendez-vous/tables.ts';
export * from '../../modules/saisines/tables.ts';
export * from '../../modules/sollicitations/tables.ts';
export * from '../../modules/structures/tables.ts';
export * from '../liens/tables.ts';
export * from '../messages/tables.ts';
export * from './tables.ts';

import * as catalogue from '../../modules/catalogue/tables.ts';
import * as comptes from '../../modules/comptes/tables.ts';
import * as contacts from '../../modules/contacts/tables.ts';
import * as imports from '../../modules/imports/tables.ts';
import * as mandats from '../../modules/mandats/tables.ts';
import * as rapports from '../../modules/rapports/tables.ts';
import * as rendezVous from '../../modules/rendez-vous/tables.ts';
import * as saisines from '../../modules/saisines/tables.ts';
import * as sollicitations from '../../modules/sollicitations/tables.ts';
import * as structures from '../../modules/structures/tables.ts';
import * as liens from '../liens/tables.ts';
import * as messagerie from '../messages/tables.ts';
import * as plateforme from './tables.ts';

export const schema = {
  ...catalogue,
  ...comptes,
  ...contacts,
  ...imports,
  ...mandats,
  ...rapports,
  ...rendezVous,
  ...saisines,
  ...sollicitations,
  ...structures,
  ...liens,
  ...messagerie,
  ...plateforme,
};
