// Every table of every module, for drizzle's relational queries and drizzle-kit.
export * from '../../modules/catalogue/tables.ts';
export * from '../../modules/comptes/tables.ts';
export * from '../../modules/rapports/tables.ts';
export * from '../../modules/sollicitations/tables.ts';
export * from '../../modules/structures/tables.ts';
export * from '../mail/tables.ts';
export * from './tables.ts';

import * as catalogue from '../../modules/catalogue/tables.ts';
import * as comptes from '../../modules/comptes/tables.ts';
import * as rapports from '../../modules/rapports/tables.ts';
import * as sollicitations from '../../modules/sollicitations/tables.ts';
import * as structures from '../../modules/structures/tables.ts';
import * as mail from '../mail/tables.ts';
import * as plateforme from './tables.ts';

export const schema = {
  ...catalogue,
  ...comptes,
  ...rapports,
  ...sollicitations,
  ...structures,
  ...mail,
  ...plateforme,
};
