/**
 * Deadlines, expected dates, delivery dates and meeting dates are plain calendar dates `YYYY-MM-DD`
 * (DESIGN.md §3): a deadline is a day in Kyiv as much as in Ottawa, so it carries no time and no zone
 * and never shifts by a day when a record travels between workstations in different time zones.
 * ISO 8601 text sorts in date order, so comparisons are plain string comparisons.
 */
import { z } from 'zod';

/** Years outside this range are typing mistakes in this domain (a deadline in 0202 or 20224). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/u;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date (2024-02-29 yes, 2023-02-29 no) between MIN_YEAR and MAX_YEAR. */
export function isPlainDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export const PlainDateSchema = z.string().refine(isPlainDate, { error: 'validation.invalidDate' });

/** The plain date of an instant in UTC (tests and demo data; the UI passes the local date it shows). */
export function plainDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` plus `days` (may be negative), as a plain date. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return plainDateOf(new Date(time + days * 86_400_000));
}
