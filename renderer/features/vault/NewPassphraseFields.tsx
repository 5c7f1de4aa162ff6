/**
 * Choosing a passphrase (first run, recovery, change): the passphrase, its repetition and the strength
 * meter. `newPassphraseProblems` is the rule the forms submit by: at least the minimum length after NFC,
 * not "very weak", and both fields the same.
 */
import { Stack } from '@mantine/core';
import { normalizePassphrase, passphraseRules } from '@shared/crypto/passphrase';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from './PassphraseInput';
import { StrengthMeter } from './StrengthMeter';

export interface NewPassphraseProblems {
  readonly passphrase?: 'required' | 'too-short' | 'too-weak' | undefined;
  readonly confirm?: 'required' | 'mismatch' | undefined;
}

export function newPassphraseProblems(passphrase: string, confirm: string): NewPassphraseProblems {
  const rules = passphraseRules(passphrase);
  const problems: { passphrase?: NewPassphraseProblems['passphrase']; confirm?: NewPassphraseProblems['confirm'] } = {};
  if (passphrase === '') problems.passphrase = 'required';
  else if (!rules.ok) problems.passphrase = 'too-short';
  else if (rules.strength === 0) problems.passphrase = 'too-weak';
  if (confirm === '') problems.confirm = 'required';
  else if (normalizePassphrase(confirm) !== normalizePassphrase(passphrase)) problems.confirm = 'mismatch';
  return problems;
}

export function hasProblems(problems: NewPassphraseProblems): boolean {
  return problems.passphrase !== undefined || problems.confirm !== undefined;
}

export interface NewPassphraseFieldsProps {
  readonly passphrase: string;
  readonly confirm: string;
  readonly onPassphraseChange: (value: string) => void;
  readonly onConfirmChange: (value: string) => void;
  /** Show the problems (after a first attempt to submit). */
  readonly showProblems: boolean;
  readonly passphraseLabel: string;
  readonly confirmLabel: string;
  readonly disabled?: boolean | undefined;
  readonly autoFocus?: boolean | undefined;
  readonly passphraseRef?: Ref<HTMLInputElement> | undefined;
}

export function NewPassphraseFields(props: NewPassphraseFieldsProps) {
  const { t } = useTranslation('vault');
  const problems = props.showProblems ? newPassphraseProblems(props.passphrase, props.confirm) : {};
  const min = passphraseRules('').minLength;
  const passphraseError =
    problems.passphrase === 'required'
      ? t('passphrase.errors.required')
      : problems.passphrase === 'too-short'
        ? t('passphrase.errors.tooShort', { min })
        : problems.passphrase === 'too-weak'
          ? t('passphrase.errors.tooWeak')
          : undefined;
  const confirmError =
    problems.confirm === 'required'
      ? t('passphrase.errors.confirmRequired')
      : problems.confirm === 'mismatch'
        ? t('passphrase.errors.mismatch')
        : undefined;
  return (
    <Stack gap="sm">
      <PassphraseInput
        label={props.passphraseLabel}
        value={props.passphrase}
        onChange={props.onPassphraseChange}
        error={passphraseError}
        autoComplete="new-password"
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        inputRef={props.passphraseRef}
      />
      <StrengthMeter passphrase={props.passphrase} />
      <PassphraseInput
        label={props.confirmLabel}
        value={props.confirm}
        onChange={props.onConfirmChange}
        error={confirmError}
        autoComplete="new-password"
        disabled={props.disabled}
      />
    </Stack>
  );
}
