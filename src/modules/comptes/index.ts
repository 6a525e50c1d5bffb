// What other modules may use of comptes.
export { LIBELLES_ROLES } from './types.ts';
