/**
 * Quantities and their units. Quantities are whole numbers of a unit: sums of events (deliveries,
 * acceptances) must be exact, and a fractional need is stated in a finer unit (hours instead of
 * person-days). Units are a closed list rather than free text because coverage adds quantities only when
 * the units are identical (DESIGN.md §3): "pcs", "pieces" and "шт." typed freely would never match.
 */
import { z } from 'zod';

export const UNITS = [
  'item', // hardware, equipment: laptops, firewalls, generators
  'licence', // software licences, one per installation or user
  'seat', // a training place for one person
  'person-day', // services: incident response, audits, SOC support
  'hour',
  'month', // subscriptions: threat intelligence feeds, managed services
  'year',
  'terminal', // satellite terminals
  'lot', // a package delivered as one
] as const;
export type Unit = (typeof UNITS)[number];
export const UnitSchema = z.enum(UNITS);

/** Upper bound of one quantity: a billion of anything is a typing mistake. */
export const MAX_QUANTITY = 1_000_000_000;

export const QuantitySchema = z.int().min(1).max(MAX_QUANTITY);
/** An acceptance may accept nothing of a delivery (refused on arrival). */
export const QuantityOrZeroSchema = z.int().min(0).max(MAX_QUANTITY);
