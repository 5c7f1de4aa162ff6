/**
 * The inputs record forms are made of, and how a form turns what was typed into record values: text is
 * NFC-normalised and trimmed (shared/domain/text.ts) before it is validated and written; numbers are
 * whole numbers; money is typed in its currency's units and stored as integer minor units, with the EUR
 * value beside it; dates are plain calendar days. Validation is shared/domain's (parseRecordValues), and
 * its messages are shown beside the field they are about, in the UI language.
 */
import { NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { CURRENCIES } from '@shared/domain/money';
import { normalizeText, type TextOptions } from '@shared/domain/text';
import type { FieldErrors } from '@shared/domain/validation';
import { TLP_LEVELS } from '@shared/sync/tlp';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { minorUnits, useFormatters } from './format';
import { useDomainLabels } from './labels';

/** What a number input holds: a number, or the text typed so far ('' when empty). */
export type NumberDraft = number | string;

export function normalized(text: string, options: TextOptions = {}): string {
  return normalizeText(text, options);
}

/** A whole number, null when empty, NaN when it is not one (the schema then says so beside the field). */
export function wholeNumber(draft: NumberDraft): number | null {
  if (draft === '') return null;
  const value = typeof draft === 'number' ? draft : Number(draft.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Typed units of `currency` as integer minor units (1 234,5 EUR → 123450); null when empty. */
export function toMinorUnits(draft: NumberDraft, currency: string): number | null {
  const value = wholeNumber(draft);
  if (value === null || Number.isNaN(value)) return value;
  return Math.round(value * 10 ** minorUnits(currency));
}

export function fromMinorUnits(cents: number, currency: string): number {
  return cents / 10 ** minorUnits(currency);
}

/** A form's validation messages by field path, translated. */
export function useErrorText(errors: FieldErrors | null): (path: string) => string | undefined {
  const labels = useDomainLabels();
  return useCallback(
    (path: string) => {
      const message = errors?.[path];
      return message === undefined ? undefined : labels.message(message);
    },
    [errors, labels],
  );
}

/** Messages whose path starts with `prefix` (the first one), e.g. every error of `estimatedValue.*`. */
export function firstError(errors: FieldErrors | null, prefix: string): string | null {
  if (errors === null) return null;
  for (const path of Object.keys(errors)) if (path === prefix || path.startsWith(`${prefix}.`)) return path;
  return null;
}

export interface MoneyDraft {
  readonly amount: NumberDraft;
  readonly currency: string;
  readonly eur: NumberDraft;
}

export function moneyDraftOf(money: { amountCents: number; currency: string; eurCents: number } | null, fallbackCurrency = 'EUR'): MoneyDraft {
  if (money === null) return { amount: '', currency: fallbackCurrency, eur: '' };
  return { amount: fromMinorUnits(money.amountCents, money.currency), currency: money.currency, eur: money.eurCents / 100 };
}

/** The money value of a draft; amounts in EUR have the same EUR value. */
export function moneyValue(draft: MoneyDraft): { amountCents: number | null; currency: string; eurCents: number | null } {
  const amountCents = toMinorUnits(draft.amount, draft.currency);
  const eurCents = draft.currency === 'EUR' ? amountCents : toMinorUnits(draft.eur, 'EUR');
  return { amountCents, currency: draft.currency, eurCents };
}

export function MoneyInput({
  label,
  value,
  onChange,
  errorOf,
  path,
}: {
  readonly label: string;
  readonly value: MoneyDraft;
  readonly onChange: (value: MoneyDraft) => void;
  /** The message of a field path. */
  readonly errorOf: (path: string) => string | undefined;
  /** The money field's path ('estimatedValue', 'value'). */
  readonly path: string;
}) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const decimal = format.language === 'uk' ? ',' : '.';
  const currencies = useMemo(() => CURRENCIES.map((code) => ({ value: code, label: `${code} — ${labels.currency(code)}` })), [labels]);
  return (
    <fieldset className="td-money" data-money={path}>
      <legend>
        <Text fw={500} size="sm" component="span">
          {label}
        </Text>
      </legend>
      <div className="td-form-row">
        <NumberInput
          label={t('form.amount')}
          value={value.amount}
          onChange={(amount) => {
            onChange({ ...value, amount });
          }}
          decimalScale={minorUnits(value.currency)}
          decimalSeparator={decimal}
          allowNegative={false}
          hideControls
          error={errorOf(`${path}.amountCents`) ?? errorOf(path)}
          required
        />
        <Select
          label={t('form.currency')}
          data={currencies}
          value={value.currency}
          onChange={(currency) => {
            if (currency !== null) onChange({ ...value, currency });
          }}
          allowDeselect={false}
          searchable
          error={errorOf(`${path}.currency`)}
        />
        {value.currency === 'EUR' ? null : (
          <NumberInput
            label={t('form.eurValue')}
            description={t('form.eurValueHelp')}
            value={value.eur}
            onChange={(eur) => {
              onChange({ ...value, eur });
            }}
            decimalScale={2}
            decimalSeparator={decimal}
            allowNegative={false}
            hideControls
            error={errorOf(`${path}.eurCents`)}
            required
          />
        )}
      </div>
    </fieldset>
  );
}

export function TlpSelect({ value, onChange }: { readonly value: string; readonly onChange: (value: string) => void }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  return (
    <Stack gap={4}>
      <Select
        label={t('field.tlp')}
        description={t('form.tlpHelp')}
        data={TLP_LEVELS.map((level) => ({ value: level, label: labels.tlp(level) }))}
        value={value}
        onChange={(next) => {
          if (next !== null) onChange(next);
        }}
        allowDeselect={false}
      />
      <Text size="xs" c="dimmed" maw="60ch">
        {labels.tlpDescription(value)}
      </Text>
    </Stack>
  );
}

/** A plain date (the browser's date input gives YYYY-MM-DD). */
export function DateInput({
  label,
  value,
  onChange,
  error,
  description,
  required,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly description?: string;
  readonly required?: boolean;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      value={value}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      error={error}
      {...(description === undefined ? {} : { description })}
      {...(required === true ? { required: true } : {})}
      min="2000-01-01"
      max="2100-12-31"
    />
  );
}
