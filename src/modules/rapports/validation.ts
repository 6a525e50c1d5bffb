import { z } from 'zod';
import { champDate } from '../../platform/http/dates.ts';

/** The longest period a report covers (three years and a day, so that any three calendar years fit). */
export const JOURS_MAX = 1097;

/** The period asked for in a report's query string: both dates, or neither (the current quarter). */
export const PeriodeDemandee = z
  .object({ du: champDate('la date de début'), au: champDate('la date de fin') })
  .refine((p) => p.au >= p.du, { path: ['au'], message: 'La date de fin doit suivre la date de début.' })
  .refine((p) => !(Date.parse(p.au) - Date.parse(p.du) >= JOURS_MAX * 86_400_000), {
    path: ['au'],
    message: 'La période ne peut pas dépasser trois ans.',
  });
