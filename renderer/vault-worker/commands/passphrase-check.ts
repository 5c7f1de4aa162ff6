/**
 * Checking a passphrase against the stored wrap, with the failure policy of DESIGN.md §6. Used by unlock
 * and by the commands that ask for the passphrase again (change-passphrase, renew-recovery-sheet).
 *
 * Order matters:
 * 1. the failure delay is checked first: too early → `retry-later`, before Argon2id runs and without
 *    counting a failure;
 * 2. the stored wrap and its parameters are checked before any derivation (shared/crypto): out of bounds or
 *    altered → `kdf-params-invalid` naming the field, malformed wrap → `vault-corrupt` naming the keyring row;
 *    neither counts as a failure (no guess was tested);
 * 3. a wrong passphrase increments the unsealed counter (its own tiny transaction; sealed data is not
 *    touched) and answers `wrong-passphrase` with the time the next attempt is accepted.
 */
import { isCryptoError, type KdfCost, parseKdfParams, passphraseRules, unwrapWithPassphrase } from '@shared/crypto';
import type { KeyringKind } from '../db';
import { corruptRow, VaultFailure } from '../errors';
import { type FailureCounter, retryAtIso, retryAtMs } from '../failure-delay';
import type { VaultContext } from './context';

export interface PassphraseCheck {
  /** The unwrapped master key: the caller owns it and zeroizes it. */
  readonly masterKey: Uint8Array;
  /** The Argon2id cost of the stored wrap. */
  readonly kdf: KdfCost;
  /** The keyring as read for this check. */
  readonly keyring: Partial<Record<KeyringKind, unknown>>;
  /** The failure counter before this (successful) attempt: copied into the audit log by the caller. */
  readonly failures: FailureCounter;
}

export async function checkPassphrase(ctx: VaultContext, passphrase: string): Promise<PassphraseCheck> {
  const failures = await ctx.repo.readFailures();
  const nowMs = ctx.now().getTime();
  const retryAt = retryAtMs(failures, nowMs);
  if (retryAt !== null && retryAt > nowMs) {
    const seconds = Math.ceil((retryAt - nowMs) / 1000);
    throw new VaultFailure('retry-later', `Too many wrong passphrases: try again in ${seconds} s.`, {
      retryAt: new Date(retryAt).toISOString(),
      details: { count: failures.count },
    });
  }

  const keyring = await ctx.repo.readKeyring();
  if (keyring.passphrase === undefined) throw corruptRow('keyring', 'passphrase', 'missing', 'The passphrase key wrap is missing from the vault.');
  let masterKey: Uint8Array;
  try {
    masterKey = await unwrapWithPassphrase(keyring.passphrase, passphrase);
  } catch (error) {
    if (isCryptoError(error, 'wrong-passphrase')) {
      const at = ctx.now();
      const counter = await ctx.repo.recordFailure(at.toISOString());
      throw new VaultFailure('wrong-passphrase', error.message, {
        retryAt: retryAtIso(counter, at.getTime()) ?? at.toISOString(),
        details: { count: counter.count },
        cause: error,
      });
    }
    if (isCryptoError(error, 'wrap-invalid') || isCryptoError(error, 'wrap-corrupted')) {
      throw corruptRow('keyring', 'passphrase', 'malformed', error.message, { ...(typeof error.details['field'] === 'string' ? { field: error.details['field'] } : {}) });
    }
    throw error;
  }
  // unwrapWithPassphrase parsed the same parameters successfully, so this cannot fail.
  const { memoryKiB, iterations, parallelism } = parseKdfParams((keyring.passphrase as { kdf: unknown }).kdf);
  return { masterKey, kdf: { memoryKiB, iterations, parallelism }, keyring, failures };
}

/** The rule for a *new* passphrase (docs/crypto.md §4.1), checked before any Argon2id work is spent. */
export function passphraseTooShort(passphrase: string): VaultFailure | null {
  const rules = passphraseRules(passphrase);
  if (rules.ok) return null;
  return new VaultFailure('passphrase-too-short', `The passphrase must have at least ${rules.minLength} characters; it has ${rules.length}.`, {
    details: { length: rules.length, minLength: rules.minLength },
  });
}
