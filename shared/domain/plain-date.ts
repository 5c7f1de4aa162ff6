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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date (2024-02-29 yes, 2023-02-29 no) between MIN_YEAR and MAX_YEAR. */
export function isPlainDate(value: unknown): value is string {
  // Read digit by digit rather than with a regex match: the dashboard checks every need's deadline and
  // every delivery's date on each change (100,000 records), and exec() allocates its match array.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DASH = 0x2d;

/** The decimal number written by `length` ASCII digits from `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i += 1) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
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
