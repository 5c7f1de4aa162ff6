/**
 * The exchange's machine words in the user's language: progress stages, redaction reasons (counted:
 * plural forms in the locales), refusal codes of the bundle reader (also as the history stores them),
 * problem reasons of the import report, count names. Unknown words (a newer worker) get a general
 * sentence that still names them, never nothing.
 */
import type { RedactionReason, VaultProgress } from '@shared/ipc/vault-protocol';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const STAGES = ['gather', 'seal', 'read', 'verify', 'apply', 'write'] as const;
type Stage = (typeof STAGES)[number];

/** Codes whose refusal text the locale holds (BundleError codes and the pairing problems). */
const REFUSAL_CODES = [
  'file-missing',
  'file-empty',
  'file-too-large',
  'signature-malformed',
  'signature-legacy',
  'signer-unknown',
  'signer-unverified',
  'signer-revoked',
  'signature-invalid',
  'comment-malformed',
  'format-newer',
  'format-unsupported',
  'not-for-us',
  'age-header-malformed',
  'age-stanza-unsupported',
  'age-stanza-count',
  'decrypt-failed',
  'payload-hash-mismatch',
  'payload-too-large',
  'payload-corrupt',
  'json-invalid',
  'payload-schema',
  'header-mismatch',
  'key-log-invalid',
  'sync-refused',
  'clock-skew',
  'missing-signature',
  'missing-bundle',
  'internal',
] as const;
type RefusalCode = (typeof REFUSAL_CODES)[number];

const PROBLEM_REASONS = [
  'schema',
  'content-digest',
  'revoked',
  'parked-full',
  'device-ambiguous',
  'checkpoint-schema',
  'checkpoint-delegation',
  'checkpoint-signature',
  'checkpoint-flood',
  'uncovered',
  'forged',
  'chain-frozen',
  'wrong-owner',
  'kind-mismatch',
  'too-many-fields',
  'too-many-heads',
  'kind-rule',
  'tlp-relay',
  'wrongly-redacted',
  'clock-skew',
  'internal',
] as const;
type ProblemReason = (typeof PROBLEM_REASONS)[number];

const COUNT_NAMES = ['changeSets', 'full', 'redacted', 'applied', 'duplicates', 'contentFilled', 'parked', 'newConflicts', 'rejected', 'records'] as const;
type CountName = (typeof COUNT_NAMES)[number];

/** A refusal code at the start of a history reason, alone or followed by ": message". */
const HISTORY_CODE = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?::|$)/u;

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export interface ExchangeLabels {
  /** "Sealing: 2 of 5 — Germany" and the like. */
  readonly progress: (progress: VaultProgress) => string;
  readonly redaction: (reason: RedactionReason, count: number) => string;
  readonly refusal: (code: string) => string;
  /**
   * The `reason` of an exchange history entry: a bare refusal code, or (entries written by earlier
   * versions) "code: English message". Translated by its code; anything else is still named.
   */
  readonly historyReason: (reason: string) => string;
  readonly problem: (reason: string) => string;
  readonly count: (name: string) => string;
}

export function useExchangeLabels(): ExchangeLabels {
  const { t } = useTranslation('exchange');
  const stage = useCallback((name: string): string => (member<Stage>(STAGES, name) ? t(`stages.${name}`) : t('stages.other')), [t]);
  const refusal = useCallback((code: string): string => (member<RefusalCode>(REFUSAL_CODES, code) ? t(`refusal.${code}`) : t('refusal.other', { code })), [t]);
  return useMemo(
    () => ({
      progress: (progress) => {
        const base = progress.total > 0 ? t('progress.counted', { stage: stage(progress.stage), done: progress.done, total: progress.total }) : stage(progress.stage);
        return progress.item === undefined ? base : t('progress.item', { text: base, item: progress.item });
      },
      redaction: (reason, count) => t(`redaction.${reason}`, { count }),
      refusal,
      historyReason: (reason) => {
        const code = HISTORY_CODE.exec(reason.trim())?.[1];
        return code === undefined ? t('refusal.other', { code: reason.trim() }) : refusal(code);
      },
      problem: (reason) => (member<ProblemReason>(PROBLEM_REASONS, reason) ? t(`problem.${reason}`) : t('problem.other', { reason })),
      count: (name) => (member<CountName>(COUNT_NAMES, name) ? t(`counts.${name}`) : name),
    }),
    [refusal, stage, t],
  );
}
