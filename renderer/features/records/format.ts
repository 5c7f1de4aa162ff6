/**
 * Numbers, money, quantities and dates in the UI language (Intl with the language of the interface, so a
 * Ukrainian desk officer reads "1 250 000,00 грн" and an English one "UAH 1,250,000.00"). Money is
 * shown in its own currency with the EUR value beside it (DESIGN.md §3); plain dates are calendar days
 * and are formatted in UTC so they never shift by a day.
 */
import { CURRENCY_MINOR_UNITS, type Currency } from '@shared/domain/money';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isCurrency, isUnit } from './domain-values';

export interface MoneyLike {
  readonly amountCents: number;
  readonly currency: string;
  readonly eurCents: number;
}

export interface Formatters {
  readonly language: string;
  /** An integer. */
  readonly number: (value: number) => string;
  /** A percentage from a number of percent (12.5 → "12.5%"). */
  readonly percent: (value: number) => string;
  /** Integer minor units of `currency` as money. */
  readonly currency: (cents: number, currency: string) => string;
  /** EUR cents as euros. */
  readonly eur: (cents: number) => string;
  /** EUR cents, compact ("€1.2M") for figures on the dashboard. */
  readonly eurCompact: (cents: number) => string;
  /** A money value: "DKK 1,000.00 (€134.00)", or just "€1,000.00" for EUR. */
  readonly money: (money: MoneyLike) => string;
  /** "40 licences" with the unit's label. */
  readonly quantity: (quantity: number, unit: string) => string;
  /** A plain date (YYYY-MM-DD), or the input itself when it is not one. */
  readonly date: (plainDate: string) => string;
  /** An ISO instant with date and time. */
  readonly dateTime: (iso: string) => string;
  /** Compares text in the UI language (sorting titles and names). */
  readonly collator: Intl.Collator;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** The local calendar day of `ms` as a plain date. */
export function localPlainDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function minorUnits(currency: string): number {
  return isCurrency(currency) ? CURRENCY_MINOR_UNITS[currency] : 2;
}

export function useFormatters(): Formatters {
  const { t, i18n } = useTranslation('domain');
  const language = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    const eurFormat = new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' });
    const eurCompact = new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
    const currencies = new Map<string, Intl.NumberFormat>();
    const currencyFormat = (currency: string): Intl.NumberFormat => {
      let format = currencies.get(currency);
      if (format === undefined) {
        try {
          format = new Intl.NumberFormat(language, { style: 'currency', currency });
        } catch {
          format = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        }
        currencies.set(currency, format);
      }
      return format;
    };
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const currency = (cents: number, code: string): string => currencyFormat(code).format(cents / 10 ** minorUnits(code));
    const eur = (cents: number): string => eurFormat.format(cents / 100);
    return {
      language,
      number: (value) => integer.format(value),
      percent: (value) => percent.format(value / 100),
      currency,
      eur,
      eurCompact: (cents) => eurCompact.format(cents / 100),
      money: (money) =>
        money.currency === 'EUR' ? eur(money.eurCents) : t('money.withEur', { amount: currency(money.amountCents, money.currency), eur: eur(money.eurCents) }),
      // Number before unit in both languages: no template needed.
      quantity: (quantity, unit) => `${integer.format(quantity)} ${isUnit(unit) ? t(`unit.${unit}`) : unit}`,
      date: (plainDate) => {
        const match = PLAIN_DATE.exec(plainDate);
        if (match === null) return plainDate;
        return dates.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
      },
      dateTime: (iso) => {
        const time = Date.parse(iso);
        return Number.isNaN(time) ? iso : dateTimes.format(new Date(time));
      },
      collator: new Intl.Collator(language, { sensitivity: 'base', numeric: true }),
    };
  }, [language, t]);
}

export type { Currency };
