/**
 * Money (DESIGN.md §3): integer minor units ("cents") in the original currency, with the EUR value kept
 * beside it. Integers because sums of floating-point euros drift (0.1 + 0.2); the original currency
 * because a partner's pledge is made and audited in its own currency (a Danish pledge is in DKK); EUR
 * because the dashboard must add pledges of eleven currencies together. The EUR value is entered (or
 * converted) by the record's owner at the rate it chose and is never recomputed by anyone else: two
 * replicas must show the same totals.
 */
import { z } from 'zod';

/** ISO 4217 codes of the members' and likely members' currencies. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CAD', 'DKK', 'SEK', 'PLN', 'UAH', 'CHF', 'NOK', 'JPY', 'AUD', 'NZD', 'CZK', 'HUF', 'RON', 'ISK', 'KRW'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const CurrencySchema = z.enum(CURRENCIES);

/**
 * ISO 4217 minor units: `amountCents` counts minor units, so 1 000 JPY is 1000 and 1 000 EUR is 100000.
 * The UI formats amounts with these.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<Currency, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CAD: 2,
  DKK: 2,
  SEK: 2,
  PLN: 2,
  UAH: 2,
  CHF: 2,
  NOK: 2,
  JPY: 0,
  AUD: 2,
  NZD: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  ISK: 0,
  KRW: 0,
};

/**
 * Upper bound of one amount: 10^12 minor units (10 billion EUR). Large enough for any single pledge, and
 * small enough that sums over 100,000 records stay far below Number.MAX_SAFE_INTEGER in practice
 * (9 000 maximal records would be needed to lose a cent).
 */
export const MAX_MONEY_CENTS = 1_000_000_000_000;

const CentsSchema = z.int().min(0).max(MAX_MONEY_CENTS);

export const MoneySchema = z
  .strictObject({
    amountCents: CentsSchema,
    currency: CurrencySchema,
    eurCents: CentsSchema,
  })
  .superRefine((money, ctx) => {
    // An amount in EUR has exactly one EUR value: a differing one is a typing mistake.
    if (money.currency === 'EUR' && money.eurCents !== money.amountCents) {
      ctx.addIssue({ code: 'custom', message: 'validation.eurMismatch', path: ['eurCents'] });
    }
  });
export type Money = z.infer<typeof MoneySchema>;

export function eur(euroCents: number): Money {
  return { amountCents: euroCents, currency: 'EUR', eurCents: euroCents };
}
