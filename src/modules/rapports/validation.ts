import { z } from 'zod';
import { dateExiste } from '../sollicitations/index.ts';

/** The longest period a report covers (three years and a day, so that any three calendar years fit). */
export const JOURS_MAX = 1097;

const date = (libelle: string) =>
  z
    .string({ error: `Saisissez la date ${libelle}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Saisissez la date ${libelle} au format JJ/MM/AAAA.`)
    .refine(dateExiste, 'Cette date n’existe pas.');

/** The period asked for in a report's query string: both dates, or neither (the current quarter). */
export const PeriodeDemandee = z
  .object({ du: date('de début'), au: date('de fin') })
  .refine((p) => p.au >= p.du, { path: ['au'], message: 'La date de fin doit suivre la date de début.' })
  .refine((p) => !(Date.parse(p.au) - Date.parse(p.du) >= JOURS_MAX * 86_400_000), {
    path: ['au'],
    message: 'La période ne peut pas dépasser trois ans.',
  });
